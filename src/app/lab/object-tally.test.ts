import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { watchObjectTally } from './object-tally.ts';
import { loadLabScenario } from './scenario.ts';

describe('watchObjectTally', () => {
  it('counts what world.summary() counts at every moment of a rollout, scale-down and deletion', () => {
    const world = createWorld(loadLabScenario('md-rolling-update').options);
    const tally = watchObjectTally(world.api);
    expect(tally.current()).toEqual(world.summary().objects);
    for (const t of [5_000, 30_000, 90_000, 200_000]) {
      world.runUntil(t);
      expect(tally.current()).toEqual(world.summary().objects);
    }
    world.act({ action: 'scale', target: { kind: 'MachineDeployment' }, replicas: 1 });
    world.act({ action: 'delete', target: { kind: 'Cluster' } });
    for (const t of [210_000, 400_000]) {
      world.runUntil(t);
      expect(tally.current()).toEqual(world.summary().objects);
    }
    tally.dispose();
  });

  it('returns the same record while nothing is written', () => {
    const world = createWorld(loadLabScenario('replicaset').options);
    const tally = watchObjectTally(world.api);
    world.runToConvergence();
    const first = tally.current();
    expect(first).toEqual(world.summary().objects);
    expect(first['Pod']?.total).toBeGreaterThan(0);
    expect(tally.current()).toBe(first);
  });
});
