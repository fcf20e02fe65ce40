import { beforeAll, describe, expect, it } from 'vitest';
import { resourceIdOf } from '../../engine/api/resource.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import { findLesson, LESSONS } from '../../lessons/catalog.ts';
import type { Lesson, LessonStep } from '../../lessons/lesson-types.ts';
import { lessonWorldOptions, runLesson, runStep } from '../../lessons/run-lesson.ts';
import { createLabStore, type LabStore } from '../lab/lab-store.ts';
import { loadClusterApi } from '../lab/lab-world.ts';
import { browserScenarioLoader, lessonLabScenario } from './lesson-loader.ts';
import { createLessonSession, type LessonAnswer, type LessonSession } from './lesson-store.ts';

const L1 = findLesson('l1-the-loop')!;

/** The right answer for a choice, any number for a numeric prediction (the e2e walk does the same). */
const answerFor = (step: LessonStep): LessonAnswer | undefined =>
  step.predict === undefined
    ? undefined
    : step.predict.kind === 'choice'
      ? { kind: 'choice', index: step.predict.answer }
      : { kind: 'number', value: 0 };

function open(lesson: Lesson): { lab: LabStore; session: LessonSession } {
  const lab = createLabStore(lessonLabScenario(lesson));
  const session = createLessonSession(browserScenarioLoader);
  expect(session.getState().loadLesson(lesson.id)).toEqual({ ok: true });
  session.getState().attach(lab);
  return { lab, session };
}

/** Plays a running step frame by frame, as the browser does, until the lab pauses at the step's target. */
function playOut(lab: LabStore, session: LessonSession) {
  for (let i = 0; i < 1_000_000 && session.getState().phase === 'running'; i++) lab.getState().frame(16);
}

