/**
 * Runs a lesson without a browser: the same steps the lesson player animates, applied to a world as fast as it
 * goes. CI runs every lesson this way and requires every check to pass, so no lesson claims what the
 * simulation does not do.
 */
import type { ScenarioRunOptions } from '../engine/scenario/schema.ts';
import { isQuiet } from '../engine/world/quiet.ts';
import type { LabWorld } from '../engine/world/build-world.ts';
import type { WorldOptions } from '../engine/world/world-types.ts';
import type { Lesson, LessonStep, StepRun } from './lesson-types.ts';
import { evaluateChecks, measuresOf, startProbe, type CheckResult } from './measures.ts';

/** Loads a bundled scenario with variable overrides: fs in Node, Vite `?raw` in the browser. */
export type ScenarioLoader = (id: string, set: Record<string, string>) => ScenarioRunOptions;

export type KnobValues = Readonly<Record<string, number>>;

/** The world a lesson starts from: its scenario without the scenario's own timeline, with knobs applied. */
export function lessonWorldOptions(
  lesson: Lesson,
  load: ScenarioLoader,
  knobs: KnobValues = {},
  restartParams?: Readonly<Record<string, number | string | boolean>>,
): WorldOptions {
  const set: Record<string, string> = {};
  const params: Record<string, number | string | boolean> = { ...lesson.params };
  for (const k of lesson.knobs) {
    const v = knobs[k.id] ?? k.default;
    if (!Number.isFinite(v) || v < k.min || v > k.max)
      throw new Error(`${lesson.id}: ${k.label} must be between ${k.min} and ${k.max} (got ${v})`);
    if ('variable' in k.sets) set[k.sets.variable] = String(v);
    else params[k.sets.param] = v;
  }
  Object.assign(params, restartParams);
  const base = load(lesson.scenario, set);
  return {
    ...base,
    ...(lesson.seed === undefined ? {} : { seed: lesson.seed }),
    timeline: [],
    params: { ...base.params, ...params },
  };
}

/** Runs the world as a step's `run` says; returns the virtual time it stopped at. */
export function runFor(world: LabWorld, run: StepRun | undefined): number {
  if (!run) return world.sim.now();
  if ('for' in run) {
    world.runUntil(world.sim.now() + run.for);
    return world.sim.now();
  }
  const deadline = world.sim.now() + run.max;
  const done = 'untilQuiet' in run ? () => isQuiet(world) : () => world.isConverged();
  // Always make progress first: a step's actions are only queued when it starts.
  let first = true;
  for (;;) {
    const next = world.sim.scheduler.peekTime();
    if (next === undefined || next > deadline) break;
    if (!first && done()) break;
    world.step();
    first = false;
  }
  return world.sim.now();
}

export interface StepReport {
  step: string;
  atMs: number;
  checks: CheckResult[];
  /** The measured answer of a numeric prediction. */
  answer?: number;
}

export interface LessonReport {
  lesson: string;
  steps: StepReport[];
  passed: boolean;
}

export function runStep(world: LabWorld, step: LessonStep): StepReport {
  const probe = startProbe(world, measuresOf(step));
  try {
    for (const a of step.actions ?? []) world.act(a);
    const atMs = runFor(world, step.run);
    const checks = evaluateChecks(probe, step.checks ?? []);
    const report: StepReport = { step: step.id, atMs, checks };
    if (step.predict?.kind === 'number') report.answer = probe.read(step.predict.answer);
    return report;
  } finally {
    probe.stop();
  }
}

/** createWorld: world.ts createWorld, or the lab's (app/lab/lab-world.ts), which loads Cluster API on demand. */
export function runLesson(
  createWorld: (opts: WorldOptions) => LabWorld,
  lesson: Lesson,
  load: ScenarioLoader,
  knobs: KnobValues = {},
): LessonReport {
  let world = createWorld(lessonWorldOptions(lesson, load, knobs));
  const steps: StepReport[] = [];
  for (const step of lesson.steps) {
    if (step.restart) world = createWorld(lessonWorldOptions(lesson, load, knobs, step.restart.params));
    steps.push(runStep(world, step));
  }
  return { lesson: lesson.id, steps, passed: steps.every((s) => s.checks.every((c) => c.pass)) };
}
