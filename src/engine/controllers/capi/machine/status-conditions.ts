/**
 * The v1beta2 conditions the Machine controller computes in its deferred updateStatus
 * (core/reconcilers/machine/machine_controller_status.go), in the same order: BootstrapConfigReady,
 * InfrastructureReady, NodeReady + NodeHealthy, Deleting, Updating, UpToDate, Ready, phase, Available.
 *
 * Truth facts: F9 (BootstrapConfigReady True/DataSecretProvided without configRef), F10 and F17 (Node/Infra
 * deleted while the Machine exists), F21 (Node conditions Unknown until Cluster infra and control plane are
 * ready), F22 (NodeReady mirrors Node Ready; NodeHealthy also needs no Memory/Disk/PID pressure), F24 (Ready is
 * a summary; a deleting Machine is never Ready), F25 (Available after minReadySeconds), F35 (DeletionCompleted),
 * §B condition cheat-sheet (UpToDate only for MachineDeployment-owned Machines).
 *
 * Simplified: the remote-connection states (ConnectionDown, grace periods) are left out because the simulated
 * workload cluster is always reachable (truth §D); readiness-gate message grouping for KCP components is not
 * reproduced.
 */
import type { KubeObject } from '../../../api/types.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import {
  conditionsOf,
  getCondition,
  infrastructureReadyFor,
  isTrue,
  mirrorCondition,
  setCondition,
  summaryCondition,
  DELETING_REASON,
  INSPECTION_FAILED_REASON,
  NOT_DELETING_REASON,
  NOT_READY_REASON,
  OBJECT_DELETED_REASON,
  OBJECT_DOES_NOT_EXIST_REASON,
  READY_REASON,
  READY_UNKNOWN_REASON,
  AVAILABLE_REASON,
  type Condition,
  type ConditionInput,
  type MergePriority,
} from '../conditions.ts';
import { creationMs, deletionMs, isDeleting, timeMs } from '../fields.ts';
import { hasAnnotation, UPDATE_IN_PROGRESS_ANNOTATION } from '../labels.ts';
import { clusterInfrastructureProvisioned } from '../cluster/fields.ts';
import { machineTemplateUpToDate, rolloutAfterMs } from '../machinedeployment/template.ts';
import {
  bootstrapDataSecretCreated,
  infrastructureProvisioned,
  machineBootstrapConfigRef,
  machineDeletionStatus,
  machineInfrastructureRef,
  machineKubeletVersion,
  machineMinReadySeconds,
  machineNodeRefName,
  machineProviderID,
  machineReadinessGates,
  machineVersion,
  nodeConditions,
  type NodeCondition,
} from './fields.ts';
import { machinePhase } from './phase.ts';

// Reasons from api/core/v1beta2/machine_types.go.
export const MACHINE_BOOTSTRAP_DATA_SECRET_PROVIDED_REASON = 'DataSecretProvided';
export const MACHINE_NODE_READY_REASON = 'NodeReady';
export const MACHINE_NODE_NOT_READY_REASON = 'NodeNotReady';
export const MACHINE_NODE_READY_UNKNOWN_REASON = 'NodeReadyUnknown';
export const MACHINE_NODE_HEALTHY_REASON = 'NodeHealthy';
export const MACHINE_NODE_NOT_HEALTHY_REASON = 'NodeNotHealthy';
export const MACHINE_NODE_HEALTH_UNKNOWN_REASON = 'NodeHealthyUnknown';
export const MACHINE_NODE_DOES_NOT_EXIST_REASON = 'NodeDoesNotExist';
export const MACHINE_NODE_DELETED_REASON = 'NodeDeleted';
export const MACHINE_NOT_UPDATING_REASON = 'NotUpdating';
export const MACHINE_IN_PLACE_UPDATING_REASON = 'InPlaceUpdating';
export const MACHINE_UP_TO_DATE_REASON = 'UpToDate';
export const MACHINE_NOT_UP_TO_DATE_REASON = 'NotUpToDate';
export const MACHINE_UP_TO_DATE_UPDATING_REASON = 'Updating';
export const MACHINE_WAITING_FOR_MIN_READY_SECONDS_REASON = 'WaitingForMinReadySeconds';

