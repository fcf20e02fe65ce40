import { describe, expect, it } from 'vitest';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { createLabStore, type LabStore } from './lab-store.ts';
import { loadLabScenario } from './scenario.ts';

const scenario = loadLabScenario('replicaset');
const newStore = () => createLabStore(scenario);
const running = (store: LabStore) => store.getState().snap.pods.filter((p) => p.phase === 'Running').length;
const scaleWeb = (replicas: number) =>
  ({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas }) as const;

describe('createLabStore', () => {
  it('starts paused at t = 0 and a frame does nothing until play', () => {
    const store = newStore();
    expect(store.getState().snap).toMatchObject({ t: 0, playing: false, speed: 1, seed: 1 });
    store.getState().frame(16);
    expect(store.getState().snap.t).toBe(0);
    store.getState().play();
    store.getState().frame(16);
    store.getState().frame(16.5);
    expect(store.getState().snap.t).toBe(32);
    expect(store.getState().snap.playing).toBe(true);
  });

  it('keeps virtual time an integer at fractional speeds and caps a long frame', () => {
    const store = newStore();
    store.getState().setSpeed(0.1);
    store.getState().play();
    for (let i = 0; i < 3; i++) store.getState().frame(16);
    expect(store.getState().snap.t).toBe(4);
    store.getState().setSpeed(1000);
    expect(store.getState().snap.speed).toBe(100);
    store.getState().frame(60_000);
    expect(store.getState().snap.t).toBe(4 + 100 * 100);
    expect(store.getState().snap.trace.every((e) => Number.isInteger(e.t))).toBe(true);
  });

  it('stops a frame at its engine budget, drops the time it could not play and reports the pace', () => {
    // A fake wall clock that moves 1 ms per look and no budget: each frame runs one slice of events.
    let wall = 0;
    const budgeted = createLabStore(scenario, {
      speed: 100,
      budget: { clock: () => wall++, engineMs: () => 0 },
    });
    const free = createLabStore(scenario, { speed: 100 });
    budgeted.getState().play();
    free.getState().play();
    budgeted.getState().frame(16);
    free.getState().frame(16);
    const b = budgeted.getState().snap;
    expect(free.getState().snap.t).toBe(1600);
    expect(b.t).toBeLessThan(1600);
    expect(b.executed).toBeGreaterThan(0);
    expect(b.pace).toBeLessThan(100);
    // Whatever the slicing, the same events run in the same order: the traces agree up to where both are.
    for (let i = 0; i < 400 && budgeted.getState().snap.t < 5_000; i++) budgeted.getState().frame(16);
    free.getState().seek(budgeted.getState().snap.t);
    expect(traceToJsonl(budgeted.getState().snap.trace)).toBe(traceToJsonl(free.getState().snap.trace));
  });

  it('hands out the same series and markers while they do not change, and new ones when they do', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const before = store.getState().snap;
    store.getState().play();
    store.getState().frame(16);
    const after = store.getState().snap;
    expect(after.t).toBeGreaterThan(before.t);
    expect(after.series).toBe(before.series);
    expect(after.markers).toBe(before.markers);
    store.getState().act(scaleWeb(5));
    for (let i = 0; i < 100; i++) store.getState().frame(16);
    const later = store.getState().snap;
    expect(later.series).not.toBe(before.series);
    expect(later.series.at(-1)).toMatchObject({ desired: 5 });
    expect(later.markers).not.toBe(before.markers);
    expect(later.markers.some((m) => m.kind === 'user')).toBe(true);
  });

  it('steps exactly one scheduler event', () => {
    const store = newStore();
    const before = store.getState().snap.executed;
    store.getState().step();
    expect(store.getState().snap.executed).toBe(before + 1);
  });

  it('steps to quiescence: three Pods Running and the ReplicaSet ready, before the timeline at 30s', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const snap = store.getState().snap;
    expect(snap.quiet).toBe(true);
    expect(snap.t).toBeLessThan(30_000);
    expect(running(store)).toBe(3);
    expect(snap.replicaSets[0]).toMatchObject({ name: 'web', desired: 3, ready: 3, converged: true });
    expect(snap.series[0]).toMatchObject({ t: 0, desired: 3, ready: 0 });
    expect(snap.series.at(-1)).toMatchObject({ desired: 3, ready: 3 });
  });

  it('applies a user action through world.act and converges on it', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    expect(store.getState().act(scaleWeb(5))).toEqual({ ok: true });
    store.getState().stepToQuiescence();
    expect(running(store)).toBe(5);
    expect(store.getState().snap.markers.some((m) => m.kind === 'user' && m.label.includes('scale'))).toBe(
      true,
    );
  });

  it('rejects a bad action with a message and changes nothing', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const before = store.getState().snap;
    const result = store.getState().act(scaleWeb(-1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/replicas/);
    const missing = store.getState().act({ action: 'delete', target: { kind: 'Pod', name: 'nope' } });
    expect(missing.ok).toBe(false);
    const after = store.getState().snap;
    expect(after.traceSize).toBe(before.traceSize);
    expect(after.pods).toEqual(before.pods);
  });

  it('seeks back by replay, shows the earlier state, and forward again gives a byte-identical trace', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const scaledAt = store.getState().snap.t;
    store.getState().act(scaleWeb(5));
    store.getState().stepToQuiescence();
    const end = store.getState().snap.t;
    const original = traceToJsonl(store.getState().snap.trace);

    store.getState().seek(scaledAt - 1);
    expect(store.getState().snap.t).toBe(scaledAt - 1);
    expect(running(store)).toBe(3);
    expect(store.getState().snap.series.every((p) => p.t <= scaledAt - 1)).toBe(true);
    // The action ahead stays on the tape and shows on the scrubber.
    expect(store.getState().snap.markers.some((m) => m.kind === 'ahead')).toBe(true);
    expect(store.getState().snap.horizonMs).toBeGreaterThanOrEqual(end);

    store.getState().seek(end);
    expect(running(store)).toBe(5);
    expect(traceToJsonl(store.getState().snap.trace)).toBe(original);
  });

  it('acting after a seek back drops the old future', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const t = store.getState().snap.t;
    store.getState().act(scaleWeb(5));
    store.getState().stepToQuiescence();
    store.getState().seek(t);
    store.getState().act(scaleWeb(2));
    store.getState().stepToQuiescence();
    expect(store.getState().snap.replicaSets[0]).toMatchObject({ desired: 2, ready: 2 });
    expect(store.getState().snap.markers.some((m) => m.kind === 'ahead')).toBe(false);
  });

  it('reset rebuilds the world paused at t = 0 and forgets the tape', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    store.getState().act(scaleWeb(4));
    store.getState().play();
    store.getState().reset();
    const snap = store.getState().snap;
    expect(snap).toMatchObject({ t: 0, playing: false });
    expect(snap.markers).toEqual([]);
    expect(snap.generation).toBeGreaterThan(1);
  });

  it('gives each instance its own world', () => {
    const a = newStore();
    const b = newStore();
    a.getState().stepToQuiescence();
    expect(a.getState().snap.t).toBeGreaterThan(0);
    expect(b.getState().snap.t).toBe(0);
  });

  it('injects a fault through world.act and recovers', () => {
    const store = newStore();
    store.getState().stepToQuiescence();
    const r = store
      .getState()
      .act({ action: 'fault', fault: { type: 'controllerCrash', controller: 'replicaset-controller' } });
    expect(r).toEqual({ ok: true });
    expect(store.getState().snap.markers.some((m) => m.kind === 'fault')).toBe(true);
    store
      .getState()
      .act({ action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } });
    store.getState().seek(store.getState().snap.t + 20_000);
    expect(running(store)).toBe(3);
  });
});
