/**
 * A bundled scenario parsed from its YAML by the engine's own loader, so the browser runs exactly what
 * `npm run sim -- <id>` runs. The build does this once per scenario (scenarios-plugin.ts), so the first screen
 * ships the result and not the YAML parser; a lesson whose knobs set variables does it again in the browser,
 * from the lesson kit's chunk.
 */
import { joinRelative } from '../../engine/scenario/join-relative.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';
import { createLabWorld } from './lab-world.ts';

/** Only files in this folder (and below) are bundled: a manifest outside it is an error in the browser. */
export const SCENARIO_DIR = 'src/lessons/scenarios/';

/** Scenario and manifest texts by path from the repo root ("src/lessons/scenarios/replicaset.yaml"). */
export type ScenarioTexts = Readonly<Record<string, string>>;

/** The path of a bundled scenario's file, if the id is one and its file is among texts. */
export function bundledScenarioPath(id: string, texts: ScenarioTexts): string | undefined {
  const entry = BUNDLED_SCENARIOS.find((s) => s.id === id);
  const file = entry ? SCENARIO_DIR + entry.file : undefined;
  return file !== undefined && texts[file] !== undefined ? file : undefined;
}

/** Parses a bundled scenario. Throws a ScenarioError naming the file and field when it is bad. */
export function parseBundledScenario(
  id: string,
  texts: ScenarioTexts,
  overrides: { set?: Readonly<Record<string, string>> } = {},
): Scenario {
  const file = bundledScenarioPath(id, texts);
  if (file === undefined) throw new Error(`no bundled scenario "${id}"`);
  // An empty world lends its API server so that objects are defaulted and validated as the run will see them.
  const probe = createLabWorld({ seed: 0, keepTrace: false });
  return parseScenario(texts[file] as string, file, {
    files: {
      readFile: (p) => {
        const t = texts[p];
        if (t === undefined) throw new Error(`the browser build bundles no file ${p}`);
        return t;
      },
      resolvePath: joinRelative,
    },
    api: probe.api,
    // A lesson's knobs set scenario variables (the CLI's --set).
    ...(overrides.set ? { set: { ...overrides.set } } : {}),
  });
}

/** What the build hands the first screen per scenario id: the parsed scenario, or why it could not be parsed. */
export type CompiledScenarios = Readonly<Record<string, { scenario: Scenario } | { error: string }>>;

export function compileBundledScenarios(texts: ScenarioTexts): CompiledScenarios {
  const out: Record<string, { scenario: Scenario } | { error: string }> = {};
  for (const { id } of BUNDLED_SCENARIOS) {
    if (bundledScenarioPath(id, texts) === undefined) continue;
    try {
      out[id] = { scenario: parseBundledScenario(id, texts) };
    } catch (e) {
      out[id] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return out;
}
