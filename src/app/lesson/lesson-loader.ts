/**
 * Lessons in the browser: scenarios come from the bundled YAML (src/app/lab/scenario.ts, Vite `?raw`), parsed
 * by the engine's own loader, so a lesson here builds the world `npm run sim -- <lesson>` and CI build.
 */
import { scenarioRunOptions } from '../../engine/scenario/schema.ts';
import type { Lesson } from '../../lessons/lesson-types.ts';
import { lessonWorldOptions, type KnobValues, type ScenarioLoader } from '../../lessons/run-lesson.ts';
import { loadLabScenario, type LabScenario } from '../lab/scenario.ts';

export const browserScenarioLoader: ScenarioLoader = (id, set) =>
  scenarioRunOptions(loadLabScenario(id, { set }).scenario);

/** The lab scene a lesson opens on: its scenario's name, the lesson's world (knobs applied, no timeline). */
export function lessonLabScenario(lesson: Lesson, knobs: KnobValues = {}): LabScenario {
  const base = loadLabScenario(lesson.scenario);
  return {
    id: base.id,
    scenario: base.scenario,
    options: lessonWorldOptions(lesson, browserScenarioLoader, knobs),
  };
}
