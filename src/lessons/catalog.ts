/** Every lesson and bug lab that ships, in the order a course takes them. */
import type { Lesson } from './lesson-types.ts';
import { L01_THE_LOOP } from './lessons/l01-the-loop.ts';
import { L02_LEVEL_VS_EDGE } from './lessons/l02-level-vs-edge.ts';
import { L03_INFORMER } from './lessons/l03-informer.ts';
import { L04_WORKQUEUE } from './lessons/l04-workqueue.ts';
import { L05_OPTIMISTIC_CONCURRENCY } from './lessons/l05-optimistic-concurrency.ts';
import { L06_OWNERSHIP } from './lessons/l06-ownership.ts';
import { L07_CONTROL_THEORY } from './lessons/l07-control-theory.ts';
import { L08_CAPI_BRING_UP } from './lessons/l08-capi-bring-up.ts';
import { L09_MACHINE_DELETION } from './lessons/l09-machine-deletion.ts';
import { L10_ROLLING_UPDATE } from './lessons/l10-rolling-update.ts';
import { L11_MACHINE_HEALTH_CHECK } from './lessons/l11-machine-health-check.ts';
import { L12_WRITE_AN_OPERATOR } from './lessons/l12-write-an-operator.ts';
import { BL03_DUPLICATE_VMS } from './lessons/bl-03-duplicate-vms.ts';
import { BL06_EDGE_CLEANUP } from './lessons/bl-06-edge-cleanup.ts';
import { BL08_NO_EXPECTATIONS } from './lessons/bl-08-no-expectations.ts';
import { BL10_FIGHTING_CONTROLLERS } from './lessons/bl-10-fighting-controllers.ts';
import { BL11_HPA_FLAPPING } from './lessons/bl-11-hpa-flapping.ts';
import { BL12_DEADTIME } from './lessons/bl-12-deadtime.ts';

export const LESSONS: readonly Lesson[] = Object.freeze([
  L01_THE_LOOP,
  L02_LEVEL_VS_EDGE,
  L03_INFORMER,
  L04_WORKQUEUE,
  L05_OPTIMISTIC_CONCURRENCY,
  L06_OWNERSHIP,
  L07_CONTROL_THEORY,
  L08_CAPI_BRING_UP,
  L09_MACHINE_DELETION,
  L10_ROLLING_UPDATE,
  L11_MACHINE_HEALTH_CHECK,
  L12_WRITE_AN_OPERATOR,
  BL03_DUPLICATE_VMS,
  BL06_EDGE_CLEANUP,
  BL08_NO_EXPECTATIONS,
  BL10_FIGHTING_CONTROLLERS,
  BL11_HPA_FLAPPING,
  BL12_DEADTIME,
]);

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
