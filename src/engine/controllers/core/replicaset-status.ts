/**
 * The status a ReplicaSet controller writes after each sync: k8s pkg/controller/replicaset/replica_set_utils.go
 * calculateStatus. Counts come from the pods the ReplicaSet owns and that are active.
 */
import type { KubeObject } from '../../api/types.ts';
import type { PodView } from './pod-view.ts';

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

export interface ReplicaSetPodCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** Counts over the active pods a ReplicaSet owns (calculateStatus's loop). */
export function countReplicaSetPods(
  pods: readonly Pick<PodView, 'ready' | 'readySinceMs' | 'hasTemplateLabels'>[],
  minReadySeconds: number,
  nowMs: number,
): ReplicaSetPodCounts {
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (p.hasTemplateLabels) fullyLabeled++;
    if (!p.ready) continue;
    ready++;
    // pod/util.go IsPodAvailable: ready for at least minReadySeconds.
    if (minReadySeconds <= 0 || p.readySinceMs + minReadySeconds * 1000 <= nowMs) available++;
  }
  return { replicas: pods.length, fullyLabeled, ready, available };
}

export function calculateReplicaSetStatus(
  rs: KubeObject,
  counts: ReplicaSetPodCounts,
  manageError: string | undefined,
  nowTimestamp: string,
): ReplicaSetStatus {
  const status: ReplicaSetStatus = {
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  // ReplicaFailure is set while creates or deletes fail, and removed once they succeed (calculateStatus).
  const previous = (rs.status?.conditions as ReplicaSetStatus['conditions']) ?? [];
  const others = previous.filter((c) => c.type !== 'ReplicaFailure');
  if (manageError) {
    const old = previous.find((c) => c.type === 'ReplicaFailure');
    const desired = rs.spec?.replicas as number;
    const reason = counts.replicas < desired ? 'FailedCreate' : 'FailedDelete';
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
