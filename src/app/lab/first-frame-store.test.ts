import { FIRST_FRAME } from 'virtual:reconcile-lab/first-screen';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_ID } from '../../lessons/scenarios/index.ts';
import { createFirstFrameStore, STILL_LOADING } from './first-frame-store.ts';
import { createLabStore, type LabState } from './lab-store.ts';
import { loadLabScenario } from './scenario.ts';

const fresh = () => createLabStore(loadLabScenario(DEFAULT_SCENARIO_ID));
function first() {
  if (FIRST_FRAME === null) throw new Error('the build shipped no first frame');
  return createFirstFrameStore(FIRST_FRAME);
}

describe('createFirstFrameStore', () => {
  it('shows play, pause and speed at once, as a live store at t = 0 would', () => {
    const steps: ((s: LabState) => void)[] = [
      (s) => s.play(),
      (s) => s.setSpeed(7),
      (s) => s.togglePlay(),
      (s) => s.setSpeed(0.01),
      (s) => s.togglePlay(),
    ];
    const lab = first();
    const live = fresh();
    for (const step of steps) {
      step(lab.store.getState());
      step(live.getState());
      expect(lab.store.getState().snap).toEqual(live.getState().snap);
    }
    expect(lab.store.getState().snap).toMatchObject({ playing: true, speed: 0.1, t: 0 });
  });

  it('shows step, step to quiet and reset pausing, as a live store does', () => {
    for (const act of [
      (s: LabState) => s.step(),
      (s: LabState) => s.stepToQuiescence(),
      (s: LabState) => s.reset(),
    ]) {
      const lab = first();
      lab.store.getState().play();
      act(lab.store.getState());
      expect(lab.store.getState().snap.playing).toBe(false);
    }
  });

  it('hands over once, and drops what was kept when the engine will not come', () => {
    const lab = first();
    lab.store.getState().play();
    lab.store.getState().step();
    lab.abandon();
    expect(lab.store.getState().snap.playing).toBe(false);
    const real = fresh();
    lab.handOver(real);
    expect(real.getState().snap.executed).toBe(0);
    expect(real.getState().snap.playing).toBe(false);
    expect(() => lab.handOver(fresh())).toThrow(/already handed over/);
  });

  it('plays nothing itself: a frame leaves the first frame as it is', () => {
    const lab = first();
    lab.store.getState().play();
    const before = lab.store.getState().snap;
    lab.store.getState().frame(1000);
    expect(lab.store.getState().snap).toBe(before);
  });

  it('hands over what was done, in order, as if done on the live store', () => {
    const steps: ((s: LabState) => void)[] = [
      (s) => s.step(),
      (s) => s.step(),
      (s) => s.select({ kind: 'ReplicaSet', name: 'web' }),
      (s) => s.stepToQuiescence(),
      (s) => s.seek(1000),
      (s) => s.setSpeed(4),
      (s) => s.play(),
    ];
    const lab = first();
    for (const step of steps) step(lab.store.getState());
    expect(lab.store.getState().snap.executed).toBe(0);
    const handedTo = fresh();
    lab.handOver(handedTo);
    const direct = fresh();
    for (const step of steps) step(direct.getState());
    expect(handedTo.getState().snap.executed).toBeGreaterThan(0);
    expect(handedTo.getState().snap).toEqual(direct.getState().snap);
  });

  it('forwards to the real store after the hand-over, for a key handler not yet moved to it', () => {
    const lab = first();
    lab.store.getState().step();
    const real = fresh();
    lab.handOver(real);
    lab.store.getState().stepToQuiescence();
    lab.store.getState().togglePlay();
    const direct = fresh();
    direct.getState().step();
    direct.getState().stepToQuiescence();
    direct.getState().togglePlay();
    expect(real.getState().snap).toEqual(direct.getState().snap);
    expect(real.getState().snap.replicaSets[0]?.ready).toBe(3);
    expect(lab.store.getState().world()).toBe(real.getState().world());
    expect(
      lab.store.getState().act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 }),
    ).toEqual({ ok: true });
    expect(real.getState().snap.replicaSets[0]?.desired).toBe(4);
    // Nothing kept twice: the stand-in's own picture stays the first frame.
    expect(lab.store.getState().snap.executed).toBe(0);
  });

  it('refuses what needs the world, with a message, and hands over nothing for it', () => {
    const lab = first();
    const r = lab.store
      .getState()
      .act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 });
    expect(r).toEqual({ ok: false, error: STILL_LOADING });
    expect(() => lab.store.getState().world()).toThrow(STILL_LOADING);
    expect(() => lab.store.getState().history()).toThrow(STILL_LOADING);
    expect(() => lab.store.getState().runTo({ forMs: 10 })).toThrow(STILL_LOADING);
    const handedTo = fresh();
    const before = JSON.stringify(handedTo.getState().snap);
    lab.handOver(handedTo);
    expect(JSON.stringify(handedTo.getState().snap)).toBe(before);
  });

  it("reads the event log's kinds from the build's table", () => {
    const kinds = first().store.getState().kinds();
    expect(kinds.ofResource('replicasets.apps')).toBe('ReplicaSet');
    expect(kinds.ofController('replicaset-controller')).toBe('ReplicaSet');
  });
});
