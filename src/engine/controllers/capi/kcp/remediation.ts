/**
 * KubeadmControlPlane remediation of Machines its MachineHealthCheck marked: controlplane/kubeadm/reconcilers/
 * kubeadmcontrolplane/remediation.go (reconcileUnhealthyMachines, getMachineToBeRemediated,
 * pickMachineToBeRemediated, checkRetryLimits, RemediationData).
 *
 * Truth facts: F78 (one remediation at a time via the remediation-in-progress annotation; refused when ≤ 1
 * Machine once initialized, or while another healthy control-plane Machine is still provisioning or one is
 * deleting; minHealthyPeriodSeconds 3600, retryPeriodSeconds 0, maxRetry unlimited), F45/F70 (OwnerRemediated
 * reasons: MachineDeleting, RemediationDeferred, CannotBeRemediated).
 *
 * Simplified: the etcd-quorum / component-health safety check (canSafelyRemediateMachine) and the etcd member
 * list are inputs; etcd leadership forwarding is left to the controller.
 */
import type { KubeObject } from '../../../api/types.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { conditionsOf, isFalse, isTrue, type ConditionInput } from '../conditions.ts';
import { asNumber, compareByCreation, creationMs, isDeleting, nameOf, path, timeMs } from '../fields.ts';
import { formatGoDuration } from '../int-or-percent.ts';
import {
  hasAnnotation,
  KCP_REMEDIATION_FOR_ANNOTATION,
  KCP_REMEDIATION_IN_PROGRESS_ANNOTATION,
  REMEDIATE_MACHINE_ANNOTATION,
} from '../labels.ts';
import { machineNodeRefName } from '../machine/fields.ts';
import { isUnhealthyAndOwnerRemediated } from '../machineset/remediation.ts';

/** api/controlplane/kubeadm/v1beta2 DefaultMinHealthyPeriodSeconds. */
export const DEFAULT_MIN_HEALTHY_PERIOD_SECONDS = 3600;

/** The JSON kept in the remediation-in-progress / remediation-for annotations. */
export interface RemediationData {
  machine: string;
  timestamp: string;
  retryCount: number;
}

export function parseRemediationData(value: string): RemediationData {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    throw new Error(`failed to unmarshal value "${value}" for remediation annotation`);
  }
  const r = v as Partial<RemediationData>;
  if (typeof r?.machine !== 'string' || typeof r.timestamp !== 'string' || typeof r.retryCount !== 'number') {
    throw new Error(`failed to unmarshal value "${value}" for remediation annotation`);
  }
  return { machine: r.machine, timestamp: r.timestamp, retryCount: r.retryCount };
}

/** pickMachineToBeRemediated: annotation, then no Node, then failing etcd / component conditions, then oldest. */
export function compareMachinesToRemediate(a: KubeObject, b: KubeObject, etcdManaged: boolean): number {
  const ra = hasAnnotation(a, REMEDIATE_MACHINE_ANNOTATION);
  const rb = hasAnnotation(b, REMEDIATE_MACHINE_ANNOTATION);
  if (ra !== rb) return ra ? -1 : 1;
  const na = machineNodeRefName(a) !== undefined;
  const nb = machineNodeRefName(b) !== undefined;
  if (na !== nb) return na ? 1 : -1;
  const types = [
    ...(etcdManaged ? ['EtcdMemberHealthy', 'EtcdPodHealthy'] : []),
    'APIServerPodHealthy',
    'ControllerManagerPodHealthy',
    'SchedulerPodHealthy',
    'NodeKubeadmLabelsAndTaintsSet',
  ];
  for (const t of types) {
    const ta = isTrue(conditionsOf(a), t);
    const tb = isTrue(conditionsOf(b), t);
    if (ta !== tb) return ta ? 1 : -1;
  }
  return compareByCreation(a, b);
}

export interface KcpRemediationInputs {
  kcp: KubeObject;
  machines: readonly KubeObject[];
  nowMs: number;
  etcdManaged?: boolean;
  /** canSafelyRemediateMachine: removing this Machine keeps the control plane and etcd quorum. Default: yes. */
  canSafelyRemediate?: (machine: KubeObject) => boolean;
}

export type KcpRemediationDecision =
  | { action: 'none'; clearOwnerRemediated: KubeObject[]; dropInProgressAnnotation: boolean }
  | {
      action: 'defer' | 'refuse';
      machine: KubeObject;
      condition: ConditionInput;
      clearOwnerRemediated: KubeObject[];
      dropInProgressAnnotation: boolean;
    }
  | {
      action: 'remediate';
      machine: KubeObject;
      condition: ConditionInput;
      /** The value for the KCP remediation-in-progress annotation. */
      inProgress: RemediationData;
      clearOwnerRemediated: KubeObject[];
      dropInProgressAnnotation: boolean;
    };

const ownerRemediated = (reason: string, message: string): ConditionInput => ({
  type: 'OwnerRemediated',
  status: 'False',
  reason,
  message,
});

