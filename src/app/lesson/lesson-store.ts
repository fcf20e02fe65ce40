/**
 * A lesson session: which lesson and step a learner is on, their prediction, and the outcome of the step they
 * ran. It drives a lab store: a step's actions go through act() (recorded, replayable) and its run through
 * runTo(), which stops on the same event as the headless runner (src/lessons/run-lesson.ts runFor). Going to a
 * step (back, or straight from a URL or a postMessage) replays the lesson headless up to that step with
 * run-lesson.ts runStep and opens the lab on that exact moment, so every path to a step shows the same world.
 *
 * One session per lab instance (App creates it); the embed bridge drives it through loadLesson and goToStep.
 *
 * @example
 * const session = createLessonSession(browserScenarioLoader);
 * session.getState().loadLesson('l1-the-loop');
 * const detach = session.getState().attach(labStore);
 * session.getState().answer({ kind: 'number', value: 3 });
 * session.getState().runStep(); // plays at the lesson's speed, then session.getState().phase === 'done'
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isQuiet } from '../../engine/world/quiet.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';
import { findLesson } from '../../lessons/catalog.ts';
import type { Lesson, LessonStep, StepRun } from '../../lessons/lesson-types.ts';
import {
  evaluateChecks,
  measuresOf,
  startProbe,
  type CheckResult,
  type StepProbe,
} from '../../lessons/measures.ts';
import {
  lessonWorldOptions,
  runStep,
  type KnobValues,
  type ScenarioLoader,
} from '../../lessons/run-lesson.ts';
import type { LabStore, RestartAt, RunTarget } from '../lab/lab-store.ts';
import { createLabWorld } from '../lab/lab-world.ts';

export type LessonAnswer = { kind: 'choice'; index: number } | { kind: 'number'; value: number };

export interface StepOutcome {
  checks: CheckResult[];
  /** The measured answer of a numeric prediction (run-lesson.ts StepReport.answer). */
  measured?: number;
  /** Whether the learner's prediction was right; undefined when the step asked none. */
  right?: boolean;
  /** Virtual time the run stopped at. */
  atMs: number;
}

/**
 * ready: the step can run once its prediction is answered; running: playing to the step's target; done: the
 * checks are shown and Next is open; interrupted: a seek or reset cut the run short (reset to the step).
 */
export type StepPhase = 'ready' | 'running' | 'done' | 'interrupted';

export type SessionResult = { ok: true } | { ok: false; error: string };

export interface LessonSessionState {
  lesson: Lesson | undefined;
  knobs: Readonly<Record<string, number>>;
  index: number;
  phase: StepPhase;
  answer: LessonAnswer | undefined;
  outcome: StepOutcome | undefined;
  /** The last thing that went wrong (bad step, knob out of range, an action the world refused). */
  error: string | undefined;
  /** Playback speed for step runs instead of the lesson's (the URL's `speed`). */
  speedOverride: number | undefined;
  /** Presenter mode (projector theme, clicker keys, notes window). */
  presenter: boolean;
  setPresenter(on: boolean): void;
  /** Opens a lesson at a step (default 0) with knob values (default: the lesson's). */
  loadLesson(id: string, opts?: { step?: number; knobs?: Readonly<Record<string, number>> }): SessionResult;
  /** Leaves the lesson: the lab goes back to free play. */
  closeLesson(): void;
  /** Binds the lab the session drives and opens the current step in it; returns the detach function. */
  attach(lab: LabStore): () => void;
  /** Shows step n's starting moment, with no answer yet. */
  goToStep(n: number): SessionResult;
  setAnswer(answer: LessonAnswer | undefined): void;
  /** Applies the step's actions and plays to its run target. Refused until the prediction is answered. */
  runStep(): SessionResult;
  /** Completes a running step at once. */
  finishStep(): void;
  next(): SessionResult;
  /**
   * A clicker's "next": run the step when it may run, complete a running one, or go to the next step.
   * 'needs-answer' when the prediction is still open (the UI moves focus to it).
   */
  advance(): AdvanceResult;
  previous(): SessionResult;
  /** Back to the current step's starting moment. */
  resetStep(): SessionResult;
  /** A new knob value restarts the lesson from step 0. */
  setKnob(id: string, value: number): SessionResult;
  setSpeedOverride(speed: number | undefined): void;
}

export type LessonSession = StoreApi<LessonSessionState>;

export type AdvanceResult = 'ran' | 'finished' | 'next' | 'needs-answer' | 'end' | 'none';

/** A step's run as a lab-store target (the stop rules of run-lesson.ts runFor). */
export function runTargetOf(run: StepRun): RunTarget {
  if ('for' in run) return { forMs: run.for };
  if ('untilQuiet' in run) return { until: (w: LabWorld) => isQuiet(w), maxMs: run.max };
  return { until: (w: LabWorld) => w.isConverged(), maxMs: run.max };
}

