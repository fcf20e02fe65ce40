/** Every lesson and bug lab that ships, in the order a course takes them. */
import type { Lesson } from './lesson-types.ts';
import { L01_THE_LOOP } from './lessons/l01-the-loop.ts';

export const LESSONS: readonly Lesson[] = Object.freeze([L01_THE_LOOP]);

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
