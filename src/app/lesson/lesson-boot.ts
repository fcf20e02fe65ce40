/**
 * When the lab needs the lesson kit (lesson-kit.ts) before it starts. The kit is a chunk of its own, off the
 * first screen; a URL that opens a lesson or presenter mode waits for it, so the lab never shows the wrong
 * scene first. Everything else loads it when the learner opens the picker or presenter mode.
 */
import { parseLabParams, type LabParams } from '../lab/url-params.ts';

export function lessonsAtStart(search: string): boolean {
  // Any `lesson`, even a garbage one: only the kit knows the lesson ids the notice lists.
  if (new URLSearchParams(search).has('lesson')) return true;
  return parseLabParams(search).params.presenter === true;
}

/** A `step` with no (valid) lesson: said at once, whether or not the kit is ever loaded. */
export function stepWithoutLessonNotices(params: LabParams): string[] {
  return params.step !== undefined && !params.lesson
    ? ['step is only meaningful with a lesson: ignored.']
    : [];
}
