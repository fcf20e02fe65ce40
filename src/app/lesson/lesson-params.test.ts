import { describe, expect, it } from 'vitest';
import { parseLabParams } from '../lab/url-params.ts';
import { urlForLesson } from './lesson-url.ts';

const lessonIds = ['l1-the-loop', 'bl-08-no-expectations'];

describe('lesson URL parameters (DESIGN.md §2 lesson, step)', () => {
  it('reads a known lesson, a step, presenter and notes', () => {
    const r = parseLabParams('?lesson=l1-the-loop&step=2&presenter=1&notes=0', { lessonIds });
    expect(r.params).toMatchObject({ lesson: 'l1-the-loop', step: 2, presenter: true, notes: false });
    expect(r.notices).toEqual([]);
  });

  it('falls back with a notice on garbage', () => {
    const r = parseLabParams('?lesson=%3Cscript%3E&step=-1&presenter=maybe', { lessonIds });
    expect(r.params.lesson).toBeUndefined();
    expect(r.params.step).toBeUndefined();
    expect(r.params.presenter).toBeUndefined();
    expect(r.notices).toHaveLength(3);
    expect(r.notices[0]).toContain('lesson "<script>" is not one of l1-the-loop, bl-08-no-expectations');
  });

  it('writes the lesson and presenter mode into a link, dropping the scenario and step', () => {
    const url = new URL(
      urlForLesson('https://x.test/lab/?scenario=replicaset&step=2&seed=4', 'l1-the-loop', true),
    );
    expect(url.searchParams.get('lesson')).toBe('l1-the-loop');
    expect(url.searchParams.get('presenter')).toBe('1');
    expect(url.searchParams.get('scenario')).toBeNull();
    expect(url.searchParams.get('step')).toBeNull();
    expect(url.searchParams.get('seed')).toBe('4');
  });
});
