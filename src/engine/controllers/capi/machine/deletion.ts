/**
 * The Machine deletion workflow as a pure "what next" function: core/reconcilers/machine/machine_controller.go
 * reconcileDelete, isDeleteNodeAllowed, isNodeDrainAllowed, isNodeVolumeDetachingAllowed,
 * nodeDrainTimeoutExceeded, nodeVolumeDetachTimeoutExceeded, drainNode, shouldWaitForNodeVolumes,
 * reconcileDeleteInfrastructure, reconcileDeleteBootstrap.
 *
 * Truth facts: F26 (strict order: pre-drain hooks → cordon/drain → volume detach → pre-terminate hooks →
 * InfraMachine gone → BootstrapConfig gone → Node deleted → finalizer removed), F27 (Node steps skipped when the
 * Cluster or control plane is deleting, there is no nodeRef, or no active control-plane Machine is left),
 * F28 (pre-drain hooks), F29 (drain, 20 s retry), F30 (drain skipped: exclude annotation, timeout, InfraMachine
 * missing/deleting, pre-terminate wait started), F31 (volume detach wait and its skips), F32 (pre-terminate
 * hooks), F33 (delete then wait for NotFound), F34 (Node deletion gives up after nodeDeletionTimeoutSeconds),
 * F35 (DeletionCompleted), §B Deleting reasons.
 *
 * Actions that need no waiting (cordon, evictions, deletes) can be chained by the caller inside one reconcile:
 * apply the step, then ask again with the updated objects.
 */
import type { KubeObject } from '../../../api/types.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { DELETING_REASON, DELETION_COMPLETED_REASON } from '../conditions.ts';
import { deletionMs, isDeleting, nameOf } from '../fields.ts';
import {
  annotationKeysWithPrefix,
  hasAnnotation,
  EXCLUDE_NODE_DRAINING_ANNOTATION,
  EXCLUDE_WAIT_FOR_NODE_VOLUME_DETACH_ANNOTATION,
  PRE_DRAIN_DELETE_HOOK_ANNOTATION_PREFIX,
  PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX,
} from '../labels.ts';
import { clusterControlPlaneRef } from '../cluster/fields.ts';
import {
  isNodeUnreachable,
  machineBootstrapConfigRef,
  machineDeletionStatus,
  machineDeletionTimeouts,
  machineInfrastructureRef,
  machineNodeRefName,
} from './fields.ts';
import {
  DRAIN_RETRY_INTERVAL_MS,
  WAIT_FOR_VOLUME_DETACH_RETRY_INTERVAL_MS,
  drainConditionMessage,
  isNodeCordoned,
  planDrain,
  type DrainPlan,
} from './drain.ts';

// Deleting condition reasons (api/core/v1beta2/machine_types.go).
export const WAITING_FOR_PRE_DRAIN_HOOK_REASON = 'WaitingForPreDrainHook';
export const DRAINING_NODE_REASON = 'DrainingNode';
export const WAITING_FOR_VOLUME_DETACH_REASON = 'WaitingForVolumeDetach';
export const WAITING_FOR_PRE_TERMINATE_HOOK_REASON = 'WaitingForPreTerminateHook';
export const WAITING_FOR_INFRASTRUCTURE_DELETION_REASON = 'WaitingForInfrastructureDeletion';
export const WAITING_FOR_BOOTSTRAP_DELETION_REASON = 'WaitingForBootstrapDeletion';
export const DELETING_NODE_REASON = 'DeletingNode';

export type MachineDeletionStep =
  | 'waitPreDrainHooks'
  | 'cordon'
  | 'drain'
  | 'waitVolumeDetach'
  | 'waitPreTerminateHooks'
  | 'deleteInfrastructure'
  | 'waitInfrastructureGone'
  | 'deleteBootstrap'
  | 'waitBootstrapGone'
  | 'deleteNode'
  | 'removeFinalizer';

