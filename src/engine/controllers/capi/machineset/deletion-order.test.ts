import { describe, expect, it } from 'vitest';
import { deletePriorityFunc, machinesToDelete } from './deletion-order.ts';
import { cond, machine, runningMachine } from '../test-fixtures.ts';

// core/reconcilers/machineset/machineset_deletion_order.go; truth F42.
const DAY = 86_400_000;
const names = (ms: { metadata: { name?: string } }[]) => ms.map((m) => m.metadata.name);

describe('MachineSet deletion priority (machineset_deletion_order.go)', () => {
  it('F42: deleting > delete-machine annotation > in-place updating > unhealthy > policy value', () => {
    const ms = [
      runningMachine('a-healthy'),
      runningMachine('b-annotated', { annotations: { 'cluster.x-k8s.io/delete-machine': '' } }),
      runningMachine('c-deleting', { deletedAt: 10 }),
      machine('d-no-node'),
      runningMachine('e-updating', {
        annotations: { 'in-place-updates.internal.cluster.x-k8s.io/update-in-progress': '' },
      }),
      runningMachine('f-node-unhealthy', { conditions: [cond('NodeHealthy', 'False', 'NodeNotHealthy')] }),
      runningMachine('g-mhc-failed', {
        conditions: [cond('HealthCheckSucceeded', 'False', 'NodeStartupTimeout')],
      }),
    ];
    expect(names(machinesToDelete(ms, 7, 'Random', 0))).toEqual([
      'c-deleting',
      'b-annotated',
      'e-updating',
      'd-no-node',
      'f-node-unhealthy',
      'g-mhc-failed',
      'a-healthy',
    ]);
  });

  it('F42: Random (and "") is a constant 20, so ties break by name and the result is deterministic', () => {
    const ms = [runningMachine('m3'), runningMachine('m1'), runningMachine('m2')];
    expect(names(machinesToDelete(ms, 2, 'Random', 0))).toEqual(['m1', 'm2']);
    expect(names(machinesToDelete(ms, 2, '', 0))).toEqual(['m1', 'm2']);
    expect(names(machinesToDelete(ms, 2, undefined, 0))).toEqual(['m1', 'm2']);
    expect(deletePriorityFunc('Random')(runningMachine('x'), 0)).toBe(20);
  });

  it('F42: Oldest deletes the oldest first with 50·(1−e^(−age/10d)); Newest is 50 minus that', () => {
    const now = 30 * DAY;
    const ms = [
      runningMachine('young', { createdAt: (29 * DAY) / 1000 }),
      runningMachine('old', { createdAt: 0 }),
    ];
    expect(names(machinesToDelete(ms, 1, 'Oldest', now))).toEqual(['old']);
    expect(names(machinesToDelete(ms, 1, 'Newest', now))).toEqual(['young']);
    expect(deletePriorityFunc('Oldest')(ms[1]!, now)).toBeCloseTo(50 * (1 - Math.exp(-3)), 10);
    expect(deletePriorityFunc('Newest')(ms[1]!, now)).toBeCloseTo(50 * Math.exp(-3), 10);
    // Unhealthy still beats any age.
    expect(deletePriorityFunc('Oldest')(machine('no-node'), now)).toBe(50);
  });

  it('F42: already deleting Machines fill the quota first, so no extra Machine is picked while they terminate', () => {
    const ms = [runningMachine('a'), runningMachine('z', { deletedAt: 1 })];
    expect(names(machinesToDelete(ms, 1, 'Random', 0))).toEqual(['z']);
  });

  it('returns nothing for diff ≤ 0, everything for a large diff, and rejects unknown orders', () => {
    const ms = [runningMachine('a')];
    expect(machinesToDelete(ms, 0, 'Random', 0)).toEqual([]);
    expect(names(machinesToDelete(ms, 5, 'Random', 0))).toEqual(['a']);
    expect(() => machinesToDelete(ms, 1, 'Biggest', 0)).toThrow(
      "Unsupported deletion order Biggest. Must be one of 'Random', 'Newest', or 'Oldest'",
    );
  });
});
