/**
 * The headless run behind `npm run sim`: arguments → scenario → world → summary (and trace). Everything
 * the process touches comes in through CliDeps, so the whole flow runs in-process in tests; the exit code
 * is returned, never thrown, and errors are one clear message (a stack only with RECONCILE_DEBUG=1).
 */
import { isScenarioError } from '../engine/scenario/issues.ts';
import { loadScenario, type ScenarioFiles } from '../engine/scenario/parse.ts';
import { scenarioRunOptions } from '../engine/scenario/schema.ts';
import { formatDuration } from '../engine/sim/duration.ts';
import { traceToJsonl } from '../engine/sim/trace.ts';
import type { World, WorldOptions } from '../engine/world/world-types.ts';
import { BUNDLED_SCENARIOS, findBundledScenario } from '../lessons/scenarios/index.ts';
import { USAGE, UsageError, helpText, parseCliArgs, type CliArgs } from './args.ts';
import type { OutputFile } from './node-io.ts';
import { formatSummary, summaryJson } from './summary.ts';

export const EXIT = { ok: 0, error: 1, usage: 2, notConverged: 3 } as const;

/** DESIGN.md §2: "until converged" gives up after 2 h of virtual time. */
export const CONVERGENCE_TIMEOUT_MS = 2 * 3_600_000;

const TRACE_CHUNK = 10_000;

export interface CliDeps {
  stdout(text: string): void;
  stderr(text: string): void;
  files: ScenarioFiles;
  isFile(path: string): boolean;
  /** Absolute path of the scenario argument (relative to the working directory). */
  resolveArg(arg: string): string;
  /** Directory holding the bundled scenarios (src/lessons/scenarios). */
  bundledDir: string;
  openOutput(path: string): OutputFile;
  /** The world factory, loaded lazily so that usage errors never pay for (or depend on) the engine. */
  loadWorld(): Promise<(opts: WorldOptions) => CliWorld>;
  env: Readonly<Record<string, string | undefined>>;
}

/** What the CLI reads from a world: the World contract, plus the Cluster API "not simulated" notes if any. */
export type CliWorld = World & { readonly capi?: { readonly notes: readonly string[] } };

class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const debug = deps.env.RECONCILE_DEBUG === '1';
  try {
    const parsed = parseCliArgs(argv);
    if (parsed.help) {
      deps.stdout(`${helpText()}\n`);
      return EXIT.ok;
    }
    return await runScenario(parsed, deps);
  } catch (e) {
    if (e instanceof UsageError) {
      deps.stderr(`sim: ${e.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (e instanceof CliFailure) {
      deps.stderr(`sim: ${e.message}\n`);
      return e.code;
    }
    if (isScenarioError(e)) {
      deps.stderr(`${e.message}\n`);
      if (debug && e.stack) deps.stderr(`${e.stack}\n`);
      return EXIT.error;
    }
    const message = e instanceof Error ? e.message : String(e);
    deps.stderr(`sim: ${message}\n`);
    if (debug && e instanceof Error && e.stack) deps.stderr(`${e.stack}\n`);
    return EXIT.error;
  }
}

/** A file path as given, else a bundled id; a clear error naming both when it is neither. */
export function resolveScenarioPath(
  arg: string,
  deps: Pick<CliDeps, 'isFile' | 'resolveArg' | 'bundledDir'>,
): string {
  const asFile = deps.resolveArg(arg);
  if (deps.isFile(asFile)) return asFile;
  const bundled = findBundledScenario(arg);
  if (bundled) return `${deps.bundledDir.replace(/[/\\]$/, '')}/${bundled.file}`;
  const ids = BUNDLED_SCENARIOS.map((s) => s.id).join(', ');
  const looksLikeId = /^[a-z0-9][a-z0-9-]*$/.test(arg);
  throw new CliFailure(
    looksLikeId ? `${arg}: no such file, and not a bundled scenario (${ids})` : `${arg}: no such file`,
    EXIT.error,
  );
}

async function runScenario(args: CliArgs, deps: CliDeps): Promise<number> {
  const path = resolveScenarioPath(args.scenario, deps);
  const createWorld = await deps.loadWorld();

  // A world with nothing in it lends its API server to the loader: the same registry, defaulting and
  // validation as the run, so a bad object is reported by file and document before anything starts.
  const probe = createWorld({ seed: args.seed ?? 0, keepTrace: false });
  const scenario = loadScenario(path, { files: deps.files, set: args.set, api: probe.api });

  const run = scenarioRunOptions(scenario, {
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    keepTrace: args.trace !== undefined,
  });
  const until = args.until ?? scenario.until;
  // Passing the scenario's options to createWorld is also the compile-time check that scenario/schema.ts
  // and world/world-types.ts describe the same actions.
  const options: WorldOptions = run;
  const world = createWorld(options);

  const started = world.sim.now();
  let converged = true;
  try {
    if (until === 'converged') converged = world.runToConvergence(CONVERGENCE_TIMEOUT_MS).converged;
    else world.runUntil(started + until);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CliFailure(
      `${scenario.file}: the run failed at ${formatDuration(world.sim.now())} (virtual): ${message}`,
      EXIT.error,
    );
  }

  const summary = world.summary();
  // What the run left out (ClusterResourceSet, ClusterClass, …): a `notes` array in the JSON only when there
  // is one, so runs without any keep DESIGN.md's exact shape; one line per note in the human summary.
  const notes = world.capi?.notes ?? [];
  if (args.json) {
    const json = summaryJson(summary);
    deps.stdout(`${JSON.stringify(notes.length > 0 ? { ...json, notes: [...notes] } : json)}\n`);
  } else {
    const text = formatSummary(summary, {
      name: scenario.name,
      file: scenario.file,
      seed: run.seed,
      profile: world.profile,
      until,
      timeoutMs: CONVERGENCE_TIMEOUT_MS,
    });
    deps.stdout(`${[text, ...notes].join('\n')}\n`);
  }

  if (args.trace !== undefined) writeTrace(args.trace, world, deps);
  return until === 'converged' && !converged ? EXIT.notConverged : EXIT.ok;
}

function writeTrace(file: string, world: World, deps: CliDeps): void {
  let out: OutputFile;
  try {
    out = deps.openOutput(file);
  } catch (e) {
    throw new CliFailure(`--trace ${file}: cannot write: ${(e as Error).message}`, EXIT.error);
  }
  try {
    const events = world.sim.trace.all();
    for (let i = 0; i < events.length; i += TRACE_CHUNK)
      out.write(traceToJsonl(events.slice(i, i + TRACE_CHUNK)));
  } finally {
    out.close();
  }
}
