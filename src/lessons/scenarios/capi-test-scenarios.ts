/**
 * For tests only: builds WorldOptions from a bundled scenario file, with the world's own API server as the
 * loader's registry (as the CLI does). Node file access stays in tests; engine code never imports this.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCENARIO_DIR = here;

const files = {
  readFile: (p: string) => readFileSync(p, 'utf8'),
  resolvePath: (from: string, rel: string) => path.resolve(path.dirname(from), rel),
};

export function scenarioWorldOptions(file: string, set: Record<string, string> = {}): WorldOptions {
  const probe = createWorld({ seed: 0, keepTrace: false });
  const p = path.resolve(SCENARIO_DIR, file);
  const s = parseScenario(readFileSync(p, 'utf8'), p, { files, api: probe.api, set });
  return {
    seed: s.seed,
    profile: s.profile,
    objects: s.objects,
    timeline: s.timeline,
    ...(s.params ? { params: s.params } : {}),
    ...(s.load ? { load: s.load } : {}),
  };
}
