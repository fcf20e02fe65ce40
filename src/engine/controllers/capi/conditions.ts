/**
 * v1beta2 conditions ([]metav1.Condition) as plain JSON, with the exact set/sort/mirror/summary rules CAPI uses
 * (util/conditions/setter.go Set, sort.go defaultSortLessFunc, mirror.go newMirrorCondition, summary.go
 * NewSummaryCondition, merge_strategies.go DefaultMergeStrategy; apimachinery meta.SetStatusCondition).
 *
 * Truth facts: F24 (Ready summary semantics: issue > unknown > info), §B condition cheat-sheet. lastTransitionTime
 * changes only when the status changes, and is truncated to whole seconds like every metav1.Time.
 *
 * All functions are pure: they return a new array when something changed and the same array otherwise, so a
 * caller can tell "no patch needed" by reference equality.
 */
import { virtualTimestamp } from '../../sim/timestamp.ts';
import type { KubeObject } from '../../api/types.ts';
import { asRecord, isDeleting } from './fields.ts';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** What a controller wants a condition to say; lastTransitionTime is only used when the status changes. */
export interface ConditionInput {
  type: string;
  status: ConditionStatus;
  reason: string;
  message?: string;
  lastTransitionTime?: string;
}

// Shared reasons (api/core/v1beta2/common_types.go and util/conditions).
export const READY_REASON = 'Ready';
export const NOT_READY_REASON = 'NotReady';
export const READY_UNKNOWN_REASON = 'ReadyUnknown';
export const AVAILABLE_REASON = 'Available';
export const INTERNAL_ERROR_REASON = 'InternalError';
export const OBJECT_DOES_NOT_EXIST_REASON = 'ObjectDoesNotExist';
export const OBJECT_DELETED_REASON = 'ObjectDeleted';
export const NOT_DELETING_REASON = 'NotDeleting';
export const DELETING_REASON = 'Deleting';
export const DELETION_COMPLETED_REASON = 'DeletionCompleted';
export const INSPECTION_FAILED_REASON = 'InspectionFailed';
export const NOT_YET_REPORTED_REASON = 'NotYetReported';
export const NO_REASON_REPORTED = 'NoReasonReported';

/** The conditions array of any object (status.conditions); never undefined. */
export function conditionsOf(obj: KubeObject): readonly Condition[] {
  const c = asRecord(obj.status)?.conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}

export function getCondition(list: readonly Condition[], type: string): Condition | undefined {
  for (const c of list) if (c.type === type) return c;
  return undefined;
}

export const isTrue = (list: readonly Condition[], type: string): boolean =>
  getCondition(list, type)?.status === 'True';
export const isFalse = (list: readonly Condition[], type: string): boolean =>
  getCondition(list, type)?.status === 'False';

// util/conditions/sort.go `order`: Available and Ready first, Paused and Deleting last, the rest by type.
const ORDER = [
  'Available',
  'Ready',
  'UpToDate',
  'RemoteConnectionProbe',
  'BootstrapConfigReady',
  'InfrastructureReady',
  'ControlPlaneInitialized',
  'ControlPlaneAvailable',
  'WorkersAvailable',
  'CertificatesAvailable',
  'Initialized',
  'EtcdClusterHealthy',
  'ControlPlaneComponentsHealthy',
  'NodeHealthy',
  'NodeReady',
  'NodeKubeadmLabelsAndTaintsSet',
  'EtcdPodHealthy',
  'EtcdMemberHealthy',
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
  'HealthCheckSucceeded',
  'OwnerRemediated',
  'TopologyReconciled',
  'Updating',
  'RollingOut',
  'Remediating',
  'ScalingDown',
  'ScalingUp',
  'MachinesReady',
  'ControlPlaneMachinesReady',
  'WorkerMachinesReady',
  'MachinesUpToDate',
  'ControlPlaneMachinesUpToDate',
  'WorkerMachinesUpToDate',
  '<readiness and availability gates>',
  'Paused',
  'Deleting',
];
const ORDER_INDEX = new Map(ORDER.map((t, i) => [t, i]));
const GATES_INDEX = ORDER_INDEX.get('<readiness and availability gates>')!;

