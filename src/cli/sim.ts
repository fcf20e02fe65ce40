/**
 * `npm run sim -- <scenario | manifests | lesson-id> [options]`: the headless runner (docs/scenarios.md).
 * This file only wires Node in; the logic is in run.ts so that tests drive it in-process.
 */
import path from 'node:path';
import process from 'node:process';
import { bundledScenarioDir, isFile, nodeScenarioFiles, openOutputFile } from './node-io.ts';
import { runCli } from './run.ts';

const cwd = process.cwd();

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  files: nodeScenarioFiles(cwd),
  isFile,
  resolveArg: (arg) => path.resolve(cwd, arg),
  bundledDir: bundledScenarioDir(),
  openOutput: openOutputFile,
  loadWorld: async () => (await import('../engine/world/world.ts')).createWorld,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // runCli returns every expected failure as a code; this is the last net, still without a stack.
    process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.RECONCILE_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  },
);
