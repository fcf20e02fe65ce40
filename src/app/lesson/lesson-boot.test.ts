import { describe, expect, it } from 'vitest';
import { parseLabParams } from '../lab/url-params.ts';
import { lessonsAtStart, stepWithoutLessonNotices } from './lesson-boot.ts';

describe('lessonsAtStart: which URLs wait for the lesson kit before the lab starts', () => {
  it('waits for any lesson parameter, even one no lesson has (only the kit can list the ids)', () => {
    expect(lessonsAtStart('?lesson=l1-the-loop')).toBe(true);
    expect(lessonsAtStart('?lesson=%3Cscript%3E&step=abc')).toBe(true);
    expect(lessonsAtStart('?notes=1&lesson=l1-the-loop')).toBe(true);
  });

  it('waits for presenter mode, as parseLabParams reads it', () => {
    expect(lessonsAtStart('?presenter=1')).toBe(true);
    expect(lessonsAtStart('?presenter')).toBe(true);
    expect(lessonsAtStart('?presenter=0')).toBe(false);
    expect(lessonsAtStart('?presenter=maybe')).toBe(false);
  });

  it('starts the default lab, a scenario, a permalink or an embed at once', () => {
    for (const q of ['', '?scenario=replicaset', '?seed=7&t=2000', '?embed=1&panels=loop', '?step=2'])
      expect(lessonsAtStart(q), q).toBe(false);
  });
});

describe('stepWithoutLessonNotices', () => {
  const lessonIds = ['l1-the-loop'];
  it('says a step without a lesson is ignored, with or without the kit', () => {
    expect(stepWithoutLessonNotices(parseLabParams('?step=2').params)).toEqual([
      'step is only meaningful with a lesson: ignored.',
    ]);
    expect(
      stepWithoutLessonNotices(parseLabParams('?lesson=nope&step=2', { lessonIds }).params),
    ).toHaveLength(1);
  });

  it('says nothing for a step of a lesson, or no step', () => {
    expect(
      stepWithoutLessonNotices(parseLabParams('?lesson=l1-the-loop&step=1', { lessonIds }).params),
    ).toEqual([]);
    expect(stepWithoutLessonNotices(parseLabParams('?seed=3').params)).toEqual([]);
  });
});
