import { describe, expect, it } from 'vitest';
import { defaultScaleDownRules, defaultScaleUpRules } from '../../../api/resources/autoscaling.ts';
import {
  convertDesiredReplicasWithRules,
  createHistory,
  normalizeLegacy,
  normalizeWithBehaviors,
  recordInitialRecommendation,
  storeScaleEvent,
  type Behavior,
  type HpaHistory,
} from './normalize.ts';

const DEFAULTS: Behavior = { scaleUp: defaultScaleUpRules(), scaleDown: defaultScaleDownRules() };
const SYNC = 15_000;

/** One HPA sync as reconcileAutoscaler runs it: normalize, then store the scale event if it rescaled. */
function sync(
  h: HpaHistory,
  now: number,
  current: number,
  recommendation: number,
  behavior = DEFAULTS,
  min = 1,
  max = 100,
) {
  recordInitialRecommendation(h, current, now);
  const n = normalizeWithBehaviors(h, now, current, recommendation, min, max, behavior);
  if (n.desired !== current) storeScaleEvent(h, behavior, now, current, n.desired);
  return n;
}

describe('horizontal.go default behavior (lessons-research L4)', () => {
  it('E6: from 2 towards 20 with the default scale-up policies: 2 → 6 → 12 → 20 at t = 0 / 15 / 30 s', () => {
    const h = createHistory();
    const seen: number[] = [];
    let current = 2;
    for (let t = 0; t <= 30_000; t += SYNC) {
      const n = sync(h, t, current, 20);
      current = n.desired;
      seen.push(current);
    }
    expect(seen).toEqual([6, 12, 20]);
  });

  it('E6: the limit is max(+4 Pods, +100%) per 15 s, and reason ScaleUpLimit', () => {
    const n = sync(createHistory(), 0, 2, 20);
    expect(n.scalingLimited).toMatchObject({ limited: true, reason: 'ScaleUpLimit' });
  });

  it('a scale event exactly one period old no longer counts (getReplicasChangePerPeriod uses After)', () => {
    const h = createHistory();
    sync(h, 0, 2, 20); // 2 → 6
    // 1 ms before the period ends, the +4 still counts: period start is 2, limit max(6, 4) = 6.
    expect(normalizeWithBehaviors(h, SYNC - 1, 6, 20, 1, 100, DEFAULTS).desired).toBe(6);
  });

  it('E8: 10 replicas, load drops at t=0 (recommendation 4); holds 10 through 270 s, scales to 4 at 285 s', () => {
    const h = createHistory();
    // The last high recommendation was taken at t = -15 s.
    sync(h, -SYNC, 10, 10);
    const trajectory: [number, number][] = [];
    let current = 10;
    for (let t = 0; t <= 300_000; t += SYNC) {
      const n = sync(h, t, current, 4);
      if (n.desired !== current) trajectory.push([t, n.desired]);
      current = n.desired;
      if (t === 270_000) expect(current).toBe(10);
    }
    expect(trajectory).toEqual([[285_000, 4]]);
  });

  it('the scale-down window takes the max recommendation in the last 300 s, not the latest', () => {
    const h = createHistory();
    sync(h, 0, 10, 10);
    sync(h, 100_000, 10, 7);
    const n = sync(h, 200_000, 10, 3);
    expect(n.stabilized).toBe(10);
    expect(n.ableToScale.reason).toBe('ScaleDownStabilized');
    // At 301 s the 10 from t=0 has left the window; 7 (t=100 s) is now the highest.
    expect(sync(h, 301_000, 10, 3).desired).toBe(7);
  });

  it('a scale-up window takes the min recommendation (stabilizeRecommendationWithBehaviors)', () => {
    const behavior: Behavior = {
      ...DEFAULTS,
      scaleUp: { ...defaultScaleUpRules(), stabilizationWindowSeconds: 60 },
    };
    const h = createHistory();
    sync(h, 0, 4, 4, behavior);
    const n = sync(h, 15_000, 4, 9, behavior);
    expect(n.stabilized).toBe(4);
    expect(n.ableToScale.reason).toBe('ScaleUpStabilized');
  });

  it('scale-down policies: 100% per 15 s allows any drop; Pods 1 per 60 s allows one, then waits', () => {
    const slow: Behavior = {
      scaleUp: defaultScaleUpRules(),
      scaleDown: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
      },
    };
    const h = createHistory();
    expect(sync(h, 0, 5, 1, slow).desired).toBe(4);
    expect(sync(h, 15_000, 4, 1, slow)).toMatchObject({
      desired: 4,
      scalingLimited: { reason: 'ScaleDownLimit' },
    });
    expect(sync(h, 61_000, 4, 1, slow).desired).toBe(3);
  });

  it('selectPolicy Disabled forbids the direction; Min picks the smaller change', () => {
    const disabled: Behavior = {
      ...DEFAULTS,
      scaleUp: { ...defaultScaleUpRules(), selectPolicy: 'Disabled' },
    };
    expect(sync(createHistory(), 0, 3, 9, disabled).desired).toBe(3);
    const min: Behavior = { ...DEFAULTS, scaleUp: { ...defaultScaleUpRules(), selectPolicy: 'Min' } };
    // min(3 + 4, 3 × 2) = 6.
    expect(sync(createHistory(), 0, 3, 20, min).desired).toBe(6);
  });

  it('bounds: TooManyReplicas above max, TooFewReplicas below min', () => {
    expect(sync(createHistory(), 0, 8, 30, DEFAULTS, 2, 10)).toMatchObject({
      desired: 10,
      scalingLimited: { reason: 'TooManyReplicas' },
    });
    const h = createHistory();
    expect(
      normalizeWithBehaviors(h, 0, 3, 1, 2, 10, {
        ...DEFAULTS,
        scaleDown: { ...defaultScaleDownRules(), stabilizationWindowSeconds: 0 },
      }),
    ).toMatchObject({
      desired: 2,
      scalingLimited: { reason: 'TooFewReplicas' },
    });
  });
});

describe('horizontal.go legacy path (no spec.behavior)', () => {
  it('E7: scaleUpLimit = max(2 × current, 4): 1 → 4, 2 → 4, 3 → 6, 5 → 10, 8 → 16', () => {
    const limits = [1, 2, 3, 5, 8].map((n) => convertDesiredReplicasWithRules(n, 1000, 1, 1000).replicas);
    expect(limits).toEqual([4, 4, 6, 10, 16]);
  });

  it('the downscale window (5 min) applies without behavior too', () => {
    const h = createHistory();
    normalizeLegacy(h, 0, 10, 10, 1, 20);
    expect(normalizeLegacy(h, 150_000, 10, 3, 1, 20)).toMatchObject({
      desired: 10,
      ableToScale: { reason: 'ScaleDownStabilized' },
    });
    expect(normalizeLegacy(h, 301_000, 10, 3, 1, 20).desired).toBe(3);
  });
});
