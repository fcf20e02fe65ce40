import { describe, expect, it } from 'vitest';
import { drainConditionMessage, planDrain, podDrainBehavior, podListToString } from './drain.ts';
import { pod } from '../test-fixtures.ts';

// core/reconcilers/machine/drain/filters.go and drain.go; truth F29.
describe('podDrainBehavior (drain/filters.go, first skipping filter wins)', () => {
  const reachable = { nodeUnreachable: false, nowMs: 100_000 };
  it('skips running DaemonSet Pods but evicts finished or orphaned ones (daemonSetFilter)', () => {
    expect(podDrainBehavior(pod('ds', { ownerKind: 'DaemonSet' }), reachable)).toBe('Skip');
    expect(podDrainBehavior(pod('ds', { ownerKind: 'DaemonSet', phase: 'Succeeded' }), reachable)).toBe(
      'Drain',
    );
    expect(
      podDrainBehavior(pod('ds', { ownerKind: 'DaemonSet' }), { ...reachable, daemonSetExists: () => false }),
    ).toBe('Drain');
  });
  it('skips static (mirror) Pods (mirrorPodFilter)', () => {
    expect(podDrainBehavior(pod('etcd', { mirror: true }), reachable)).toBe('Skip');
  });
  it('honours cluster.x-k8s.io/drain: skip and wait-completed (drainLabelFilter)', () => {
    expect(podDrainBehavior(pod('a', { drainLabel: 'skip' }), reachable)).toBe('Skip');
    expect(podDrainBehavior(pod('a', { drainLabel: 'Wait-Completed' }), reachable)).toBe('WaitCompleted');
    expect(podDrainBehavior(pod('a', { drainLabel: 'bogus' }), reachable)).toBe('Drain');
  });
  it('evicts ReplicaSet and unmanaged Pods', () => {
    expect(podDrainBehavior(pod('rs', { ownerKind: 'ReplicaSet' }), reachable)).toBe('Drain');
    expect(podDrainBehavior(pod('bare'), reachable)).toBe('Drain');
  });
  it('on an unreachable Node ignores Pods deleted more than 1 s ago (skipDeletedFilter)', () => {
    const p = pod('stuck', { deletedAt: 90 });
    expect(podDrainBehavior(p, { nodeUnreachable: true, nowMs: 91_900 })).toBe('Drain');
    expect(podDrainBehavior(p, { nodeUnreachable: true, nowMs: 92_000 })).toBe('Skip');
    expect(podDrainBehavior(p, { nodeUnreachable: false, nowMs: 200_000 })).toBe('Drain');
  });
});

describe('planDrain + drainConditionMessage (drain.go EvictPods, EvictionResult.ConditionMessage)', () => {
  it('sorts by namespace/name, splits evict-now from terminating and is complete only when nothing is left', () => {
    const plan = planDrain(
      [
        pod('b'),
        pod('a'),
        pod('gone', { deletedAt: 1 }),
        pod('ds', { ownerKind: 'DaemonSet' }),
        pod('w', { drainLabel: 'wait-completed' }),
      ],
      { nodeUnreachable: false, nowMs: 10_000 },
    );
    expect(plan.evictNow.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(plan.terminating.map((p) => p.metadata.name)).toEqual(['gone']);
    expect(plan.waitCompleted.map((p) => p.metadata.name)).toEqual(['w']);
    expect(plan.skipped.map((p) => p.metadata.name)).toEqual(['ds']);
    expect(plan.completed).toBe(false);
    expect(drainConditionMessage(plan, 5000)).toBe(
      'Drain not completed yet (started at 2026-01-01T00:00:05Z):\n' +
        '* Pods default/a, default/b, default/gone: deletionTimestamp set, but still not removed from the Node\n' +
        '* Pod default/w: waiting for completion',
    );
    const done = planDrain([pod('ds', { ownerKind: 'DaemonSet' })], { nodeUnreachable: false, nowMs: 0 });
    expect(done.completed).toBe(true);
    expect(drainConditionMessage(done, 0)).toBe('');
  });

  it('lists at most three Pods then "(N more)" like clog.ListToString', () => {
    expect(podListToString([pod('a'), pod('b'), pod('c'), pod('d'), pod('e')], 3)).toBe(
      'default/a, default/b, default/c, ... (2 more)',
    );
  });
});
