import { describe, expect, it } from 'vitest';
import { createWorld } from '../engine/world/world.ts';
import type { Measure } from './lesson-types.ts';
import { compare, startProbe } from './measures.ts';
import { scenarioWorldOptions } from './scenarios/capi-test-scenarios.ts';

const world = () =>
  createWorld({ ...scenarioWorldOptions('replicaset.yaml'), timeline: [], keepTrace: false });

describe('startProbe', () => {
  it('counts a measure shared by a prediction and a check once', () => {
    const w = world();
    w.runUntil(10_000);
    const created: Measure = { measure: 'created', kind: 'Pod' };
    const probe = startProbe(w, [created, created]);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 });
    w.runUntil(20_000);
    expect(probe.read(created)).toBe(2);
    probe.stop();
  });

  it('tracks the peak and trough of a count at every commit, not only at the end', () => {
    const w = world();
    w.runUntil(10_000);
    const peak: Measure = { measure: 'peak', kind: 'Pod' };
    const trough: Measure = { measure: 'trough', kind: 'Pod' };
    const probe = startProbe(w, [peak, trough]);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 6 });
    w.runUntil(20_000);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 1 });
    w.runUntil(30_000);
    expect(probe.read({ measure: 'count', kind: 'Pod' })).toBe(1);
    expect(probe.read(peak)).toBe(6);
    expect(probe.read(trough)).toBe(1);
    probe.stop();
  });

  it('reads fields by path, counts field changes and matching trace events', () => {
    const w = world();
    const ready: Measure = {
      measure: 'field',
      kind: 'ReplicaSet',
      name: 'web',
      path: 'status.readyReplicas',
    };
    const changes: Measure = { measure: 'changes', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' };
    const scaled: Measure = { measure: 'events', type: 'user.action', where: { action: 'scale' } };
    const probe = startProbe(w, [changes, scaled]);
    w.runUntil(10_000);
    expect(probe.read(ready)).toBe(3);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 });
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 });
    w.runUntil(20_000);
    expect(probe.read(changes)).toBe(1);
    expect(probe.read(scaled)).toBe(2);
    expect(probe.read({ measure: 'field', kind: 'ReplicaSet', name: 'nope', path: 'spec.replicas' })).toBe(0);
    probe.stop();
  });
});

describe('compare', () => {
  it('applies each comparison', () => {
    expect([
      compare(3, 'eq', 3),
      compare(3, 'gte', 4),
      compare(3, 'lte', 3),
      compare(3, 'gt', 2),
      compare(3, 'lt', 3),
    ]).toEqual([true, false, true, true, false]);
  });
});
