/**
 * Reads a scenario's `load:` section into LoadSignals, reporting every problem against its field path so that
 * the scenario loader can show it with file, line and column. The loader passes its own report function; this
 * module stays below the scenario layer.
 *
 * ```yaml
 * load:
 *   - target: { kind: ReplicaSet, name: web }          # namespace defaults to "default"
 *     squareWave: { low: 200m, high: 1000m, period: 4m, start: 1m, cycles: 2 }
 *   - target: { kind: Deployment, name: api }
 *     steps: [{ at: 0s, cpu: 300m }, { at: 2m, cpu: "1.5" }]
 *   - target: { kind: ReplicaSet, name: batch }
 *     cpu: 500m
 * ```
 */
import { parseDuration } from '../../../sim/duration.ts';
import { parseCpuMillis } from './cpu-quantity.ts';
import type { LoadShape, LoadSignal } from './load-signal.ts';

export type LoadPath = readonly (string | number)[];
export type LoadReport = (path: LoadPath, message: string) => void;

/** The most CPU a load may ask for (1,000 cores), and how long its times may be (30 days). */
export const MAX_LOAD_MILLI = 1_000_000;
export const MAX_LOAD_TIME_MS = 30 * 86_400_000;
export const MAX_LOAD_STEPS = 10_000;
export const MAX_SQUARE_WAVE_CYCLES = 100_000;

const SHAPE_KEYS = ['cpu', 'squareWave', 'steps'] as const;
const ENTRY_KEYS = ['target', ...SHAPE_KEYS];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : String(v);

function unknownKeys(
  m: Record<string, unknown>,
  allowed: readonly string[],
  path: LoadPath,
  report: LoadReport,
) {
  for (const k of Object.keys(m))
    if (!allowed.includes(k))
      report([...path, k], `unknown field "${k}" (expected one of ${allowed.join(', ')})`);
}

function readCpu(v: unknown, path: LoadPath, report: LoadReport): number | undefined {
  if (v === undefined || v === null) {
    report(path, 'is required');
    return undefined;
  }
  const milli = parseCpuMillis(v);
  if (milli === undefined) {
    report(path, `must be a CPU quantity such as "250m", "0.5" or "2", got ${show(v)}`);
    return undefined;
  }
  if (milli > MAX_LOAD_MILLI) {
    report(path, `must be at most ${MAX_LOAD_MILLI}m, got ${milli}m`);
    return undefined;
  }
  return milli;
}

function readTime(v: unknown, path: LoadPath, report: LoadReport, positive: boolean): number | undefined {
  if (v === undefined || v === null) {
    report(path, 'is required');
    return undefined;
  }
  const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : undefined;
  if (ms === undefined || ms > MAX_LOAD_TIME_MS || (positive && ms <= 0)) {
    report(
      path,
      `must be a duration${positive ? ' above 0' : ''} such as "30s" or "4m", at most 720h, got ${show(v)}`,
    );
    return undefined;
  }
  return ms;
}

