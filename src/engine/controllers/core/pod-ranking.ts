/**
 * Which Pods a ReplicaSet deletes first when it scales down: k8s pkg/controller/controller_utils.go
 * ActivePodsWithRanks.Less, as used by pkg/controller/replicaset/replica_set.go getPodsToDelete.
 * Kubernetes sorts without a final tie-break; the simulator breaks ties by name so runs are deterministic.
 */
import type { KubeObject } from '../../api/types.ts';
import { virtualMsFromTimestamp } from '../../sim/timestamp.ts';
import { isPodReady, podCondition, podPhase } from './pod-status.ts';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const nodeName = (p: KubeObject) => (p.spec?.nodeName as string | undefined) ?? '';
const deletionCost = (p: KubeObject) => {
  const v = Number(p.metadata.annotations?.[POD_DELETION_COST_ANNOTATION] ?? 0);
  return Number.isFinite(v) ? v : 0;
};
const restarts = (p: KubeObject) =>
  ((p.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? []).reduce(
    (n, c) => Math.max(n, c.restartCount ?? 0),
    0,
  );
const readySince = (p: KubeObject) => {
  const ts = podCondition(p, 'Ready')?.lastTransitionTime;
  return ts ? virtualMsFromTimestamp(ts) : 0;
};
const created = (p: KubeObject) =>
  p.metadata.creationTimestamp ? virtualMsFromTimestamp(p.metadata.creationTimestamp) : 0;

/** Negative when a should be deleted before b. rank[i]: how many active pods of the set share i's node. */
export function comparePodsForDeletion(a: KubeObject, b: KubeObject, rankA = 0, rankB = 0): number {
  // 1. Unassigned < assigned.
  if ((nodeName(a) === '') !== (nodeName(b) === '')) return nodeName(a) === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[podPhase(a)] ?? 0;
  const pb = PHASE_ORDINAL[podPhase(b)] ?? 0;
  if (pa !== pb) return pa - pb;
  // 3. Not ready < ready.
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
  // 4. Lower pod-deletion-cost < higher.
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
  // 5. Doubled up on a node (higher rank) first.
  if (rankA !== rankB) return rankB - rankA;
  // 6. Ready for less time < more time (both ready).
  if (isPodReady(a) && isPodReady(b) && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
  // 7. More restarts < fewer restarts.
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  // 8. Newer < older.
  if (created(a) !== created(b)) return created(b) - created(a);
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The diff pods to delete, most deletable first. */
export function podsToDelete(pods: readonly KubeObject[], diff: number): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (nodeName(p)) perNode.set(nodeName(p), (perNode.get(nodeName(p)) ?? 0) + 1);
  const rank = (p: KubeObject) => (nodeName(p) ? (perNode.get(nodeName(p)) ?? 0) : 0);
  return [...pods].sort((a, b) => comparePodsForDeletion(a, b, rank(a), rank(b))).slice(0, Math.max(0, diff));
}
