/** Pieces several lessons share: the knobs of the bundled scenarios' variables and the usual pause point. */
import type { LessonParam, StepRun } from '../lesson-types.ts';

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