/** Whether the step may run: its prediction, if any, is answered with a usable value. */
export function isAnswered(step: LessonStep, answer: LessonAnswer | undefined): boolean {
  if (!step.predict) return true;
  if (!answer || answer.kind !== step.predict.kind) return false;
  if (answer.kind === 'number') return Number.isFinite(answer.value);
  return (
    answer.index >= 0 && answer.index < (step.predict.kind === 'choice' ? step.predict.choices.length : 0)
  );
}

/** Whether a prediction was right: the choice index, or a number within tolerance of the measured value. */
export function isRight(
  step: LessonStep,
  answer: LessonAnswer | undefined,
  measured?: number,
): boolean | undefined {
  const p = step.predict;
  if (!p || !answer) return undefined;
  if (p.kind === 'choice') return answer.kind === 'choice' && answer.index === p.answer;
  if (answer.kind !== 'number' || measured === undefined) return false;
  return Math.abs(answer.value - measured) <= p.tolerance;
}

/** The world options step n starts from and the moment (actions, events, clock) it starts at, run headless. */
export function stepStart(
  lesson: Lesson,
  load: ScenarioLoader,
  knobs: KnobValues,
  n: number,
): { options: WorldOptions; at: RestartAt } {
  let options = lessonWorldOptions(lesson, load, knobs);
  let world = createLabWorld({ ...options, keepTrace: false });
  for (const step of lesson.steps.slice(0, n)) {
    if (step.restart) {
      options = lessonWorldOptions(lesson, load, knobs, step.restart.params);
      world = createLabWorld({ ...options, keepTrace: false });
    }
    runStep(world, step);
  }
  return {
    options,
    at: { actions: [...world.actions], events: world.sim.scheduler.executed(), atMs: world.sim.now() },
  };
}

const defaultKnobs = (lesson: Lesson): Record<string, number> =>
  Object.fromEntries(lesson.knobs.map((k) => [k.id, k.default]));