/** setBootstrapReadyCondition. bootstrapConfig undefined means the object was not found. */
export function bootstrapConfigReadyCondition(
  machine: KubeObject,
  bootstrapConfig: KubeObject | undefined,
): ConditionInput {
  const type = 'BootstrapConfigReady';
  const ref = machineBootstrapConfigRef(machine);
  if (!ref) return { type, status: 'True', reason: MACHINE_BOOTSTRAP_DATA_SECRET_PROVIDED_REASON };
  if (bootstrapConfig) {
    const created = bootstrapDataSecretCreated(machine);
    return mirrorCondition(
      getCondition(conditionsOf(bootstrapConfig), 'Ready'),
      type,
      {
        status: created ? 'True' : 'False',
        reason: created ? READY_REASON : NOT_READY_REASON,
        message: created ? '' : `${ref.kind} status.initialization.dataSecretCreated is false`,
      },
      READY_REASON,
    );
  }
  if (isDeleting(machine) && bootstrapDataSecretCreated(machine)) {
    return { type, status: 'False', reason: OBJECT_DELETED_REASON, message: `${ref.kind} has been deleted` };
  }
  return {
    type,
    status: 'False',
    reason: OBJECT_DOES_NOT_EXIST_REASON,
    message: `${ref.kind} does not exist`,
  };
}

/** setInfrastructureReadyCondition. infraMachine undefined means the object was not found. */
export function infrastructureReadyCondition(
  machine: KubeObject,
  infraMachine: KubeObject | undefined,
): ConditionInput {
  const kind = machineInfrastructureRef(machine)?.kind ?? '';
  return infrastructureReadyFor(
    machine,
    'the Machine',
    kind,
    infrastructureProvisioned(machine),
    infraMachine,
  );
}

const both = (
  status: ConditionInput['status'],
  reason: string,
  message: string,
): [ConditionInput, ConditionInput] => [
  { type: 'NodeReady', status, reason, message },
  { type: 'NodeHealthy', status, reason, message },
];

/** summarizeNodeConditions: Ready must be True and Memory/Disk/PID pressure False (F22). */
export function summarizeNodeConditions(node: KubeObject): {
  status: ConditionInput['status'];
  reason: string;
  message: string;
} {
  let falseCount = 0;
  let unknownCount = 0;
  let issueCount = 0;
  const issueMessages = new Set<string>();
  const messages: string[] = [];
  const conds = nodeConditions(node);
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    let c: NodeCondition | undefined;
    for (const x of conds) if (x.type === type) c = x;
    if (!c) {
      messages.push(`* Node.${type}: Condition not yet reported`);
      unknownCount++;
      continue;
    }
    const bad = type === 'Ready' ? c.status !== 'True' : c.status !== 'False';
    if (!bad) continue;
    const m = c.message ? c.message : `Condition is ${c.status}`;
    issueCount++;
    issueMessages.add(m);
    messages.push(`* Node.${type}: ${m}`);
    if (c.status === 'Unknown') unknownCount++;
    else falseCount++;
  }
  let msgs = messages;
  if (issueCount > 1 && issueMessages.size === 1) msgs = [`* Node.AllConditions: ${[...issueMessages][0]}`];
  const message = msgs.join('\n');
  if (falseCount > 0) return { status: 'False', reason: MACHINE_NODE_NOT_HEALTHY_REASON, message };
  if (unknownCount > 0) return { status: 'Unknown', reason: MACHINE_NODE_HEALTH_UNKNOWN_REASON, message };
  return { status: 'True', reason: MACHINE_NODE_HEALTHY_REASON, message: '' };
}

/**
 * setNodeHealthyAndReadyConditions → [NodeReady, NodeHealthy]. node undefined means no Node was found for
 * status.nodeRef / spec.providerID.
 */
