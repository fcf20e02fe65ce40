/**
 * From the metrics' recommendation to the replica count the HPA writes: k8s pkg/controller/podautoscaler/
 * horizontal.go normalizeDesiredReplicas (no behavior: legacy rules), normalizeDesiredReplicasWithBehaviors,
 * stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate and storeScaleEvent.
 *
 * The history (timestamped recommendations and scale events) lives in the controller's memory, not in the
 * object, exactly as upstream keeps it in HorizontalController maps: a controller restart forgets it.
 * Times are virtual milliseconds; Go's time.After / time.Before comparisons are strict and so are these.
 */
import type { HpaScalingRules } from '../../../api/resources/autoscaling.ts';

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DEFAULT_DOWNSCALE_STABILIZATION_MS = 300_000;
/** horizontal.go scaleUpLimitFactor and scaleUpLimitMinimum: the legacy rate limit without behavior. */
export const SCALE_UP_LIMIT_FACTOR = 2.0;
export const SCALE_UP_LIMIT_MINIMUM = 4.0;

export interface TimestampedRecommendation {
  atMs: number;
  replicas: number;
}

export interface ScaleEvent {
  atMs: number;
  change: number;
  outdated: boolean;
}

/** What horizontal.go keeps per HPA key: recommendations, scaleUpEvents, scaleDownEvents. */
export interface HpaHistory {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export function createHistory(): HpaHistory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** horizontal.go recordInitialRecommendation: the first sync seeds the window with the current count. */
export function recordInitialRecommendation(h: HpaHistory, currentReplicas: number, nowMs: number): void {
  if (h.recommendations.length === 0) h.recommendations.push({ atMs: nowMs, replicas: currentReplicas });
}

export interface Behavior {
  scaleUp: HpaScalingRules;
  scaleDown: HpaScalingRules;
}

export interface Normalized {
  /** What the HPA will write. */
  desired: number;
  /** The recommendation after the stabilization window, before rate limits and bounds. */
  stabilized: number;
  /** AbleToScale=True reason and message: ReadyForNewScale, ScaleUpStabilized or ScaleDownStabilized. */
  ableToScale: { reason: string; message: string };
  /** ScalingLimited: limited is its status (True when the rate or bounds changed the stabilized value). */
  scalingLimited: { limited: boolean; reason: string; message: string };
  /** The stabilization window used for scale-down and scale-up, in ms, for the trace. */
  windows: { upMs: number; downMs: number };
}

const READY = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };

/** horizontal.go stabilizeRecommendation (legacy): the max over the downscale window; the oldest sample is reused. */
function stabilizeLegacy(h: HpaHistory, nowMs: number, prenormalized: number, windowMs: number): number {
  const cutoff = nowMs - windowMs;
  let max = prenormalized;
  let oldIndex = -1;
  h.recommendations.forEach((rec, i) => {
    if (rec.atMs < cutoff) oldIndex = i;
    else if (rec.replicas > max) max = rec.replicas;
  });
  const sample = { atMs: nowMs, replicas: prenormalized };
  if (oldIndex >= 0) h.recommendations[oldIndex] = sample;
  else h.recommendations.push(sample);
  return max;
}

/** horizontal.go convertDesiredReplicasWithRules: bounds and the max(2 × current, 4) scale-up limit. */
export function convertDesiredReplicasWithRules(
  current: number,
  desired: number,
  min: number,
  max: number,
): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
  let maximum: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximum = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min)
    return {
      replicas: min,
      reason: 'TooFewReplicas',
      message: 'the desired replica count is less than the minimum replica count',
    };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return {
    replicas: desired,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}

/** horizontal.go normalizeDesiredReplicas: the path for an HPA without spec.behavior. */
export function normalizeLegacy(
  h: HpaHistory,
  nowMs: number,
  current: number,
  prenormalized: number,
  min: number,
  max: number,
  downscaleWindowMs = DEFAULT_DOWNSCALE_STABILIZATION_MS,
): Normalized {
  const stabilized = stabilizeLegacy(h, nowMs, prenormalized, downscaleWindowMs);
  const ableToScale =
    stabilized !== prenormalized
      ? {
          reason: 'ScaleDownStabilized',
          message:
            'recent recommendations were higher than current one, applying the highest recent recommendation',
        }
      : READY;
  const r = convertDesiredReplicasWithRules(current, stabilized, min, max);
  return {
    desired: r.replicas,
    stabilized,
    ableToScale,
    scalingLimited: { limited: r.replicas !== stabilized, reason: r.reason, message: r.message },
    windows: { upMs: 0, downMs: downscaleWindowMs },
  };
}

/**
 * horizontal.go stabilizeRecommendationWithBehaviors: the result stays between the min of the recommendations in
 * the scale-up window and the max of those in the scale-down window, starting from the current count.
 */
