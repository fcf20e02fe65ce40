/**
 * The scenarios the lab can open: parsed at build time from the bundled YAML files by the engine's own loader
 * (scenarios-plugin.ts, scenario-parse.ts), so the browser runs exactly what `npm run sim -- <id>` runs and
 * the first screen ships no YAML parser. The list comes from one place, src/lessons/scenarios/index.ts; a
 * scenario whose file is not bundled is simply not offered.
 */
import COMPILED from 'virtual:reconcile-lab/scenarios';
import { scenarioRunOptions, type Scenario } from '../../engine/scenario/schema.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';

export interface LabScenario {
  id: string;
  scenario: Scenario;
  options: WorldOptions;
}

export interface LabScenarioEntry {
  id: string;
  title: string;
}

/** The scenarios the picker offers, in index.ts order: those whose file the build bundles. */
export const LAB_SCENARIOS: readonly LabScenarioEntry[] = BUNDLED_SCENARIOS.filter(
  (s) => COMPILED[s.id] !== undefined,
).map((s) => ({ id: s.id, title: s.title }));

export const DEFAULT_SCENARIO_ID = 'replicaset';

export const isLabScenarioId = (id: string): boolean => LAB_SCENARIOS.some((s) => s.id === id);

/** A bundled scenario as the build parsed it. Throws the loader's message (file, field) when it is bad. */
export function loadLabScenario(id: string, overrides: { seed?: number } = {}): LabScenario {
  const compiled = COMPILED[id];
  if (compiled === undefined)
    throw new Error(`no bundled scenario "${id}" (available: ${LAB_SCENARIOS.map((s) => s.id).join(', ')})`);
  if ('error' in compiled) throw new Error(compiled.error);
  return withSeed(id, structuredClone(compiled.scenario), overrides.seed);
}

/** A LabScenario around a parsed scenario; each call gets its own objects, which a world may hold on to. */
export function withSeed(id: string, scenario: Scenario, seed: number | undefined): LabScenario {
  return { id, scenario, options: scenarioRunOptions(scenario, seed === undefined ? {} : { seed }) };
}
