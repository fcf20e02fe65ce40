/**
 * The scenarios the lab can open, read from the bundled YAML files (Vite `?raw`) with the engine's own loader,
 * so the browser runs exactly what `npm run sim -- replicaset` runs.
 */
import { parseScenario } from '../../engine/scenario/parse.ts';
import { scenarioRunOptions, type Scenario } from '../../engine/scenario/schema.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';
import replicasetYaml from '../../lessons/scenarios/replicaset.yaml?raw';

export interface LabScenario {
  id: string;
  scenario: Scenario;
  options: WorldOptions;
}

const TEXTS: Readonly<Record<string, string>> = { replicaset: replicasetYaml };

export const DEFAULT_SCENARIO_ID = 'replicaset';

/** Parses a bundled scenario. Throws a ScenarioError naming the file and field when it is bad. */
export function loadLabScenario(id: string, overrides: { seed?: number } = {}): LabScenario {
  const text = TEXTS[id];
  if (text === undefined)
    throw new Error(`no bundled scenario "${id}" (available: ${Object.keys(TEXTS).join(', ')})`);
  const file = `${id}.yaml`;
  // An empty world lends its API server so that objects are defaulted and validated as the run will see them.
  const probe = createWorld({ seed: overrides.seed ?? 0, keepTrace: false });
  const scenario = parseScenario(text, file, {
    files: {
      readFile: (p) => {
        throw new Error(`the browser build bundles no file ${p}`);
      },
      resolvePath: (_from, rel) => rel,
    },
    api: probe.api,
  });
  const seed = overrides.seed;
  return {
    id,
    scenario,
    options: scenarioRunOptions(scenario, seed === undefined ? {} : { seed }),
  };
}
