/**
 * The status a ReplicaSet controller writes after each sync: k8s pkg/controller/replicaset/replica_set_utils.go
 * calculateStatus. Counts come from the pods the ReplicaSet owns and that are active.
 */
import type { KubeObject } from '../../api/types.ts';
import { createPodFactsCache, type PodFacts } from './pod-status.ts';

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
  conditions?: {
    type: string;
    status: string;
    reason: string;
    message: string;
    lastTransitionTime: string;
  }[];
}

export function calculateReplicaSetStatus(
  rs: KubeObject,
  activePods: readonly KubeObject[],
  nowMs: number,
  manageError: string | undefined,
  nowTimestamp: string,
  facts: (pod: KubeObject) => PodFacts = createPodFactsCache(),
  fullyLabeled: (pod: KubeObject) => boolean = (pod) => hasTemplateLabels(rs, pod),
): ReplicaSetStatus {
  const minReadySeconds = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
  let ready = 0;
  let available = 0;
  let fullyLabeledCount = 0;
  for (const pod of activePods) {
    if (fullyLabeled(pod)) fullyLabeledCount++;
    const f = facts(pod);
    if (f.ready) {
      ready++;
      // pod/util.go IsPodAvailable: ready for at least minReadySeconds.
      if (minReadySeconds <= 0 || f.readySinceMs + minReadySeconds * 1000 <= nowMs) available++;
    }
  }
  const status: ReplicaSetStatus = {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeledCount,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  // ReplicaFailure is set while creates or deletes fail, and removed once they succeed (calculateStatus).
  const previous = (rs.status?.conditions as ReplicaSetStatus['conditions']) ?? [];
  const others = previous.filter((c) => c.type !== 'ReplicaFailure');
  if (manageError) {
    const old = previous.find((c) => c.type === 'ReplicaFailure');
    const desired = rs.spec?.replicas as number;
    const reason = activePods.length < desired ? 'FailedCreate' : 'FailedDelete';
    others.push({
      type: 'ReplicaFailure',
      status: 'True',
      reason,
      message: manageError,
      lastTransitionTime: old?.lastTransitionTime ?? nowTimestamp,
    });
  }
  if (others.length > 0) status.conditions = others;
  return status;
}

/** True when writing status would change nothing the controller owns (updateReplicaSetStatus short-circuit). */
export function sameReplicaSetStatus(
  current: Record<string, unknown> | undefined,
  next: ReplicaSetStatus,
): boolean {
  const cur = current ?? {};
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas &&
    (cur.readyReplicas ?? 0) === next.readyReplicas &&
    (cur.availableReplicas ?? 0) === next.availableReplicas &&
    (cur.observedGeneration ?? 0) === next.observedGeneration &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}

/** The pod carries every label of the ReplicaSet's pod template (calculateStatus fullyLabeledReplicas). */
export function hasTemplateLabels(rs: KubeObject, pod: KubeObject): boolean {
  const want = ((rs.spec?.template as KubeObject | undefined)?.metadata?.labels ?? {}) as Record<
    string,
    string
  >;
  const labels = pod.metadata.labels ?? {};
  for (const k in want) if (labels[k] !== want[k]) return false;
  return true;
}