/** reconcileUnhealthyMachines for a KubeadmControlPlane. */
export function planKcpRemediation(inputs: KcpRemediationInputs): KcpRemediationDecision {
  const { kcp, machines, nowMs } = inputs;
  const etcd = inputs.etcdManaged ?? true;
  const clearOwnerRemediated = machines.filter(
    (m) =>
      !isDeleting(m) &&
      isTrue(conditionsOf(m), 'HealthCheckSucceeded') &&
      isFalse(conditionsOf(m), 'OwnerRemediated'),
  );
  // A remediation is over once a Machine newer than it exists (the replacement).
  let inProgress = kcp.metadata.annotations?.[KCP_REMEDIATION_IN_PROGRESS_ANNOTATION];
  let dropInProgressAnnotation = false;
  if (inProgress !== undefined) {
    const since = timeMs(parseRemediationData(inProgress).timestamp) ?? Number.POSITIVE_INFINITY;
    if (machines.some((m) => (creationMs(m) ?? Number.NEGATIVE_INFINITY) > since)) {
      inProgress = undefined;
      dropInProgressAnnotation = true;
    }
  }
  const base = { clearOwnerRemediated, dropInProgressAnnotation };
  const candidates = machines.filter(isUnhealthyAndOwnerRemediated);
  if (candidates.length === 0) return { action: 'none', ...base };
  const machine = [...candidates].sort((a, b) => compareMachinesToRemediate(a, b, etcd))[0]!;
  if (isDeleting(machine) || inProgress !== undefined) return { action: 'none', ...base };

  // checkRetryLimits.
  const minHealthyMs =
    (asNumber(path(kcp.spec, 'remediation', 'minHealthyPeriodSeconds')) ??
      DEFAULT_MIN_HEALTHY_PERIOD_SECONDS) * 1000;
  const retryPeriodMs = (asNumber(path(kcp.spec, 'remediation', 'retryPeriodSeconds')) ?? 0) * 1000;
  const maxRetry = asNumber(path(kcp.spec, 'remediation', 'maxRetry'));
  const next: RemediationData = {
    machine: nameOf(machine),
    timestamp: virtualTimestamp(nowMs),
    retryCount: 0,
  };
  const lastRaw = machine.metadata.annotations?.[KCP_REMEDIATION_FOR_ANNOTATION];
  if (lastRaw !== undefined) {
    const last = parseRemediationData(lastRaw);
    const lastAt = timeMs(last.timestamp) ?? nowMs - 2 * Math.max(minHealthyMs, retryPeriodMs);
    if (lastAt + minHealthyMs > nowMs) {
      // The replacement of a remediated Machine failed again within minHealthyPeriod: this is a retry.
      next.retryCount = last.retryCount;
      if (lastAt + retryPeriodMs > nowMs) {
        const msg = `KubeadmControlPlane can't remediate this machine because the operation already failed in the latest ${formatGoDuration(retryPeriodMs)} (RetryPeriodSeconds)`;
        return { action: 'defer', machine, condition: ownerRemediated('RemediationDeferred', msg), ...base };
      }
      if (maxRetry !== undefined && next.retryCount >= maxRetry) {
        const msg = `KubeadmControlPlane can't remediate this machine because the operation already failed ${maxRetry} times (MaxRetry)`;
        return { action: 'refuse', machine, condition: ownerRemediated('CannotBeRemediated', msg), ...base };
      }
      next.retryCount++;
    }
  }

  if (path(kcp.status, 'initialization', 'controlPlaneInitialized') === true) {
    if (machines.length <= 1) {
      return {
        action: 'refuse',
        machine,
        condition: ownerRemediated(
          'CannotBeRemediated',
          "KubeadmControlPlane can't remediate if current replicas are less or equal to 1",
        ),
        ...base,
      };
    }
    const healthyProvisioning = machines.some(
      (m) => !isFalse(conditionsOf(m), 'HealthCheckSucceeded') && machineNodeRefName(m) === undefined,
    );
    if (healthyProvisioning) {
      return {
        action: 'defer',
        machine,
        condition: ownerRemediated(
          'RemediationDeferred',
          'KubeadmControlPlane waiting for control plane Machine provisioning to complete before triggering remediation',
        ),
        ...base,
      };
    }
    if (machines.some(isDeleting)) {
      return {
        action: 'defer',
        machine,
        condition: ownerRemediated(
          'RemediationDeferred',
          'KubeadmControlPlane waiting for control plane Machine deletion to complete before triggering remediation',
        ),
        ...base,
      };
    }
    if (inputs.canSafelyRemediate && !inputs.canSafelyRemediate(machine)) {
      return {
        action: 'refuse',
        machine,
        condition: ownerRemediated(
          'CannotBeRemediated',
          "KubeadmControlPlane can't remediate this Machine because this could result in loosing Kubernetes control plane components or in etcd quorum loss",
        ),
        ...base,
      };
    }
  }
  return {
    action: 'remediate',
    machine,
    condition: ownerRemediated('MachineDeleting', 'Machine is deleting'),
    inProgress: next,
    ...base,
  };
}
