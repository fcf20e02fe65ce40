/**
 * The scenario file's top-level fields (docs/scenarios.md, "Top-level fields"), each read with its default
 * and checked, problems reported against the field's path.
 */
import type { Document } from 'yaml';
import { describeValue, type PathSegment } from './issues.ts';
import { DEFAULT_PROFILE, DEFAULT_SEED, LIMITS, QUEUE_PROFILES, type QueueProfileName } from './schema.ts';
import { readDuration } from './readers.ts';
import { isValidVariableName } from './variables.ts';
import { unmask } from './yaml-docs.ts';

export type Report = (p: readonly PathSegment[], message: string) => void;

export function readVariables(
  node: unknown,
  doc: Document.Parsed,
  originals: readonly string[],
  vars: Record<string, string>,
  report: Report,
) {
  if (node === undefined) return;
  const value: unknown = (node as { toJS?: (d: Document) => unknown } | null)?.toJS?.(doc) ?? null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(['variables'], `must be a mapping of NAME: value, got ${describeValue(value)}`);
    return;
  }
  for (const [name, v] of Object.entries(value)) {
    if (!isValidVariableName(name)) {
      report(['variables', name], `"${name}" is not a valid variable name (letters, digits and _ only)`);
    } else if (typeof v === 'string') {
      // A variable's value is used as written: clusterctl does not substitute recursively.
      vars[name] = unmask(v, originals);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      vars[name] = String(v);
    } else {
      report(['variables', name], `must be a string, number or boolean, got ${describeValue(v)}`);
    }
  }
}

export function readOptionalString(v: unknown, p: PathSegment[], report: Report): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    report(p, `must be a non-empty string, got ${describeValue(v)}`);
    return undefined;
  }
  return v;
}

export function readSeed(v: unknown, report: Report): number {
  if (v === undefined || v === null) return DEFAULT_SEED;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    report(
      ['seed'],
      `must be a non-negative integer no larger than ${Number.MAX_SAFE_INTEGER}, got ${describeValue(v)}`,
    );
    return DEFAULT_SEED;
  }
  return v;
}

export function readProfile(v: unknown, report: Report): QueueProfileName {
  if (v === undefined || v === null) return DEFAULT_PROFILE;
  if (typeof v === 'string' && (QUEUE_PROFILES as readonly string[]).includes(v))
    return v as QueueProfileName;
  report(
    ['profile'],
    `must be one of ${QUEUE_PROFILES.map((p) => `"${p}"`).join(', ')}, got ${describeValue(v)}`,
  );
  return DEFAULT_PROFILE;
}

export function readUntil(v: unknown, report: Report): 'converged' | number {
  if (v === undefined || v === null || v === 'converged') return 'converged';
  let bad = false;
  const ms = readDuration(v, ['until'], LIMITS.maxTimeMs, {
    report: (p, m) => {
      bad = true;
      report(
        p,
        m.startsWith('must be a duration') ? `must be "converged" or ${m.slice('must be '.length)}` : m,
      );
    },
  });
  return bad || ms === undefined ? 'converged' : ms;
}

export function readParams(
  v: unknown,
  report: Report,
): Record<string, number | string | boolean> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    report(['params'], `must be a mapping of name: value, got ${describeValue(v)}`);
    return undefined;
  }
  const out: Record<string, number | string | boolean> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (
      typeof val === 'string' ||
      typeof val === 'boolean' ||
      (typeof val === 'number' && Number.isFinite(val))
    ) {
      out[k] = val;
    } else {
      report(['params', k], `must be a string, number or boolean, got ${describeValue(val)}`);
    }
  }
  return out;
}
