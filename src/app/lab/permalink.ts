/**
 * The permalink's `actions` parameter: the user actions that led to a moment, and how many scheduler events
 * had run at it. The world is deterministic (DESIGN.md §2), so scenario + seed + these actions + t name one
 * exact world. The value is versioned base64url JSON; decoding treats it as hostile input and checks every
 * action with the scenario file's own timeline reader, so a permalink can ask for nothing a scenario cannot.
 */
import { formatIssue, formatPath, type PathSegment } from '../../engine/scenario/issues.ts';
import { isRecord, type TimelineContext } from '../../engine/scenario/readers.ts';
import { readTimeline } from '../../engine/scenario/timeline.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import type { RecordedAction } from '../../engine/world/build-world.ts';
import type { WorldAction } from '../../engine/world/world-types.ts';

export const PERMALINK_VERSION = 1;
/** Browsers and servers cope with URLs well past this; a longer tape is not a link anyone shares. */
export const MAX_TAPE_CHARS = 48_000;
export const MAX_TAPE_ACTIONS = 500;
/** The same horizon a host may seek to (src/embed/messages.ts MAX_SEEK_MS). */
export const MAX_TAPE_MS = 30 * 24 * 3_600_000;
/** Objects one `apply` in a permalink may carry. */
const MAX_APPLY_OBJECTS = 50;

export interface PermalinkTape {
  /** Scheduler events executed at the moment: tells a step inside one millisecond from the end of it. */
  events: number;
  actions: RecordedAction[];
}

export type TapeCheck = { ok: true; value: PermalinkTape } | { ok: false; reason: string };

/** A world action as a scenario timeline entry without `at` (docs/scenarios.md): the wire form of one action. */
function toEntry(a: WorldAction): Record<string, unknown> {
  switch (a.action) {
    case 'apply':
      return { apply: a.objects };
    case 'patch':
      return { patch: { ...a.target, patch: a.patch, ...(a.patchType ? { patchType: a.patchType } : {}) } };
    case 'scale':
      return { scale: { ...a.target, replicas: a.replicas } };
    case 'delete':
      return {
        delete: { ...a.target, ...(a.propagationPolicy ? { propagationPolicy: a.propagationPolicy } : {}) },
      };
    case 'fault':
      return { fault: a.fault };
    case 'clearFaults':
      return { clearFaults: true };
  }
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The `actions` parameter's value for a tape. */
export function encodeTape(tape: PermalinkTape): string {
  const a = tape.actions.map((r) => [r.afterEvents, r.atMs, toEntry(r.action)]);
  return toBase64Url(JSON.stringify({ v: PERMALINK_VERSION, n: tape.events, a }));
}

const wholeIn = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;

/** An apply's objects: the shape a world can take; world.act checks the rest and refuses what it cannot run. */
function applyObjects(value: unknown, path: readonly PathSegment[], ctx: TimelineContext): KubeObject[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_APPLY_OBJECTS) {
    ctx.report(path, `must be a list of 1 to ${MAX_APPLY_OBJECTS} objects`);
    return [];
  }
  const out: KubeObject[] = [];
  value.forEach((o: unknown, i) => {
    const meta = isRecord(o) ? o.metadata : undefined;
    if (
      !isRecord(o) ||
      typeof o.apiVersion !== 'string' ||
      typeof o.kind !== 'string' ||
      !isRecord(meta) ||
      typeof meta.name !== 'string'
    )
      ctx.report([...path, i], 'must be an object with apiVersion, kind and metadata.name');
    else out.push(o as unknown as KubeObject);
  });
  return out;
}

/** Reads an `actions` parameter; any problem rejects the whole tape with the first reason. */
export function decodeTape(raw: string): TapeCheck {
  if (raw.length > MAX_TAPE_CHARS)
    return { ok: false, reason: `is ${raw.length} characters long, more than ${MAX_TAPE_CHARS}` };
  const text = fromBase64Url(raw);
  if (text === undefined) return { ok: false, reason: 'is not base64url-encoded UTF-8' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not JSON' };
  }
  if (!isRecord(data)) return { ok: false, reason: 'is not a JSON object' };
  if (data.v !== PERMALINK_VERSION)
    return { ok: false, reason: `has version ${JSON.stringify(data.v)}, not ${PERMALINK_VERSION}` };
  if (!wholeIn(data.n, Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'n (events run) must be a whole number ≥ 0' };
  if (!Array.isArray(data.a) || data.a.length > MAX_TAPE_ACTIONS)
    return { ok: false, reason: `a must be a list of at most ${MAX_TAPE_ACTIONS} actions` };

  const problems: string[] = [];
  const ctx: TimelineContext = {
    report: (path, message) =>
      problems.push(formatIssue({ file: 'actions', path: formatPath(path), message })),
    reported: () => problems.length,
    applyObjects: (value, path) => applyObjects(value, path, ctx),
  };
  const actions: RecordedAction[] = [];
  let prev = { afterEvents: 0, atMs: 0 };
  for (let i = 0; i < data.a.length; i++) {
    const row: unknown = data.a[i];
    if (!Array.isArray(row) || row.length !== 3)
      return { ok: false, reason: `action ${i} must be [afterEvents, atMs, action]` };
    const [afterEvents, atMs, entry] = row as [unknown, unknown, unknown];
    if (!wholeIn(afterEvents, data.n) || afterEvents < prev.afterEvents)
      return { ok: false, reason: `action ${i}: afterEvents must be a whole number in order, at most n` };
    if (!wholeIn(atMs, MAX_TAPE_MS) || atMs < prev.atMs)
      return { ok: false, reason: `action ${i}: atMs must be virtual ms in order, at most 30 days` };
    if (!isRecord(entry)) return { ok: false, reason: `action ${i} must be a timeline entry` };
    // The scenario file's reader: the same checks, limits and messages as a timeline entry in a YAML file.
    const read = readTimeline([{ ...entry, at: atMs }], ['a', i], ctx);
    const first = read[0];
    if (problems.length > 0 || !first)
      return { ok: false, reason: problems[0] ?? `action ${i} is not valid` };
    actions.push({ afterEvents, atMs, action: first.action });
    prev = { afterEvents, atMs };
  }
  return { ok: true, value: { events: data.n, actions } };
}