export function nodeReadyAndHealthyConditions(
  cluster: KubeObject,
  machine: KubeObject,
  node: KubeObject | undefined,
): [ConditionInput, ConditionInput] {
  if (!clusterInfrastructureProvisioned(cluster)) {
    return both(
      'Unknown',
      INSPECTION_FAILED_REASON,
      'Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
    );
  }
  if (!isTrue(conditionsOf(cluster), 'ControlPlaneInitialized')) {
    return both('Unknown', INSPECTION_FAILED_REASON, 'Waiting for Cluster control plane to be initialized');
  }
  const nodeRef = machineNodeRefName(machine);
  if (node) {
    let ready: ConditionInput | undefined;
    for (const c of nodeConditions(node)) {
      if (c.type !== 'Ready') continue;
      const reason =
        c.status === 'False'
          ? MACHINE_NODE_NOT_READY_REASON
          : c.status === 'Unknown'
            ? MACHINE_NODE_READY_UNKNOWN_REASON
            : MACHINE_NODE_READY_REASON;
      ready = {
        type: 'NodeReady',
        status: c.status,
        reason,
        message: c.status !== 'True' && c.message ? `* Node.Ready: ${c.message}` : '',
        ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
      };
    }
    ready ??= {
      type: 'NodeReady',
      status: 'Unknown',
      reason: MACHINE_NODE_READY_UNKNOWN_REASON,
      message: '* Node.Ready: Condition not yet reported',
    };
    return [ready, { type: 'NodeHealthy', ...summarizeNodeConditions(node) }];
  }
  if (isDeleting(machine)) {
    return nodeRef
      ? both('False', MACHINE_NODE_DELETED_REASON, `Node ${nodeRef} has been deleted`)
      : both('Unknown', MACHINE_NODE_DOES_NOT_EXIST_REASON, 'Node does not exist');
  }
  if (nodeRef) {
    // F10: the Node vanished while the Machine still exists; nodeRef is not cleared.
    return both(
      'False',
      MACHINE_NODE_DELETED_REASON,
      `Node ${nodeRef} has been deleted while the Machine still exists`,
    );
  }
  const providerID = machineProviderID(machine);
  if (providerID !== '') {
    return both(
      'Unknown',
      INSPECTION_FAILED_REASON,
      `Waiting for a Node with spec.providerID ${providerID} to exist`,
    );
  }
  return both(
    'Unknown',
    INSPECTION_FAILED_REASON,
    `Waiting for ${machineInfrastructureRef(machine)?.kind ?? ''} to report spec.providerID`,
  );
}

/** setDeletingCondition: False/NotDeleting, or True with the reason and message of the current deletion step. */
export function deletingCondition(machine: KubeObject, reason: string, message: string): ConditionInput {
  if (!isDeleting(machine)) return { type: 'Deleting', status: 'False', reason: NOT_DELETING_REASON };
  return { type: 'Deleting', status: 'True', reason, message };
}

/** inplace.IsUpdateInProgress, reduced to its annotation half (the Runtime SDK hook half is not simulated). */
export const isUpdateInProgress = (machine: KubeObject): boolean =>
  hasAnnotation(machine, UPDATE_IN_PROGRESS_ANNOTATION);

/** setUpdatingCondition. */
export function updatingCondition(machine: KubeObject): ConditionInput {
  if (isUpdateInProgress(machine)) {
    return {
      type: 'Updating',
      status: 'True',
      reason: MACHINE_IN_PLACE_UPDATING_REASON,
      message: 'In-place update in progress',
    };
  }
  return { type: 'Updating', status: 'False', reason: MACHINE_NOT_UPDATING_REASON };
}

/**
 * setUpToDateCondition: only for Machines of a MachineSet owned by a MachineDeployment (otherwise undefined:
 * the condition is left to whoever manages the Machine). Compares the MachineSet template with the
 * MachineDeployment template, not the Machine itself.
 */
