/**
 * One MachineHealthCheck reconcile as data: core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go
 * reconcile, patchUnhealthyTargets, patchHealthyTargets.
 *
 * Truth facts: F61 (status.expectedMachines and sorted status.targets), F67 (currentHealthy), F68–F69 (short
 * circuit; HealthCheckSucceeded is still written but OwnerRemediated is not, and no requeue is asked), F70 (the MHC
 * only marks: OwnerRemediated False/WaitingForRemediation when absent or True, never on a deleting Machine; it
 * never deletes), F66 (requeue at the earliest pending timer).
 *
 * Simplified: external remediation (spec.remediation.templateRef) is not modelled; the evaluation refuses an MHC
 * that sets it rather than silently doing the wrong thing.
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, getCondition, type ConditionInput } from '../conditions.ts';
import { compareNames, isDeleting, nameOf, path } from '../fields.ts';
import { remediationAllowance } from './remediation-allowed.ts';
import { healthCheckTarget, mhcChecksOf, mhcTargets, type TargetHealth } from './targets.ts';

export const OWNER_REMEDIATED_WAITING_FOR_REMEDIATION: ConditionInput = {
  type: 'OwnerRemediated',
  status: 'False',
  reason: 'WaitingForRemediation',
  message: 'Waiting for remediation',
};

export interface MhcEvaluation {
  /** status.targets (sorted) and status.expectedMachines. */
  targets: string[];
  expectedMachines: number;
  currentHealthy: number;
  remediationsAllowed: number;
  remediationAllowedCondition: ConditionInput;
  /** Conditions to patch on each Machine (HealthCheckSucceeded, and OwnerRemediated when it must be set). */
  machinePatches: { machine: KubeObject; conditions: ConditionInput[] }[];
  /** Per-target verdicts, in target order, for narration. */
  health: Map<string, TargetHealth>;
  requeueAfterMs?: number;
}

/**
 * Evaluates an MHC against the Machines of its namespace. nodeOf returns the Node a Machine's status.nodeRef
 * names, if it exists.
 */
export function evaluateMachineHealthCheck(
  mhc: KubeObject,
  cluster: KubeObject,
  namespaceMachines: readonly KubeObject[],
  nodeOf: (machine: KubeObject) => KubeObject | undefined,
  nowMs: number,
): MhcEvaluation {
  if (path(mhc.spec, 'remediation', 'templateRef', 'name') !== undefined) {
    throw new Error(
      `MachineHealthCheck ${nameOf(mhc)}: external remediation (spec.remediation.templateRef) is not simulated`,
    );
  }
  const checks = mhcChecksOf(mhc);
  const targets = mhcTargets(mhc, namespaceMachines);
  const health = new Map<string, TargetHealth>();
  const healthy: KubeObject[] = [];
  const unhealthy: { machine: KubeObject; condition: ConditionInput }[] = [];
  const healthyConds: { machine: KubeObject; condition: ConditionInput }[] = [];
  const next: number[] = [];
  for (const m of targets) {
    const h = healthCheckTarget({ cluster, machine: m, node: nodeOf(m) }, checks, nowMs);
    health.set(nameOf(m), h);
    if (h.state === 'unhealthy') unhealthy.push({ machine: m, condition: h.condition });
    else if (h.state === 'healthy') {
      healthy.push(m);
      healthyConds.push({ machine: m, condition: h.condition });
    } else if (h.state === 'pending') next.push(h.nextCheckMs);
  }
  const allowance = remediationAllowance(mhc, targets.length, healthy.length, unhealthy.length);
  const machinePatches: MhcEvaluation['machinePatches'] = [];
  for (const { machine, condition } of [...healthyConds, ...unhealthy]) {
    machinePatches.push({ machine, conditions: [condition] });
  }
  if (allowance.allowed) {
    for (const p of machinePatches) {
      if (p.conditions[0]!.status !== 'False' || isDeleting(p.machine)) continue;
      const or = getCondition(conditionsOf(p.machine), 'OwnerRemediated');
      if (!or || or.status === 'True') p.conditions.push(OWNER_REMEDIATED_WAITING_FOR_REMEDIATION);
    }
  }
  const out: MhcEvaluation = {
    targets: targets.map(nameOf).sort(compareNames),
    expectedMachines: targets.length,
    currentHealthy: healthy.length,
    remediationsAllowed: allowance.remediationsAllowed,
    remediationAllowedCondition: allowance.condition,
    machinePatches,
    health,
  };
  if (allowance.allowed && next.length > 0) out.requeueAfterMs = Math.min(...next);
  return out;
}
