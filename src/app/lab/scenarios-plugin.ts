/**
 * The Vite plugin behind two modules:
 * - `virtual:reconcile-lab/scenarios`: every bundled scenario, parsed at build time by the engine's loader
 *   (scenario-parse.ts), so the browser needs neither the YAML parser nor the YAML texts to open one;
 * - `virtual:reconcile-lab/first-screen`: the bundled scenarios' ids, and the default lab's first frame, taken
 *   from a real lab store (first-frame.ts), so the first screen draws without the engine.
 * Runs in Node, in Vite's and Vitest's config. Vite restarts its dev server when the code it imports changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { DEFAULT_SCENARIO_ID } from '../../lessons/scenarios/index.ts';
import { firstFrameOf, type FirstFrame } from './first-frame.ts';
import { withSeed } from './lab-scenario.ts';
import { createLabStore } from './lab-store.ts';
import { compileBundledScenarios, SCENARIO_DIR, type CompiledScenarios } from './scenario-parse.ts';

export const SCENARIOS_MODULE = 'virtual:reconcile-lab/scenarios';
export const FIRST_SCREEN_MODULE = 'virtual:reconcile-lab/first-screen';
const RESOLVED = `\0${SCENARIOS_MODULE}`;
const RESOLVED_FIRST_SCREEN = `\0${FIRST_SCREEN_MODULE}`;

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
  // Both modules load in one build from the same files: parse them once (again only when a file changes).
  let last: { key: string; compiled: CompiledScenarios } | undefined;
  const compile = (texts: Record<string, string>): CompiledScenarios => {
    const key = Object.entries(texts)
      .map(([file, text]) => `${file}\0${text}`)
      .join('\0');
    if (last?.key !== key) last = { key, compiled: compileBundledScenarios(texts) };
    return last.compiled;
  };
  return {
    name: 'reconcile-lab:scenarios',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      if (id === SCENARIOS_MODULE) return RESOLVED;
      if (id === FIRST_SCREEN_MODULE) return RESOLVED_FIRST_SCREEN;
      return undefined;
    },
    load(id) {
      if (id !== RESOLVED && id !== RESOLVED_FIRST_SCREEN) return undefined;
      const texts = readTexts(root);
      // The dev server rebuilds the module when a scenario file changes.
      for (const file of Object.keys(texts)) this.addWatchFile(path.join(root, file));
      const compiled = compile(texts);
      if (id === RESOLVED) return `export default ${JSON.stringify(compiled)};`;
      return [
        `export const BUNDLED_IDS = ${JSON.stringify(Object.keys(compiled))};`,
        `export const FIRST_FRAME = ${JSON.stringify(firstFrame(compiled))};`,
      ].join('\n');
    },
  };
}

/** The default scenario's first frame; null when it does not parse (the lab then reports why, as for any other). */
function firstFrame(compiled: CompiledScenarios): FirstFrame | null {
  const entry = compiled[DEFAULT_SCENARIO_ID];
  if (entry === undefined || 'error' in entry) return null;
  const lab = withSeed(DEFAULT_SCENARIO_ID, structuredClone(entry.scenario), undefined);
  return firstFrameOf(createLabStore(lab), DEFAULT_SCENARIO_ID);
}
