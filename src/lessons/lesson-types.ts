/**
 * Lessons are data: a bundled scenario, the parameters a learner may change, and steps that narrate, ask for a
 * prediction, act on the world, run it for a while, and check what happened. The same data drives the lesson
 * player in the browser and the headless runner CI uses (run-lesson.ts), so a lesson that ships is a lesson
 * whose claims were checked against the simulation.
 */
import type { WorldAction } from '../engine/world/world-types.ts';

/** An upstream source backing a claim: every claim a lesson makes links to one. */
export interface SourceLink {
  label: string;
  url: string;
}

/** A number read from the world (and, for peaks, from every commit since the step began). */
export type Measure =
  /** Objects of a kind now, optionally only those in a phase (engine phaseOf: Running, Terminating, …). */
  | { measure: 'count'; kind: string; phase?: string; label?: Record<string, string> }
  /** The largest `count` seen at any commit since the step began (the peak of a rollout). */
  | { measure: 'peak'; kind: string; phase?: string; label?: Record<string, string> }
  /** The smallest `count` seen at any commit since the step began. */
  | { measure: 'trough'; kind: string; phase?: string; label?: Record<string, string> }
  /** A numeric field of one object, by dotted path (`status.readyReplicas`). Missing reads as 0. */
  | { measure: 'field'; kind: string; name: string; namespace?: string; path: string }
  /** Trace events of a type since the step began, optionally matching fields (`{ code: 409 }`). */
  | { measure: 'events'; type: string; where?: Record<string, string | number | boolean> }
  /** Objects of a kind created (ADDED commits) since the step began. */
  | { measure: 'created'; kind: string }
  /** Objects of a kind deleted (DELETED commits) since the step began. */
  | { measure: 'deleted'; kind: string }
  /** Changes of a numeric field of one object since the step began (replica flapping). */
  | { measure: 'changes'; kind: string; name: string; namespace?: string; path: string }
  /** 1 when the world has converged (DESIGN.md: controllers idle and every object settled), else 0. */
  | { measure: 'converged' };

export type Comparison = 'eq' | 'gte' | 'lte' | 'gt' | 'lt';

export interface Check {
  /** What the learner reads next to a tick or a cross. */
  says: string;
  of: Measure;
  is: Comparison;
  value: number;
}

export type Prediction =
  | {
      kind: 'choice';
      question: string;
      choices: readonly string[];
      /** Index of the right choice. A check of the same step confirms it against the simulation. */
      answer: number;
      explain: string;
    }
  | {
      kind: 'number';
      question: string;
      /** The right answer is measured, not written down: the simulation decides. */
      answer: Measure;
      /** How far off still counts as right. */
      tolerance: number;
      explain: string;
    };

/** How far a step runs the world after its actions: a pause point follows. */
export type StepRun =
  | { for: number }
  /** Until no controller has work (the lab's "step to quiet"), at most `max` virtual ms. */
  | { untilQuiet: true; max: number }
  | { untilConverged: true; max: number };

export interface LessonParam {
  id: string;
  label: string;
  /** A scenario variable (`--set`) or a world parameter (DESIGN.md §2 params). */
  sets: { variable: string } | { param: string };
  default: number;
  min: number;
  max: number;
  step?: number;
  /** Why a learner would change it: what to try. */
  hint: string;
}

export interface LessonStep {
  id: string;
  title: string;
  /** The story of the step, in short paragraphs. */
  text: readonly string[];
  sources: readonly SourceLink[];
  /** Panels (and diagram parts) to draw the eye to: 'loop', 'queue', 'workers', 'desired', 'graph', … */
  highlight?: readonly string[];
  /** Asked before the step runs; the step cannot run until it is answered. */
  predict?: Prediction;
  /**
   * Starts a fresh world from the lesson's scenario with these parameters before the actions: a bug lab's
   * second run, the same scene with the fix switched on.
   */
  restart?: { params: Readonly<Record<string, number | string | boolean>> };
  /** Applied, in order, when the step runs. */
  actions?: readonly WorldAction[];
  run?: StepRun;
  /** Checked after the run; CI requires every one to pass with the default parameters. */
  checks?: readonly Check[];
}

export interface Lesson {
  id: string;
  /** 'lesson' or 'bug-lab': bug labs run a buggy variant, then the fixed one, against one oracle. */
  type: 'lesson' | 'bug-lab';
  title: string;
  summary: string;
  /** A bundled scenario id (src/lessons/scenarios/index.ts). Its own timeline is dropped: steps drive. */
  scenario: string;
  seed?: number;
  /** Fixed world parameters (the lesson's setup), before the learner's params. */
  params?: Readonly<Record<string, number | string | boolean>>;
  /** What the learner may change; at least one. */
  knobs: readonly LessonParam[];
  /** Suggested playback speed while a step runs: the run of each step stays under ~40 s of animation. */
  speed: number;
  steps: readonly LessonStep[];
}