export function upToDateCondition(
  machine: KubeObject,
  conditions: readonly Condition[],
  ms: KubeObject | undefined,
  md: KubeObject | undefined,
  nowMs: number,
): ConditionInput | undefined {
  if (!ms || !md) return undefined;
  const r = machineTemplateUpToDate(ms.spec?.template, md.spec?.template);
  let upToDate = r.upToDate;
  const messages = [...r.conditionMessages];
  const after = rolloutAfterMs(md);
  const msCreated = creationMs(ms) ?? Number.NEGATIVE_INFINITY;
  if (after !== undefined && after < nowMs && msCreated < after) {
    upToDate = false;
    messages.push('MachineDeployment spec.rolloutAfter expired');
  }
  if (!upToDate) {
    return {
      type: 'UpToDate',
      status: 'False',
      reason: MACHINE_NOT_UP_TO_DATE_REASON,
      message: messages.map((m) => `* ${m}`).join('\n'),
    };
  }
  const updating = getCondition(conditions, 'Updating');
  if (updating?.status === 'True') {
    return {
      type: 'UpToDate',
      status: 'False',
      reason: MACHINE_UP_TO_DATE_UPDATING_REASON,
      message: updating.message ? `* ${updating.message}` : '* In-place update in progress',
    };
  }
  const kubelet = machineKubeletVersion(machine);
  if (kubelet !== '' && kubelet !== machineVersion(machine)) {
    return {
      type: 'UpToDate',
      status: 'False',
      reason: MACHINE_UP_TO_DATE_UPDATING_REASON,
      message: `* Node.status.nodeInfo.kubeletVersion ${kubelet}, ${machineVersion(machine)} required`,
    };
  }
  return { type: 'UpToDate', status: 'True', reason: MACHINE_UP_TO_DATE_REASON };
}

/** calculateDeletingConditionForSummary: a terse Deleting line for the Ready summary. */
export function deletingConditionForSummary(
  machine: KubeObject,
  conditions: readonly Condition[],
  nowMs: number,
): ConditionInput {
  const deleting = getCondition(conditions, 'Deleting');
  let msg = 'Machine deletion in progress';
  if (deleting) {
    msg = `Machine deletion in progress, stage: ${deleting.reason}`;
    const since = deletionMs(machine);
    if (since !== undefined && nowMs - since > 15 * 60_000) {
      msg = `Machine deletion in progress since more than 15m, stage: ${deleting.reason}`;
      const drainStart = machineDeletionStatus(machine).nodeDrainStartMs;
      if (deleting.reason === 'DrainingNode' && drainStart !== undefined && nowMs - drainStart > 5 * 60_000) {
        const delays: string[] = [];
        const m = deleting.message;
        if (m.includes("cannot evict pod as it would violate the pod's disruption budget."))
          delays.push('PodDisruptionBudgets');
        if (m.includes('deletionTimestamp set, but still not removed from the Node'))
          delays.push('Pods not terminating');
        if (m.includes('failed to evict Pod')) delays.push('Pod eviction errors');
        if (m.includes('waiting for completion')) delays.push('Pods not completed yet');
        if (delays.length > 0) msg += `, delay likely due to ${delays.join(', ')}`;
      }
    }
  }
  return { type: 'Deleting', status: 'True', reason: DELETING_REASON, message: msg };
}

/** setReadyCondition (F24): summary of Deleting, Updating, BootstrapConfigReady, InfrastructureReady, NodeHealthy, HealthCheckSucceeded and readiness gates. */
export function readyCondition(
  machine: KubeObject,
  conditions: readonly Condition[],
  nowMs: number,
): ConditionInput {
  const gates = machineReadinessGates(machine);
  const forTypes = [
    'Deleting',
    'Updating',
    'BootstrapConfigReady',
    'InfrastructureReady',
    'NodeHealthy',
    'HealthCheckSucceeded',
    ...gates.map((g) => g.conditionType),
  ];
  const negative = ['Deleting', 'Updating', ...gates.filter((g) => g.negative).map((g) => g.conditionType)];
  const deleting = isDeleting(machine);
  // machineConditionCustomMergeStrategy: while deleting, missing external objects are expected, not issues.
  const priority = (c: ConditionInput): MergePriority | undefined => {
    if (!deleting) return undefined;
    if (
      (c.type === 'BootstrapConfigReady' || c.type === 'InfrastructureReady') &&
      (c.reason === OBJECT_DELETED_REASON || c.reason === OBJECT_DOES_NOT_EXIST_REASON)
    ) {
      return 'info';
    }
    if (
      c.type === 'NodeHealthy' &&
      (c.reason === MACHINE_NODE_DELETED_REASON || c.reason === MACHINE_NODE_DOES_NOT_EXIST_REASON)
    ) {
      return 'info';
    }
    return undefined;
  };
  const overrides =
    deleting && getCondition(conditions, 'Deleting')
      ? [deletingConditionForSummary(machine, conditions, nowMs)]
      : [];
  return summaryCondition(conditions, 'Ready', {
    forConditionTypes: forTypes,
    negativePolarity: negative,
    ignoreTypesIfMissing: ['HealthCheckSucceeded'],
    overrides,
    priority,
    reasons: { issue: NOT_READY_REASON, unknown: READY_UNKNOWN_REASON, info: READY_REASON },
  });
}

