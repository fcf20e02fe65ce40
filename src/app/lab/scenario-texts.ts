/**
 * Every YAML file beside the scenarios, keyed by its path from the repo root: the scenario files themselves and
 * any `manifests:` they name inside that folder. For the browser's own parse (lessons with knobs) and the tests;
 * the first screen uses the build's parse instead (scenarios-plugin.ts).
 */
import type { ScenarioTexts } from './scenario-parse.ts';

function bundledTexts(): ScenarioTexts {
  const raw = import.meta.glob<string>('../../lessons/scenarios/**/*.yaml', {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  const out: Record<string, string> = {};
  for (const [p, text] of Object.entries(raw)) out[`src/${p.replace(/^(\.\.\/)+/, '')}`] = text;
  return out;
}

export const SCENARIO_TEXTS: ScenarioTexts = bundledTexts();
