/**
 * The bundled scenarios as the build parsed them from their YAML files with the engine's own loader
 * (scenarios-plugin.ts, scenario-parse.ts), so the browser runs exactly what `npm run sim -- <id>` runs and
 * ships no YAML parser. This module travels with the engine's chunk (lab-engine.ts): the first screen needs
 * only the list (scenario-list.ts) and the first frame.
 */
import COMPILED from 'virtual:reconcile-lab/scenarios';
import { withSeed, type LabScenario } from './lab-scenario.ts';
import { LAB_SCENARIOS } from './scenario-list.ts';

/** A bundled scenario as the build parsed it. Throws the loader's message (file, field) when it is bad. */
export function loadLabScenario(id: string, overrides: { seed?: number } = {}): LabScenario {
  const compiled = COMPILED[id];
  if (compiled === undefined)
    throw new Error(`no bundled scenario "${id}" (available: ${LAB_SCENARIOS.map((s) => s.id).join(', ')})`);
  if ('error' in compiled) throw new Error(compiled.error);
  return withSeed(id, structuredClone(compiled.scenario), overrides.seed);
}
