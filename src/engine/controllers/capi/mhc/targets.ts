/**
 * Health of one MachineHealthCheck target: core/reconcilers/machinehealthcheck/machinehealthcheck_targets.go
 * (needsRemediation, machineChecks, nodeChecks, healthCheckTargets, shouldSkipRemediation, getMachinesFromMHC).
 *
 * Truth facts: F61 (targets = selector + cluster-name label in the MHC namespace, minus paused/skip-remediation
 * Machines), F62 (remediate-machine annotation → unhealthy at once), F63 (nothing is judged before the Cluster's
 * InfrastructureReady, workers nothing before ControlPlaneInitialized), F64 (nodeStartupTimeout from the latest of
 * Machine creation, Cluster InfrastructureReady, Cluster ControlPlaneInitialized, Machine InfrastructureReady;
 * 0 disables; default 600 s), F65 (nodeRef set but Node gone → NodeDeleted), F66 (condition + timeout, strictly
 * after lastTransitionTime + timeout; recheck at timeout − elapsed + 1 s), F67 (pending timers are neither healthy
 * nor unhealthy; healthy needs a Node and no deletionTimestamp).
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, getCondition, isTrue, type ConditionInput } from '../conditions.ts';
import { asNumber, asRecord, asString, creationMs, isDeleting, path, timeMs } from '../fields.ts';
import { formatGoDuration } from '../int-or-percent.ts';
import { matchesLabelSelector } from '../label-selector.ts';
import {
  CLUSTER_NAME_LABEL,
  hasAnnotation,
  isControlPlaneMachine,
  PAUSED_ANNOTATION,
  REMEDIATE_MACHINE_ANNOTATION,
  SKIP_REMEDIATION_ANNOTATION,
} from '../labels.ts';
import { machineNodeRefName, nodeCondition } from '../machine/fields.ts';

/** api/core/v1beta2/machinehealthcheck_types.go DefaultNodeStartupTimeoutSeconds. */
export const DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS = 600;

export const HEALTH_CHECK_SUCCEEDED_REASON = 'HealthCheckSucceeded';
export const UNHEALTHY_NODE_REASON = 'UnhealthyNode';
export const UNHEALTHY_MACHINE_REASON = 'UnhealthyMachine';
export const NODE_STARTUP_TIMEOUT_REASON = 'NodeStartupTimeout';
export const NODE_DELETED_REASON = 'NodeDeleted';
export const HAS_REMEDIATE_ANNOTATION_REASON = 'HasRemediateAnnotation';

export interface UnhealthyCondition {
  type: string;
  status: string;
  timeoutSeconds: number;
}

export interface MhcChecks {
  /** 0 disables the startup check. */
  nodeStartupTimeoutSeconds: number;
  unhealthyNodeConditions: UnhealthyCondition[];
  unhealthyMachineConditions: UnhealthyCondition[];
}

function readUnhealthy(list: unknown): UnhealthyCondition[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const r = asRecord(c);
    const type = asString(r?.type);
    const status = asString(r?.status);
    return type && status ? [{ type, status, timeoutSeconds: asNumber(r?.timeoutSeconds) ?? 0 }] : [];
  });
}

/** spec.checks of an MHC, with the webhook default for nodeStartupTimeoutSeconds. */
export function mhcChecksOf(mhc: KubeObject): MhcChecks {
  return {
    nodeStartupTimeoutSeconds:
      asNumber(path(mhc.spec, 'checks', 'nodeStartupTimeoutSeconds')) ?? DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS,
    unhealthyNodeConditions: readUnhealthy(path(mhc.spec, 'checks', 'unhealthyNodeConditions')),
    unhealthyMachineConditions: readUnhealthy(path(mhc.spec, 'checks', 'unhealthyMachineConditions')),
  };
}

/** shouldSkipRemediation: paused or skip-remediation Machines are not targets. */
export function shouldSkipRemediation(machine: KubeObject): boolean {
  return hasAnnotation(machine, PAUSED_ANNOTATION) || hasAnnotation(machine, SKIP_REMEDIATION_ANNOTATION);
}

/** getTargetsFromMHC's Machine selection: selector + cluster-name label, same namespace, not skipped. */
export function mhcTargets(mhc: KubeObject, machines: readonly KubeObject[]): KubeObject[] {
  const clusterName = asString(mhc.spec?.clusterName) ?? '';
  return machines.filter(
    (m) =>
      m.metadata.namespace === mhc.metadata.namespace &&
      m.metadata.labels?.[CLUSTER_NAME_LABEL] === clusterName &&
      matchesLabelSelector(m.metadata.labels, mhc.spec?.selector) &&
      !shouldSkipRemediation(m),
  );
}

export type TargetHealth =
  | { state: 'unhealthy'; condition: ConditionInput }
  | { state: 'healthy'; condition: ConditionInput }
  /** A timer is running: look again after nextCheckMs. */
  | { state: 'pending'; nextCheckMs: number }
  /** Not judged (cluster not ready, no Node yet with the startup check disabled, or deleting). */
  | { state: 'notEvaluated' };

interface TimedCheck {
  unhealthy: string[];
  nextCheckMs: number;
}

