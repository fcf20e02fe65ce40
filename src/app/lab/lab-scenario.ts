/** What a lab world is built from: a parsed scenario and the run options it gives (a seed may override). */
import { scenarioRunOptions, type Scenario } from '../../engine/scenario/schema.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';

export interface LabScenario {
  id: string;
  scenario: Scenario;
  options: WorldOptions;
}

/** A LabScenario around a parsed scenario; each call gets its own objects, which a world may hold on to. */
export function withSeed(id: string, scenario: Scenario, seed: number | undefined): LabScenario {
  return { id, scenario, options: scenarioRunOptions(scenario, seed === undefined ? {} : { seed }) };
}
