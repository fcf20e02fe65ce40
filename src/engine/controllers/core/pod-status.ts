/**
 * Reading a Pod's state the way the kube controllers do (k8s pkg/api/v1/pod/util.go IsPodReady,
 * IsPodAvailable; pkg/controller/controller_utils.go FilterActivePods, IsPodActive).
 */
import type { KubeObject } from '../../api/types.ts';
import { virtualMsFromTimestamp } from '../../sim/timestamp.ts';

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const podPhase = (pod: KubeObject): string => (pod.status?.phase as string | undefined) ?? '';

export function podCondition(pod: KubeObject, type: string): PodCondition | undefined {
  const conds = pod.status?.conditions as PodCondition[] | undefined;
  return conds?.find((c) => c.type === type);
}

export const isPodReady = (pod: KubeObject): boolean => podCondition(pod, 'Ready')?.status === 'True';

/** Active: not Succeeded, not Failed, not being deleted (controller_utils.go IsPodActive). */
export const isPodActive = (pod: KubeObject): boolean =>
  podPhase(pod) !== 'Succeeded' && podPhase(pod) !== 'Failed' && !pod.metadata.deletionTimestamp;

/** Ready for at least minReadySeconds (pod/util.go IsPodAvailable). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  if (!ready.lastTransitionTime) return false;
  return virtualMsFromTimestamp(ready.lastTransitionTime) + minReadySeconds * 1000 <= nowMs;
}