/** Every object's kind, name, resourceVersion and status: the end state two runs must share. */
function state(world: LabWorld) {
  return world.api.registry
    .all()
    .flatMap((def) => [...world.api.peek(resourceIdOf(def))])
    .map(
      (o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion} ${JSON.stringify(o.status ?? {})}`,
    )
    .sort();
}

describe('lesson session', () => {
  // As the app does before it opens a Cluster API lesson (App.tsx).
  beforeAll(() => loadClusterApi());

  it('plays L1 step by step to the same end state and reports as run-lesson.ts runLesson', () => {
    const { lab, session } = open(L1);
    const headless = createWorld(lessonWorldOptions(L1, browserScenarioLoader));
    const report = runLesson(createWorld, L1, browserScenarioLoader);
    for (const [i, step] of L1.steps.entries()) {
      runStep(headless, step);
      session.getState().setAnswer(answerFor(step));
      expect(session.getState().runStep()).toEqual({ ok: true });
      playOut(lab, session);
      const s = session.getState();
      expect(s.phase).toBe('done');
      const expected = report.steps[i]!;
      expect(s.outcome?.atMs).toBe(expected.atMs);
      expect(s.outcome?.measured).toBe(expected.answer);
      expect(s.outcome?.checks.map((c) => [c.observed, c.pass])).toEqual(
        expected.checks.map((c) => [c.observed, c.pass]),
      );
      expect(lab.getState().snap.playing).toBe(false);
      expect(lab.getState().world().sim.scheduler.executed()).toBe(headless.sim.scheduler.executed());
      expect(state(lab.getState().world())).toEqual(state(headless));
      if (i + 1 < L1.steps.length) expect(session.getState().next()).toEqual({ ok: true });
    }
    expect(session.getState().next().ok).toBe(false);
  });

  it('refuses to run a step before its prediction is answered (predict, then see)', () => {
    const { lab, session } = open(L1);
    const r = session.getState().runStep();
    expect(r.ok).toBe(false);
    expect(session.getState().phase).toBe('ready');
    expect(lab.getState().snap.t).toBe(0);
    session.getState().setAnswer({ kind: 'choice', index: 0 });
    expect(session.getState().runStep().ok).toBe(false);
  });

  it('advances as the clicker does: asks for the answer, runs, finishes a running step, then moves on', () => {
    const { lab, session } = open(L1);
    const first = L1.steps[0]!;
    expect(session.getState().advance()).toBe('needs-answer');
    session.getState().setAnswer(answerFor(first));
    expect(session.getState().advance()).toBe('ran');
    expect(session.getState().phase).toBe('running');
    lab.getState().frame(16);
    expect(session.getState().advance()).toBe('finished');
    expect(session.getState().phase).toBe('done');
    expect(lab.getState().snap.playing).toBe(false);
    expect(session.getState().advance()).toBe('next');
    expect(session.getState()).toMatchObject({ index: 1, phase: 'ready' });
  });

  it('judges a numeric answer against the measured value and a choice against the answer', () => {
    const { lab, session } = open(L1);
    session.getState().setAnswer({ kind: 'number', value: 3 });
    session.getState().runStep();
    session.getState().finishStep();
    expect(session.getState().outcome).toMatchObject({ measured: 3, right: true });
    session.getState().next();
    session.getState().setAnswer({ kind: 'choice', index: 2 });
    session.getState().runStep();
    playOut(lab, session);
    expect(session.getState().outcome?.right).toBe(false);
  });

  it('goes back to a step by replaying to the moment it started, and runs it again to the same end', () => {
    const { lab, session } = open(L1);
    const run = () => {
      session.getState().setAnswer(answerFor(L1.steps[session.getState().index]!));
      session.getState().runStep();
      session.getState().finishStep();
    };
    run();
    session.getState().next();
    const startT = lab.getState().snap.t;
    const startEvents = lab.getState().world().sim.scheduler.executed();
    run();
    const end = state(lab.getState().world());
    session.getState().next();
    expect(session.getState().previous()).toEqual({ ok: true });
    expect(session.getState()).toMatchObject({ index: 1, phase: 'ready', answer: undefined });
    expect(lab.getState().snap.t).toBe(startT);
    expect(lab.getState().world().sim.scheduler.executed()).toBe(startEvents);
    run();
    expect(state(lab.getState().world())).toEqual(end);
    // The replayed actions are on the tape: seeking back and forth shows the same run.
    expect(lab.getState().world().actions.length).toBe(1);
  });

  it('opens a lesson straight at a step (the URL or postMessage goToStep)', () => {
    const lab = createLabStore(lessonLabScenario(L1));
    const session = createLessonSession(browserScenarioLoader);
    session.getState().loadLesson(L1.id, { step: 2 });
    session.getState().attach(lab);
    const report = runLesson(createWorld, L1, browserScenarioLoader);
    expect(lab.getState().snap.t).toBe(report.steps[1]!.atMs);
    expect(lab.getState().snap.pods.filter((p) => p.phase === 'Running')).toHaveLength(3);
  });

  it('rejects a step or knob out of range and changes nothing', () => {
    const { lab, session } = open(L1);
    expect(session.getState().goToStep(9).ok).toBe(false);
    expect(session.getState().setKnob('replicas', 99).ok).toBe(false);
    expect(session.getState().setKnob('nope', 1).ok).toBe(false);
    expect(session.getState().loadLesson('no-such-lesson').ok).toBe(false);
    expect(session.getState()).toMatchObject({ index: 0, knobs: { replicas: 3 } });
    expect(session.getState().lesson).toBe(L1);
    expect(lab.getState().snap.t).toBe(0);
  });

  it('restarts from step 0 with a new knob value', () => {
    const { lab, session } = open(L1);
    session.getState().setAnswer({ kind: 'number', value: 5 });
    session.getState().runStep();
    session.getState().finishStep();
    session.getState().next();
    expect(session.getState().setKnob('replicas', 5)).toEqual({ ok: true });
    expect(session.getState()).toMatchObject({ index: 0, phase: 'ready' });
    session.getState().setAnswer({ kind: 'number', value: 5 });
    session.getState().runStep();
    session.getState().finishStep();
    expect(session.getState().outcome).toMatchObject({ measured: 5, right: true });
    expect(lab.getState().snap.pods).toHaveLength(5);
  });

  it('marks a run cut short by a seek as interrupted', () => {
    const { lab, session } = open(L1);
    session.getState().setAnswer({ kind: 'number', value: 3 });
    session.getState().runStep();
    lab.getState().frame(16);
    lab.getState().seek(0);
    expect(session.getState().phase).toBe('interrupted');
    expect(session.getState().resetStep()).toEqual({ ok: true });
    expect(session.getState().phase).toBe('ready');
  });

  for (const lesson of LESSONS)
    it(`${lesson.id}: every step opens straight from a headless replay (goToStep)`, () => {
      const { lab, session } = open(lesson);
      const last = lesson.steps.length - 1;
      expect(session.getState().goToStep(last)).toEqual({ ok: true });
      session.getState().setAnswer(answerFor(lesson.steps[last]!));
      expect(session.getState().runStep()).toEqual({ ok: true });
      session.getState().finishStep();
      const outcome = session.getState().outcome!;
      expect(
        outcome.checks.every((c) => c.pass),
        JSON.stringify(outcome.checks),
      ).toBe(true);
      expect(lab.getState().snap.engineError).toBeUndefined();
    });
});
