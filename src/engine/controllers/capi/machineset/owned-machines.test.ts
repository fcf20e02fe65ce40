import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import type { ResourceEventHandler } from '../../../client/events.ts';
import type { SharedIndexInformer } from '../../../client/informer.ts';
import { planMachineSetRemediation } from './remediation.ts';
import { createOwnedMachineTracker } from './owned-machines.ts';
import { machineSetReplicaCounters, machinesForMachineSet } from './selection.ts';

const ms: KubeObject = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: { name: 'ms', namespace: 'default', uid: 'ms-uid' },
  spec: { replicas: 3, selector: { matchLabels: { pool: 'a' } } },
};

const machine = (
  name: string,
  opts: { pool?: string; owner?: string; conditions?: [string, string][]; deleting?: boolean } = {},
): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  metadata: {
    name,
    namespace: 'default',
    labels: { pool: opts.pool ?? 'a' },
    ...(opts.owner === undefined
      ? {}
      : {
          ownerReferences: [
            {
              apiVersion: 'cluster.x-k8s.io/v1beta2',
              kind: 'MachineSet',
              name: 'ms',
              uid: opts.owner,
              controller: true,
            },
          ],
        }),
    ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
  },
  status: {
    conditions: (opts.conditions ?? []).map(([type, status]) => ({
      type,
      status,
      reason: 'R',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    })),
  },
});

/** A stand-in informer: the test plays the notifications the real one sends after each cache change. */
function fakeInformer() {
  let handler: ResourceEventHandler | undefined;
  const cache = new Map<string, KubeObject>();
  const informer = {
    addEventHandler: (h: ResourceEventHandler) => {
      handler = h;
      return { remove: () => {}, hasSynced: () => true };
    },
  } as unknown as SharedIndexInformer;
  return {
    informer,
    cache,
    put(m: KubeObject) {
      const old = cache.get(m.metadata.name!);
      cache.set(m.metadata.name!, m);
      if (old) handler!.onUpdate?.(old, m);
      else handler!.onAdd?.(m, false);
    },
    remove(name: string) {
      const old = cache.get(name)!;
      cache.delete(name);
      handler!.onDelete?.(old);
    },
  };
}

const SELECTOR = { pool: 'a' };

describe('owned Machines tally (machineset_controller.go getAndAdoptMachinesForMachineSet + setReplicas)', () => {
  it('always agrees with a full recount of the cache, through adds, updates, a selector change and deletes', () => {
    const f = fakeInformer();
    const tracker = createOwnedMachineTracker(f.informer);
    const check = (selector: Record<string, string>) => {
      const set = { ...ms, spec: { ...ms.spec, selector: { matchLabels: selector } } };
      const owned = [...f.cache.values()].filter((m) => m.metadata.ownerReferences?.[0]?.uid === 'ms-uid');
      const listed = machinesForMachineSet(set, owned).machines;
      const plan = planMachineSetRemediation(set, listed);
      const counts = tracker.counts(set, selector);
      expect({ ...counts, ownerRemediatedPending: undefined }).toEqual({
        ...machineSetReplicaCounters(listed),
        ownerRemediatedPending: undefined,
      });
      // Zero pending means remediation has nothing to do, which lets the controller skip it.
      if (counts.ownerRemediatedPending === 0) {
        expect(plan.patches).toEqual([]);
        expect(plan.clearOwnerRemediated).toEqual([]);
      }
      for (const m of f.cache.values())
        expect(tracker.has(set, selector, `default/${m.metadata.name}`)).toBe(listed.includes(m));
    };
    f.put(
      machine('m1', {
        owner: 'ms-uid',
        conditions: [
          ['Ready', 'True'],
          ['Available', 'True'],
        ],
      }),
    );
    f.put(machine('m2', { owner: 'ms-uid', conditions: [['UpToDate', 'True']] }));
    f.put(machine('m3', { owner: 'ms-uid', pool: 'b', conditions: [['Ready', 'True']] }));
    f.put(machine('m4', { owner: 'other-uid', conditions: [['Ready', 'True']] }));
    f.put(machine('m5'));
    check(SELECTOR);
    expect(tracker.counts(ms, SELECTOR)).toMatchObject({
      replicas: 2,
      readyReplicas: 1,
      upToDateReplicas: 1,
    });
    f.put(
      machine('m2', {
        owner: 'ms-uid',
        conditions: [
          ['HealthCheckSucceeded', 'False'],
          ['OwnerRemediated', 'False'],
        ],
      }),
    );
    check(SELECTOR);
    expect(tracker.counts(ms, SELECTOR).ownerRemediatedPending).toBe(1);
    f.put(
      machine('m2', {
        owner: 'ms-uid',
        deleting: true,
        conditions: [
          ['HealthCheckSucceeded', 'False'],
          ['OwnerRemediated', 'False'],
        ],
      }),
    );
    check(SELECTOR);
    expect(tracker.counts(ms, SELECTOR)).toMatchObject({ replicas: 2, ownerRemediatedPending: 0 });
    check({ pool: 'b' });
    expect(tracker.counts(ms, { pool: 'b' })).toMatchObject({ replicas: 1, readyReplicas: 1 });
    f.remove('m1');
    f.remove('m2');
    check(SELECTOR);
    expect(tracker.counts(ms, SELECTOR).replicas).toBe(0);
  });
});
