/**
 * How a MachineSet acts on Machines its MachineHealthCheck marked for remediation:
 * core/reconcilers/machineset/machineset_controller.go reconcileUnhealthyMachines, sortMachinesToRemediate,
 * isDeploymentChild; util/collections/machine_filters.go IsUnhealthyAndOwnerRemediated.
 *
 * Truth facts: F45 (HealthCheckSucceeded=False and OwnerRemediated=False, not deleting → old-revision MachineSets
 * mark CannotBeRemediated and leave them to the rollout; otherwise remediate-machine annotation first, then newest
 * first, limited by MD spec.remediation.maxInFlight minus in-flight deletions; patch OwnerRemediated=False
 * MachineDeleting then delete; the rest RemediationDeferred), F46 (recovered Machines lose OwnerRemediated),
 * F70 (the MHC only marks; the owner deletes), §C (maxInFlight unlimited by default).
 *
 * Simplified: remediation preflight checks are not run.
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, getCondition, isFalse, type ConditionInput } from '../conditions.ts';
import { asNumber, compareNames, creationMs, isDeleting, nameOf, path } from '../fields.ts';
import {
  hasAnnotation,
  MACHINE_DEPLOYMENT_NAME_LABEL,
  REMEDIATE_MACHINE_ANNOTATION,
  REVISION_ANNOTATION,
} from '../labels.ts';
import { scaledValueFromIntOrPercent, type IntOrString } from '../int-or-percent.ts';

export const MACHINE_SET_CANNOT_BE_REMEDIATED_REASON = 'CannotBeRemediated';
export const MACHINE_SET_REMEDIATION_DEFERRED_REASON = 'RemediationDeferred';
export const MACHINE_SET_REMEDIATION_MACHINE_DELETING_REASON = 'MachineDeleting';

/** IsUnhealthyAndOwnerRemediated. */
export function isUnhealthyAndOwnerRemediated(m: KubeObject): boolean {
  const c = conditionsOf(m);
  return isFalse(c, 'HealthCheckSucceeded') && isFalse(c, 'OwnerRemediated');
}

/** sortMachinesToRemediate: remediate-machine annotation first, then newest, then name. Returns a new array. */
export function sortMachinesToRemediate(machines: readonly KubeObject[]): KubeObject[] {
  return [...machines].sort((a, b) => {
    const ra = hasAnnotation(a, REMEDIATE_MACHINE_ANNOTATION);
    const rb = hasAnnotation(b, REMEDIATE_MACHINE_ANNOTATION);
    if (ra !== rb) return ra ? -1 : 1;
    const ta = creationMs(a) ?? Number.NEGATIVE_INFINITY;
    const tb = creationMs(b) ?? Number.NEGATIVE_INFINITY;
    if (ta === tb) return compareNames(nameOf(a), nameOf(b));
    return tb - ta;
  });
}

export interface MachineSetRemediationPlan {
  /** F46: healthy again before remediation; delete their OwnerRemediated condition. */
  clearOwnerRemediated: KubeObject[];
  /** OwnerRemediated conditions to patch, in this order. */
  patches: { machine: KubeObject; condition: ConditionInput }[];
  /** Machines to delete after the patches (remediation by deletion). */
  deleteMachines: KubeObject[];
}

/**
 * reconcileUnhealthyMachines. md is the owning MachineDeployment, required when the MachineSet carries the
 * deployment-name label (isDeploymentChild).
 */
export function planMachineSetRemediation(
  ms: KubeObject,
  machines: readonly KubeObject[],
  md?: KubeObject,
): MachineSetRemediationPlan {
  const plan: MachineSetRemediationPlan = { clearOwnerRemediated: [], patches: [], deleteMachines: [] };
  // One pass, and cheap for the common case of Machines no MachineHealthCheck has looked at: this runs on
  // every MachineSet reconcile over all of its Machines.
  const candidates: KubeObject[] = [];
  for (const m of machines) {
    if (isDeleting(m)) continue;
    const c = conditionsOf(m);
    const hc = getCondition(c, 'HealthCheckSucceeded');
    if (!hc || getCondition(c, 'OwnerRemediated')?.status !== 'False') continue;
    if (hc.status === 'True') plan.clearOwnerRemediated.push(m);
    else if (hc.status === 'False') candidates.push(m);
  }
  if (candidates.length === 0) return plan;

  let maxInFlight = Number.MAX_SAFE_INTEGER;
  let maxInFlightText = '<nil>';
  const deploymentChild = ms.metadata.labels?.[MACHINE_DEPLOYMENT_NAME_LABEL] !== undefined;
  if (deploymentChild) {
    if (!md) throw new Error(`no owner MachineDeployment found for MachineSet ${nameOf(ms)}`);
    if (md.metadata.annotations?.[REVISION_ANNOTATION] !== ms.metadata.annotations?.[REVISION_ANNOTATION]) {
      for (const m of candidates) {
        plan.patches.push({
          machine: m,
          condition: {
            type: 'OwnerRemediated',
            status: 'False',
            reason: MACHINE_SET_CANNOT_BE_REMEDIATED_REASON,
            message: "Machine won't be remediated because it is pending removal due to rollout",
          },
        });
      }
      return plan;
    }
    const raw = path(md.spec, 'remediation', 'maxInFlight') as IntOrString | undefined;
    if (raw !== undefined && raw !== null) {
      maxInFlight = scaledValueFromIntOrPercent(raw, asNumber(md.spec?.replicas) ?? 1, true);
      maxInFlightText = String(raw);
    }
  }
  for (const m of machines) {
    if (!isDeleting(m)) continue;
    const or = getCondition(conditionsOf(m), 'OwnerRemediated');
    if (or?.status === 'False' && or.reason === MACHINE_SET_REMEDIATION_MACHINE_DELETING_REASON)
      maxInFlight--;
  }
  const deferred: ConditionInput = {
    type: 'OwnerRemediated',
    status: 'False',
    reason: MACHINE_SET_REMEDIATION_DEFERRED_REASON,
    message: `Waiting because there are already too many remediations in progress (spec.strategy.remediation.maxInFlight is ${maxInFlightText})`,
  };
  if (maxInFlight <= 0) {
    for (const m of candidates) plan.patches.push({ machine: m, condition: deferred });
    return plan;
  }
  const sorted = sortMachinesToRemediate(candidates);
  const now = sorted.slice(0, maxInFlight);
  for (const m of sorted.slice(maxInFlight)) plan.patches.push({ machine: m, condition: deferred });
  for (const m of now) {
    plan.patches.push({
      machine: m,
      condition: {
        type: 'OwnerRemediated',
        status: 'False',
        reason: MACHINE_SET_REMEDIATION_MACHINE_DELETING_REASON,
        message: 'Machine is deleting',
      },
    });
    plan.deleteMachines.push(m);
  }
  return plan;
}
