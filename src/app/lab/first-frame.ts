/**
 * The default lab's first frame, drawn before the engine has loaded. The build opens the default scenario in a
 * real lab store, in Node (scenarios-plugin.ts), and ships what its first snapshot holds; the first screen draws
 * that while the engine's chunk (lab-engine.ts) downloads, then hands over to a store built from the same
 * scenario. A paused lab at t = 0 is all the first screen shows, so it needs none of the engine's code: that is
 * most of the first screen's JavaScript (issue 4: ≤ 150 KB gzip).
 */
import { kindTableOf, type KindTable } from './kinds.ts';
import type { LabSnapshot, LabStore } from './lab-store.ts';
import { clampSpeed } from './speed.ts';

export interface FirstFrame {
  scenarioId: string;
  snap: LabSnapshot;
  /** What the store's kinds() answers, for the event log's filter. */
  kinds: KindTable;
}

/** The frame a fresh store shows; throws when the store is not fresh, which would be a build bug. */
export function firstFrameOf(store: LabStore, scenarioId: string): FirstFrame {
  const s = store.getState();
  if (s.snap.executed !== 0 || s.snap.playing)
    throw new Error('the first frame must come from a fresh, paused lab store');
  return { scenarioId, snap: s.snap, kinds: kindTableOf(s.world()) };
}

/** The start a URL asks for: the first frame stands in only for a plain start of its own scenario. */
export interface FirstFrameStart {
  scenarioId: string;
  seed?: number | undefined;
  speed?: number | undefined;
  t?: number | undefined;
  autoplay?: boolean | undefined;
  /** A lesson or a permalink's tape opens another moment. */
  restores: boolean;
}

export function firstFrameFor(frame: FirstFrame | undefined, start: FirstFrameStart): FirstFrame | undefined {
  if (frame === undefined || start.restores || start.autoplay) return undefined;
  if (start.scenarioId !== frame.scenarioId) return undefined;
  if (start.seed !== undefined && start.seed !== frame.snap.seed) return undefined;
  if (start.t !== undefined && start.t !== 0) return undefined;
  if (start.speed === undefined) return frame;
  // A fresh store's pace starts at its speed (lab-store.ts): the only two fields a speed changes at t = 0.
  const speed = clampSpeed(start.speed);
  return { ...frame, snap: { ...frame.snap, speed, pace: speed } };
}
