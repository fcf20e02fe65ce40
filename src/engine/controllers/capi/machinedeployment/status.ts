/**
 * MachineDeployment status and clean-up rules: core/reconcilers/machinedeployment/machinedeployment_status.go
 * (setReplicas, setPhase, setAvailableCondition), mdutil/util.go DeploymentComplete, machinedeployment_sync.go
 * cleanupDeployment.
 *
 * Truth facts: F57 (once complete, old MachineSets with spec 0, status 0 and an observed generation are
 * deleted, oldest first; v1beta2 has no revisionHistoryLimit), F58 (replica counters are sums of the
 * MachineSet counters; phase ScalingUp/ScalingDown/Running, ScalingDown while deleting, never Failed),
 * F59 (Available iff availableReplicas ≥ replicas − maxUnavailable).
 */
import type { KubeObject } from '../../../api/types.ts';
import type { ConditionInput } from '../conditions.ts';
import { asNumber, compareByCreation, isDeleting, path } from '../fields.ts';
import { mdMaxUnavailable, mdStrategyType } from './fenceposts.ts';

export interface MachineDeploymentReplicaCounters {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  upToDateReplicas?: number;
}

/** setReplicas: each counter is the sum over MachineSets that report it, undefined when none does. */
export function machineDeploymentReplicaCounters(
  machineSets: readonly KubeObject[],
): MachineDeploymentReplicaCounters {
  const sum = (field: string) => {
    let total: number | undefined;
    for (const ms of machineSets) {
      const v = asNumber(ms.status?.[field]);
      if (v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  };
  const out: MachineDeploymentReplicaCounters = {};
  for (const f of ['replicas', 'readyReplicas', 'availableReplicas', 'upToDateReplicas'] as const) {
    const v = sum(f);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** setPhase (F58). */
export function machineDeploymentPhase(md: KubeObject, machineSets: readonly KubeObject[]): string {
  const desired = asNumber(md.spec?.replicas);
  if (desired === undefined) return 'Unknown';
  if (isDeleting(md)) return 'ScalingDown';
  const current = machineDeploymentReplicaCounters(machineSets).replicas ?? 0;
  if (desired === current) return 'Running';
  return desired < current ? 'ScalingDown' : 'ScalingUp';
}

/** setAvailableCondition (F59). */
export function machineDeploymentAvailableCondition(
  md: KubeObject,
  availableReplicas: number | undefined,
): ConditionInput {
  const replicas = asNumber(md.spec?.replicas);
  if (replicas === undefined) {
    return {
      type: 'Available',
      status: 'Unknown',
      reason: 'WaitingForReplicasSet',
      message: 'Waiting for spec.replicas set',
    };
  }
  if (availableReplicas === undefined) {
    return {
      type: 'Available',
      status: 'Unknown',
      reason: 'WaitingForAvailableReplicasSet',
      message: 'Waiting for status.availableReplicas set',
    };
  }
  const min = replicas - mdMaxUnavailable(md);
  if (availableReplicas >= min) return { type: 'Available', status: 'True', reason: 'Available' };
  let message = `${availableReplicas} available replicas, at least ${min} required`;
  if (mdStrategyType(md) === 'RollingUpdate') {
    const raw = path(md.spec, 'rollout', 'strategy', 'rollingUpdate', 'maxUnavailable') ?? 0;
    message += ` (spec.strategy.rollout.maxUnavailable is ${String(raw)}, spec.replicas is ${replicas})`;
  }
  if (isDeleting(md)) message = 'Deletion in progress';
  return { type: 'Available', status: 'False', reason: 'NotAvailable', message };
}

/** mdutil.DeploymentComplete: every desired replica is up to date and available, and no old ones remain. */
export function deploymentComplete(
  md: KubeObject,
  status: MachineDeploymentReplicaCounters & { observedGeneration?: number },
): boolean {
  const r = asNumber(md.spec?.replicas);
  if (r === undefined) return false;
  return (
    (status.upToDateReplicas ?? 0) === r &&
    (status.replicas ?? 0) === r &&
    (status.availableReplicas ?? 0) === r &&
    (status.observedGeneration ?? 0) >= (md.metadata.generation ?? 0)
  );
}

/**
 * cleanupDeployment: the old MachineSets to delete once the deployment is complete — not deleting, spec.replicas
 * 0, status.replicas 0 and observedGeneration caught up — oldest first.
 */
export function machineSetsToCleanUp(oldMSs: readonly KubeObject[]): KubeObject[] {
  return oldMSs
    .filter((ms) => !isDeleting(ms))
    .sort(compareByCreation)
    .filter((ms) => {
      const spec = asNumber(ms.spec?.replicas);
      if (spec === undefined)
        throw new Error(`spec replicas for machine set ${ms.metadata.name ?? ''} is nil, this is unexpected`);
      const observed = asNumber(ms.status?.observedGeneration) ?? 0;
      return (
        (asNumber(ms.status?.replicas) ?? 0) === 0 && spec === 0 && (ms.metadata.generation ?? 0) <= observed
      );
    });
}
