import { describe, expect, it } from 'vitest';
import {
  computePodTemplateHash,
  equalIgnoreHash,
  findActiveOrLatest,
  isSaturated,
  maxSurgeOf,
  maxUnavailableOf,
  newReplicaSetAnnotations,
  newReplicaSetName,
  newRSNewReplicas,
  replicaSetProportion,
  resolveFenceposts,
  type DeploymentView,
  type RsView,
} from './deployment-util.ts';

const d = (replicas: number, extra: Partial<DeploymentView> = {}): DeploymentView => ({
  name: 'web',
  replicas,
  strategy: 'RollingUpdate',
  maxSurge: '25%',
  maxUnavailable: '25%',
  statusReplicas: replicas,
  ...extra,
});
const rs = (name: string, specReplicas: number, extra: Partial<RsView> = {}): RsView => ({
  name,
  created: '2026-01-01T00:00:00Z',
  specReplicas,
  statusReplicas: specReplicas,
  readyReplicas: specReplicas,
  availableReplicas: specReplicas,
  annotations: {},
  ...extra,
});

describe('deployment_util.go ResolveFenceposts', () => {
  it.each([
    // [maxSurge, maxUnavailable, desired, surge, unavailable]
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 10, 3, 2], // 2.5 → surge up to 3, unavailable down to 2
    ['25%', '25%', 1, 1, 0],
    ['0%', '10%', 5, 0, 1], // both resolve to 0 → unavailable 1
    [0, '1%', 2, 0, 1],
    [2, 0, 3, 2, 0],
  ] as const)('surge %s unavailable %s of %i → %i / %i', (s, u, desired, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
  });

  it('MaxSurge and MaxUnavailable are 0 for Recreate; MaxUnavailable is 0 with no replicas', () => {
    expect(maxSurgeOf(d(4, { strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailableOf(d(4, { strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailableOf(d(0))).toBe(0);
    // deployment_util.go MaxUnavailable caps at replicas.
    expect(maxUnavailableOf(d(2, { maxUnavailable: 5, maxSurge: 0 }))).toBe(2);
  });

  it('rejects a malformed percentage like the Go function', () => {
    expect(() => resolveFenceposts('abc', '25%', 4)).toThrow(/invalid value for IntOrString/);
  });
});

describe('deployment_util.go NewRSNewReplicas', () => {
  it('RollingUpdate grows the new ReplicaSet up to replicas + maxSurge in spec replicas', () => {
    const newRS = rs('new', 0);
    expect(newRSNewReplicas(d(4), [rs('old', 4), newRS], newRS)).toBe(1);
    const grown = rs('new', 1);
    expect(newRSNewReplicas(d(4), [rs('old', 3), grown], grown)).toBe(2);
    // At the ceiling already: unchanged.
    expect(newRSNewReplicas(d(4), [rs('old', 4), grown], grown)).toBe(1);
    // Never past replicas, even with room to surge.
    const nearly = rs('new', 3);
    expect(newRSNewReplicas(d(4), [rs('old', 0), nearly], nearly)).toBe(4);
  });

  it('Recreate goes straight to replicas', () => {
    const newRS = rs('new', 0);
    expect(newRSNewReplicas(d(4, { strategy: 'Recreate' }), [rs('old', 4), newRS], newRS)).toBe(4);
  });
});

describe('deployment_util.go IsSaturated and FindActiveOrLatest', () => {
  it('saturated only with desired-replicas = spec.replicas = available = replicas', () => {
    const ann = { 'deployment.kubernetes.io/desired-replicas': '3' };
    expect(isSaturated(d(3), rs('n', 3, { annotations: ann }))).toBe(true);
    expect(isSaturated(d(3), rs('n', 3))).toBe(false);
    expect(isSaturated(d(3), rs('n', 3, { annotations: ann, availableReplicas: 2 }))).toBe(false);
    expect(isSaturated(d(3), undefined)).toBe(false);
  });

  it('one active ReplicaSet is it; none active gives the new one, else the newest old one; two give none', () => {
    const older = rs('a', 0, { created: '2026-01-01T00:00:00Z' });
    const newer = rs('b', 0, { created: '2026-01-01T00:01:00Z' });
    expect(findActiveOrLatest(undefined, [older, newer])?.name).toBe('b');
    expect(findActiveOrLatest(rs('n', 0), [older, newer])?.name).toBe('n');
    expect(findActiveOrLatest(rs('n', 0), [rs('a', 2)])?.name).toBe('a');
    expect(findActiveOrLatest(rs('n', 1), [rs('a', 2)])).toBeUndefined();
  });
});

describe('new ReplicaSet naming and annotations (sync.go getNewReplicaSet, SetNewReplicaSetAnnotations)', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'x' }] },
  };

  it('the hash is stable, uses the SafeEncodeString alphabet, and moves with the template and collisionCount', () => {
    const h = computePodTemplateHash(template);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    // Key order does not matter; content does.
    expect(computePodTemplateHash({ spec: template.spec, metadata: template.metadata })).toBe(h);
    expect(
      computePodTemplateHash({ ...template, spec: { containers: [{ name: 'c', image: 'y' }] } }),
    ).not.toBe(h);
    expect(computePodTemplateHash(template, 1)).not.toBe(h);
    expect(newReplicaSetName('web', h)).toBe(`web-${h}`);
  });

  it('EqualIgnoreHash sets pod-template-hash aside', () => {
    const hashed = { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } };
    expect(equalIgnoreHash(hashed, template)).toBe(true);
    expect(equalIgnoreHash(hashed, { ...template, spec: {} })).toBe(false);
  });

  it('a created ReplicaSet gets revision, desired-replicas, max-replicas and the copyable annotations', () => {
    const anns = newReplicaSetAnnotations(
      {
        team: 'a',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        'deployment.kubernetes.io/revision': '7',
      },
      rs('n', 0),
      3,
      false,
      d(4),
    );
    expect(anns).toEqual({
      team: 'a',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
  });

  it('an existing ReplicaSet only moves its revision up, and reports no change when none is due', () => {
    const existing = rs('n', 4, { annotations: { 'deployment.kubernetes.io/revision': '5' } });
    expect(newReplicaSetAnnotations({}, existing, 3, true, d(4))).toBeUndefined();
    expect(newReplicaSetAnnotations({}, existing, 6, true, d(4))).toEqual({
      'deployment.kubernetes.io/revision': '6',
    });
  });
});

describe('deployment_util.go GetReplicaSetProportion', () => {
  it('shares an increase by each ReplicaSet’s part of the last max-replicas, capped by what is left', () => {
    const ann = { 'deployment.kubernetes.io/max-replicas': '13' };
    // Was 10 + 3 surge = 13, now 20 + 5 = 25: a ReplicaSet of 8 goes to round(8·25/13) = 15, +7.
    expect(replicaSetProportion(rs('a', 8, { annotations: ann }), d(20), 12, 0)).toBe(7);
    expect(replicaSetProportion(rs('a', 8, { annotations: ann }), d(20), 12, 10)).toBe(2);
    expect(replicaSetProportion(rs('a', 0, { annotations: ann }), d(20), 12, 0)).toBe(0);
    // Scaling to zero takes everything.
    expect(replicaSetProportion(rs('a', 8, { annotations: ann }), d(0), -13, 0)).toBe(-8);
  });
});
