/** Every lesson and bug lab that ships, in the order a course takes them. */
import type { Lesson } from './lesson-types.ts';
import { L01_THE_LOOP } from './lessons/l01-the-loop.ts';
import { L02_LEVEL_VS_EDGE } from './lessons/l02-level-vs-edge.ts';
import { L03_INFORMER } from './lessons/l03-informer.ts';
import { L04_WORKQUEUE } from './lessons/l04-workqueue.ts';
import { L05_OPTIMISTIC_CONCURRENCY } from './lessons/l05-optimistic-concurrency.ts';
import { L06_OWNERSHIP } from './lessons/l06-ownership.ts';
import { L08_CAPI_BRING_UP } from './lessons/l08-capi-bring-up.ts';
import { L10_ROLLING_UPDATE } from './lessons/l10-rolling-update.ts';
import { L11_MACHINE_HEALTH_CHECK } from './lessons/l11-machine-health-check.ts';

export const LESSONS: readonly Lesson[] = Object.freeze([
  L01_THE_LOOP,
  L02_LEVEL_VS_EDGE,
  L03_INFORMER,
  L04_WORKQUEUE,
  L05_OPTIMISTIC_CONCURRENCY,
  L06_OWNERSHIP,
  L08_CAPI_BRING_UP,
  L10_ROLLING_UPDATE,
  L11_MACHINE_HEALTH_CHECK,
]);

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
