import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/catalog.ts';
import { parseLabParams } from '../lab/url-params.ts';
import { openLessonSession } from './open-session.ts';

const lessonIds = LESSONS.map((l) => l.id);
const open = (search: string) => openLessonSession(parseLabParams(search, { lessonIds }).params);

describe('openLessonSession: the session as the URL opens it', () => {
  it('opens the lesson at the step, with presenter mode and the speed', () => {
    const { session, notices } = open('?lesson=l1-the-loop&step=1&presenter=1&speed=100');
    const s = session.getState();
    expect(notices).toEqual([]);
    expect(s.lesson?.id).toBe('l1-the-loop');
    expect(s.index).toBe(1);
    expect(s.presenter).toBe(true);
    expect(s.speedOverride).toBe(100);
  });

  it('starts at the first step, with a notice, for a step the lesson does not have', () => {
    const { session, notices } = open('?lesson=l1-the-loop&step=99');
    expect(session.getState().index).toBe(0);
    expect(session.getState().lesson?.id).toBe('l1-the-loop');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^step 99: .*starting at the first step\.$/);
  });

  it('opens no lesson for free play, and leaves the step notice to lesson-boot.ts', () => {
    const { session, notices } = open('?step=2');
    expect(session.getState().lesson).toBeUndefined();
    expect(session.getState().presenter).toBe(false);
    expect(notices).toEqual([]);
  });
});
