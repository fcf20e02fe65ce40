/**
 * The `fault:` action: `type` plus that type's fields, each checked for type and range (DESIGN.md §2 fault
 * list; docs/scenarios.md "Faults").
 */
import { resourceIdOf } from '../api/resource.ts';
import { describeValue, type PathSegment } from './issues.ts';
import {
  exactlyOne,
  isRecord,
  readDuration,
  readEnum,
  readInteger,
  readMapping,
  readRate,
  readString,
  type TimelineContext,
} from './readers.ts';
import { API_VERBS, FAULT_TYPES, LIMITS, type FaultSpec, type FaultType } from './schema.ts';
import { TARGET_KEYS, readTarget } from './targets.ts';

const FAULT_FIELDS: Record<FaultType, readonly string[]> = {
  apiError: ['verb', 'resource', 'code', 'count', 'rate'],
  apiLatency: ['ms', 'jitterMs'],
  watchDrop: ['resource', 'rate'],
  watchExpire: [],
  staleView: ['controller', 'forMs'],
  controllerCrash: ['controller'],
  reconcileError: ['controller', 'count'],
  nodeFailure: ['target'],
  provisioningFailure: ['target', 'rate'],
};

function readResource(
  value: unknown,
  path: readonly PathSegment[],
  ctx: TimelineContext,
): string | undefined {
  const r = readString(value, path, ctx);
  if (r === undefined || !ctx.registry) return r;
  const def = ctx.registry.byName(r) ?? ctx.registry.byKindName(r);
  if (!def) {
    ctx.report(path, `the server doesn't have a resource type "${r}"`);
    return undefined;
  }
  // The GroupResource string the API server's calls take: "pods", "machines.cluster.x-k8s.io".
  return resourceIdOf(def);
}

/** One fault: `type` plus that type's fields (DESIGN.md §2 fault list). */
export function readFault(
  value: unknown,
  path: readonly PathSegment[],
  ctx: TimelineContext,
): FaultSpec | undefined {
  if (!isRecord(value)) {
    ctx.report(path, `must be a mapping, got ${describeValue(value)}`);
    return undefined;
  }
  const type = readEnum(value.type, [...path, 'type'], FAULT_TYPES, ctx);
  if (!type) return undefined;
  const m = readMapping(value, path, ['type', ...FAULT_FIELDS[type]], ctx)!;
  const before = ctx.reported();
  const p = (k: string) => [...path, k];
  const optional = <T>(k: string, read: () => T | undefined): Partial<Record<string, T>> => {
    if (m[k] === undefined) return {};
    const v = read();
    return v === undefined ? {} : { [k]: v };
  };
  let fault: FaultSpec | undefined;
  switch (type) {
    case 'apiError': {
      const code = readInteger(m.code, p('code'), 400, 599, 'an HTTP error code (400-599)', ctx);
      const one = exactlyOne(m, ['count', 'rate'], path, ctx);
      const rest = {
        ...optional('verb', () => readEnum(m.verb, p('verb'), API_VERBS, ctx)),
        ...optional('resource', () => readResource(m.resource, p('resource'), ctx)),
        ...(one === 'count'
          ? optional('count', () =>
              readInteger(m.count, p('count'), 1, LIMITS.maxCount, 'a positive integer', ctx),
            )
          : {}),
        ...(one === 'rate' ? optional('rate', () => readRate(m.rate, p('rate'), ctx)) : {}),
      };
      if (code !== undefined) fault = { type, code, ...rest };
      break;
    }
    case 'apiLatency': {
      const ms = readDuration(m.ms, p('ms'), LIMITS.maxLatencyMs, ctx);
      const jitter = optional('jitterMs', () =>
        readDuration(m.jitterMs, p('jitterMs'), LIMITS.maxLatencyMs, ctx),
      );
      if (ms !== undefined) fault = { type, ms, ...jitter };
      break;
    }
    case 'watchDrop': {
      if (m.rate === undefined) ctx.report(p('rate'), 'is required');
      const rate = m.rate === undefined ? undefined : readRate(m.rate, p('rate'), ctx);
      const resource = optional('resource', () => readResource(m.resource, p('resource'), ctx));
      if (rate !== undefined) fault = { type, rate, ...resource };
      break;
    }
    case 'watchExpire':
      fault = { type };
      break;
    case 'staleView': {
      const controller = readString(m.controller, p('controller'), ctx);
      const forMs = readDuration(m.forMs, p('forMs'), LIMITS.maxStaleMs, ctx);
      if (controller !== undefined && forMs !== undefined) fault = { type, controller, forMs };
      break;
    }
    case 'controllerCrash': {
      const controller = readString(m.controller, p('controller'), ctx);
      if (controller !== undefined) fault = { type, controller };
      break;
    }
    case 'reconcileError': {
      const controller = readString(m.controller, p('controller'), ctx);
      const count = readInteger(m.count, p('count'), 1, LIMITS.maxCount, 'a positive integer', ctx);
      if (controller !== undefined && count !== undefined) fault = { type, controller, count };
      break;
    }
    case 'nodeFailure': {
      if (m.target === undefined) {
        ctx.report(p('target'), 'is required');
        break;
      }
      const t = readMapping(m.target, p('target'), TARGET_KEYS, ctx);
      const target = t
        ? readTarget(t, p('target'), { defaultKind: 'Node', onlyKinds: ['Node'] }, ctx)
        : undefined;
      if (target) fault = { type, target };
      break;
    }
    case 'provisioningFailure': {
      const one = exactlyOne(m, ['target', 'rate'], path, ctx);
      if (one === 'rate') {
        const rate = readRate(m.rate, p('rate'), ctx);
        if (rate !== undefined) fault = { type, rate };
      } else if (one === 'target') {
        const t = readMapping(m.target, p('target'), TARGET_KEYS, ctx);
        const target = t ? readTarget(t, p('target'), { defaultKind: 'Machine' }, ctx) : undefined;
        if (target) fault = { type, target };
      }
      break;
    }
  }
  return ctx.reported() === before ? fault : undefined;
}
