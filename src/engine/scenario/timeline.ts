/**
 * A scenario's `timeline:`: each entry is `at` plus exactly one action (apply, patch, scale, delete, fault,
 * clearFaults). Everything is checked here, with the field path in each message, so that a run never
 * starts from a file that would fail half way through.
 */
import { describeValue, type PathSegment } from './issues.ts';
import { readFault } from './faults.ts';
import {
  exactlyOne,
  isRecord,
  readDuration,
  readEnum,
  readInteger,
  readMapping,
  type TimelineContext,
} from './readers.ts';
import {
  ACTION_KEYS,
  JSON_PATCH_OPS,
  LIMITS,
  PATCH_TYPES,
  PROPAGATION_POLICIES,
  type ActionKey,
  type ScenarioAction,
  type ScenarioTimedAction,
} from './schema.ts';
import { TARGET_KEYS, readTarget } from './targets.ts';

function readPatchBody(
  patch: unknown,
  patchType: 'merge' | 'json',
  path: readonly PathSegment[],
  ctx: TimelineContext,
): boolean {
  if (patch === undefined || patch === null) {
    ctx.report(path, 'is required');
    return false;
  }
  if (patchType === 'merge') {
    if (!isRecord(patch)) {
      ctx.report(path, `a merge patch must be a mapping, got ${describeValue(patch)}`);
      return false;
    }
    return true;
  }
  if (!Array.isArray(patch) || patch.length === 0) {
    ctx.report(path, `a JSON patch must be a non-empty list of operations, got ${describeValue(patch)}`);
    return false;
  }
  let ok = true;
  patch.forEach((op: unknown, i) => {
    const p = [...path, i];
    const m = readMapping(op, p, ['op', 'path', 'value', 'from'], ctx);
    if (!m) {
      ok = false;
      return;
    }
    const kind = readEnum(m.op, [...p, 'op'], JSON_PATCH_OPS, ctx);
    // RFC 6901: a JSON pointer is empty or starts with "/".
    if (typeof m.path !== 'string' || (m.path !== '' && !m.path.startsWith('/'))) {
      ctx.report(
        [...p, 'path'],
        `must be a JSON pointer such as "/spec/replicas", got ${describeValue(m.path)}`,
      );
      ok = false;
    }
    if ((kind === 'add' || kind === 'replace' || kind === 'test') && !('value' in m)) {
      ctx.report([...p, 'value'], `is required for "${kind}"`);
      ok = false;
    }
    if ((kind === 'move' || kind === 'copy') && typeof m.from !== 'string') {
      ctx.report([...p, 'from'], `is required for "${kind}"`);
      ok = false;
    }
    if (!kind) ok = false;
  });
  return ok;
}

function readAction(
  key: ActionKey,
  value: unknown,
  path: readonly PathSegment[],
  ctx: TimelineContext,
): ScenarioAction | undefined {
  const before = ctx.reported();
  switch (key) {
    case 'apply': {
      const objects = ctx.applyObjects(value, path);
      if (objects.length === 0 && ctx.reported() === before) ctx.report(path, 'needs at least one object');
      return ctx.reported() === before ? { action: 'apply', objects } : undefined;
    }
    case 'patch': {
      const m = readMapping(value, path, [...TARGET_KEYS, 'patch', 'patchType'], ctx);
      if (!m) return undefined;
      const target = readTarget(m, path, {}, ctx);
      const patchType =
        m.patchType === undefined ? 'merge' : readEnum(m.patchType, [...path, 'patchType'], PATCH_TYPES, ctx);
      const bodyOk = patchType ? readPatchBody(m.patch, patchType, [...path, 'patch'], ctx) : false;
      if (!target || !patchType || !bodyOk) return undefined;
      return { action: 'patch', target, patch: m.patch, ...(m.patchType !== undefined ? { patchType } : {}) };
    }
    case 'scale': {
      const m = readMapping(value, path, [...TARGET_KEYS, 'replicas'], ctx);
      if (!m) return undefined;
      const target = readTarget(m, path, { needsScale: true }, ctx);
      const replicas = readInteger(
        m.replicas,
        [...path, 'replicas'],
        0,
        LIMITS.maxReplicas,
        'a non-negative integer',
        ctx,
      );
      if (!target || replicas === undefined) return undefined;
      return { action: 'scale', target, replicas };
    }
    case 'delete': {
      const m = readMapping(value, path, [...TARGET_KEYS, 'propagationPolicy'], ctx);
      if (!m) return undefined;
      const target = readTarget(m, path, {}, ctx);
      const policy =
        m.propagationPolicy === undefined
          ? undefined
          : readEnum(m.propagationPolicy, [...path, 'propagationPolicy'], PROPAGATION_POLICIES, ctx);
      if (!target || (m.propagationPolicy !== undefined && !policy)) return undefined;
      return { action: 'delete', target, ...(policy ? { propagationPolicy: policy } : {}) };
    }
    case 'fault': {
      const fault = readFault(value, path, ctx);
      return fault ? { action: 'fault', fault } : undefined;
    }
    case 'clearFaults': {
      if (value !== true && !(isRecord(value) && Object.keys(value).length === 0)) {
        ctx.report(path, `must be true, got ${describeValue(value)}`);
        return undefined;
      }
      return { action: 'clearFaults' };
    }
  }
}

/** The whole timeline, in time order (ties keep file order). */
export function readTimeline(
  value: unknown,
  path: readonly PathSegment[],
  ctx: TimelineContext,
): ScenarioTimedAction[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.report(path, `must be a list of entries, got ${describeValue(value)}`);
    return [];
  }
  if (value.length > LIMITS.maxTimeline) {
    ctx.report(path, `must have at most ${LIMITS.maxTimeline} entries, got ${value.length}`);
    return [];
  }
  const out: ScenarioTimedAction[] = [];
  value.forEach((entry: unknown, i) => {
    const p = [...path, i];
    const m = readMapping(entry, p, ['at', ...ACTION_KEYS], ctx);
    if (!m) return;
    const atMs = readDuration(m.at, [...p, 'at'], LIMITS.maxTimeMs, ctx);
    const key = exactlyOne(m, ACTION_KEYS, p, ctx) as ActionKey | undefined;
    const action = key ? readAction(key, m[key], [...p, key], ctx) : undefined;
    if (atMs !== undefined && action) out.push({ atMs, action });
  });
  // Array.prototype.sort is stable, so equal times keep the order they were written in.
  return out.sort((a, b) => a.atMs - b.atMs);
}
