/**
 * `npm run serve -- [scenario] [--port 6443] [--kubeconfig FILE] [--speed N|max]`: serve mode (docs/serve.md).
 * Loads the scenario as `npm run sim` does (or starts an empty world), serves it on 127.0.0.1 through the REST
 * facade with the UI and the trace stream, writes a kubeconfig, and runs until Ctrl-C.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { isScenarioError } from '../engine/scenario/issues.ts';
import { loadScenario } from '../engine/scenario/parse.ts';
import { scenarioRunOptions } from '../engine/scenario/schema.ts';
import { createWorld } from '../engine/world/world.ts';
import type { WorldOptions } from '../engine/world/world-types.ts';
import { kubeconfigYaml } from '../server/kubeconfig.ts';
import {
  parseServeArgs,
  SERVE_USAGE,
  serveHelp,
  ServeUsageError,
  type ServeArgs,
} from '../server/serve-args.ts';
import { serveWorld } from '../server/serve.ts';
import { bundledScenarioDir, isFile, nodeScenarioFiles } from './node-io.ts';
import { resolveScenarioPath } from './run.ts';

const cwd = process.cwd();

function worldOptions(args: ServeArgs): { options: WorldOptions; name: string } {
  if (args.scenario === undefined) {
    return {
      options: { seed: args.seed ?? 1, profile: args.profile ?? 'classic', keepTrace: false },
      name: 'an empty world',
    };
  }
  const file = resolveScenarioPath(args.scenario, {
    isFile,
    resolveArg: (a) => path.resolve(cwd, a),
    bundledDir: bundledScenarioDir(),
  });
  const probe = createWorld({ seed: args.seed ?? 0, keepTrace: false });
  const scenario = loadScenario(file, { files: nodeScenarioFiles(cwd), set: args.set, api: probe.api });
  const options: WorldOptions = scenarioRunOptions(scenario, {
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    // Serve mode runs for hours: keep the trace ring only, not every event.
    keepTrace: false,
  });
  return { options, name: `scenario ${scenario.name}` };
}

async function main(): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ServeUsageError) {
      process.stderr.write(`serve: ${e.message}\n${SERVE_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(`${serveHelp()}\n`);
    return 0;
  }
  const { options, name } = worldOptions(args);
  // A served world is a management cluster where `clusterctl init` ran: kubectl users apply Cluster API
  // manifests to it whatever scenario it started from.
  const world = createWorld({ ...options, clusterApi: true });
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const served = await serveWorld({
    world,
    host: args.host,
    port: args.port,
    speed: args.speed,
    ...(existsSync(path.join(dist, 'index.html')) ? { staticDir: dist } : {}),
    onError: (m) => process.stderr.write(`serve: ${m}\n`),
  });
  const kubeconfig = path.resolve(cwd, args.kubeconfig);
  writeFileSync(kubeconfig, kubeconfigYaml({ server: served.url }));
  process.stdout.write(
    [
      `Reconcile Lab is serving ${name} at ${served.url} (speed ${args.speed}×).`,
      `  kubeconfig: ${kubeconfig}`,
      `  try:        kubectl --kubeconfig ${args.kubeconfig} get pods -A`,
      `  trace:      curl -N ${served.url}/reconcile-lab/trace`,
      'Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await served.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = isScenarioError(e) || e instanceof Error ? (e as Error).message : String(e);
    process.stderr.write(`serve: ${message}\n`);
    if (process.env.RECONCILE_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  },
);
