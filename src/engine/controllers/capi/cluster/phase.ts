/**
 * Cluster phase, recomputed every reconcile, last rule wins: core/reconcilers/cluster/cluster_controller_status.go
 * setPhase.
 *
 * Truth facts: F71 ("" → Pending; infrastructureRef or controlPlaneRef defined → Provisioning; infrastructure
 * provisioned and a valid controlPlaneEndpoint → Provisioned; deletionTimestamp → Deleting; Failed is never set
 * in v1beta2; control-plane initialization is not part of the phase; a change emits "Cluster X is <Phase>").
 */
import type { KubeObject } from '../../../api/types.ts';
import { isDeleting, nameOf } from '../fields.ts';
import {
  clusterControlPlaneEndpointValid,
  clusterControlPlaneRef,
  clusterInfrastructureProvisioned,
  clusterInfrastructureRef,
  clusterPhaseField,
} from './fields.ts';

/** setPhase. */
export function clusterPhase(cluster: KubeObject): string {
  let phase = clusterPhaseField(cluster);
  if (phase === '') phase = 'Pending';
  if (clusterInfrastructureRef(cluster) || clusterControlPlaneRef(cluster)) phase = 'Provisioning';
  if (clusterInfrastructureProvisioned(cluster) && clusterControlPlaneEndpointValid(cluster))
    phase = 'Provisioned';
  if (isDeleting(cluster)) phase = 'Deleting';
  return phase;
}

/** The new phase, and the Normal event message the controller records when it changed. */
export function clusterPhaseUpdate(cluster: KubeObject): { phase: string; changed: boolean; event?: string } {
  const phase = clusterPhase(cluster);
  const changed = phase !== clusterPhaseField(cluster);
  return changed ? { phase, changed, event: `Cluster ${nameOf(cluster)} is ${phase}` } : { phase, changed };
}