/** util/conditions/sort.go defaultSortLessFunc as a comparator. */
export function compareConditionTypes(a: string, b: string): number {
  const fa = ORDER_INDEX.get(a) ?? GATES_INDEX;
  const fb = ORDER_INDEX.get(b) ?? GATES_INDEX;
  if (fa !== fb) return fa - fb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * util/conditions Set → meta.SetStatusCondition: a new condition gets lastTransitionTime (the input's or now);
 * an existing one keeps it unless the status changes; reason, message and observedGeneration are updated in place.
 * The result is kept in CAPI's display order.
 */
export function setCondition(
  list: readonly Condition[],
  input: ConditionInput,
  nowMs: number,
  observedGeneration?: number,
): readonly Condition[] {
  const message = input.message ?? '';
  const idx = list.findIndex((c) => c.type === input.type);
  if (idx < 0) {
    const added: Condition = {
      type: input.type,
      status: input.status,
      ...(observedGeneration !== undefined ? { observedGeneration } : {}),
      lastTransitionTime: input.lastTransitionTime ?? virtualTimestamp(nowMs),
      reason: input.reason,
      message,
    };
    return [...list, added].sort((a, b) => compareConditionTypes(a.type, b.type));
  }
  const cur = list[idx]!;
  const statusChanged = cur.status !== input.status;
  if (
    !statusChanged &&
    cur.reason === input.reason &&
    cur.message === message &&
    (observedGeneration === undefined || cur.observedGeneration === observedGeneration)
  ) {
    return list;
  }
  const next: Condition = {
    ...cur,
    status: input.status,
    lastTransitionTime: statusChanged
      ? (input.lastTransitionTime ?? virtualTimestamp(nowMs))
      : cur.lastTransitionTime,
    reason: input.reason,
    message,
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
  const out = list.slice();
  out[idx] = next;
  // util/conditions Set re-sorts after every change, which also repairs a list stored out of order.
  return out.sort((a, b) => compareConditionTypes(a.type, b.type));
}

/** util/conditions Delete. */
export function deleteCondition(list: readonly Condition[], type: string): readonly Condition[] {
  return list.some((c) => c.type === type) ? list.filter((c) => c.type !== type) : list;
}

export interface MirrorFallback {
  status: ConditionStatus;
  reason: string;
  message: string;
}

/**
 * util/conditions/mirror.go newMirrorCondition: copy the source condition (status, reason, message and its
 * lastTransitionTime) under a new type; without one use the fallback. A True condition with the v1beta1
 * NoReasonReported reason gets trueReason, as the Machine and Cluster controllers do after mirroring.
 */
export function mirrorCondition(
  source: Condition | undefined,
  targetType: string,
  fallback: MirrorFallback,
  trueReason: string,
): ConditionInput {
  if (!source) return { type: targetType, ...fallback };
  const reason =
    source.reason === NO_REASON_REPORTED && source.status === 'True' ? trueReason : source.reason;
  return {
    type: targetType,
    status: source.status,
    reason,
    message: source.message ?? '',
    lastTransitionTime: source.lastTransitionTime,
  };
}

export type MergePriority = 'issue' | 'unknown' | 'info';

export interface SummaryOptions {
  /** The condition types to summarize, in the order their messages appear. */
  forConditionTypes: readonly string[];
  /** Types where True is the bad state (e.g. Deleting, Updating). */
  negativePolarity?: readonly string[];
  /** Missing conditions of these types are skipped instead of counting as Unknown. */
  ignoreTypesIfMissing?: readonly string[];
  /** Conditions that replace the stored one of the same type, only for the summary. */
  overrides?: readonly ConditionInput[];
  /** A custom priority; return undefined to fall back to the default polarity rule. */
  priority?: (c: ConditionInput) => MergePriority | undefined;
  /** Reasons for the summary when it has issues / unknowns / only info. */
  reasons?: { issue: string; unknown: string; info: string };
}

/** util/conditions/merge_strategies.go GetDefaultMergePriorityFunc. */
export function defaultMergePriority(
  c: { type: string; status: ConditionStatus },
  negative: ReadonlySet<string>,
) {
  if (c.status === 'True') return negative.has(c.type) ? 'issue' : 'info';
  if (c.status === 'False') return negative.has(c.type) ? 'info' : 'issue';
  return 'unknown';
}

const BULLET = /\s*\*\s+/;

/** merge_strategies.go indentIfMultiline. Go's MatchString is unanchored, and so is this test. */
export function indentIfMultiline(m: string): string {
  if (!m.includes('\n') && !BULLET.test(m)) return ` ${m}`;
  const lines = m.split('\n');
  const withoutBullet = lines.some((l) => !BULLET.test(l));
  return (
    '\n' +
    lines
      .map((l) => {
        let prefix = '  ';
        if (withoutBullet) prefix += BULLET.test(l) ? '  ' : '* ';
        return prefix + l;
      })
      .join('\n')
  );
}

/**
 * util/conditions NewSummaryCondition with the default merge strategy: any issue → False, else any unknown →
 * Unknown, else True; the message lists issues and unknowns ("* Type: message"), and info conditions with a
 * message only when the result is True.
 */
export function summaryCondition(
  list: readonly Condition[],
  targetType: string,
  opts: SummaryOptions,
): ConditionInput {
  if (opts.forConditionTypes.length === 0) throw new Error('summary: forConditionTypes must not be empty');
  const wanted = new Set(opts.forConditionTypes);
  const negative = new Set(opts.negativePolarity ?? []);
  const ignore = new Set(opts.ignoreTypesIfMissing ?? []);
  const overrides = new Map((opts.overrides ?? []).map((o) => [o.type, o]));
  const inScope: ConditionInput[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    if (!wanted.has(c.type)) continue;
    inScope.push(overrides.get(c.type) ?? c);
    seen.add(c.type);
  }
  for (const t of opts.forConditionTypes) {
    if (seen.has(t) || ignore.has(t)) continue;
    inScope.push({
      type: t,
      status: 'Unknown',
      reason: NOT_YET_REPORTED_REASON,
      message: 'Condition not yet reported',
    });
  }
  if (inScope.length === 0) throw new Error('summary: no conditions to summarize');
  const order = new Map(opts.forConditionTypes.map((t, i) => [t, i]));
  inScope.sort((a, b) => order.get(a.type)! - order.get(b.type)!);

  const prio = (c: ConditionInput): MergePriority => opts.priority?.(c) ?? defaultMergePriority(c, negative);
  let issues = 0;
  let unknowns = 0;
  for (const c of inScope) {
    const p = prio(c);
    if (p === 'issue') issues++;
    else if (p === 'unknown') unknowns++;
  }
  const status: ConditionStatus = issues > 0 ? 'False' : unknowns > 0 ? 'Unknown' : 'True';
  const reasons = opts.reasons ?? {
    issue: 'IssuesReported',
    unknown: 'UnknownReported',
    info: 'InfoReported',
  };
  const reason = issues > 0 ? reasons.issue : unknowns > 0 ? reasons.unknown : reasons.info;

  const messages: string[] = [];
  for (const c of inScope) {
    const msg = c.message ?? '';
    if (prio(c) === 'info' && (status !== 'True' || msg === '')) continue;
    messages.push(`* ${c.type}:${msg !== '' ? indentIfMultiline(msg) : ` ${c.reason}`}`);
  }
  return { type: targetType, status, reason, message: messages.join('\n') };
}

/**
 * setInfrastructureReadyCondition as the Cluster and Machine controllers both write it
 * (core/reconcilers/cluster/cluster_controller_status.go, core/reconcilers/machine/machine_controller_status.go):
 * mirror the infrastructure object's Ready condition while it exists, otherwise say whether it was deleted or
 * never existed. ownerNoun finishes "has been deleted while <ownerNoun> still exists".
 */
export function infrastructureReadyFor(
  owner: KubeObject,
  ownerNoun: string,
  kind: string,
  provisioned: boolean,
  infra: KubeObject | undefined,
): ConditionInput {
  const type = 'InfrastructureReady';
  if (infra) {
    return mirrorCondition(
      getCondition(conditionsOf(infra), 'Ready'),
      type,
      {
        status: provisioned ? 'True' : 'False',
        reason: provisioned ? READY_REASON : NOT_READY_REASON,
        message: provisioned ? '' : `${kind} status.initialization.provisioned is false`,
      },
      READY_REASON,
    );
  }
  if (isDeleting(owner)) {
    return provisioned
      ? { type, status: 'False', reason: OBJECT_DELETED_REASON, message: `${kind} has been deleted` }
      : { type, status: 'False', reason: OBJECT_DOES_NOT_EXIST_REASON, message: `${kind} does not exist` };
  }
  if (provisioned) {
    // F17: the infrastructure object vanished after provisioning.
    return {
      type,
      status: 'False',
      reason: OBJECT_DELETED_REASON,
      message: `${kind} has been deleted while ${ownerNoun} still exists`,
    };
  }
  return { type, status: 'False', reason: OBJECT_DOES_NOT_EXIST_REASON, message: `${kind} does not exist` };
}
