import { FIRST_FRAME } from 'virtual:reconcile-lab/first-screen';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_ID } from '../../lessons/scenarios/index.ts';
import { firstFrameFor, firstFrameOf, type FirstFrame } from './first-frame.ts';
import { kindLookupOf, kindLookupOfTable } from './kinds.ts';
import { createLabStore } from './lab-store.ts';
import { loadLabScenario } from './scenario.ts';

const fresh = (speed?: number) =>
  createLabStore(loadLabScenario(DEFAULT_SCENARIO_ID), speed === undefined ? {} : { speed });

function shipped(): FirstFrame {
  if (FIRST_FRAME === null) throw new Error('the build shipped no first frame');
  return FIRST_FRAME;
}

describe("the build's first frame", () => {
  it('is what a fresh lab store of the default scenario shows, field for field', () => {
    const frame = shipped();
    expect(frame.scenarioId).toBe(DEFAULT_SCENARIO_ID);
    const live = fresh().getState().snap;
    expect(frame.snap).toEqual(live);
    // The build's JSON keeps every key a fresh store sets to something: toEqual alone would let one go missing
    // wherever the store's value is undefined.
    for (const [k, v] of Object.entries(live)) if (v !== undefined) expect(frame.snap).toHaveProperty(k);
    expect(frame.snap.trace.length).toBeGreaterThan(0);
  });

  it("answers every kind question as the live world's lookup does", () => {
    const world = fresh().getState().world();
    const live = kindLookupOf(world);
    const table = kindLookupOfTable(shipped().kinds);
    const resources = world.api.registry.all().map((d) => (d.group ? `${d.plural}.${d.group}` : d.plural));
    expect(resources.length).toBeGreaterThan(10);
    for (const r of resources) expect(table.ofResource(r)).toBe(live.ofResource(r));
    for (const c of world.controllers.keys()) expect(table.ofController(c)).toBe(live.ofController(c));
    expect(table.ofController('replicaset-controller')).toBe('ReplicaSet');
    expect(table.ofResource('no-such-things')).toBeUndefined();
    expect(table.ofResource('constructor')).toBeUndefined();
  });

  it('refuses a store that has already run', () => {
    const store = fresh();
    store.getState().step();
    expect(() => firstFrameOf(store, DEFAULT_SCENARIO_ID)).toThrow(/fresh, paused/);
  });
});

describe('firstFrameFor', () => {
  const frame = shipped();
  const plain = { scenarioId: DEFAULT_SCENARIO_ID, restores: false } as const;

  it('stands in for a plain start of its scenario, with or without its own seed', () => {
    expect(firstFrameFor(frame, plain)).toBe(frame);
    expect(firstFrameFor(frame, { ...plain, seed: frame.snap.seed, t: 0, autoplay: false })).toBe(frame);
  });

  it('does not stand in for another scenario, seed, moment, autoplay, lesson or tape', () => {
    expect(firstFrameFor(undefined, plain)).toBeUndefined();
    expect(firstFrameFor(frame, { ...plain, scenarioId: 'deployment-rollout' })).toBeUndefined();
    expect(firstFrameFor(frame, { ...plain, seed: frame.snap.seed + 1 })).toBeUndefined();
    expect(firstFrameFor(frame, { ...plain, t: 5000 })).toBeUndefined();
    expect(firstFrameFor(frame, { ...plain, autoplay: true })).toBeUndefined();
    expect(firstFrameFor(frame, { ...plain, restores: true })).toBeUndefined();
  });

  it('shows a requested speed as a store opened at that speed does', () => {
    for (const speed of [10, 0.5, 1000]) {
      const shown = firstFrameFor(frame, { ...plain, speed });
      expect(shown?.snap).toEqual(fresh(speed).getState().snap);
    }
  });
});
