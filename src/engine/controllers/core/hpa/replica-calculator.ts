/**
 * The replica count a CPU utilization target asks for: k8s pkg/controller/podautoscaler/replica_calculator.go
 * GetResourceReplicas, groupPods and metrics/utilization.go GetResourceUtilizationRatio, as pure functions of the
 * Pods and their metrics.
 *
 * Simplified: a Pod counts as unready when it is Pending or its Ready condition is not True; the
 * cpu-initialization-period and initial-readiness-delay checks (which look at when a metric window was taken)
 * collapse into that, because the simulated metrics-server has no collection window.
 */

/** What the calculator needs to know about one Pod the target's selector matches. */
export interface PodSample {
  name: string;
  /** Pending, Running, Failed… */
  phase: string;
  ready: boolean;
  deleting: boolean;
  /** Sum of the containers' CPU requests; undefined when a container has none. */
  requestMilli: number | undefined;
  /** The metrics-server usage; undefined when it has no metric for the Pod. */
  usageMilli: number | undefined;
}

/** replica_calculator.go Tolerances: the ratio band inside which nothing changes (default 0.1 both ways). */
export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/** --horizontal-pod-autoscaler-tolerance. */
export const DEFAULT_TOLERANCE = 0.1;
export const DEFAULT_TOLERANCES: Tolerances = { scaleDown: DEFAULT_TOLERANCE, scaleUp: DEFAULT_TOLERANCE };

/** replica_calculator.go Tolerances.isWithin (since 1.33; earlier releases used |1 − ratio| ≤ tolerance). */
export function isWithinTolerance(t: Tolerances, usageRatio: number): boolean {
  return 1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
}

export interface UtilizationRatio {
  usageRatio: number;
  /** Integer percent, truncated as Go's int64 division does. */
  utilization: number;
  /** Average usage per Pod with a metric, in millicores (truncated). */
  rawAverageMilli: number;
}

/**
 * metrics/utilization.go GetResourceUtilizationRatio: a ratio of sums over the Pods that have both a metric and a
 * request, with the percentage truncated to an integer before it is divided by the target.
 */
export function resourceUtilizationRatio(
  metrics: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): UtilizationRatio {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entities = 0;
  for (const [pod, usage] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += usage;
    requestsTotal += request;
    entities++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return {
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverageMilli: Math.trunc(metricsTotal / entities),
  };
}

export interface ResourceReplicas extends UtilizationRatio {
  replicas: number;
  readyPodCount: number;
  /** Why the count is what it is, for the trace: "within tolerance", "ceil(ratio × ready)"… */
  explanation: string;
}

/** groupPods: which Pods count, which are unready, which have no metric, which are ignored. */
function groupPods(pods: readonly PodSample[]) {
  let readyPodCount = 0;
  const unready: string[] = [];
  const missing: string[] = [];
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') continue;
    if (pod.phase === 'Pending') {
      unready.push(pod.name);
      continue;
    }
    if (pod.usageMilli === undefined) {
      missing.push(pod.name);
      continue;
    }
    if (!pod.ready) {
      unready.push(pod.name);
      continue;
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing };
}

/**
 * replica_calculator.go GetResourceReplicas. currentReplicas is the target's spec.replicas. Throws an Error with
 * upstream's message when no count can be computed.
 */
export function getResourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  pods: readonly PodSample[],
  tolerances: Tolerances = DEFAULT_TOLERANCES,
): ResourceReplicas {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const { readyPodCount, unready, missing } = groupPods(pods);
  const metrics = new Map<string, number>();
  const unreadySet = new Set(unready);
  for (const pod of pods) {
    if (pod.usageMilli === undefined || pod.deleting || pod.phase === 'Failed' || unreadySet.has(pod.name))
      continue;
    metrics.set(pod.name, pod.usageMilli);
  }
  if (metrics.size === 0)
    throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  // calculatePodRequests: every Pod the selector matches needs a request, not only those with metrics.
  const requests = new Map<string, number>();
  for (const pod of pods) {
    if (pod.requestMilli === undefined) throw new Error(`missing request for cpu in Pod ${pod.name}`);
    requests.set(pod.name, pod.requestMilli);
  }

  const ratio = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const scaleUpWithUnready = unready.length > 0 && ratio.usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (isWithinTolerance(tolerances, ratio.usageRatio))
      return { ...ratio, replicas: currentReplicas, readyPodCount, explanation: 'ratio within tolerance' };
    return {
      ...ratio,
      replicas: Math.ceil(ratio.usageRatio * readyPodCount),
      readyPodCount,
      explanation: `ceil(${fmt(ratio.usageRatio)} × ${readyPodCount} ready)`,
    };
  }

  // Rebalance: on a scale-down a Pod without a metric is assumed at max(100%, target) of its request, on a
  // scale-up at 0%; unready Pods count at 0% on a scale-up, so capacity that is starting is not asked for twice.
  if (missing.length > 0) {
    if (ratio.usageRatio < 1.0) {
      const fallback = Math.max(100, targetUtilization);
      for (const name of missing) metrics.set(name, Math.trunc((requests.get(name)! * fallback) / 100));
    } else if (ratio.usageRatio > 1.0) {
      for (const name of missing) metrics.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, 0);

  const rebalanced = resourceUtilizationRatio(metrics, requests, targetUtilization).usageRatio;
  const keep = (why: string) => ({ ...ratio, replicas: currentReplicas, readyPodCount, explanation: why });
  if (isWithinTolerance(tolerances, rebalanced))
    return keep(`rebalanced ratio ${fmt(rebalanced)} within tolerance`);
  if ((ratio.usageRatio < 1.0 && rebalanced > 1.0) || (ratio.usageRatio > 1.0 && rebalanced < 1.0))
    return keep(`rebalanced ratio ${fmt(rebalanced)} reverses direction`);
  const replicas = Math.ceil(rebalanced * metrics.size);
  if ((rebalanced < 1.0 && replicas > currentReplicas) || (rebalanced > 1.0 && replicas < currentReplicas))
    return keep(`ceil(${fmt(rebalanced)} × ${metrics.size}) would move the wrong way`);
  return {
    ...ratio,
    replicas,
    readyPodCount,
    explanation: `ceil(${fmt(rebalanced)} × ${metrics.size} pods, rebalanced)`,
  };
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
