/**
 * Lessons in the browser: a lesson's knobs set scenario variables, so its scenario is parsed here from the
 * bundled YAML (scenario-texts.ts) by the engine's own loader, as `npm run sim -- <lesson>` and CI parse it.
 * The lesson kit's chunk carries the YAML parser; the plain lab's first screen does not.
 */
import { scenarioRunOptions } from '../../engine/scenario/schema.ts';
import type { Lesson } from '../../lessons/lesson-types.ts';
import { lessonWorldOptions, type KnobValues, type ScenarioLoader } from '../../lessons/run-lesson.ts';
import type { LabScenario } from '../lab/lab-scenario.ts';
import { loadLabScenario } from '../lab/scenario.ts';
import { parseBundledScenario } from '../lab/scenario-parse.ts';
import { SCENARIO_TEXTS } from '../lab/scenario-texts.ts';

export const browserScenarioLoader: ScenarioLoader = (id, set) =>
  scenarioRunOptions(parseBundledScenario(id, SCENARIO_TEXTS, { set }));

/** The lab scene a lesson opens on: its scenario's name, the lesson's world (knobs applied, no timeline). */
export function lessonLabScenario(lesson: Lesson, knobs: KnobValues = {}): LabScenario {
  // The scene itself, knobs aside, is the build's parse: only the options need the knobs' variables.
  const base = loadLabScenario(lesson.scenario);
  return {
    id: base.id,
    scenario: base.scenario,
    options: lessonWorldOptions(lesson, browserScenarioLoader, knobs),
  };
}
