/** Pieces several lessons share: the knobs of the bundled scenarios' variables, the usual pause point, the
 * Pod measures, and the checks of the missing-expectations experiment that BL-08 and L12 both run. */
import type { Check, LessonParam, StepRun } from '../lesson-types.ts';

/** The replicaset scenario's REPLICAS variable (default 3). */
export function replicasKnob(hint: string, range: { min?: number; max?: number } = {}): LessonParam {
  return {
    id: 'replicas',
    label: 'Desired replicas',
    sets: { variable: 'REPLICAS' },
    default: 3,
    min: range.min ?? 1,
    max: range.max ?? 12,
    hint,
  };
}

/** The Cluster API scenarios' WORKERS variable: the MachineDeployment's replicas (default 3). */
export function workersKnob(hint: string, range: { min?: number; max?: number } = {}): LessonParam {
  return {
    id: 'workers',
    label: 'Worker Machines',
    sets: { variable: 'WORKERS' },
    default: 3,
    min: range.min ?? 1,
    max: range.max ?? 10,
    hint,
  };
}

/** Runs until no controller has work: the lab's "step to quiet", bounded at one virtual minute. */
export const UNTIL_QUIET: StepRun = { untilQuiet: true, max: 60_000 };

export const PODS_CREATED = { measure: 'created', kind: 'Pod' } as const;
export const PODS_DELETED = { measure: 'deleted', kind: 'Pod' } as const;
export const PODS_PEAK = { measure: 'peak', kind: 'Pod' } as const;
export const PODS_RUNNING = { measure: 'count', kind: 'Pod', phase: 'Running' } as const;
export const CONVERGED = { measure: 'converged' } as const;

/** A controller without expectations behind a slow watch, asked for `replicas` Pods: it over-creates, then
 * deletes the surplus and ends where it should. */
export function overCreationChecks(replicas: number): Check[] {
  return [
    { says: `more than ${replicas} Pods were created`, of: PODS_CREATED, is: 'gt', value: replicas },
    { says: 'the surplus was deleted again', of: PODS_DELETED, is: 'gte', value: 1 },
    { says: `at one moment more than ${replicas} Pods existed`, of: PODS_PEAK, is: 'gt', value: replicas },
    { says: `it ends at ${replicas} Running Pods`, of: PODS_RUNNING, is: 'eq', value: replicas },
  ];
}

/** The same controller with expectations on: exactly `replicas` creates, nothing deleted, never more. */
export function expectationsHoldChecks(replicas: number): Check[] {
  return [
    { says: `exactly ${replicas} Pods were created`, of: PODS_CREATED, is: 'eq', value: replicas },
    { says: 'no Pod was deleted', of: PODS_DELETED, is: 'eq', value: 0 },
    { says: `never more than ${replicas} Pods`, of: PODS_PEAK, is: 'eq', value: replicas },
    { says: 'the world converged', of: CONVERGED, is: 'eq', value: 1 },
  ];
}

/** A fixed loop comes to rest: nothing created or deleted over the step, still converged. */
export const STAYS_CONVERGED_CHECKS: readonly Check[] = [
  { says: 'no Pod created', of: PODS_CREATED, is: 'eq', value: 0 },
  { says: 'no Pod deleted', of: PODS_DELETED, is: 'eq', value: 0 },
  { says: 'still converged', of: CONVERGED, is: 'eq', value: 1 },
];
