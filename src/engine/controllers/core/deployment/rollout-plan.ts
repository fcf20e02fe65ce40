/**
 * How many replicas each ReplicaSet of a Deployment should have next: the arithmetic of
 * k8s pkg/controller/deployment/rolling.go (reconcileNewReplicaSet, reconcileOldReplicaSets,
 * cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) and sync.go scale (resizing without a
 * template change). The controller performs the writes in the order given, one per step, as upstream does.
 */
import {
  availableReplicaSum,
  byCreation,
  filterActive,
  findActiveOrLatest,
  isSaturated,
  maxSurgeOf,
  maxUnavailableOf,
  newRSNewReplicas,
  replicaSetProportion,
  specReplicaSum,
  type DeploymentView,
  type RsView,
} from './deployment-util.ts';

export interface ScaleStep {
  name: string;
  from: number;
  to: number;
  /** Which upstream function asked for it. */
  why: 'reconcileNewReplicaSet' | 'cleanupUnhealthyReplicas' | 'scaleDownOldReplicaSets' | 'scale';
  /**
   * scaleReplicaSet also writes when only desired-replicas/max-replicas are stale (sync.go scale's last loop);
   * scaleReplicaSetAndRecordEvent writes only when the size changes.
   */
  evenIfSameSize?: boolean;
}

/** rolling.go reconcileNewReplicaSet: the new ReplicaSet's next size, or undefined when it is already right. */
export function reconcileNewReplicaSet(
  d: DeploymentView,
  allRSs: readonly RsView[],
  newRS: RsView,
): ScaleStep | undefined {
  if (newRS.specReplicas === d.replicas) return undefined;
  // More than the Deployment wants (it was scaled down): straight to replicas.
  const to = newRS.specReplicas > d.replicas ? d.replicas : newRSNewReplicas(d, allRSs, newRS);
  if (to === newRS.specReplicas) return undefined;
  return { name: newRS.name, from: newRS.specReplicas, to, why: 'reconcileNewReplicaSet' };
}

/**
 * rolling.go reconcileOldReplicaSets: how far old ReplicaSets may shrink without going under
 * replicas − maxUnavailable available pods. First cleanupUnhealthyReplicas takes away old replicas that are not
 * available (they cost no availability), then scaleDownOldReplicaSetsForRollingUpdate removes available ones,
 * oldest ReplicaSet first. oldRSs are the active old ones (FilterActiveReplicaSets).
 */
export function reconcileOldReplicaSets(
  d: DeploymentView,
  allRSs: readonly RsView[],
  oldRSs: readonly RsView[],
  newRS: RsView | undefined,
): ScaleStep[] {
  const oldPods = specReplicaSum(oldRSs);
  if (oldPods === 0) return [];
  const allPods = specReplicaSum(allRSs);
  const minAvailable = d.replicas - maxUnavailableOf(d);
  const newRSUnavailable = newRS ? newRS.specReplicas - newRS.availableReplicas : 0;
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return [];

  const steps: ScaleStep[] = [];
  // cleanupUnhealthyReplicas: oldest first, at most maxScaledDown in all.
  const olds = [...oldRSs].sort(byCreation).map((rs) => ({ ...rs }));
  let cleaned = 0;
  for (const rs of olds) {
    if (cleaned >= maxScaledDown) break;
    if (rs.specReplicas === 0 || rs.specReplicas === rs.availableReplicas) continue;
    const n = Math.min(maxScaledDown - cleaned, rs.specReplicas - rs.availableReplicas);
    steps.push({
      name: rs.name,
      from: rs.specReplicas,
      to: rs.specReplicas - n,
      why: 'cleanupUnhealthyReplicas',
    });
    rs.specReplicas -= n;
    cleaned += n;
  }

  // scaleDownOldReplicaSetsForRollingUpdate over the cleaned-up old ReplicaSets and the new one.
  const available = availableReplicaSum(newRS ? [...olds, newRS] : olds);
  if (available <= minAvailable) return steps;
  const total = available - minAvailable;
  let scaled = 0;
  for (const rs of olds) {
    if (scaled >= total) break;
    if (rs.specReplicas === 0) continue;
    const n = Math.min(rs.specReplicas, total - scaled);
    steps.push({
      name: rs.name,
      from: rs.specReplicas,
      to: rs.specReplicas - n,
      why: 'scaleDownOldReplicaSets',
    });
    rs.specReplicas -= n;
    scaled += n;
  }
  return steps;
}

/** controller_utils.go ReplicaSetsBySizeOlder / ReplicaSetsBySizeNewer: largest first, then by age. */
const bySize =
  (newerFirst: boolean) =>
  (a: RsView, b: RsView): number =>
    a.specReplicas !== b.specReplicas
      ? b.specReplicas - a.specReplicas
      : newerFirst
        ? byCreation(b, a)
        : byCreation(a, b);

/**
 * sync.go scale: a Deployment resized without a template change. One active ReplicaSet (or none) takes the new
 * size; a saturated new ReplicaSet lets every old one go to 0; during a RollingUpdate the difference from
 * replicas + maxSurge is spread in proportion to each ReplicaSet's share (GetReplicaSetProportion), the
 * rounding leftover going to the largest.
 */
export function planScale(
  d: DeploymentView,
  newRS: RsView | undefined,
  oldRSs: readonly RsView[],
): ScaleStep[] {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (activeOrLatest.specReplicas === d.replicas) return [];
    return [{ name: activeOrLatest.name, from: activeOrLatest.specReplicas, to: d.replicas, why: 'scale' }];
  }
  if (isSaturated(d, newRS)) {
    return filterActive(oldRSs).map((rs) => ({ name: rs.name, from: rs.specReplicas, to: 0, why: 'scale' }));
  }
  if (d.strategy !== 'RollingUpdate') return [];
  const all = filterActive([...oldRSs, newRS]);
  const allowed = d.replicas > 0 ? d.replicas + maxSurgeOf(d) : 0;
  const toAdd = allowed - specReplicaSum(all);
  if (toAdd > 0) all.sort(bySize(true));
  else if (toAdd < 0) all.sort(bySize(false));
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return rs.specReplicas;
    const p = replicaSetProportion(rs, d, toAdd, added);
    added += p;
    return rs.specReplicas + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return all.map((rs, i) => ({
    name: rs.name,
    from: rs.specReplicas,
    to: sizes[i]!,
    why: 'scale' as const,
    evenIfSameSize: true,
  }));
}