export function createLessonSession(load: ScenarioLoader): LessonSession {
  let lab: LabStore | undefined;
  let unsubscribeLab = () => {};
  /** The run in flight: the lab's run id and the probe counting its measures. */
  let pending: { id: number; probe: StepProbe; step: LessonStep } | undefined;

  const fail = (error: string): SessionResult => {
    store.setState({ error });
    return { ok: false, error };
  };
  const dropPending = () => {
    pending?.probe.stop();
    pending = undefined;
  };

  function settle(status: 'done' | 'cancelled') {
    if (!pending) return;
    const { probe, step } = pending;
    if (status === 'cancelled') {
      dropPending();
      store.setState({ phase: 'interrupted' });
      return;
    }
    const outcome: StepOutcome = {
      checks: evaluateChecks(probe, step.checks ?? []),
      atMs: lab?.getState().snap.t ?? 0,
    };
    if (step.predict?.kind === 'number') outcome.measured = probe.read(step.predict.answer);
    const right = isRight(step, store.getState().answer, outcome.measured);
    if (right !== undefined) outcome.right = right;
    dropPending();
    store.setState({ phase: 'done', outcome });
  }

  function watch(l: LabStore) {
    unsubscribeLab();
    unsubscribeLab = l.subscribe((s) => {
      const run = s.snap.run;
      if (pending && run && run.id === pending.id && run.status !== 'running') settle(run.status);
    });
  }

  const store = createStore<LessonSessionState>()((set, get) => ({
    lesson: undefined,
    knobs: {},
    index: 0,
    phase: 'ready',
    answer: undefined,
    outcome: undefined,
    error: undefined,
    speedOverride: undefined,
    presenter: false,
    setPresenter(on) {
      set({ presenter: on });
    },

    loadLesson(id, opts = {}) {
      const lesson = findLesson(id);
      if (!lesson) return fail(`no lesson "${id}"`);
      const step = opts.step ?? 0;
      if (!Number.isInteger(step) || step < 0 || step >= lesson.steps.length)
        return fail(`${lesson.id} has steps 1 to ${lesson.steps.length}`);
      const knobs = { ...defaultKnobs(lesson), ...opts.knobs };
      try {
        lessonWorldOptions(lesson, load, knobs);
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      dropPending();
      const same = get().lesson === lesson;
      set({
        lesson,
        knobs,
        index: step,
        phase: 'ready',
        answer: undefined,
        outcome: undefined,
        error: undefined,
      });
      // A lab bound to this lesson's scene is reused; a different lesson gets a fresh lab (App re-keys it).
      if (same && lab) return get().goToStep(step);
      return { ok: true };
    },

    closeLesson() {
      dropPending();
      set({
        lesson: undefined,
        index: 0,
        phase: 'ready',
        answer: undefined,
        outcome: undefined,
        error: undefined,
      });
    },

    attach(l) {
      lab = l;
      watch(l);
      if (get().lesson) get().goToStep(get().index);
      return () => {
        if (lab !== l) return;
        dropPending();
        unsubscribeLab();
        unsubscribeLab = () => {};
        lab = undefined;
      };
    },

    goToStep(n) {
      const { lesson, knobs } = get();
      if (!lesson) return fail('no lesson is open');
      if (!Number.isInteger(n) || n < 0 || n >= lesson.steps.length)
        return fail(`${lesson.id} has steps 1 to ${lesson.steps.length}`);
      dropPending();
      if (lab) {
        try {
          const start = stepStart(lesson, load, knobs, n);
          lab.getState().restart(start.options, n === 0 ? undefined : start.at);
        } catch (e) {
          return fail(e instanceof Error ? e.message : String(e));
        }
      }
      set({ index: n, phase: 'ready', answer: undefined, outcome: undefined, error: undefined });
      return { ok: true };
    },

    setAnswer(answer) {
      if (get().phase !== 'ready') return;
      set({ answer });
    },

    runStep() {
      const { lesson, index, phase, answer, knobs, speedOverride } = get();
      if (!lesson || !lab) return fail('no lesson is open');
      if (phase !== 'ready') return fail('this step has run: reset to it to run it again');
      const step = lesson.steps[index]!;
      if (!isAnswered(step, answer)) return fail('answer the question first: predict, then see');
      const l = lab.getState();
      try {
        if (step.restart) l.restart(lessonWorldOptions(lesson, load, knobs, step.restart.params));
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      const probe = startProbe(lab.getState().world(), measuresOf(step));
      for (const action of step.actions ?? []) {
        const r = lab.getState().act(action);
        if (!r.ok) {
          probe.stop();
          set({ phase: 'interrupted' });
          return fail(`the step's action failed: ${r.error}`);
        }
      }
      lab.getState().setSpeed(speedOverride ?? lesson.speed);
      set({ phase: 'running', error: undefined });
      if (!step.run) {
        pending = { id: -1, probe, step };
        settle('done');
        return { ok: true };
      }
      // Set before runTo publishes, so the subscription knows the run it belongs to.
      pending = { id: -1, probe, step };
      const id = lab.getState().runTo(runTargetOf(step.run));
      if (pending) pending.id = id;
      const run = lab.getState().snap.run;
      if (run && run.id === id && run.status !== 'running') settle(run.status);
      return { ok: true };
    },

    finishStep() {
      if (get().phase === 'running') lab?.getState().finishRun();
    },

    next() {
      const { lesson, index, phase } = get();
      if (!lesson) return fail('no lesson is open');
      if (phase !== 'done') return fail('run this step first');
      if (index + 1 >= lesson.steps.length) return fail('this is the last step');
      // The world already stands where the next step starts: no rebuild, and the scrubber keeps the past.
      set({ index: index + 1, phase: 'ready', answer: undefined, outcome: undefined, error: undefined });
      return { ok: true };
    },

    advance() {
      const { lesson, index, phase, answer } = get();
      if (!lesson) return 'none';
      const step = lesson.steps[index]!;
      if (phase === 'running') {
        get().finishStep();
        return 'finished';
      }
      if (phase === 'ready') {
        if (!isAnswered(step, answer)) return 'needs-answer';
        return get().runStep().ok ? 'ran' : 'none';
      }
      if (phase === 'interrupted') return get().resetStep().ok ? 'next' : 'none';
      return get().next().ok ? 'next' : 'end';
    },

    previous() {
      const { index } = get();
      if (index === 0) return fail('this is the first step');
      return get().goToStep(index - 1);
    },

    resetStep() {
      return get().goToStep(get().index);
    },

    setKnob(id, value) {
      const { lesson, knobs } = get();
      if (!lesson) return fail('no lesson is open');
      const knob = lesson.knobs.find((k) => k.id === id);
      if (!knob) return fail(`${lesson.id} has no knob "${id}"`);
      if (!Number.isFinite(value) || value < knob.min || value > knob.max)
        return fail(`${knob.label} must be between ${knob.min} and ${knob.max}`);
      const prev = knobs;
      set({ knobs: { ...knobs, [id]: value } });
      const r = get().goToStep(0);
      if (!r.ok) set({ knobs: prev });
      return r;
    },

    setSpeedOverride(speed) {
      set({ speedOverride: speed });
    },
  }));

  return store;
}
