/**
 * Strict arguments for `npm run serve -- [scenario] [--port 6443] [--kubeconfig FILE] [--speed 1|max] …`
 * (DESIGN.md §2, docs/serve.md). Unknown flags and bad values are a ServeUsageError, never a guess.
 */
import { parseSetting } from '../engine/scenario/variables.ts';
import { QUEUE_PROFILES, type QueueProfileName } from '../engine/scenario/schema.ts';
import { parseSpeed } from './runtime.ts';

export interface ServeArgs {
  /** A scenario file or bundled id; undefined serves an empty world. */
  scenario?: string;
  port: number;
  host: string;
  kubeconfig: string;
  speed: number | 'max';
  seed?: number;
  profile?: QueueProfileName;
  set: Record<string, string>;
  help: boolean;
}

export class ServeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeUsageError';
  }
}

export const SERVE_USAGE =
  'usage: npm run serve -- [scenario.yaml | lesson-id] [--port 6443] [--kubeconfig FILE] [--speed N|max] ' +
  '[--seed N] [--set KEY=VALUE]... [--profile classic|priority-queue] [--help]';

export const DEFAULT_KUBECONFIG = 'reconcile-lab.kubeconfig';

export function serveHelp(): string {
  return [
    SERVE_USAGE,
    '',
    'Runs the engine in Node on 127.0.0.1 behind a Kubernetes REST facade, advancing virtual time with wall',
    'time, and writes a kubeconfig for kubectl. The UI and the trace stream are served on the same port.',
    '',
    'Options:',
    '  [scenario]            a scenario file, manifests file or bundled id; default: an empty world',
    '  --port N              TCP port on 127.0.0.1 (0 picks a free one); default 6443',
    `  --kubeconfig FILE     where to write the kubeconfig; default ./${DEFAULT_KUBECONFIG}`,
    '  --speed N|max         virtual seconds per wall second; default 1',
    "  --seed N              RNG seed; default: the scenario's",
    '  --set KEY=VALUE       set a scenario ${VAR} (repeatable)',
    "  --profile P           workqueue profile: classic or priority-queue; default: the scenario's",
    '  --help, -h            show this help',
  ].join('\n');
}

function intIn(flag: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new ServeUsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = {
    port: 6443,
    host: '127.0.0.1',
    kubeconfig: DEFAULT_KUBECONFIG,
    speed: 1,
    set: {},
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ServeUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--port':
        out.port = intIn('--port', value(), 0, 65535);
        break;
      case '--kubeconfig': {
        const v = value();
        if (v.trim() === '') throw new ServeUsageError('--kubeconfig needs a file name');
        out.kubeconfig = v;
        break;
      }
      case '--speed':
        try {
          out.speed = parseSpeed(value());
        } catch (e) {
          throw new ServeUsageError(`--speed: ${(e as Error).message}`);
        }
        break;
      case '--seed':
        out.seed = intIn('--seed', value(), 0, Number.MAX_SAFE_INTEGER);
        break;
      case '--profile': {
        const v = value();
        if (!QUEUE_PROFILES.includes(v as QueueProfileName))
          throw new ServeUsageError(
            `--profile must be one of ${QUEUE_PROFILES.join(', ')}, got ${JSON.stringify(v)}`,
          );
        out.profile = v as QueueProfileName;
        break;
      }
      case '--set': {
        try {
          const [key, val] = parseSetting(value());
          out.set[key] = val;
        } catch (e) {
          throw new ServeUsageError(`--set: ${(e as Error).message}`);
        }
        break;
      }
      default:
        if (raw.startsWith('-')) throw new ServeUsageError(`unknown option ${raw}`);
        if (out.scenario !== undefined)
          throw new ServeUsageError(`only one scenario, got ${out.scenario} and ${raw}`);
        out.scenario = raw;
    }
  }
  return out;
}