/**
 * setAvailableCondition (F25): True once Ready has been True for minReadySeconds; otherwise False, with the
 * time left to wait when Ready is True.
 */
export function availableCondition(
  machine: KubeObject,
  conditions: readonly Condition[],
  nowMs: number,
): { condition: ConditionInput; requeueAfterMs?: number } {
  const ready = getCondition(conditions, 'Ready');
  if (!ready || ready.status !== 'True') {
    return { condition: { type: 'Available', status: 'False', reason: NOT_READY_REASON } };
  }
  const since = timeMs(ready.lastTransitionTime) ?? nowMs;
  const left = since + machineMinReadySeconds(machine) * 1000 - nowMs;
  if (left <= 0) return { condition: { type: 'Available', status: 'True', reason: AVAILABLE_REASON } };
  return {
    condition: { type: 'Available', status: 'False', reason: MACHINE_WAITING_FOR_MIN_READY_SECONDS_REASON },
    requeueAfterMs: left,
  };
}

export interface MachineStatusInputs {
  machine: KubeObject;
  cluster: KubeObject;
  /** undefined: not found (or, with no configRef, not needed). */
  bootstrapConfig?: KubeObject | undefined;
  infraMachine?: KubeObject | undefined;
  node?: KubeObject | undefined;
  owningMachineSet?: KubeObject | undefined;
  owningMachineDeployment?: KubeObject | undefined;
  /** Deleting reason/message from the deletion step (ignored when the Machine is not deleting). */
  deleting?: { reason: string; message: string } | undefined;
  nowMs: number;
}

export interface MachineStatusResult {
  conditions: readonly Condition[];
  phase: string;
  /** status.lastUpdated, set to now only when the phase changed (F7). */
  lastUpdated?: string;
  requeueAfterMs?: number;
}

/** Machine controller updateStatus in its real order; conditions carry observedGeneration = metadata.generation. */
export function computeMachineStatus(inputs: MachineStatusInputs): MachineStatusResult {
  const { machine, nowMs } = inputs;
  const gen = machine.metadata.generation;
  let conds = conditionsOf(machine);
  const set = (c: ConditionInput | undefined) => {
    if (c) conds = setCondition(conds, c, nowMs, gen);
  };
  set(bootstrapConfigReadyCondition(machine, inputs.bootstrapConfig));
  set(infrastructureReadyCondition(machine, inputs.infraMachine));
  for (const c of nodeReadyAndHealthyConditions(inputs.cluster, machine, inputs.node)) set(c);
  set(
    deletingCondition(
      machine,
      inputs.deleting?.reason ?? DELETING_REASON,
      inputs.deleting?.message ?? 'Deletion started',
    ),
  );
  set(updatingCondition(machine));
  set(upToDateCondition(machine, conds, inputs.owningMachineSet, inputs.owningMachineDeployment, nowMs));
  set(readyCondition(machine, conds, nowMs));
  const phaseInput: KubeObject = { ...machine, status: { ...machine.status, conditions: conds } };
  const phase = machinePhase(phaseInput);
  const available = availableCondition(machine, conds, nowMs);
  set(available.condition);
  const phaseChanged = phase !== (machine.status?.phase ?? '');
  return {
    conditions: conds,
    phase,
    ...(phaseChanged ? { lastUpdated: virtualTimestamp(nowMs) } : {}),
    ...(available.requeueAfterMs !== undefined ? { requeueAfterMs: available.requeueAfterMs } : {}),
  };
}