/** isDeleteNodeAllowed's refusals (errClusterIsBeingDeleted, errNilNodeRef, ...). */
export type NodeDeletionBlocker =
  'clusterIsBeingDeleted' | 'nilNodeRef' | 'controlPlaneIsBeingDeleted' | 'noControlPlaneNodes';

export interface MachineDeletionInputs {
  machine: KubeObject;
  cluster: KubeObject;
  /** The object behind Cluster spec.controlPlaneRef, if any and found. */
  controlPlane?: KubeObject | undefined;
  /** Control-plane Machines of the Cluster that are not deleting (collections.ActiveMachines). */
  activeControlPlaneMachines: number;
  /** undefined: NotFound. */
  infraMachine?: KubeObject | undefined;
  /** undefined: NotFound. Only consulted when spec.bootstrap.configRef is set. */
  bootstrapConfig?: KubeObject | undefined;
  /**
   * The Node of status.nodeRef, or — when nodeRef is unset — the Node found by spec.providerID (the last lookup
   * isDeleteNodeAllowed makes). undefined: no such Node.
   */
  node?: KubeObject | undefined;
  /** Pods bound to that Node (spec.nodeName). */
  podsOnNode?: readonly KubeObject[] | undefined;
  /** The previous Node delete did not remove the Node (a fault), so the timeout rule of F34 applies. */
  nodeDeleteFailed?: boolean | undefined;
  daemonSetExists?: ((namespace: string, name: string) => boolean) | undefined;
  nowMs: number;
}

export interface MachineDeletionDecision {
  step: MachineDeletionStep;
  /** Deleting condition reason and message for this point of the workflow. */
  reason: string;
  message: string;
  /** status.deletion timestamps to record now (each is set once and never moved). */
  record: {
    waitForPreDrainHookStartTime?: string;
    nodeDrainStartTime?: string;
    waitForNodeVolumeDetachStartTime?: string;
    waitForPreTerminateHookStartTime?: string;
  };
  /** The hook annotations being waited on (sorted). */
  hooks?: string[];
  drain?: DrainPlan;
  /** The Node to cordon or delete. */
  nodeName?: string;
  /** Why Node steps (pre-drain, drain, volumes, Node delete) are skipped, when they are. */
  nodeDeletionBlockedBy?: NodeDeletionBlocker;
  /** The Node was found by providerID although status.nodeRef is unset: the controller sets nodeRef to it. */
  setNodeRef?: string;
  requeueAfterMs?: number;
}

/** isDeleteNodeAllowed. Returns the blocker, or undefined when deleting the Node is allowed. */
export function nodeDeletionBlocker(inputs: MachineDeletionInputs): NodeDeletionBlocker | undefined {
  if (isDeleting(inputs.cluster)) return 'clusterIsBeingDeleted';
  const nodeRef = machineNodeRefName(inputs.machine) ?? (inputs.node ? nameOf(inputs.node) : undefined);
  if (!nodeRef) return 'nilNodeRef';
  if (clusterControlPlaneRef(inputs.cluster) && inputs.controlPlane && isDeleting(inputs.controlPlane)) {
    return 'controlPlaneIsBeingDeleted';
  }
  if (inputs.activeControlPlaneMachines === 0) return 'noControlPlaneNodes';
  return undefined;
}

function timeoutExceeded(
  startMs: number | undefined,
  timeoutSeconds: number | undefined,
  nowMs: number,
): boolean {
  if (timeoutSeconds === undefined || timeoutSeconds <= 0 || startMs === undefined) return false;
  return (nowMs - startMs) / 1000 >= timeoutSeconds;
}

/** isNodeDrainAllowed (F30). */
export function isNodeDrainAllowed(
  machine: KubeObject,
  infraMachine: KubeObject | undefined,
  nowMs: number,
): boolean {
  if (hasAnnotation(machine, EXCLUDE_NODE_DRAINING_ANNOTATION)) return false;
  const st = machineDeletionStatus(machine);
  if (st.waitForPreTerminateHookStartMs !== undefined) return false;
  if (!infraMachine || isDeleting(infraMachine)) return false;
  return !timeoutExceeded(
    st.nodeDrainStartMs,
    machineDeletionTimeouts(machine).nodeDrainTimeoutSeconds,
    nowMs,
  );
}

