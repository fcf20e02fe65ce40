/**
 * The Cluster v1beta2 conditions the truth file names: core/reconcilers/cluster/cluster_controller_status.go
 * (setInfrastructureReadyCondition, setControlPlaneInitializedCondition, setDeletingCondition) and
 * cluster_controller_phases.go reconcileInfrastructure.
 *
 * Truth facts: F72 (no infrastructureRef → infrastructure provisioned at once), F73 (InfraCluster provisioned →
 * sticky infrastructureProvisioned), F74 (ControlPlaneInitialized from the control plane's
 * status.initialization.controlPlaneInitialized, or — without a controlPlaneRef — any control-plane Machine with a
 * nodeRef; never recomputed once True), F76 (Deleting reasons).
 *
 * Simplified: ClusterClass/topology variants are not modelled.
 */
import type { KubeObject } from '../../../api/types.ts';
import {
  conditionsOf,
  infrastructureReadyFor,
  isTrue,
  NOT_DELETING_REASON,
  OBJECT_DOES_NOT_EXIST_REASON,
  type ConditionInput,
} from '../conditions.ts';
import { isDeleting, path } from '../fields.ts';
import { isControlPlaneMachine } from '../labels.ts';
import { machineNodeRefName } from '../machine/fields.ts';
import {
  clusterControlPlaneRef,
  clusterInfrastructureProvisioned,
  clusterInfrastructureRef,
} from './fields.ts';

/**
 * reconcileInfrastructure's effect on status.initialization.infrastructureProvisioned: true without an
 * infrastructureRef, true once the InfraCluster reports provisioned, and never back to false.
 */
export function clusterInfrastructureProvisionedNext(
  cluster: KubeObject,
  infraCluster: KubeObject | undefined,
): boolean {
  if (clusterInfrastructureProvisioned(cluster)) return true;
  if (!clusterInfrastructureRef(cluster)) return !isDeleting(cluster);
  return path(infraCluster?.status, 'initialization', 'provisioned') === true;
}

/** setInfrastructureReadyCondition. infraCluster undefined means not found. */
export function clusterInfrastructureReadyCondition(
  cluster: KubeObject,
  infraCluster: KubeObject | undefined,
): ConditionInput {
  const kind = clusterInfrastructureRef(cluster)?.kind ?? '';
  return infrastructureReadyFor(
    cluster,
    'the cluster',
    kind,
    clusterInfrastructureProvisioned(cluster),
    infraCluster,
  );
}

/**
 * setControlPlaneInitializedCondition; undefined when it is already True (it is never recomputed then).
 * controlPlane undefined means not found; controlPlaneMachines are the Cluster's control-plane Machines.
 */
export function clusterControlPlaneInitializedCondition(
  cluster: KubeObject,
  controlPlane: KubeObject | undefined,
  controlPlaneMachines: readonly KubeObject[],
): ConditionInput | undefined {
  const type = 'ControlPlaneInitialized';
  if (isTrue(conditionsOf(cluster), type)) return undefined;
  const ref = clusterControlPlaneRef(cluster);
  if (ref) {
    if (!controlPlane)
      return {
        type,
        status: 'Unknown',
        reason: OBJECT_DOES_NOT_EXIST_REASON,
        message: `${ref.kind} does not exist`,
      };
    if (path(controlPlane.status, 'initialization', 'controlPlaneInitialized') === true) {
      return { type, status: 'True', reason: 'Initialized' };
    }
    return { type, status: 'False', reason: 'NotInitialized', message: 'Control plane not yet initialized' };
  }
  if (controlPlaneMachines.some((m) => isControlPlaneMachine(m) && machineNodeRefName(m) !== undefined)) {
    return { type, status: 'True', reason: 'Initialized' };
  }
  return {
    type,
    status: 'False',
    reason: 'NotInitialized',
    message: 'Waiting for the first control plane machine to have status.nodeRef set',
  };
}

/** setDeletingCondition. */
export function clusterDeletingCondition(
  cluster: KubeObject,
  reason: string,
  message: string,
): ConditionInput {
  if (!isDeleting(cluster)) return { type: 'Deleting', status: 'False', reason: NOT_DELETING_REASON };
  return { type: 'Deleting', status: 'True', reason, message };
}
