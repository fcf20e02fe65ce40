/**
 * The scenarios the lab can open, read from the bundled YAML files (Vite `?raw`) with the engine's own loader,
 * so the browser runs exactly what `npm run sim -- <id>` runs. The list comes from one place,
 * src/lessons/scenarios/index.ts; a scenario whose file is not bundled here is simply not offered.
 */
import { parseScenario } from '../../engine/scenario/parse.ts';
import { scenarioRunOptions, type Scenario } from '../../engine/scenario/schema.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';
import { createLabWorld } from './lab-world.ts';

export interface LabScenario {
  id: string;
  scenario: Scenario;
  options: WorldOptions;
}

export interface LabScenarioEntry {
  id: string;
  title: string;
}

const SCENARIO_DIR = 'src/lessons/scenarios/';

/**
 * Every YAML file beside the scenarios, keyed by its path from the repo root: the scenario files themselves and
 * any `manifests:` they name inside that folder. Files outside it (../shared) are not in the browser build.
 */
function bundledTexts(): Readonly<Record<string, string>> {
  const raw = import.meta.glob<string>('../../lessons/scenarios/**/*.yaml', {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  const out: Record<string, string> = {};
  for (const [p, text] of Object.entries(raw)) out[`src/${p.replace(/^(\.\.\/)+/, '')}`] = text;
  return out;
}

const TEXTS = bundledTexts();

/** Joins a manifest path written inside a scenario file onto that file's folder ("a/b.yaml" + "../c.yaml"). */
export function resolveBundledPath(fromFile: string, relative: string): string {
  const parts = fromFile.split('/').slice(0, -1);
  for (const seg of relative.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The scenarios the picker offers, in index.ts order: those whose file (and manifests) the build bundles. */
export const LAB_SCENARIOS: readonly LabScenarioEntry[] = BUNDLED_SCENARIOS.filter(
  (s) => TEXTS[SCENARIO_DIR + s.file] !== undefined,
).map((s) => ({ id: s.id, title: s.title }));

export const DEFAULT_SCENARIO_ID = 'replicaset';

export const isLabScenarioId = (id: string): boolean => LAB_SCENARIOS.some((s) => s.id === id);

/** Parses a bundled scenario. Throws a ScenarioError naming the file and field when it is bad. */
export function loadLabScenario(
  id: string,
  overrides: { seed?: number; set?: Readonly<Record<string, string>> } = {},
): LabScenario {
  const entry = BUNDLED_SCENARIOS.find((s) => s.id === id);
  const file = entry ? SCENARIO_DIR + entry.file : undefined;
  const text = file === undefined ? undefined : TEXTS[file];
  if (file === undefined || text === undefined)
    throw new Error(`no bundled scenario "${id}" (available: ${LAB_SCENARIOS.map((s) => s.id).join(', ')})`);
  // An empty world lends its API server so that objects are defaulted and validated as the run will see them.
  const probe = createLabWorld({ seed: overrides.seed ?? 0, keepTrace: false });
  const scenario = parseScenario(text, file, {
    files: {
      readFile: (p) => {
        const t = TEXTS[p];
        if (t === undefined) throw new Error(`the browser build bundles no file ${p}`);
        return t;
      },
      resolvePath: resolveBundledPath,
    },
    api: probe.api,
    // A lesson's knobs set scenario variables (the CLI's --set).
    ...(overrides.set ? { set: { ...overrides.set } } : {}),
  });
  const seed = overrides.seed;
  return {
    id,
    scenario,
    options: scenarioRunOptions(scenario, seed === undefined ? {} : { seed }),
  };
}