export function stabilizeWithBehaviors(
  h: HpaHistory,
  nowMs: number,
  current: number,
  prenormalized: number,
  upWindowMs: number,
  downWindowMs: number,
): { stabilized: number; reason: string; message: string } {
  const upCutoff = nowMs - upWindowMs;
  const downCutoff = nowMs - downWindowMs;
  let up = prenormalized;
  let down = prenormalized;
  let oldIndex = -1;
  h.recommendations.forEach((rec, i) => {
    if (rec.atMs > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.atMs > downCutoff) down = Math.max(rec.replicas, down);
    if (rec.atMs < upCutoff && rec.atMs < downCutoff) oldIndex = i;
  });
  let stabilized = current;
  if (stabilized < up) stabilized = up;
  if (stabilized > down) stabilized = down;
  const sample = { atMs: nowMs, replicas: prenormalized };
  if (oldIndex >= 0) h.recommendations[oldIndex] = sample;
  else h.recommendations.push(sample);
  return prenormalized >= current
    ? {
        stabilized,
        reason: 'ScaleUpStabilized',
        message:
          'recent recommendations were lower than current one, applying the lowest recent recommendation',
      }
    : {
        stabilized,
        reason: 'ScaleDownStabilized',
        message:
          'recent recommendations were higher than current one, applying the highest recent recommendation',
      };
}

/** horizontal.go getReplicasChangePerPeriod: the changes made after now − period. */
function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.atMs > cutoff) sum += e.change;
  return sum;
}

/** horizontal.go calculateScaleUpLimitWithScalingRules: the most replicas the policies allow right now. */
export function scaleUpLimit(h: HpaHistory, nowMs: number, current: number, rules: HpaScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const periodStart =
      current -
      changeInPeriod(p.periodSeconds, h.scaleUpEvents, nowMs) +
      changeInPeriod(p.periodSeconds, h.scaleDownEvents, nowMs);
    // Percent rounds up, or a small count could never grow.
    const proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** horizontal.go calculateScaleDownLimitWithBehaviors: the fewest replicas the policies allow right now. */
export function scaleDownLimit(
  h: HpaHistory,
  nowMs: number,
  current: number,
  rules: HpaScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const periodStart =
      current -
      changeInPeriod(p.periodSeconds, h.scaleUpEvents, nowMs) +
      changeInPeriod(p.periodSeconds, h.scaleDownEvents, nowMs);
    // int32(float64(...)) truncates toward zero.
    const proposed =
      p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** horizontal.go convertDesiredReplicasWithBehaviorRate: policies and bounds, after stabilization. */
export function convertWithBehaviorRate(
  h: HpaHistory,
  nowMs: number,
  current: number,
  desired: number,
  min: number,
  max: number,
  behavior: Behavior,
): { replicas: number; reason: string; message: string } {
  if (desired > current) {
    const limit = Math.max(scaleUpLimit(h, nowMs, current, behavior.scaleUp), current);
    const [maximum, reason, message] =
      max > limit
        ? [
            limit,
            'ScaleUpLimit',
            'the desired replica count is increasing faster than the maximum scale rate',
          ]
        : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    if (desired > maximum) return { replicas: maximum, reason, message };
  } else if (desired < current) {
    const limit = Math.min(scaleDownLimit(h, nowMs, current, behavior.scaleDown), current);
    const [minimum, reason, message] =
      min < limit
        ? [
            limit,
            'ScaleDownLimit',
            'the desired replica count is decreasing faster than the maximum scale rate',
          ]
        : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (desired < minimum) return { replicas: minimum, reason, message };
  }
  return {
    replicas: desired,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}

/**
 * horizontal.go normalizeDesiredReplicasWithBehaviors. A scale-down window left unset takes the controller's
 * --horizontal-pod-autoscaler-downscale-stabilization (maybeInitScaleDownStabilizationWindow).
 */
export function normalizeWithBehaviors(
  h: HpaHistory,
  nowMs: number,
  current: number,
  prenormalized: number,
  min: number,
  max: number,
  behavior: Behavior,
  downscaleWindowMs = DEFAULT_DOWNSCALE_STABILIZATION_MS,
): Normalized {
  const upMs = (behavior.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downMs =
    behavior.scaleDown.stabilizationWindowSeconds === undefined
      ? downscaleWindowMs
      : behavior.scaleDown.stabilizationWindowSeconds * 1000;
  const s = stabilizeWithBehaviors(h, nowMs, current, prenormalized, upMs, downMs);
  const ableToScale = s.stabilized !== prenormalized ? { reason: s.reason, message: s.message } : READY;
  const r = convertWithBehaviorRate(h, nowMs, current, s.stabilized, min, max, behavior);
  return {
    desired: r.replicas,
    stabilized: s.stabilized,
    ableToScale,
    scalingLimited: { limited: r.replicas !== s.stabilized, reason: r.reason, message: r.message },
    windows: { upMs, downMs },
  };
}

function longestPeriodSeconds(rules: HpaScalingRules): number {
  let longest = 0;
  for (const p of rules.policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * horizontal.go storeScaleEvent: remember a rescale for the rate policies, reusing a slot older than the longest
 * policy period. Nothing is stored without behavior: the legacy limit does not look back.
 */
export function storeScaleEvent(
  h: HpaHistory,
  behavior: Behavior | undefined,
  nowMs: number,
  prev: number,
  next: number,
): void {
  if (!behavior) return;
  const up = next > prev;
  const events = up ? h.scaleUpEvents : h.scaleDownEvents;
  const cutoff = nowMs - longestPeriodSeconds(up ? behavior.scaleUp : behavior.scaleDown) * 1000;
  // markScaleEventsOutdated, then the last outdated slot is reused.
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.atMs < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const event = { atMs: nowMs, change: up ? next - prev : prev - next, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = event;
  else events.push(event);
}
