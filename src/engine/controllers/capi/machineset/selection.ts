/**
 * Which Machines a MachineSet counts, and what its sync step does with them:
 * core/reconcilers/machineset/machineset_controller.go getAndAdoptMachinesForMachineSet, shouldExcludeMachine,
 * syncReplicas, shouldRequeueForReplicaCountersRefresh; machineset_controller_status.go setReplicas.
 *
 * Truth facts: F37 (selector match in the namespace; Machines controlled by someone else are ignored, orphans
 * adopted; deleting Machines are counted, PR #3434), F38 (diff = len(machines) − spec.replicas: create −diff unless
 * disable-machine-create is "true", or delete diff by priority), F39 (a deleted/remediated Machine is replaced only
 * once it is fully gone), F43 (status counters from Machine conditions, deleting Machines included in replicas,
 * in-place updating Machines excluded from ready/available/upToDate), F44 (requeue 15 s until all ready; after
 * minReadySeconds when all ready but not all available).
 *
 * Simplified: preflight checks (version skew) are not run, so creation is never held back by them.
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, isTrue } from '../conditions.ts';
import { asNumber, asRecord, asString, path } from '../fields.ts';
import { DISABLE_MACHINE_CREATE_ANNOTATION } from '../labels.ts';
import { isUpdateInProgress } from '../machine/status-conditions.ts';
import { machinesToDelete } from './deletion-order.ts';

/** The requeue while replicas are not all Ready (shouldRequeueForReplicaCountersRefresh). */
export const REPLICA_REFRESH_REQUEUE_MS = 15_000;

/**
 * metav1.LabelSelectorAsMap: matchLabels plus single-value "In" expressions. Other expressions cannot be a map
 * and make the MachineSet controller fail, so they throw here.
 */
export function selectorAsMap(selector: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const ml = asRecord(asRecord(selector)?.matchLabels);
  if (ml) for (const [k, v] of Object.entries(ml)) if (typeof v === 'string') out[k] = v;
  const exprs = asRecord(selector)?.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      const key = asString(asRecord(e)?.key) ?? '';
      const op = asRecord(e)?.operator;
      const values = asRecord(e)?.values;
      if (op === 'In' && Array.isArray(values) && values.length === 1 && typeof values[0] === 'string')
        out[key] = values[0];
      else
        throw new Error(
          `selector expression for key "${key}" with operator ${String(op)} cannot be converted to a label map`,
        );
    }
  }
  return out;
}

function matchesMap(obj: KubeObject, sel: Record<string, string>): boolean {
  const labels = obj.metadata.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  return true;
}

function controllerRef(obj: KubeObject) {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

/** IsControlledBy(machine, ms): the controller ownerRef points at this MachineSet (by uid when both have one). */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = controllerRef(obj);
  if (!ref || ref.kind !== owner.kind || ref.name !== owner.metadata.name) return false;
  return !ref.uid || !owner.metadata.uid || ref.uid === owner.metadata.uid;
}

export interface MachineSetMachines {
  /** Machines the MachineSet counts (including deleting ones and the orphans it adopts now). */
  machines: KubeObject[];
  /** Orphans (no controller) that get a controller ownerRef to the MachineSet in this reconcile. */
  adopt: KubeObject[];
}

/** getAndAdoptMachinesForMachineSet over Machines already listed in the MachineSet's namespace. */
export function machinesForMachineSet(
  ms: KubeObject,
  namespaceMachines: readonly KubeObject[],
): MachineSetMachines {
  const sel = selectorAsMap(ms.spec?.selector);
  const out: MachineSetMachines = { machines: [], adopt: [] };
  for (const m of namespaceMachines) {
    if (m.metadata.namespace !== ms.metadata.namespace || !matchesMap(m, sel)) continue;
    const ref = controllerRef(m);
    if (ref && !isControlledBy(m, ms)) continue;
    if (!ref) out.adopt.push(m);
    out.machines.push(m);
  }
  return out;
}

export type SyncReplicasDecision =
  | { action: 'none' }
  | { action: 'create'; count: number }
  | { action: 'createDisabled'; count: number }
  | { action: 'delete'; count: number; machines: KubeObject[] };

/**
 * syncReplicas for the non-in-place path. Machines chosen for deletion that already have a deletionTimestamp are
 * only waited on (deleteMachines: "Waiting for Machine to be deleted").
 */
export function syncReplicas(
  ms: KubeObject,
  machines: readonly KubeObject[],
  nowMs: number,
): SyncReplicasDecision {
  return syncReplicasCounted(ms, machines.length, () => machines, nowMs);
}

/** syncReplicas from the number of Machines; the list itself is asked for only when some must be deleted. */
export function syncReplicasCounted(
  ms: KubeObject,
  count: number,
  machines: () => readonly KubeObject[],
  nowMs: number,
): SyncReplicasDecision {
  const replicas = asNumber(ms.spec?.replicas);
  if (replicas === undefined) {
    throw new Error(
      `the Replicas field in Spec for MachineSet ${ms.metadata.name ?? ''} is nil, this should not be allowed`,
    );
  }
  const diff = count - replicas;
  if (diff < 0) {
    const disabled = ms.metadata.annotations?.[DISABLE_MACHINE_CREATE_ANNOTATION] === 'true';
    return { action: disabled ? 'createDisabled' : 'create', count: -diff };
  }
  if (diff > 0) {
    const order = asString(path(ms.spec, 'deletion', 'order'));
    return { action: 'delete', count: diff, machines: machinesToDelete(machines(), diff, order, nowMs) };
  }
  return { action: 'none' };
}

export interface MachineSetReplicaCounters {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
}

/** setReplicas (v1beta2 counters). */
export function machineSetReplicaCounters(machines: readonly KubeObject[]): MachineSetReplicaCounters {
  const c = { replicas: machines.length, readyReplicas: 0, availableReplicas: 0, upToDateReplicas: 0 };
  for (const m of machines) {
    if (isUpdateInProgress(m)) continue;
    const conds = conditionsOf(m);
    if (isTrue(conds, 'Ready')) c.readyReplicas++;
    if (isTrue(conds, 'Available')) c.availableReplicas++;
    if (isTrue(conds, 'UpToDate')) c.upToDateReplicas++;
  }
  return c;
}

/** shouldRequeueForReplicaCountersRefresh: the requeue (ms) after this reconcile, if any. */
export function replicaCountersRequeueMs(
  specReplicas: number,
  counters: Pick<MachineSetReplicaCounters, 'readyReplicas' | 'availableReplicas'>,
  minReadySeconds: number,
): number | undefined {
  if (
    minReadySeconds > 0 &&
    counters.readyReplicas === specReplicas &&
    counters.availableReplicas !== specReplicas
  ) {
    return minReadySeconds * 1000;
  }
  if (counters.readyReplicas !== specReplicas) return REPLICA_REFRESH_REQUEUE_MS;
  return undefined;
}
