/**
 * A Deployment's status and conditions: k8s pkg/controller/deployment/sync.go calculateStatus and
 * syncDeploymentStatus, progress.go syncRolloutStatus and requeueStuckDeployment, sync.go
 * checkPausedConditions, and the condition helpers of util/deployment_util.go.
 *
 * Status integers are omitted when zero, as DeploymentStatus's `omitempty` JSON tags make them on a real
 * cluster. terminatingReplicas (behind the DeploymentReplicaSetTerminatingReplicas feature gate) is not kept.
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { virtualMsFromTimestamp, virtualTimestamp } from '../../../sim/timestamp.ts';
import {
  availableReplicaSum,
  deploymentComplete,
  maxUnavailableOf,
  readyReplicaSum,
  specReplicaSum,
  statusReplicaSum,
  type DeploymentView,
  type RsView,
} from './deployment-util.ts';

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

// deployment_util.go reasons.
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const RS_UPDATED_REASON = 'ReplicaSetUpdated';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const NEW_RS_CREATED_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const PAUSED_REASON = 'DeploymentPaused';
export const RESUMED_REASON = 'DeploymentResumed';
export const MIN_AVAILABLE_REASON = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE_REASON = 'MinimumReplicasUnavailable';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export const conditionsOf = (status: Record<string, unknown> | undefined): DeploymentCondition[] =>
  (status?.conditions as DeploymentCondition[] | undefined) ?? [];

export const getCondition = (conds: readonly DeploymentCondition[], type: string) =>
  conds.find((c) => c.type === type);

/** deployment_util.go NewDeploymentCondition: both times now. */
export function newCondition(
  type: string,
  status: DeploymentCondition['status'],
  reason: string,
  message: string,
  nowMs: number,
): DeploymentCondition {
  const t = virtualTimestamp(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/**
 * deployment_util.go SetDeploymentCondition: same status and reason → nothing changes (not even the message);
 * same status → the transition time is kept; the condition moves to the end of the list.
 */
export function setCondition(
  conds: readonly DeploymentCondition[],
  c: DeploymentCondition,
): DeploymentCondition[] {
  const cur = getCondition(conds, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return [...conds];
  const next = cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  return [...conds.filter((x) => x.type !== c.type), next];
}

export const removeCondition = (conds: readonly DeploymentCondition[], type: string) =>
  conds.filter((c) => c.type !== type);

/** deployment_util.go HasProgressDeadline: set and not MaxInt32 (the apps/v1 default is 600). */
export function progressDeadlineSeconds(d: KubeObject): number | undefined {
  const v = d.spec?.progressDeadlineSeconds;
  return typeof v === 'number' && v !== 2147483647 ? v : undefined;
}

function withCounts(
  status: DeploymentStatus,
  counts: Required<Omit<DeploymentStatus, 'conditions' | 'collisionCount'>>,
) {
  for (const [k, v] of Object.entries(counts)) if (v !== 0) (status as Record<string, number>)[k] = v;
}

/**
 * sync.go calculateStatus: counts from every ReplicaSet (replicas and updatedReplicas are status.replicas;
 * unavailableReplicas is spec.replicas minus available), and the Available condition against
 * replicas − maxUnavailable.
 */
export function calculateStatus(
  d: KubeObject,
  view: DeploymentView,
  allRSs: readonly RsView[],
  newRS: RsView | undefined,
  nowMs: number,
): DeploymentStatus {
  const available = availableReplicaSum(allRSs);
  const unavailable = Math.max(0, specReplicaSum(allRSs) - available);
  const status: DeploymentStatus = {};
  withCounts(status, {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: statusReplicaSum(allRSs),
    updatedReplicas: newRS ? newRS.statusReplicas : 0,
    readyReplicas: readyReplicaSum(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  });
  const collisionCount = d.status?.collisionCount;
  let conds = conditionsOf(d.status);
  conds =
    available >= view.replicas - maxUnavailableOf(view)
      ? setCondition(
          conds,
          newCondition(
            'Available',
            'True',
            MIN_AVAILABLE_REASON,
            'Deployment has minimum availability.',
            nowMs,
          ),
        )
      : setCondition(
          conds,
          newCondition(
            'Available',
            'False',
            MIN_UNAVAILABLE_REASON,
            'Deployment does not have minimum availability.',
            nowMs,
          ),
        );
  if (conds.length > 0) status.conditions = conds;
  if (typeof collisionCount === 'number') status.collisionCount = collisionCount;
  return status;
}

const countsOf = (s: DeploymentStatus | Record<string, unknown> | undefined) => ({
  replicas: num(s?.replicas),
  updatedReplicas: num(s?.updatedReplicas),
  readyReplicas: num(s?.readyReplicas),
  availableReplicas: num(s?.availableReplicas),
  observedGeneration: num(s?.observedGeneration),
});

/** deployment_util.go DeploymentProgressing: more updated, fewer old, more ready or more available pods. */
export function deploymentProgressing(
  old: Record<string, unknown> | undefined,
  next: DeploymentStatus,
): boolean {
  const o = countsOf(old);
  const n = countsOf(next);
  return (
    n.updatedReplicas > o.updatedReplicas ||
    n.replicas - n.updatedReplicas < o.replicas - o.updatedReplicas ||
    n.readyReplicas > o.readyReplicas ||
    n.availableReplicas > o.availableReplicas
  );
}

/** deployment_util.go DeploymentTimedOut: the last progress is older than progressDeadlineSeconds. */
export function deploymentTimedOut(d: KubeObject, next: DeploymentStatus, nowMs: number): boolean {
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) return false;
  const c = getCondition(next.conditions ?? [], 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  return virtualMsFromTimestamp(c.lastUpdateTime) + deadline * 1000 < nowMs;
}

export interface RolloutStatus {
  status: DeploymentStatus;
  /** Whether it differs from what is stored (syncRolloutStatus writes only then). */
  changed: boolean;
  /** requeueStuckDeployment: when to look again for a missed progress deadline. */
  requeueAfterMs?: number;
}

/**
 * progress.go syncRolloutStatus: calculateStatus, then the Progressing condition (NewReplicaSetAvailable once
 * complete, ReplicaSetUpdated with a fresh lastUpdateTime whenever progress is seen, ProgressDeadlineExceeded
 * when none came in time) and ReplicaFailure carried over from the ReplicaSets.
 */
export function syncRolloutStatus(
  d: KubeObject,
  view: DeploymentView,
  allRSs: readonly KubeObject[],
  allViews: readonly RsView[],
  newRS: RsView | undefined,
  nowMs: number,
): RolloutStatus {
  const status = calculateStatus(d, view, allViews, newRS, nowMs);
  let conds = status.conditions ?? [];
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) conds = removeCondition(conds, 'Progressing');
  const current = getCondition(conds, 'Progressing');
  const isComplete =
    num(status.replicas) === num(status.updatedReplicas) && current?.reason === NEW_RS_AVAILABLE_REASON;
  const generation = d.metadata.generation ?? 0;
  if (deadline !== undefined && !isComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.name}"` : `Deployment "${view.name}"`;
    if (deploymentComplete(view, generation, countsOf(status))) {
      conds = setCondition(
        conds,
        newCondition(
          'Progressing',
          'True',
          NEW_RS_AVAILABLE_REASON,
          `${subject} has successfully progressed.`,
          nowMs,
        ),
      );
    } else if (deploymentProgressing(d.status, status)) {
      // Progressing is the one condition refreshed with the same reason: lastUpdateTime marks the last progress.
      let c = newCondition('Progressing', 'True', RS_UPDATED_REASON, `${subject} is progressing.`, nowMs);
      if (current?.status === 'True') c = { ...c, lastTransitionTime: current.lastTransitionTime };
      conds = [...removeCondition(conds, 'Progressing'), c];
    } else if (deploymentTimedOut(d, { ...status, conditions: conds }, nowMs)) {
      conds = setCondition(
        conds,
        newCondition(
          'Progressing',
          'False',
          TIMED_OUT_REASON,
          `${subject} has timed out progressing.`,
          nowMs,
        ),
      );
    }
  }
  // getReplicaFailures: the new ReplicaSet's ReplicaFailure first, else the first old one's.
  const failure = replicaFailure(allRSs, newRS?.name);
  conds = failure ? setCondition(conds, { ...failure }) : removeCondition(conds, 'ReplicaFailure');
  if (conds.length > 0) status.conditions = conds;
  else delete status.conditions;

  const changed = !jsonEqual(d.status ?? {}, status);
  const out: RolloutStatus = { status, changed };
  if (!changed) {
    const after = stuckRequeueAfterMs(d, view, status, nowMs);
    if (after !== undefined) out.requeueAfterMs = after;
  }
  return out;
}

function replicaFailure(
  allRSs: readonly KubeObject[],
  newName: string | undefined,
): DeploymentCondition | undefined {
  const ordered = [
    ...allRSs.filter((rs) => rs.metadata.name === newName),
    ...allRSs.filter((rs) => rs.metadata.name !== newName),
  ];
  for (const rs of ordered) {
    const c = (
      rs.status?.conditions as
        | { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[]
        | undefined
    )?.find((x) => x.type === 'ReplicaFailure' && x.status === 'True');
    // deployment_util.go ConditionFromReplicaSetCondition: both times from the ReplicaSet's transition time.
    if (c) {
      const t = c.lastTransitionTime ?? '';
      return {
        type: 'ReplicaFailure',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: c.reason ?? '',
        message: c.message ?? '',
      };
    }
  }
  return undefined;
}

/**
 * progress.go requeueStuckDeployment: while a rollout is under way and no progress is seen, look again when the
 * deadline would pass (at once, rate limited, when under a second is left).
 */
function stuckRequeueAfterMs(
  d: KubeObject,
  view: DeploymentView,
  status: DeploymentStatus,
  nowMs: number,
): number | undefined {
  const deadline = progressDeadlineSeconds(d);
  const c = getCondition(status.conditions ?? [], 'Progressing');
  if (deadline === undefined || !c) return undefined;
  if (deploymentComplete(view, d.metadata.generation ?? 0, countsOf(status))) return undefined;
  if (c.reason === TIMED_OUT_REASON) return undefined;
  const after = virtualMsFromTimestamp(c.lastUpdateTime) + deadline * 1000 - nowMs;
  return Math.max(after, 1000);
}

/**
 * sync.go checkPausedConditions: Progressing Unknown/DeploymentPaused while paused, DeploymentResumed once
 * resumed; a timed-out rollout keeps its ProgressDeadlineExceeded. Returns the new conditions, or undefined when
 * nothing changes.
 */
export function pausedConditions(d: KubeObject, nowMs: number): DeploymentCondition[] | undefined {
  if (progressDeadlineSeconds(d) === undefined) return undefined;
  const conds = conditionsOf(d.status);
  const c = getCondition(conds, 'Progressing');
  if (c?.reason === TIMED_OUT_REASON) return undefined;
  const pausedCond = c?.reason === PAUSED_REASON;
  const paused = d.spec?.paused === true;
  if (paused && !pausedCond)
    return setCondition(
      conds,
      newCondition('Progressing', 'Unknown', PAUSED_REASON, 'Deployment is paused', nowMs),
    );
  if (!paused && pausedCond)
    return setCondition(
      conds,
      newCondition('Progressing', 'Unknown', RESUMED_REASON, 'Deployment is resumed', nowMs),
    );
  return undefined;
}

/** sync.go syncDeploymentStatus: calculateStatus only (scaling and paused syncs), written when it changed. */
export function plainStatus(
  d: KubeObject,
  view: DeploymentView,
  allViews: readonly RsView[],
  newRS: RsView | undefined,
  nowMs: number,
): RolloutStatus {
  const status = calculateStatus(d, view, allViews, newRS, nowMs);
  return { status, changed: !jsonEqual(d.status ?? {}, status) };
}
