/**
 * Strict argument parsing for `npm run sim` (docs/scenarios.md, "CLI"): one scenario, known options only,
 * every value checked. A mistake is a UsageError (exit 2) rather than a guess.
 */
import { LIMITS, QUEUE_PROFILES, type QueueProfileName } from '../engine/scenario/schema.ts';
import { parseSetting } from '../engine/scenario/variables.ts';
import { formatDuration, parseDuration } from '../engine/sim/duration.ts';
import { BUNDLED_SCENARIOS } from '../lessons/scenarios/index.ts';

export interface CliArgs {
  /** A scenario or manifests file, or a bundled scenario id. */
  scenario: string;
  seed?: number;
  until?: 'converged' | number;
  /** --set KEY=VALUE, later ones win. */
  set: Record<string, string>;
  trace?: string;
  json: boolean;
  profile?: QueueProfileName;
}

export type ParsedArgs = { help: true } | ({ help: false } & CliArgs);

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE =
  'usage: npm run sim -- <scenario.yaml | manifests.yaml | lesson-id> [--seed N] [--until 15m|converged] ' +
  '[--set KEY=VALUE]... [--trace out.jsonl] [--json] [--profile classic|priority-queue] [--help]';

export function helpText(): string {
  return [
    USAGE,
    '',
    'Runs a scenario headless on the virtual clock and prints a summary.',
    '',
    'Arguments:',
    '  <scenario>            a scenario file, a file of Kubernetes manifests, or a bundled id:',
    ...BUNDLED_SCENARIOS.map((s) => `                          ${s.id.padEnd(16)} ${s.title}`),
    '',
    'Options:',
    "  --seed N              RNG seed (a non-negative integer); default: the scenario's seed",
    '  --until D|converged   run for a virtual duration (15m, 1h30m, 500ms) or until converged',
    '                        (every timeline action run, then up to 2h virtual); default: the scenario',
    "  --set KEY=VALUE       set a ${VAR} variable, overriding the scenario's variables (repeatable)",
    '  --trace FILE          write the full trace as JSON lines (docs/trace.md)',
    '  --json                print the summary as one JSON object',
    "  --profile P           workqueue profile: classic or priority-queue; default: the scenario's",
    '  --help, -h            show this help',
    '',
    'Exit codes: 0 ran (and converged, when running until converged); 1 bad scenario, file or run error;',
    '            2 bad command line; 3 did not converge before the timeout.',
    'Set RECONCILE_DEBUG=1 to print stack traces with errors.',
  ].join('\n');
}

const VALUE_OPTIONS = ['--seed', '--until', '--set', '--trace', '--profile'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** Parses argv (without node and the script). Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  if (argv.some((a) => a === '--help' || a === '-h')) return { help: true };
  const positional: string[] = [];
  const seen = new Set<string>();
  const out: Omit<CliArgs, 'scenario'> = { set: {}, json: false };
  let onlyPositional = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositional || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;

    if (name === '--json') {
      if (inline !== undefined) throw new UsageError('--json takes no value');
      if (seen.has(name)) throw new UsageError('--json is given twice');
      seen.add(name);
      out.json = true;
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown option "${name}"`);
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`${name} needs a value`);
      }
      value = next;
      i++;
    }
    const opt = name as ValueOption;
    if (opt !== '--set') {
      if (seen.has(opt)) throw new UsageError(`${opt} is given twice`);
      seen.add(opt);
    }
    applyOption(opt, value, out);
  }

  if (positional.length === 0) {
    throw new UsageError(
      `missing the scenario: a file, or a bundled id (${BUNDLED_SCENARIOS.map((s) => s.id).join(', ')})`,
    );
  }
  if (positional.length > 1)
    throw new UsageError(`unexpected argument "${positional[1]}": give one scenario`);
  return { help: false, scenario: positional[0]!, ...out };
}

function applyOption(opt: ValueOption, value: string, out: Omit<CliArgs, 'scenario'>): void {
  switch (opt) {
    case '--seed': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n)) {
        throw new UsageError(
          `--seed must be a non-negative integer no larger than ${Number.MAX_SAFE_INTEGER}, got "${value}"`,
        );
      }
      out.seed = n;
      return;
    }
    case '--until': {
      if (value === 'converged') {
        out.until = 'converged';
        return;
      }
      const ms = parseDuration(value);
      if (ms === undefined) {
        throw new UsageError(
          `--until must be "converged" or a duration such as 15m, 1h30m or 500ms, got "${value}"`,
        );
      }
      if (ms > LIMITS.maxTimeMs) {
        throw new UsageError(
          `--until must be at most ${formatDuration(LIMITS.maxTimeMs)}, got ${formatDuration(ms)}`,
        );
      }
      out.until = ms;
      return;
    }
    case '--set': {
      try {
        const [k, v] = parseSetting(value);
        out.set[k] = v;
      } catch (e) {
        throw new UsageError(`--set ${(e as Error).message}`);
      }
      return;
    }
    case '--trace':
      if (value === '') throw new UsageError('--trace needs a file name');
      out.trace = value;
      return;
    case '--profile':
      if (!(QUEUE_PROFILES as readonly string[]).includes(value)) {
        throw new UsageError(`--profile must be ${QUEUE_PROFILES.join(' or ')}, got "${value}"`);
      }
      out.profile = value as QueueProfileName;
      return;
  }
}
