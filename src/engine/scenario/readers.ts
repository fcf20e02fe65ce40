/**
 * Readers for scenario values: each checks one field's type and range and reports a problem against the
 * field's path instead of throwing, so that loading can collect every problem in one pass.
 */
import type { ResourceRegistry } from '../api/resource.ts';
import type { KubeObject } from '../api/types.ts';
import { formatDuration, parseDuration } from '../sim/duration.ts';
import { describeValue, unknownKeyMessage, type PathSegment } from './issues.ts';

export interface TimelineContext {
  report(path: readonly PathSegment[], message: string): void;
  /** How many problems have been reported so far (readers compare before and after). */
  reported(): number;
  registry?: ResourceRegistry;
  /** Checks the objects of an `apply` (a list, or a multi-document YAML string); reports problems itself. */
  applyObjects(value: unknown, path: readonly PathSegment[]): KubeObject[];
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reports unknown keys; returns the mapping, or undefined (reported) when value is not one. */
export function readMapping(
  value: unknown,
  path: readonly PathSegment[],
  allowed: readonly string[],
  ctx: Pick<TimelineContext, 'report'>,
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    ctx.report(path, `must be a mapping, got ${describeValue(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) ctx.report([...path, key], unknownKeyMessage(key, allowed));
  }
  return value;
}

/** A Go duration ("1m30s") or a number of milliseconds, within [0, max]. */
export function readDuration(
  value: unknown,
  path: readonly PathSegment[],
  maxMs: number,
  ctx: Pick<TimelineContext, 'report'>,
): number | undefined {
  if (value === undefined || value === null) {
    ctx.report(path, 'is required');
    return undefined;
  }
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    ctx.report(
      path,
      `must be a duration such as "500ms", "30s", "5m" or "1m30s", got ${describeValue(value)}`,
    );
    return undefined;
  }
  if (ms > maxMs) {
    ctx.report(path, `must be at most ${formatDuration(maxMs)}, got ${formatDuration(ms)}`);
    return undefined;
  }
  return ms;
}

export function readInteger(
  value: unknown,
  path: readonly PathSegment[],
  min: number,
  max: number,
  what: string,
  ctx: Pick<TimelineContext, 'report'>,
): number | undefined {
  if (value === undefined || value === null) {
    ctx.report(path, 'is required');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    ctx.report(path, `must be ${what}, got ${describeValue(value)}`);
    return undefined;
  }
  if (value > max) {
    ctx.report(path, `must be at most ${max}, got ${value}`);
    return undefined;
  }
  return value;
}

export function readRate(value: unknown, path: readonly PathSegment[], ctx: Pick<TimelineContext, 'report'>) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    ctx.report(path, `must be a number between 0 and 1, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

export function readString(
  value: unknown,
  path: readonly PathSegment[],
  ctx: Pick<TimelineContext, 'report'>,
  required = true,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) ctx.report(path, 'is required');
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    ctx.report(path, `must be a non-empty string, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

export function readEnum<T extends string>(
  value: unknown,
  path: readonly PathSegment[],
  allowed: readonly T[],
  ctx: Pick<TimelineContext, 'report'>,
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  ctx.report(path, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describeValue(value)}`);
  return undefined;
}

export function exactlyOne(
  m: Record<string, unknown>,
  keys: readonly string[],
  path: readonly PathSegment[],
  ctx: Pick<TimelineContext, 'report'>,
): string | undefined {
  const present = keys.filter((k) => m[k] !== undefined);
  if (present.length === 1) return present[0];
  ctx.report(
    path,
    present.length === 0
      ? `needs exactly one of ${keys.join(', ')}`
      : `needs exactly one of ${keys.join(', ')}, got ${present.join(' and ')}`,
  );
  return undefined;
}