/** isNodeVolumeDetachingAllowed (F31). */
export function isNodeVolumeDetachingAllowed(
  machine: KubeObject,
  infraMachine: KubeObject | undefined,
  nowMs: number,
): boolean {
  if (hasAnnotation(machine, EXCLUDE_WAIT_FOR_NODE_VOLUME_DETACH_ANNOTATION)) return false;
  const st = machineDeletionStatus(machine);
  if (st.waitForPreTerminateHookStartMs !== undefined) return false;
  if (!infraMachine || isDeleting(infraMachine)) return false;
  return !timeoutExceeded(
    st.waitForNodeVolumeDetachStartMs,
    machineDeletionTimeouts(machine).nodeVolumeDetachTimeoutSeconds,
    nowMs,
  );
}

/** Node status.volumesAttached is non-empty (the VolumeAttachment half is folded into it). */
const hasAttachedVolumes = (node: KubeObject) => {
  const v = node.status?.volumesAttached;
  return Array.isArray(v) && v.length > 0;
};

/** reconcileDelete: the next step for a Machine with a deletionTimestamp. Throws for a Machine that is not deleting. */
export function nextMachineDeletionStep(inputs: MachineDeletionInputs): MachineDeletionDecision {
  const { machine, nowMs } = inputs;
  if (!isDeleting(machine))
    throw new Error(`Machine ${nameOf(machine)} has no deletionTimestamp: nothing to delete`);
  const now = virtualTimestamp(nowMs);
  const st = machineDeletionStatus(machine);
  const record: MachineDeletionDecision['record'] = {};
  const blocker = nodeDeletionBlocker(inputs);
  const nodeRef = machineNodeRefName(machine) ?? (inputs.node ? nameOf(inputs.node) : undefined);
  const base = {
    record,
    ...(blocker ? { nodeDeletionBlockedBy: blocker } : {}),
    ...(!machineNodeRefName(machine) && inputs.node && !isDeleting(inputs.cluster)
      ? { setNodeRef: nameOf(inputs.node) }
      : {}),
  };

  if (!blocker) {
    const preDrain = annotationKeysWithPrefix(machine, PRE_DRAIN_DELETE_HOOK_ANNOTATION_PREFIX);
    if (preDrain.length > 0) {
      if (st.waitForPreDrainHookStartMs === undefined) record.waitForPreDrainHookStartTime = now;
      return {
        ...base,
        step: 'waitPreDrainHooks',
        reason: WAITING_FOR_PRE_DRAIN_HOOK_REASON,
        message: `Waiting for pre-drain hooks to succeed (hooks: ${preDrain.join(',')})`,
        hooks: preDrain,
      };
    }

    if (isNodeDrainAllowed(machine, inputs.infraMachine, nowMs)) {
      const drainStart = st.nodeDrainStartMs ?? nowMs;
      if (st.nodeDrainStartMs === undefined) record.nodeDrainStartTime = now;
      // drainNode: a Node deleted out of band means there is nothing to drain.
      if (inputs.node) {
        const startedMsg = `Drain not completed yet (started at ${virtualTimestamp(drainStart)}):`;
        if (!isNodeCordoned(inputs.node)) {
          return {
            ...base,
            step: 'cordon',
            reason: DRAINING_NODE_REASON,
            message: startedMsg,
            nodeName: nameOf(inputs.node),
          };
        }
        const plan = planDrain(inputs.podsOnNode ?? [], {
          nodeUnreachable: isNodeUnreachable(inputs.node),
          nowMs,
          ...(inputs.daemonSetExists ? { daemonSetExists: inputs.daemonSetExists } : {}),
        });
        if (!plan.completed) {
          return {
            ...base,
            step: 'drain',
            reason: DRAINING_NODE_REASON,
            message: drainConditionMessage(plan, drainStart),
            drain: plan,
            nodeName: nameOf(inputs.node),
            requeueAfterMs: DRAIN_RETRY_INTERVAL_MS,
          };
        }
      }
    }

    if (isNodeVolumeDetachingAllowed(machine, inputs.infraMachine, nowMs)) {
      const start = st.waitForNodeVolumeDetachStartMs ?? nowMs;
      if (st.waitForNodeVolumeDetachStartMs === undefined) record.waitForNodeVolumeDetachStartTime = now;
      // shouldWaitForNodeVolumes: a missing or unreachable Node cannot detach anything, so do not wait.
      if (inputs.node && !isNodeUnreachable(inputs.node) && hasAttachedVolumes(inputs.node)) {
        return {
          ...base,
          step: 'waitVolumeDetach',
          reason: WAITING_FOR_VOLUME_DETACH_REASON,
          message: `Waiting for Node volumes to be detached (started at ${virtualTimestamp(start)})`,
          nodeName: nameOf(inputs.node),
          requeueAfterMs: WAIT_FOR_VOLUME_DETACH_RETRY_INTERVAL_MS,
        };
      }
    }
  }

  const preTerminate = annotationKeysWithPrefix(machine, PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX);
  if (preTerminate.length > 0) {
    if (st.waitForPreTerminateHookStartMs === undefined) record.waitForPreTerminateHookStartTime = now;
    return {
      ...base,
      step: 'waitPreTerminateHooks',
      reason: WAITING_FOR_PRE_TERMINATE_HOOK_REASON,
      message: `Waiting for pre-terminate hooks to succeed (hooks: ${preTerminate.join(',')})`,
      hooks: preTerminate,
    };
  }

  const infraKind = machineInfrastructureRef(machine)?.kind ?? '';
  if (inputs.infraMachine) {
    return {
      ...base,
      step: isDeleting(inputs.infraMachine) ? 'waitInfrastructureGone' : 'deleteInfrastructure',
      reason: WAITING_FOR_INFRASTRUCTURE_DELETION_REASON,
      message: `Waiting for ${infraKind} to be deleted`,
    };
  }

  const configRef = machineBootstrapConfigRef(machine);
  if (configRef && inputs.bootstrapConfig) {
    return {
      ...base,
      step: isDeleting(inputs.bootstrapConfig) ? 'waitBootstrapGone' : 'deleteBootstrap',
      reason: WAITING_FOR_BOOTSTRAP_DELETION_REASON,
      message: `Waiting for ${configRef.kind} to be deleted`,
    };
  }

  // "We only delete the node after the underlying infrastructure is gone" (kubernetes-sigs/cluster-api#2565).
  if (!blocker && inputs.node && nodeRef) {
    if (!inputs.nodeDeleteFailed) {
      return { ...base, step: 'deleteNode', reason: DELETING_NODE_REASON, message: '', nodeName: nodeRef };
    }
    const timeout = machineDeletionTimeouts(machine).nodeDeletionTimeoutSeconds;
    const deletedAt = deletionMs(machine) ?? nowMs;
    if (timeout === undefined || timeout === 0 || deletedAt + timeout * 1000 > nowMs) {
      return {
        ...base,
        step: 'deleteNode',
        reason: DELETING_NODE_REASON,
        message: 'Error deleting Node, please check controller logs for errors',
        nodeName: nodeRef,
      };
    }
    // F34: the node deletion timeout expired; give up on the Node and finish.
  }

  return {
    ...base,
    step: 'removeFinalizer',
    reason: DELETION_COMPLETED_REASON,
    message: 'Deletion completed',
  };
}

/** The fallback Deleting reason/message the controller starts every deleting reconcile with. */
export const DELETION_STARTED = { reason: DELETING_REASON, message: 'Deletion started' } as const;
