/**
 * `npm run bench`: one figure a line as `name: value unit`; `npm run bench -- --json` prints the same as JSON
 * (DESIGN.md §2), so runs can be compared.
 */
import { capiScenario } from './capi-bench.ts';
import { apiWrites, replicaSetScenario, watchFanOut, workqueueOps } from './engine-bench.ts';
import type { Figure } from './measure.ts';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--json' && a !== '--full');
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown argument ${unknown[0]}\nusage: npm run bench [-- --json] [--full]\n`);
  process.exit(2);
}
const json = args.includes('--json');

const suites: (() => Figure[])[] = [
  () => apiWrites(),
  () => watchFanOut(),
  () => workqueueOps(),
  () => replicaSetScenario(1000),
  () => replicaSetScenario(10_000),
  () => capiScenario(1000),
  // Minutes, not seconds, for now: only with --full.
  ...(args.includes('--full') ? [() => capiScenario(10_000)] : []),
];

// Warm the JIT on a small run first, so the first measured scenario is not also measuring compilation.
replicaSetScenario(300);

const figures: Figure[] = [];
for (const suite of suites) {
  for (const f of suite()) {
    figures.push(f);
    if (!json) process.stdout.write(`${f.name}: ${f.value} ${f.unit}\n`);
  }
}
if (json) {
  const out: Record<string, { value: number; unit: string }> = {};
  for (const f of figures) out[f.name] = { value: f.value, unit: f.unit };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
