import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import {
  machineSetReplicaCounters,
  machinesForMachineSet,
  replicaCountersRequeueMs,
  selectorAsMap,
  syncReplicas,
} from './selection.ts';
import { cond, machine, runningMachine } from '../test-fixtures.ts';

function ms(
  replicas: number | undefined,
  o: { annotations?: Record<string, string>; order?: string } = {},
): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineSet',
    metadata: {
      name: 'ms',
      namespace: 'default',
      uid: 'uid-ms',
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      clusterName: 'demo',
      ...(replicas !== undefined ? { replicas } : {}),
      selector: { matchLabels: { pool: 'a' } },
      ...(o.order ? { deletion: { order: o.order } } : {}),
    },
  };
}
const labelled = (m: KubeObject) => ({ ...m, metadata: { ...m.metadata, labels: { pool: 'a' } } });

// core/reconcilers/machineset/machineset_controller.go; truth F37–F39, F43, F44.
describe('machinesForMachineSet (getAndAdoptMachinesForMachineSet)', () => {
  it('F37: counts its own and orphan Machines (adopting orphans), ignores other owners, and keeps deleting ones', () => {
    const mine = labelled(runningMachine('mine', { ownerMS: 'ms' }));
    const orphan = labelled(runningMachine('orphan'));
    const other = labelled(runningMachine('other', { ownerMS: 'someone-else' }));
    const dying = labelled(runningMachine('dying', { ownerMS: 'ms', deletedAt: 3 }));
    const unmatched = runningMachine('unmatched', { ownerMS: 'ms' });
    const got = machinesForMachineSet(ms(2), [mine, orphan, other, dying, unmatched]);
    expect(got.machines.map((m) => m.metadata.name)).toEqual(['mine', 'orphan', 'dying']);
    expect(got.adopt.map((m) => m.metadata.name)).toEqual(['orphan']);
  });
  it('turns single-value In expressions into the label map and rejects the rest (LabelSelectorAsMap)', () => {
    expect(
      selectorAsMap({
        matchLabels: { a: '1' },
        matchExpressions: [{ key: 'b', operator: 'In', values: ['2'] }],
      }),
    ).toEqual({ a: '1', b: '2' });
    expect(() => selectorAsMap({ matchExpressions: [{ key: 'b', operator: 'Exists' }] })).toThrow(
      /cannot be converted/,
    );
  });
});

describe('syncReplicas', () => {
  it('F38: creates the missing replicas, unless disable-machine-create is "true"', () => {
    expect(syncReplicas(ms(3), [runningMachine('a')], 0)).toEqual({ action: 'create', count: 2 });
    const disabled = ms(3, { annotations: { 'cluster.x-k8s.io/disable-machine-create': 'true' } });
    expect(syncReplicas(disabled, [], 0)).toEqual({ action: 'createDisabled', count: 3 });
    const notTrue = ms(1, { annotations: { 'cluster.x-k8s.io/disable-machine-create': 'false' } });
    expect(syncReplicas(notTrue, [], 0)).toEqual({ action: 'create', count: 1 });
  });
  it('F38: deletes the surplus by priority', () => {
    const d = syncReplicas(ms(1), [runningMachine('m2'), runningMachine('m1')], 0);
    expect(d.action).toBe('delete');
    expect(d.action === 'delete' && d.machines.map((m) => m.metadata.name)).toEqual(['m1']);
  });
  it('F39: a deleting Machine still counts, so its replacement waits until it is gone', () => {
    const list = [runningMachine('a'), runningMachine('b'), runningMachine('c', { deletedAt: 5 })];
    expect(syncReplicas(ms(3), list, 0)).toEqual({ action: 'none' });
    expect(syncReplicas(ms(3), list.slice(0, 2), 0)).toEqual({ action: 'create', count: 1 });
  });
  it('fails clearly without spec.replicas', () => {
    expect(() => syncReplicas(ms(undefined), [], 0)).toThrow(
      'the Replicas field in Spec for MachineSet ms is nil',
    );
  });
});

describe('replica counters (setReplicas, shouldRequeueForReplicaCountersRefresh)', () => {
  it('F43: replicas includes deleting Machines; ready/available/upToDate come from conditions; in-place updating excluded', () => {
    const c = machineSetReplicaCounters([
      runningMachine('a', {
        conditions: [cond('Ready', 'True'), cond('Available', 'True'), cond('UpToDate', 'True')],
      }),
      runningMachine('b', { deletedAt: 2, conditions: [cond('Ready', 'False'), cond('UpToDate', 'True')] }),
      runningMachine('c', {
        annotations: { 'in-place-updates.internal.cluster.x-k8s.io/update-in-progress': '' },
        conditions: [cond('Ready', 'True'), cond('Available', 'True'), cond('UpToDate', 'True')],
      }),
      machine('d'),
    ]);
    expect(c).toEqual({ replicas: 4, readyReplicas: 1, availableReplicas: 1, upToDateReplicas: 2 });
  });
  it('F44: 15 s until all are Ready, then minReadySeconds until all are Available', () => {
    expect(replicaCountersRequeueMs(3, { readyReplicas: 2, availableReplicas: 2 }, 0)).toBe(15_000);
    expect(replicaCountersRequeueMs(3, { readyReplicas: 3, availableReplicas: 1 }, 30)).toBe(30_000);
    expect(replicaCountersRequeueMs(3, { readyReplicas: 3, availableReplicas: 3 }, 30)).toBeUndefined();
  });
});
