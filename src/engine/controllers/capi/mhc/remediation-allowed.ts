/**
 * The MachineHealthCheck short-circuit: core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go
 * isAllowedRemediation, getUnhealthyRange, getMaxUnhealthy, unhealthyMachineCount, and the RemediationAllowed
 * condition set in reconcile.
 *
 * Truth facts: F68 (unhealthy = expectedMachines − currentHealthy, so not-yet-started Machines count;
 * unhealthyInRange "[a-b]" takes precedence; otherwise unhealthyLessThanOrEqualTo, default 100%, a percentage of
 * expectedMachines rounded down; remediationsAllowed = limit − unhealthy), F69 (not allowed → RemediationAllowed
 * False/TooManyUnhealthy with the upstream message, remediationsAllowed 0).
 */
import type { KubeObject } from '../../../api/types.ts';
import type { ConditionInput } from '../conditions.ts';
import { asString, path } from '../fields.ts';
import { scaledValueFromIntOrPercent, type IntOrString } from '../int-or-percent.ts';

/** machinehealthcheck_controller.go defaultMaxUnhealthy. */
export const DEFAULT_UNHEALTHY_LESS_THAN_OR_EQUAL_TO = '100%';

/** getUnhealthyRange: "[min-max]" → [min, max]. The CRD pattern is ^\[[0-9]+-[0-9]+\]$; max must be ≥ min. */
export function parseUnhealthyRange(range: string): [number, number] {
  const m = /^\[(\d+)-(\d+)\]$/.exec(range);
  if (!m) throw new Error(`unhealthyInRange "${range}" must look like "[3-5]"`);
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (max < min) throw new Error(`max value ${max} cannot be less than min value ${min} for unhealthyRange`);
  return [min, max];
}

export interface RemediationAllowance {
  allowed: boolean;
  /** status.remediationsAllowed (0 when not allowed). */
  remediationsAllowed: number;
  condition: ConditionInput;
}

/**
 * isAllowedRemediation and the RemediationAllowed condition. unhealthyTargets is the number of targets judged
 * unhealthy (used only in the message, as upstream does); the decision uses expected − currentHealthy.
 */
export function remediationAllowance(
  mhc: KubeObject,
  expectedMachines: number,
  currentHealthy: number,
  unhealthyTargets: number,
): RemediationAllowance {
  const unhealthy = expectedMachines - currentHealthy;
  const range = asString(path(mhc.spec, 'remediation', 'triggerIf', 'unhealthyInRange')) ?? '';
  let allowed: boolean;
  let count: number;
  let message: string;
  if (range !== '') {
    const [min, max] = parseUnhealthyRange(range);
    allowed = unhealthy >= min && unhealthy <= max;
    count = max - unhealthy;
    message = `Remediation is not allowed, the number of not started or unhealthy machines does not fall within the range (total: ${expectedMachines}, unhealthy: ${unhealthyTargets}, unhealthyRange: ${range})`;
  } else {
    const raw =
      (path(mhc.spec, 'remediation', 'triggerIf', 'unhealthyLessThanOrEqualTo') as IntOrString | undefined) ??
      DEFAULT_UNHEALTHY_LESS_THAN_OR_EQUAL_TO;
    const max = scaledValueFromIntOrPercent(raw, expectedMachines, false);
    allowed = unhealthy <= max;
    count = max - unhealthy;
    message = `Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: ${expectedMachines}, unhealthy: ${unhealthyTargets}, maxUnhealthy: ${String(raw)})`;
  }
  if (!allowed) {
    return {
      allowed,
      remediationsAllowed: 0,
      condition: { type: 'RemediationAllowed', status: 'False', reason: 'TooManyUnhealthy', message },
    };
  }
  return {
    allowed,
    remediationsAllowed: count,
    condition: { type: 'RemediationAllowed', status: 'True', reason: 'RemediationAllowed' },
  };
}
