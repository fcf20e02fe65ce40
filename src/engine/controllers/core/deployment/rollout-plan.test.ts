import { describe, expect, it } from 'vitest';
import type { DeploymentView, RsView } from './deployment-util.ts';
import { planScale, reconcileNewReplicaSet, reconcileOldReplicaSets } from './rollout-plan.ts';

const d = (replicas: number, extra: Partial<DeploymentView> = {}): DeploymentView => ({
  name: 'web',
  replicas,
  strategy: 'RollingUpdate',
  maxSurge: '25%',
  maxUnavailable: '25%',
  statusReplicas: replicas,
  ...extra,
});
const rs = (name: string, spec: number, available = spec, created = '2026-01-01T00:00:00Z'): RsView => ({
  name,
  created,
  specReplicas: spec,
  statusReplicas: spec,
  readyReplicas: available,
  availableReplicas: available,
  annotations: {},
});

describe('rolling.go reconcileNewReplicaSet', () => {
  it('surges by maxSurge, then waits; a too-large new ReplicaSet goes straight down to replicas', () => {
    const fresh = rs('new', 0);
    expect(reconcileNewReplicaSet(d(4), [rs('old', 4), fresh], fresh)).toMatchObject({ from: 0, to: 1 });
    const one = rs('new', 1, 0);
    expect(reconcileNewReplicaSet(d(4), [rs('old', 4), one], one)).toBeUndefined();
    const big = rs('new', 6);
    expect(reconcileNewReplicaSet(d(4), [big], big)).toMatchObject({ from: 6, to: 4 });
  });
});

describe('rolling.go reconcileOldReplicaSets', () => {
  it('4 replicas, 25%/25%: with the new pod not yet available, one old replica may go', () => {
    // allPods 5, minAvailable 3, new unavailable 1 → maxScaledDown 1; available 4 > 3 → scale down 1.
    const newRS = rs('new', 1, 0);
    const old = rs('old', 4);
    expect(reconcileOldReplicaSets(d(4), [old, newRS], [old], newRS)).toEqual([
      { name: 'old', from: 4, to: 3, why: 'scaleDownOldReplicaSets' },
    ]);
  });

  it('does nothing while it would go under replicas − maxUnavailable', () => {
    const newRS = rs('new', 2, 0);
    const old = rs('old', 3);
    // allPods 5 − minAvailable 3 − new unavailable 2 = 0.
    expect(reconcileOldReplicaSets(d(4), [old, newRS], [old], newRS)).toEqual([]);
  });

  it('cleanupUnhealthyReplicas first takes unavailable old replicas, oldest ReplicaSet first', () => {
    const a = rs('a', 2, 0, '2026-01-01T00:00:00Z');
    const b = rs('b', 2, 1, '2026-01-01T00:00:10Z');
    const newRS = rs('new', 4, 4, '2026-01-01T00:00:20Z');
    // replicas 4, maxUnavailable 1 → minAvailable 3; allPods 8; maxScaledDown 8 − 3 − 0 = 5.
    const steps = reconcileOldReplicaSets(d(4), [a, b, newRS], [a, b], newRS);
    expect(steps).toEqual([
      { name: 'a', from: 2, to: 0, why: 'cleanupUnhealthyReplicas' },
      { name: 'b', from: 2, to: 1, why: 'cleanupUnhealthyReplicas' },
      // available 0 + 1 + 4 = 5 > 3 → 2 more may go: b's last one (a is at 0 now).
      { name: 'b', from: 1, to: 0, why: 'scaleDownOldReplicaSets' },
    ]);
  });

  it('maxSurge 0 / maxUnavailable 1 scales the old ReplicaSet down before the new one grows', () => {
    const view = d(3, { maxSurge: 0, maxUnavailable: 1 });
    const fresh = rs('new', 0);
    const old = rs('old', 3);
    expect(reconcileNewReplicaSet(view, [old, fresh], fresh)).toBeUndefined();
    expect(reconcileOldReplicaSets(view, [old, fresh], [old], fresh)).toEqual([
      { name: 'old', from: 3, to: 2, why: 'scaleDownOldReplicaSets' },
    ]);
  });
});

describe('sync.go scale', () => {
  it('one active ReplicaSet takes the new size', () => {
    expect(planScale(d(6), rs('new', 2), [rs('old', 0)])).toEqual([
      { name: 'new', from: 2, to: 6, why: 'scale' },
    ]);
    expect(planScale(d(2), rs('new', 2), [])).toEqual([]);
  });

  it('mid-rollout, an increase is spread in proportion and the leftover goes to the largest', () => {
    const ann = { 'deployment.kubernetes.io/max-replicas': '13' };
    const newRS = { ...rs('new', 5, 0, '2026-01-01T00:01:00Z'), annotations: ann };
    const old = { ...rs('old', 8, 8), annotations: ann };
    // Was 10 (+3 surge); now 20 (+5): allowed 25, have 13, add 12.
    const steps = planScale(d(20), newRS, [old]);
    expect(steps.map((s) => [s.name, s.to])).toEqual([
      ['old', 15],
      ['new', 10],
    ]);
    expect(steps.reduce((n, s) => n + s.to, 0)).toBe(25);
  });
});
