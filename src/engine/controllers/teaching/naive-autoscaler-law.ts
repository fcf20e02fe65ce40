/**
 * The control law of bug lab BL-12 (lessons-research.md part b BL-12 and part c L5): a "perfect" proportional
 * autoscaler whose metric lags d periods behind its own writes, because new Pods are not serving yet.
 *
 *   N[k+1] = ceil( N[k] · (ideal / N[k−d])^gain ),   ideal = L / t (the load over the per-Pod target)
 *
 * With gain 1 and d = 1 the loop sits on the unit circle (roots e^{±iπ/3}) and cycles with period 6:
 * 3, 9, 27, 27, 9, 3, 3, 9, … With gain 0.5 it settles (3, 6, 11, 14, 13, 11, 10, 10, …). The real HPA avoids
 * this by measuring better: replica_calculator.go GetResourceReplicas ignores not-yet-ready Pods and counts
 * them at 0% on scale-up, so capacity already requested is counted before it is measured.
 */

/** Replicas are clipped to this so an unstable run (d = 2 grows as 81, 243, 729, …) stays small. */
export const NAIVE_MAX_REPLICAS = 100;

/**
 * The next setpoint from the history of setpoints (oldest first, at least one entry). Entries before the start
 * of the history read as its first entry: the metric was steady before the loop began.
 */
export function naiveNextReplicas(
  history: readonly number[],
  ideal: number,
  deadtime: number,
  gain: 1 | 0.5,
): number {
  if (history.length === 0) throw new Error('naiveNextReplicas: the history is empty');
  if (!(ideal > 0) || !Number.isInteger(deadtime) || deadtime < 0)
    throw new Error(`naiveNextReplicas: bad ideal ${ideal} or deadtime ${deadtime}`);
  const k = history.length - 1;
  const now = history[k]!;
  const measured = history[Math.max(0, k - deadtime)]!;
  // Gain 1 stays in exact integer arithmetic (the quotient of integers is exact when it is whole); gain 0.5
  // uses sqrt, which IEEE 754 rounds correctly, so every platform computes the same trace.
  const next =
    gain === 1 ? Math.ceil((now * ideal) / measured) : Math.ceil(now * Math.sqrt(ideal / measured));
  return Math.min(NAIVE_MAX_REPLICAS, Math.max(1, next));
}

/** True when the loop is at rest: the next value equals the last d+1 values, so nothing will change again. */
export function naiveAtRest(history: readonly number[], next: number, deadtime: number): boolean {
  if (history.length < deadtime + 1) return false;
  for (let i = history.length - 1 - deadtime; i < history.length; i++) if (history[i] !== next) return false;
  return true;
}