function conditionChecks(
  checks: readonly UnhealthyCondition[],
  find: (
    type: string,
  ) => { status: string; reason?: string | undefined; lastTransitionTime?: string | undefined } | undefined,
  where: 'Machine' | 'Node',
  nowMs: number,
): TimedCheck {
  const unhealthy: string[] = [];
  const next: number[] = [];
  for (const c of checks) {
    const cur = find(c.type);
    if (!cur || cur.status !== c.status) continue;
    const timeoutMs = c.timeoutSeconds * 1000;
    const since = timeMs(cur.lastTransitionTime) ?? Number.NEGATIVE_INFINITY;
    if (since + timeoutMs < nowMs) {
      unhealthy.push(
        `Condition ${c.type} on ${where} is reporting status ${c.status} with reason ${cur.reason ?? ''} for more than ${formatGoDuration(timeoutMs)}`,
      );
      continue;
    }
    const n = timeoutMs - (nowMs - since) + 1000;
    if (n > 0) next.push(n);
  }
  if (unhealthy.length > 0) return { unhealthy, nextCheckMs: 0 };
  return { unhealthy, nextCheckMs: next.length ? Math.min(...next) : 0 };
}

export interface TargetInput {
  cluster: KubeObject;
  machine: KubeObject;
  /** The Node of status.nodeRef, when one was found. */
  node?: KubeObject | undefined;
}

/**
 * needsRemediation + the healthy/pending split of healthCheckTargets for one target. Node lookups only happen
 * once the control plane is initialized (before that the MHC has no workload-cluster client).
 */
export function healthCheckTarget(t: TargetInput, checks: MhcChecks, nowMs: number): TargetHealth {
  const { cluster, machine } = t;
  const clusterConds = conditionsOf(cluster);
  if (hasAnnotation(machine, REMEDIATE_MACHINE_ANNOTATION)) {
    return {
      state: 'unhealthy',
      condition: {
        type: 'HealthCheckSucceeded',
        status: 'False',
        reason: HAS_REMEDIATE_ANNOTATION_REASON,
        message:
          'Health check failed: marked for remediation via cluster.x-k8s.io/remediate-machine annotation',
      },
    };
  }
  const cpInitialized = isTrue(clusterConds, 'ControlPlaneInitialized');
  if (!cpInitialized && !isControlPlaneMachine(machine)) return { state: 'notEvaluated' };
  if (!isTrue(clusterConds, 'InfrastructureReady')) return { state: 'notEvaluated' };

  const node = cpInitialized ? t.node : undefined;
  const nodeRef = machineNodeRefName(machine);
  const nodeMissing = cpInitialized && nodeRef !== undefined && !t.node;
  const machineConds = conditionsOf(machine);
  const m = conditionChecks(
    checks.unhealthyMachineConditions,
    (type) => getCondition(machineConds, type),
    'Machine',
    nowMs,
  );

  let nodeReason = '';
  let nodeMessages: string[] = [];
  let nodeNext = 0;
  if (nodeMissing) {
    nodeReason = NODE_DELETED_REASON;
    nodeMessages = [`Node ${nodeRef} has been deleted`];
  } else if (!node) {
    if (checks.nodeStartupTimeoutSeconds !== 0) {
      let since = creationMs(machine) ?? Number.NEGATIVE_INFINITY;
      const later = (conds: typeof clusterConds, type: string) => {
        const c = getCondition(conds, type);
        const at = timeMs(c?.lastTransitionTime);
        if (c?.status === 'True' && at !== undefined && at > since) since = at;
      };
      later(clusterConds, 'ControlPlaneInitialized');
      later(clusterConds, 'InfrastructureReady');
      later(machineConds, 'InfrastructureReady');
      const timeoutMs = checks.nodeStartupTimeoutSeconds * 1000;
      if (since + timeoutMs < nowMs) {
        nodeReason = NODE_STARTUP_TIMEOUT_REASON;
        nodeMessages = [`Node failed to report startup in ${formatGoDuration(timeoutMs)}`];
      } else {
        nodeNext = timeoutMs - (nowMs - since) + 1000;
      }
    }
  } else {
    const n = conditionChecks(
      checks.unhealthyNodeConditions,
      (type) => nodeCondition(node, type),
      'Node',
      nowMs,
    );
    if (n.unhealthy.length > 0) {
      nodeReason = UNHEALTHY_NODE_REASON;
      nodeMessages = n.unhealthy;
    }
    nodeNext = n.nextCheckMs;
  }

  if (m.unhealthy.length === 0 && nodeMessages.length === 0) {
    const next = [m.nextCheckMs, nodeNext].filter((x) => x > 0);
    if (next.length > 0) return { state: 'pending', nextCheckMs: Math.min(...next) };
    if (!isDeleting(machine) && node) {
      return {
        state: 'healthy',
        condition: { type: 'HealthCheckSucceeded', status: 'True', reason: HEALTH_CHECK_SUCCEEDED_REASON },
      };
    }
    return { state: 'notEvaluated' };
  }
  const all = [...m.unhealthy, ...nodeMessages];
  return {
    state: 'unhealthy',
    condition: {
      type: 'HealthCheckSucceeded',
      status: 'False',
      reason: m.unhealthy.length > 0 ? UNHEALTHY_MACHINE_REASON : nodeReason,
      message: `Health check failed:\n${all.map((s) => `  * ${s}`).join('\n')}`,
    },
  };
}
