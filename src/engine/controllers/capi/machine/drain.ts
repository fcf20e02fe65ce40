/**
 * Which Pods a Machine drain evicts, waits for, or skips: core/reconcilers/machine/drain/filters.go
 * (skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter, drainLabelFilter)
 * and drain.go (GetPodsForEviction, EvictPods, EvictionResult.DrainCompleted/ConditionMessage).
 *
 * Truth facts: F29 (cordon, evict, requeue every 20 s; DaemonSet, static/mirror and `cluster.x-k8s.io/drain:
 * skip` Pods are skipped; on an unreachable Node, Pods whose deletionTimestamp is more than 1 s old are skipped).
 *
 * Simplified: MachineDrainRules and drain order are not modelled (every non-skipped Pod has order 0), and an
 * eviction always succeeds (no PodDisruptionBudgets), so a Pod is either to evict now, already terminating, or
 * waited on to complete.
 */
import type { KubeObject } from '../../../api/types.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { asRecord, asString, compareNames, deletionMs, isDeleting } from '../fields.ts';
import { hasAnnotation, MIRROR_POD_ANNOTATION, POD_DRAIN_LABEL } from '../labels.ts';

/** drainRetryInterval and waitForVolumeDetachRetryInterval in machine_controller.go. */
export const DRAIN_RETRY_INTERVAL_MS = 20_000;
export const WAIT_FOR_VOLUME_DETACH_RETRY_INTERVAL_MS = 20_000;

export type PodDrainBehavior = 'Drain' | 'Skip' | 'WaitCompleted';

export interface DrainOptions {
  /** The Node's Ready condition is Unknown (noderefutil.IsNodeUnreachable). */
  nodeUnreachable: boolean;
  nowMs: number;
  /** Whether the DaemonSet controlling a Pod still exists; orphaned DaemonSet Pods are evicted. Default: yes. */
  daemonSetExists?: (namespace: string, name: string) => boolean;
}

const phaseOf = (p: KubeObject) => asString(p.status?.phase) ?? '';
const finished = (p: KubeObject) => phaseOf(p) === 'Succeeded' || phaseOf(p) === 'Failed';

function controllerOf(p: KubeObject): { kind: string; name: string } | undefined {
  for (const r of p.metadata.ownerReferences ?? []) if (r.controller) return { kind: r.kind, name: r.name };
  return undefined;
}

/**
 * The filters in GetPodsForEviction order; the first one that says Skip or WaitCompleted wins.
 */
export function podDrainBehavior(pod: KubeObject, opts: DrainOptions): PodDrainBehavior {
  // skipDeletedFilter: only active on an unreachable Node (SkipWaitForDeleteTimeoutSeconds = 1).
  if (opts.nodeUnreachable && isDeleting(pod)) {
    const since = deletionMs(pod);
    if (since !== undefined && Math.floor((opts.nowMs - since) / 1000) > 1) return 'Skip';
  }
  // daemonSetFilter: running DaemonSet Pods are skipped unless their DaemonSet is gone.
  const ctrl = controllerOf(pod);
  if (ctrl?.kind === 'DaemonSet' && !finished(pod)) {
    const exists = opts.daemonSetExists?.(pod.metadata.namespace ?? '', ctrl.name) ?? true;
    if (exists) return 'Skip';
  }
  // mirrorPodFilter: static Pods cannot be evicted through the API.
  if (hasAnnotation(pod, MIRROR_POD_ANNOTATION)) return 'Skip';
  // localStorageFilter and unreplicatedFilter only add warnings; drainLabelFilter can skip or wait.
  const label = pod.metadata.labels?.[POD_DRAIN_LABEL];
  if (label !== undefined) {
    if (label.toLowerCase() === 'skip') return 'Skip';
    if (label.replace('-', '').toLowerCase() === 'waitcompleted') return 'WaitCompleted';
  }
  return 'Drain';
}

export interface DrainPlan {
  /** Pods to evict in this reconcile (Drain behavior, no deletionTimestamp yet), sorted by namespace/name. */
  evictNow: KubeObject[];
  /** Pods already being deleted that the drain still waits for. */
  terminating: KubeObject[];
  /** Pods labelled wait-completed that are still on the Node. */
  waitCompleted: KubeObject[];
  /** Pods the drain leaves alone. */
  skipped: KubeObject[];
  /** DrainCompleted: nothing left to evict or wait for. */
  completed: boolean;
}

const podKey = (p: KubeObject) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

/** GetPodsForEviction + EvictPods classification for the Pods bound to the Node being drained. */
export function planDrain(podsOnNode: readonly KubeObject[], opts: DrainOptions): DrainPlan {
  const sorted = [...podsOnNode].sort((a, b) => compareNames(podKey(a), podKey(b)));
  const plan: DrainPlan = { evictNow: [], terminating: [], waitCompleted: [], skipped: [], completed: false };
  for (const p of sorted) {
    const b = podDrainBehavior(p, opts);
    if (b === 'Skip') plan.skipped.push(p);
    else if (b === 'WaitCompleted') plan.waitCompleted.push(p);
    else if (isDeleting(p)) plan.terminating.push(p);
    else plan.evictNow.push(p);
  }
  plan.completed =
    plan.evictNow.length === 0 && plan.terminating.length === 0 && plan.waitCompleted.length === 0;
  return plan;
}

/** clog.ListToString(pods, klog.KObj, n): "ns/a, ns/b, ... (2 more)". */
export function podListToString(pods: readonly KubeObject[], n: number): string {
  const shown = pods.slice(0, n).map(podKey);
  if (pods.length > n) shown.push(`... (${pods.length - n} more)`);
  return shown.join(', ');
}

/**
 * EvictionResult.ConditionMessage after this reconcile's evictions: evicted Pods now have a deletionTimestamp,
 * so they join the "still not removed" line. Empty when the drain is complete.
 */
export function drainConditionMessage(plan: DrainPlan, nodeDrainStartMs: number): string {
  const pending = [...plan.terminating, ...plan.evictNow].sort((a, b) => compareNames(podKey(a), podKey(b)));
  if (pending.length === 0 && plan.waitCompleted.length === 0) return '';
  let msg = `Drain not completed yet (started at ${virtualTimestamp(nodeDrainStartMs)}):`;
  if (pending.length > 0) {
    msg += `\n* ${pending.length > 1 ? 'Pods' : 'Pod'} ${podListToString(pending, 3)}: deletionTimestamp set, but still not removed from the Node`;
  }
  if (plan.waitCompleted.length > 0) {
    msg += `\n* ${plan.waitCompleted.length > 1 ? 'Pods' : 'Pod'} ${podListToString(plan.waitCompleted, 3)}: waiting for completion`;
  }
  return msg;
}

/** Node.spec.unschedulable: already cordoned. */
export const isNodeCordoned = (node: KubeObject): boolean => asRecord(node.spec)?.unschedulable === true;
