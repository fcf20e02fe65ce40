import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { mdMaxSurge, mdMaxUnavailable, mdStrategyType, resolveFenceposts } from './fenceposts.ts';

const md = (replicas: number | undefined, strategy: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'md' },
  spec: { ...(replicas !== undefined ? { replicas } : {}), rollout: { strategy } },
});

// mdutil/util.go ResolveFenceposts, MaxSurge, MaxUnavailable; truth F49, F53.
describe('ResolveFenceposts', () => {
  it('F53: percent surge rounds up, percent unavailable rounds down', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveFenceposts('50%', '50%', 5)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
  });
  it('F53: when both resolve to 0, maxUnavailable becomes 1 (1 desired, surge 0%, unavailable 1%)', () => {
    expect(resolveFenceposts('0%', '1%', 1)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(resolveFenceposts(0, 0, 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('throws for values that are neither ints nor percentages', () => {
    expect(() => resolveFenceposts('1', 0, 3)).toThrow('string is not a percentage');
  });
});

describe('MaxSurge / MaxUnavailable of a MachineDeployment', () => {
  it('F49: the webhook defaults (RollingUpdate, surge 1, unavailable 0) apply to a bare strategy', () => {
    expect(mdStrategyType(md(3))).toBe('RollingUpdate');
    expect(mdMaxSurge(md(3))).toBe(1);
    expect(mdMaxUnavailable(md(3))).toBe(0);
  });
  it('F53: maxUnavailable is capped at replicas and is 0 with 0 replicas', () => {
    const strat = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 10 } };
    expect(mdMaxUnavailable(md(6, strat))).toBe(6);
    expect(mdMaxUnavailable(md(0, strat))).toBe(0);
    expect(mdMaxSurge(md(6, strat))).toBe(0);
  });
  it('OnDelete has neither surge nor unavailable', () => {
    expect(mdMaxSurge(md(3, { type: 'OnDelete' }))).toBe(0);
    expect(mdMaxUnavailable(md(3, { type: 'OnDelete' }))).toBe(0);
  });
  it('rejects unknown strategies and a missing spec.replicas', () => {
    expect(() => mdStrategyType(md(3, { type: 'Recreate' }))).toThrow(
      'unexpected deployment strategy type: Recreate',
    );
    expect(() => mdMaxSurge(md(undefined))).toThrow('spec.replicas for MachineDeployment md is nil');
  });
});
