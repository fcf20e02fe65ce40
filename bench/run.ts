/**
 * `npm run bench`: one figure a line as `name: value unit`; `npm run bench -- --json` prints the same as JSON
 * (DESIGN.md §2), so runs can be compared. The browser figures (browser-bench.ts) come last, each with its goal;
 * `--no-browser` leaves them out, and a machine without Chromium prints a "skipped" line instead.
 */
import { browserBench, formatBrowserFigure, type BrowserFigure } from './browser-bench.ts';
import { capiScenario } from './capi-bench.ts';
import { apiWrites, replicaSetScenario, watchFanOut, workqueueOps } from './engine-bench.ts';
import type { Figure } from './measure.ts';

const args = process.argv.slice(2);
const KNOWN = ['--json', '--full', '--no-browser', '--browser-only'];
const unknown = args.filter((a) => !KNOWN.includes(a));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown argument ${unknown[0]}\nusage: npm run bench [-- --json] [--full] [--no-browser | --browser-only]\n`,
  );
  process.exit(2);
}
const json = args.includes('--json');

const browserOnly = args.includes('--browser-only');
const suites: (() => Figure[])[] = browserOnly
  ? []
  : [
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
if (!browserOnly) replicaSetScenario(300);

const figures: Figure[] = [];
for (const suite of suites) {
  for (const f of suite()) {
    figures.push(f);
    if (!json) process.stdout.write(`${f.name}: ${f.value} ${f.unit}\n`);
  }
}
let browser: BrowserFigure[] = [];
let browserSkipped: string | undefined;
if (!args.includes('--no-browser')) {
  const log = json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const result = await browserBench({ root: process.cwd(), ...(log ? { log } : {}) });
  if ('skipped' in result) {
    browserSkipped = result.skipped;
    if (!json) process.stdout.write(`browser figures skipped: ${result.skipped}\n`);
  } else {
    browser = result.figures;
    if (!json) for (const f of browser) process.stdout.write(`${formatBrowserFigure(f)}\n`);
  }
}
if (json) {
  const out: Record<string, { value: number; unit: string; goal?: string; met?: boolean }> = {};
  for (const f of figures) out[f.name] = { value: f.value, unit: f.unit };
  for (const f of browser)
    out[f.name] = {
      value: f.value,
      unit: f.unit,
      goal: f.goal.text,
      ...(f.met === undefined ? {} : { met: f.met }),
    };
  const doc = browserSkipped === undefined ? out : { ...out, browser: { skipped: browserSkipped } };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}
