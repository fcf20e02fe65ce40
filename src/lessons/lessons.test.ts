/**
 * Every shipped lesson, run headless with its default parameters: each check must pass, each numeric
 * prediction must have a measured answer, and the teaching rules must hold.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../engine/world/world.ts';
import { findLesson, LESSONS } from './catalog.ts';
import { lessonProblems, MAX_ANIMATION_MS } from './lesson-rules.ts';
import { runLesson, type ScenarioLoader } from './run-lesson.ts';
import { scenarioWorldOptions } from './scenarios/capi-test-scenarios.ts';
import { BUNDLED_SCENARIOS } from './scenarios/index.ts';

const load: ScenarioLoader = (id, set) => {
  const s = BUNDLED_SCENARIOS.find((b) => b.id === id);
  if (!s) throw new Error(`no bundled scenario ${id}`);
  return { keepTrace: false, ...scenarioWorldOptions(s.file, set) } as ReturnType<ScenarioLoader>;
};

describe('lessons', () => {
  it('have unique ids and can be found by id', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of LESSONS) expect(findLesson(l.id)).toBe(l);
    expect(findLesson('no-such-lesson')).toBeUndefined();
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      it('obeys the teaching rules', () => {
        expect(lessonProblems(lesson)).toEqual([]);
      });

      it('runs headless and every check passes', () => {
        const report = runLesson(createWorld, lesson, load);
        let startMs = 0;
        for (const [i, s] of report.steps.entries()) {
          const step = lesson.steps[i]!;
          for (const c of s.checks)
            expect(c.pass, `${s.step}: ${c.check.says} (observed ${c.observed})`).toBe(true);
          // A pause point at least every ~40 s of animation at the lesson's speed.
          if (!step.restart) expect((s.atMs - startMs) / lesson.speed).toBeLessThanOrEqual(MAX_ANIMATION_MS);
          startMs = s.atMs;
          if (step.predict?.kind === 'number') expect(s.answer, s.step).toBeTypeOf('number');
        }
        expect(report.passed).toBe(true);
      });
    });
  }
});

describe('lessonProblems', () => {
  it('names each broken rule', () => {
    const l01 = LESSONS[0]!;
    const broken = {
      ...l01,
      id: 'Bad Id',
      knobs: [],
      steps: [{ ...l01.steps[0]!, predict: undefined, sources: [{ label: 'x', url: 'http://example.com' }] }],
    };
    const problems = lessonProblems(broken).join('\n');
    expect(problems).toMatch(/id must be/);
    expect(problems).toMatch(/never asks the learner to predict/);
    expect(problems).toMatch(/no parameter to change/);
    expect(problems).toMatch(/not an upstream https link/);
  });
});
