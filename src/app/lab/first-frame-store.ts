/**
 * A lab store that shows the build's first frame (first-frame.ts) until the engine has loaded. What the learner
 * does meanwhile is kept and replayed, in order, on the real store at hand-over: Play pressed while the engine
 * downloads starts playing the moment it arrives. Play, pause and speed show at once; anything that needs the
 * world (an edit, the inspector's history) is refused with a message and changes nothing.
 */
import { createStore } from 'zustand/vanilla';
import type { FirstFrame } from './first-frame.ts';
import { kindLookupOfTable } from './kinds.ts';
import type { LabState, LabStore } from './lab-store.ts';
import { clampSpeed } from './speed.ts';

export const STILL_LOADING = 'the simulation is still loading; try again in a moment';

export interface FirstFrameLab {
  store: LabStore;
  /**
   * Replays what was done on the first frame onto `to`, the store that replaces it, and forwards to it from
   * then on: until React has re-rendered, a key handler may still hold this store.
   */
  handOver(to: LabStore): void;
  /** The engine will not come (its chunk failed to load): drop what was kept and show the lab paused. */
  abandon(): void;
}

export function createFirstFrameStore(frame: FirstFrame): FirstFrameLab {
  const intents: ((s: LabState) => void)[] = [];
  let target: LabStore | undefined;
  const kinds = kindLookupOfTable(frame.kinds);
  const store = createStore<LabState>()((set, get) => {
    /** Runs on the real store once there is one; until then kept, with what it shows at once. */
    const route = (intent: (s: LabState) => void, show?: () => void) => {
      if (target) return intent(target.getState());
      intents.push(intent);
      show?.();
    };
    /** Needs the world: the real store's answer once there is one, else a clear refusal. */
    const needsWorld =
      <R>(what: string, forward: (s: LabState) => R) =>
      (): R => {
        if (target) return forward(target.getState());
        throw new Error(`${what}: ${STILL_LOADING}`);
      };
    // As lab-store.ts does: play restarts the pace at the speed.
    const showPlaying = (playing: boolean) => () => {
      const { snap } = get();
      set({ snap: playing ? { ...snap, playing, pace: snap.speed } : { ...snap, playing } });
    };
    return {
      snap: frame.snap,
      play: () => route((s) => s.play(), showPlaying(true)),
      pause: () => route((s) => s.pause(), showPlaying(false)),
      togglePlay() {
        if (target) target.getState().togglePlay();
        else if (get().snap.playing) get().pause();
        else get().play();
      },
      setSpeed: (speed) =>
        route(
          (s) => s.setSpeed(speed),
          () => {
            const v = clampSpeed(speed);
            set({ snap: { ...get().snap, speed: v, pace: v } });
          },
        ),
      // As lab-store.ts does, these pause.
      step: () => route((s) => s.step(), showPlaying(false)),
      stepToQuiescence: () => route((s) => s.stepToQuiescence(), showPlaying(false)),
      reset: () => route((s) => s.reset(), showPlaying(false)),
      seek: (t) => route((s) => s.seek(t)),
      select: (ref) => route((s) => s.select(ref)),
      act: (action) => (target ? target.getState().act(action) : { ok: false, error: STILL_LOADING }),
      // Nothing plays before the engine is here; after, the provider's frame loop drives the real store.
      frame: () => {},
      kinds: () => (target ? target.getState().kinds() : kinds),
      world: needsWorld('the world', (s) => s.world()),
      history: needsWorld('the history', (s) => s.history()),
      // Lessons start only once the engine has loaded (App.tsx): these are not reached from the first frame.
      restart: (options, at) => needsWorld('restart', (s) => s.restart(options, at))(),
      runTo: (t) => needsWorld('runTo', (s) => s.runTo(t))(),
      finishRun: needsWorld('finishRun', (s) => s.finishRun()),
    };
  });
  return {
    store,
    handOver(to) {
      if (target) throw new Error('the first frame was already handed over');
      for (const intent of intents.splice(0)) intent(to.getState());
      target = to;
    },
    abandon() {
      intents.length = 0;
      if (store.getState().snap.playing)
        store.setState({ snap: { ...store.getState().snap, playing: false } });
    },
  };
}