function readShape(
  key: (typeof SHAPE_KEYS)[number],
  v: unknown,
  path: LoadPath,
  report: LoadReport,
): LoadShape | undefined {
  if (key === 'cpu') {
    const milli = readCpu(v, path, report);
    return milli === undefined ? undefined : { type: 'constant', milli };
  }
  if (key === 'squareWave') {
    if (!isRecord(v)) {
      report(
        path,
        `must be a mapping with low, high, period and optionally start and cycles, got ${show(v)}`,
      );
      return undefined;
    }
    unknownKeys(v, ['low', 'high', 'period', 'start', 'cycles'], path, report);
    const lowMilli = readCpu(v.low, [...path, 'low'], report);
    const highMilli = readCpu(v.high, [...path, 'high'], report);
    const periodMs = readTime(v.period, [...path, 'period'], report, true);
    const startMs = v.start === undefined ? 0 : readTime(v.start, [...path, 'start'], report, false);
    let cycles: number | undefined;
    if (v.cycles !== undefined) {
      if (
        typeof v.cycles !== 'number' ||
        !Number.isInteger(v.cycles) ||
        v.cycles < 0 ||
        v.cycles > MAX_SQUARE_WAVE_CYCLES
      ) {
        report(
          [...path, 'cycles'],
          `must be an integer from 0 to ${MAX_SQUARE_WAVE_CYCLES}, got ${show(v.cycles)}`,
        );
        return undefined;
      }
      cycles = v.cycles;
    }
    if (lowMilli === undefined || highMilli === undefined || periodMs === undefined || startMs === undefined)
      return undefined;
    return {
      type: 'squareWave',
      lowMilli,
      highMilli,
      periodMs,
      startMs,
      ...(cycles !== undefined ? { cycles } : {}),
    };
  }
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_LOAD_STEPS) {
    report(path, `must be a list of 1 to ${MAX_LOAD_STEPS} entries { at, cpu }, got ${show(v)}`);
    return undefined;
  }
  const steps: { atMs: number; milli: number }[] = [];
  let ok = true;
  v.forEach((s: unknown, i) => {
    const p = [...path, i];
    if (!isRecord(s)) {
      report(p, `must be a mapping { at, cpu }, got ${show(s)}`);
      ok = false;
      return;
    }
    unknownKeys(s, ['at', 'cpu'], p, report);
    const atMs = readTime(s.at, [...p, 'at'], report, false);
    const milli = readCpu(s.cpu, [...p, 'cpu'], report);
    if (atMs === undefined || milli === undefined) {
      ok = false;
      return;
    }
    const prev = steps[steps.length - 1];
    if (prev && atMs <= prev.atMs) {
      report([...p, 'at'], 'must be later than the step before it');
      ok = false;
      return;
    }
    steps.push({ atMs, milli });
  });
  return ok ? { type: 'steps', steps } : undefined;
}

/** The `load:` section; undefined when absent. Problems are reported, and their entries left out. */
export function readLoadSection(
  value: unknown,
  path: LoadPath,
  report: LoadReport,
): LoadSignal[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    report(path, `must be a list of { target, cpu | squareWave | steps } entries, got ${show(value)}`);
    return undefined;
  }
  const out: LoadSignal[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const p = [...path, i];
    if (!isRecord(entry)) {
      report(p, `must be a mapping { target, cpu | squareWave | steps }, got ${show(entry)}`);
      return;
    }
    unknownKeys(entry, ENTRY_KEYS, p, report);
    const t = entry.target;
    let target: LoadSignal['target'] | undefined;
    if (!isRecord(t))
      report([...p, 'target'], `must be a mapping { kind, name, namespace? }, got ${show(t)}`);
    else {
      unknownKeys(t, ['kind', 'name', 'namespace'], [...p, 'target'], report);
      const bad = (['kind', 'name', 'namespace'] as const).filter(
        (k) => (k !== 'namespace' || t[k] !== undefined) && (typeof t[k] !== 'string' || t[k] === ''),
      );
      for (const k of bad) report([...p, 'target', k], `must be a non-empty string, got ${show(t[k])}`);
      if (bad.length === 0) {
        target = {
          kind: t.kind as string,
          name: t.name as string,
          namespace: (t.namespace as string | undefined) ?? 'default',
        };
        const key = `${target.kind}/${target.namespace}/${target.name}`;
        if (seen.has(key)) {
          report([...p, 'target'], `${key} already has a load (entries must name different targets)`);
          target = undefined;
        } else seen.add(key);
      }
    }
    const given = SHAPE_KEYS.filter((k) => entry[k] !== undefined);
    if (given.length !== 1) {
      report(
        p,
        `needs exactly one of ${SHAPE_KEYS.join(', ')}, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      );
      return;
    }
    const key = given[0]!;
    const shape = readShape(key, entry[key], [...p, key], report);
    if (target && shape) out.push({ target, shape });
  });
  return out;
}
