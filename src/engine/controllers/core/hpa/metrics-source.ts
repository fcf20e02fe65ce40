/**
 * The simulated metrics-server: per-Pod CPU usage from the scenario's load signal. A target's total demand is
 * shared evenly by its Ready Pods (the ones a Service would send traffic to); a Running Pod that is not Ready
 * uses nothing; a Pending Pod has no metric yet. Whole millicores, as metrics-server reports them; the remainder
 * of the division goes to the first Pods by name, so the usages always add up to the demand.
 */
import type { KubeObject } from '../../../api/types.ts';
import { isPodReady, podPhase } from '../pod-status.ts';
import { parseCpuMillis } from './cpu-quantity.ts';
import { demandAt, type LoadShape } from './load-signal.ts';
import type { PodSample } from './replica-calculator.ts';

/** Sum of the containers' CPU requests; undefined when one container has none (calculatePodRequests fails). */
export function podCpuRequestMilli(pod: KubeObject): number | undefined {
  const containers =
    (pod.spec?.containers as { resources?: { requests?: Record<string, unknown> } }[] | undefined) ?? [];
  if (containers.length === 0) return undefined;
  let total = 0;
  for (const c of containers) {
    const milli = parseCpuMillis(c.resources?.requests?.cpu);
    if (milli === undefined) return undefined;
    total += milli;
  }
  return total;
}

/** The samples the replica calculator reads: one per Pod, with its usage at time t under the given load. */
export function samplePods(
  pods: readonly KubeObject[],
  shape: LoadShape | undefined,
  t: number,
): PodSample[] {
  const serving = pods
    .filter((p) => podPhase(p) === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name!)
    .sort();
  const demand = shape ? demandAt(shape, t) : 0;
  const share = new Map<string, number>();
  if (serving.length > 0) {
    const each = Math.floor(demand / serving.length);
    const extra = demand - each * serving.length;
    serving.forEach((name, i) => share.set(name, each + (i < extra ? 1 : 0)));
  }
  return pods.map((pod) => {
    const phase = podPhase(pod) || 'Pending';
    const name = pod.metadata.name!;
    return {
      name,
      phase,
      ready: isPodReady(pod),
      deleting: pod.metadata.deletionTimestamp !== undefined,
      requestMilli: podCpuRequestMilli(pod),
      usageMilli: phase === 'Running' ? (share.get(name) ?? 0) : undefined,
    };
  });
}
