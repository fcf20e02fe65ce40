/**
 * The Vite plugin behind `virtual:reconcile-lab/scenarios`: every bundled scenario, parsed at build time by the
 * engine's loader (scenario-parse.ts). The first screen then needs neither the YAML parser nor the YAML texts,
 * and starts without parsing anything. Runs in Node, in Vite's and Vitest's config.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { compileBundledScenarios, SCENARIO_DIR } from './scenario-parse.ts';

export const SCENARIOS_MODULE = 'virtual:reconcile-lab/scenarios';
const RESOLVED = `\0${SCENARIOS_MODULE}`;

/** The YAML files under SCENARIO_DIR, by path from root with forward slashes, as scenario-texts.ts keys them. */
function readTexts(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}${e.name}`;
      if (e.isDirectory()) walk(`${child}/`);
      else if (e.name.endsWith('.yaml')) out[child] = readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk(SCENARIO_DIR);
  return out;
}

export function bundledScenarios(): Plugin {
  let root = process.cwd();
  return {
    name: 'reconcile-lab:scenarios',
    configResolved(config) {
      root = config.root;
    },
    resolveId: (id) => (id === SCENARIOS_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const texts = readTexts(root);
      // The dev server rebuilds the module when a scenario file changes.
      for (const file of Object.keys(texts)) this.addWatchFile(path.join(root, file));
      return `export default ${JSON.stringify(compileBundledScenarios(texts))};`;
    },
  };
}
