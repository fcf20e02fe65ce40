/**
 * What a deleting Cluster deletes next: core/reconcilers/cluster/cluster_controller.go reconcileDelete,
 * filterOwnedDescendants, objectsPendingDeleteCount, objectsPendingDeleteNames.
 *
 * Truth facts: F76 (delete directly owned MachinePools, MachineDeployments, MachineSets, worker Machines — control-
 * plane Machines only without a controlPlaneRef; wait, requeue 5 s, Deleting reason WaitingForWorkersDeletion;
 * then delete the control plane object and wait (WaitingForControlPlaneDeletion); then the InfraCluster
 * (WaitingForInfrastructureDeletion); then remove finalizer cluster.cluster.x-k8s.io), D.8 (deletion order
 * workers → control plane → infrastructure).
 *
 * Simplified: the Runtime SDK BeforeClusterDelete hook (ClusterTopology + RuntimeSDK gates, off by default) is
 * not modelled.
 */
import type { KubeObject } from '../../../api/types.ts';
import { DELETION_COMPLETED_REASON } from '../conditions.ts';
import { compareNames, isDeleting, nameOf } from '../fields.ts';
import { CLUSTER_NAME_LABEL, isControlPlaneMachine } from '../labels.ts';
import { clusterControlPlaneRef, clusterInfrastructureRef } from './fields.ts';

/** cluster_controller.go deleteRequeueAfter. */
export const CLUSTER_DELETE_REQUEUE_AFTER_MS = 5_000;

export const WAITING_FOR_WORKERS_DELETION_REASON = 'WaitingForWorkersDeletion';
export const WAITING_FOR_CONTROL_PLANE_DELETION_REASON = 'WaitingForControlPlaneDeletion';
export const WAITING_FOR_INFRASTRUCTURE_DELETION_REASON = 'WaitingForInfrastructureDeletion';

export interface ClusterDescendants {
  /** Objects labelled cluster.x-k8s.io/cluster-name=<cluster> in the Cluster's namespace. */
  machinePools?: readonly KubeObject[];
  machineDeployments: readonly KubeObject[];
  machineSets: readonly KubeObject[];
  machines: readonly KubeObject[];
}

export interface ClusterDeletionInputs {
  cluster: KubeObject;
  descendants: ClusterDescendants;
  /** The controlPlaneRef object; undefined when not found (or no ref). */
  controlPlane?: KubeObject | undefined;
  /** The infrastructureRef object; undefined when not found (or no ref). */
  infraCluster?: KubeObject | undefined;
}

export type ClusterDeletionStep =
  | {
      step: 'deleteDescendants';
      objects: KubeObject[];
      reason: string;
      message: string;
      requeueAfterMs: number;
    }
  | { step: 'waitDescendants'; reason: string; message: string; requeueAfterMs: number }
  | { step: 'deleteControlPlane' | 'waitControlPlaneGone'; reason: string; message: string }
  | { step: 'deleteInfrastructure' | 'waitInfrastructureGone'; reason: string; message: string }
  | { step: 'removeFinalizer'; reason: string; message: string };

const ownedByCluster = (obj: KubeObject, cluster: KubeObject) =>
  (obj.metadata.ownerReferences ?? []).some(
    (r) =>
      r.kind === 'Cluster' &&
      r.name === cluster.metadata.name &&
      r.apiVersion.startsWith('cluster.x-k8s.io/'),
  );

const byName = (a: KubeObject, b: KubeObject) => compareNames(nameOf(a), nameOf(b));

/** clog.StringListToString: at most five names, then "... (N more)". */
function listToString(names: string[]): string {
  const shown = names.slice(0, 5);
  if (names.length > 5) shown.push(`... (${names.length - 5} more)`);
  return shown.join(', ');
}

/** reconcileDelete: the next step. Throws for a Cluster that is not deleting. */
export function nextClusterDeletionStep(inputs: ClusterDeletionInputs): ClusterDeletionStep {
  const { cluster, descendants } = inputs;
  if (!isDeleting(cluster))
    throw new Error(`Cluster ${nameOf(cluster)} has no deletionTimestamp: nothing to delete`);
  const name = nameOf(cluster);
  const mine = (o: KubeObject) =>
    o.metadata.namespace === cluster.metadata.namespace && o.metadata.labels?.[CLUSTER_NAME_LABEL] === name;
  const pools = (descendants.machinePools ?? []).filter(mine);
  const mds = descendants.machineDeployments.filter(mine);
  const mss = descendants.machineSets.filter(mine);
  const machines = descendants.machines.filter(mine);
  const cpMachines = machines.filter(isControlPlaneMachine).sort(byName);
  const workers = machines.filter((m) => !isControlPlaneMachine(m)).sort(byName);
  const hasCPRef = clusterControlPlaneRef(cluster) !== undefined;

  // filterOwnedDescendants: only objects the Cluster owns directly; control-plane Machines last, and only
  // without a control plane object to take care of them.
  const ordered = [...pools, ...mds, ...mss, ...workers, ...(hasCPRef ? [] : cpMachines)];
  const toDelete = ordered.filter((o) => ownedByCluster(o, cluster) && !isDeleting(o));

  const pendingLines: string[] = [];
  if (!hasCPRef && cpMachines.length)
    pendingLines.push(`Control plane Machines: ${listToString(cpMachines.map(nameOf))}`);
  if (mds.length)
    pendingLines.push(`MachineDeployments: ${listToString(mds.map(nameOf).sort(compareNames))}`);
  if (mss.length) pendingLines.push(`MachineSets: ${listToString(mss.map(nameOf).sort(compareNames))}`);
  if (pools.length) pendingLines.push(`MachinePools: ${listToString(pools.map(nameOf).sort(compareNames))}`);
  if (workers.length) pendingLines.push(`Worker Machines: ${listToString(workers.map(nameOf))}`);
  if (pendingLines.length > 0) {
    const message = pendingLines.map((l) => `* ${l}`).join('\n');
    const common = {
      reason: WAITING_FOR_WORKERS_DELETION_REASON,
      message,
      requeueAfterMs: CLUSTER_DELETE_REQUEUE_AFTER_MS,
    };
    return toDelete.length > 0
      ? { step: 'deleteDescendants', objects: toDelete, ...common }
      : { step: 'waitDescendants', ...common };
  }

  const cpRef = clusterControlPlaneRef(cluster);
  if (cpRef && inputs.controlPlane) {
    return {
      step: isDeleting(inputs.controlPlane) ? 'waitControlPlaneGone' : 'deleteControlPlane',
      reason: WAITING_FOR_CONTROL_PLANE_DELETION_REASON,
      message: `Waiting for ${cpRef.kind} to be deleted`,
    };
  }
  const infraRef = clusterInfrastructureRef(cluster);
  if (infraRef && inputs.infraCluster) {
    return {
      step: isDeleting(inputs.infraCluster) ? 'waitInfrastructureGone' : 'deleteInfrastructure',
      reason: WAITING_FOR_INFRASTRUCTURE_DELETION_REASON,
      message: `Waiting for ${infraRef.kind} to be deleted`,
    };
  }
  return { step: 'removeFinalizer', reason: DELETION_COMPLETED_REASON, message: 'Deletion completed' };
}
