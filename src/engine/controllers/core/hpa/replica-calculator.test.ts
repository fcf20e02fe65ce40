import { describe, expect, it } from 'vitest';
import {
  getResourceReplicas,
  isWithinTolerance,
  DEFAULT_TOLERANCES,
  type PodSample,
} from './replica-calculator.ts';

// lessons-research.md L4: requests 200m per Pod, target 50% (100m per Pod).
const REQUEST = 200;
const ready = (n: number, totalMilli: number): PodSample[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `p${String(i).padStart(2, '0')}`,
    phase: 'Running',
    ready: true,
    deleting: false,
    requestMilli: REQUEST,
    usageMilli: Math.floor(totalMilli / n) + (i < totalMilli % n ? 1 : 0),
  }));
const starting = (n: number): PodSample[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `s${i}`,
    phase: 'Pending',
    ready: false,
    deleting: false,
    requestMilli: REQUEST,
    usageMilli: undefined,
  }));
/** n ready Pods at an average utilization of pct percent. */
const atUtilization = (n: number, pct: number) => ready(n, (n * REQUEST * pct) / 100);

describe('replica_calculator.go GetResourceReplicas (lessons-research L4 examples)', () => {
  it('E1: 3 Pods, 900m (150%) → ratio 3.0 → 9; with 9 Pods at 50% it stays 9 (deadbeat)', () => {
    const r = getResourceReplicas(3, 50, ready(3, 900));
    expect([r.utilization, r.usageRatio, r.replicas]).toEqual([150, 3, 9]);
    expect(getResourceReplicas(9, 50, ready(9, 900)).replicas).toBe(9);
  });

  it('E2: 10 Pods at 52% and 54% → ratio 1.04 / 1.08 → no change (tolerance 0.1)', () => {
    expect(getResourceReplicas(10, 50, atUtilization(10, 52)).replicas).toBe(10);
    expect(getResourceReplicas(10, 50, atUtilization(10, 54)).replicas).toBe(10);
  });

  it('E3: 55% is the boundary; Tolerances.isWithin (1 - t <= ratio <= 1 + t, since 1.33) keeps 10', () => {
    // 55/50 and 1 + 0.1 are the same float64, so the ratio is inside the band. Before 1.33 the test was
    // |1 - ratio| <= 0.1, and |1 - 1.1| = 0.10000000000000009 scaled to 11 (the figure lessons-research quotes).
    expect(55 / 50).toBe(1 + 0.1);
    expect(Math.abs(1 - 55 / 50) > 0.1).toBe(true);
    expect(getResourceReplicas(10, 50, atUtilization(10, 55)).replicas).toBe(10);
  });

  it('E4: 45% is inside the band (no change); 44% → 9', () => {
    expect(isWithinTolerance(DEFAULT_TOLERANCES, 45 / 50)).toBe(true);
    expect(getResourceReplicas(10, 50, atUtilization(10, 45)).replicas).toBe(10);
    expect(getResourceReplicas(10, 50, atUtilization(10, 44)).replicas).toBe(9);
  });

  it('E5: 10 Pods at 56% → ceil(1.12 × 10) = 12', () => {
    expect(getResourceReplicas(10, 50, atUtilization(10, 56)).replicas).toBe(12);
  });

  it('utilization is a ratio of sums truncated to an integer percent (metrics/utilization.go)', () => {
    // 1000m over 3 Pods of 200m: 166.67% → 166%, ratio 3.32 → ceil(9.96) = 10.
    const r = getResourceReplicas(3, 50, ready(3, 1000));
    expect(r.utilization).toBe(166);
    expect(r.replicas).toBe(10);
    expect(r.rawAverageMilli).toBe(333);
  });

  it('E9: 9 wanted, 3 Ready, 900m → unready Pods count at 0% on a scale-up: rebalanced ratio 1.0 holds 9', () => {
    const r = getResourceReplicas(9, 50, [...ready(3, 900), ...starting(6)]);
    expect(r.usageRatio).toBe(3);
    expect(r.replicas).toBe(9);
    expect(r.explanation).toContain('within tolerance');
  });

  it('E9: with 1350m the rebalanced ratio is 1.5 over 9 Pods → 14', () => {
    expect(getResourceReplicas(9, 50, [...ready(3, 1350), ...starting(6)]).replicas).toBe(14);
  });

  it('a Running Pod without a metric counts at 100% of its request on a scale-down', () => {
    const missing: PodSample = { ...ready(1, 0)[0]!, name: 'm', usageMilli: undefined };
    // 4 Pods at 20% alone would give ceil(0.4 × 4) = 2; the missing Pod at 100% gives (160+200)/1000 = 36% → 0.72 × 5 → 4.
    const r = getResourceReplicas(5, 50, [...ready(4, 160), missing]);
    expect(r.replicas).toBe(4);
  });

  it('deleting and Failed Pods are ignored', () => {
    const gone: PodSample[] = [
      { ...ready(1, 0)[0]!, name: 'x', deleting: true, usageMilli: 1000 },
      { ...ready(1, 0)[0]!, name: 'y', phase: 'Failed', usageMilli: 1000 },
    ];
    expect(getResourceReplicas(2, 50, [...ready(2, 200), ...gone]).replicas).toBe(2);
  });

  it('fails with upstream messages when there is nothing to compute from', () => {
    expect(() => getResourceReplicas(2, 50, [])).toThrow(
      'no pods returned by selector while calculating replica count',
    );
    expect(() => getResourceReplicas(2, 50, starting(2))).toThrow(
      'did not receive metrics for targeted pods',
    );
    const noRequest = ready(2, 200).map((p) => ({ ...p, requestMilli: undefined }));
    expect(() => getResourceReplicas(2, 50, noRequest)).toThrow('missing request for cpu');
  });
});
