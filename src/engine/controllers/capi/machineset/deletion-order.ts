/**
 * Which Machines a MachineSet deletes first when it scales down: core/reconcilers/machineset/
 * machineset_deletion_order.go (randomDeletionOrder, newestDeletionOrder, oldestDeletionOrder,
 * getMachinesToDeletePrioritized, getDeletePriorityFunc, isMachineHealthy).
 *
 * Truth facts: F42 (priorities 100 deleting > 80 delete-machine annotation > 75 in-place update in progress >
 * 50 unhealthy (no nodeRef, NodeHealthy False, HealthCheckSucceeded False) > policy value; Random = 20,
 * Oldest = 50·(1−e^(−age/10 days)), Newest = 50 − Oldest; ties broken by name, so "Random" is deterministic;
 * deleting Machines fill the quota first), §C (default order Random).
 *
 * No Rng is needed: upstream "Random" is a constant priority, and the name tie-break decides.
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, isFalse } from '../conditions.ts';
import { compareNames, creationMs, isDeleting, nameOf } from '../fields.ts';
import { DELETE_MACHINE_ANNOTATION, hasAnnotation } from '../labels.ts';
import { machineNodeRefName } from '../machine/fields.ts';
import { isUpdateInProgress } from '../machine/status-conditions.ts';

export type MachineSetDeletionOrder = 'Random' | 'Newest' | 'Oldest';

const MUST_DELETE = 100;
const SHOULD_DELETE_FIRST = 80;
const SHOULD_DELETE = 75;
const BETTER_DELETE = 50;
const COULD_DELETE = 20;
const MUST_NOT_DELETE = 0;
const SECONDS_PER_TEN_DAYS = 864_000;

/** isMachineHealthy: for prioritization only; Unknown conditions are not held against the Machine. */
export function isMachineHealthyForDeletion(m: KubeObject): boolean {
  if (machineNodeRefName(m) === undefined) return false;
  const conds = conditionsOf(m);
  return !isFalse(conds, 'NodeHealthy') && !isFalse(conds, 'HealthCheckSucceeded');
}

/** The shared head of every priority function; undefined when the policy value decides. */
function basePriority(m: KubeObject): number | undefined {
  if (isDeleting(m)) return MUST_DELETE;
  if (hasAnnotation(m, DELETE_MACHINE_ANNOTATION)) return SHOULD_DELETE_FIRST;
  if (isUpdateInProgress(m)) return SHOULD_DELETE;
  if (!isMachineHealthyForDeletion(m)) return BETTER_DELETE;
  return undefined;
}

function oldestValue(m: KubeObject, nowMs: number): number {
  const created = creationMs(m);
  if (created === undefined) return MUST_NOT_DELETE;
  const ageSeconds = (nowMs - created) / 1000;
  if (ageSeconds < 0) return MUST_NOT_DELETE;
  return BETTER_DELETE * (1 - Math.exp(-ageSeconds / SECONDS_PER_TEN_DAYS));
}

export type DeletePriorityFunc = (m: KubeObject, nowMs: number) => number;

/** getDeletePriorityFunc: "" means Random; anything else unknown is an error. */
export function deletePriorityFunc(order: string | undefined): DeletePriorityFunc {
  switch (order ?? '') {
    case '':
    case 'Random':
      return (m) => basePriority(m) ?? COULD_DELETE;
    case 'Oldest':
      return (m, now) => basePriority(m) ?? oldestValue(m, now);
    case 'Newest':
      return (m, now) => basePriority(m) ?? BETTER_DELETE - oldestValue(m, now);
    default:
      throw new Error(`Unsupported deletion order ${order}. Must be one of 'Random', 'Newest', or 'Oldest'`);
  }
}

/**
 * getMachinesToDeletePrioritized: sort high → low priority, name ascending on ties, and take diff. Does not
 * modify the input array.
 */
export function machinesToDelete(
  machines: readonly KubeObject[],
  diff: number,
  order: string | undefined,
  nowMs: number,
): KubeObject[] {
  if (diff <= 0) return [];
  const prio = deletePriorityFunc(order);
  const scored = machines.map((m) => ({ m, p: prio(m, nowMs), n: nameOf(m) }));
  scored.sort((a, b) => (a.p === b.p ? compareNames(a.n, b.n) : b.p - a.p));
  return scored.slice(0, diff).map((s) => s.m);
}
