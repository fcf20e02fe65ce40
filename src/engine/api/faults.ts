/**
 * Fault hooks on the API path (DESIGN.md §2 fault vocabulary): injected API errors, API latency (applied by the
 * client transport, which asks latencyFor), dropped watch events, and watch expiry. Every fault emits a `fault`
 * trace event when it is armed and each time it bites, so the UI can pause and narrate it. Randomness (rates,
 * jitter) comes from the sim's seeded RNG.
 */
import type { ResourceDefinition, ResourceId } from './resource.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  genericUnprocessable,
  gone,
  internalError,
  notFound,
  serviceUnavailable,
  timeout,
  tooManyRequests,
  unknownError,
} from './status.ts';
import type { Status } from './types.ts';
import type { Sim } from '../sim/sim.ts';

export interface ApiErrorFault {
  /** "create", "get", "list", "update", "patch", "delete", "watch"; omitted or "*" for every verb. */
  verb?: string;
  /** A resource as kubectl names it ("pods", "machines.cluster.x-k8s.io", "md", "Machine"); omitted for all. */
  resource?: string;
  /** The HTTP code to fail with; the Status is the one the apiserver sends for that code. */
  code: number;
  /** Fail this many matching requests, then disarm. */
  count?: number;
  /** Fail each matching request with this probability (0..1). With count too, count caps the failures. */
  rate?: number;
}

export interface ApiLatencyFault {
  ms: number;
  jitterMs?: number;
  verb?: string;
  resource?: string;
}

export interface WatchDropFault {
  resource?: string;
  /** Probability (0..1) that an ADDED/MODIFIED/DELETED event is silently not delivered. */
  rate: number;
}

export interface FaultHandle {
  readonly id: number;
  clear(): void;
}

export interface ApiFaults {
  /** Matching requests fail with a proper Status; neither count nor rate means every one until cleared. */
  injectError(spec: ApiErrorFault): FaultHandle;
  /** Virtual latency for the client transport to apply (the server itself answers synchronously). */
  setLatency(spec: ApiLatencyFault): FaultHandle;
  /** The latency the transport should add to this call, jitter drawn from the sim RNG; 0 when none. */
  latencyFor(verb: string, resource: string): number;
  setWatchDrop(spec: WatchDropFault): FaultHandle;
  /** Every open watch gets ERROR 410 and closes; history is compacted so resuming fails too. */
  expireWatches(): void;
  /** Every open watch (of a resource, or all) ends at once with reason "dropped", as a broken connection. */
  dropWatches(resource?: string): void;
  clearAll(): void;
  /** What is armed, for the UI. */
  active(): { errors: ApiErrorFault[]; latency: ApiLatencyFault[]; watchDrops: WatchDropFault[] };
}

/** The server's side of the fault hooks. */
export interface FaultsInternal extends ApiFaults {
  /** The Status to fail this request with, or undefined. Emits the `fault` trace event when it bites. */
  errorFor(
    verb: string,
    resource: ResourceId,
    def: ResourceDefinition,
    namespace: string,
    name: string,
  ): Status | undefined;
  /** Whether to drop a watch event for this watcher; emits the `fault` trace event when dropping. */
  dropWatchEvent(watcher: string, def: ResourceDefinition, detail: () => string): boolean;
}

interface Armed<T> {
  id: number;
  spec: T;
  remaining: number;
}

const matchesVerb = (want: string | undefined, verb: string) =>
  want === undefined || want === '*' || want.toLowerCase() === verb;

/** A resource name in any spelling kubectl accepts, checked against one definition. */
export function resourceMatches(want: string | undefined, def: ResourceDefinition): boolean {
  if (want === undefined || want === '*') return true;
  const w = want.toLowerCase();
  const dot = w.indexOf('.');
  const name = dot < 0 ? w : w.slice(0, dot);
  if (dot >= 0 && w.slice(dot + 1) !== def.group) return false;
  return (
    name === def.plural ||
    name === def.singular ||
    name === def.kind.toLowerCase() ||
    (def.shortNames ?? []).includes(name)
  );
}

function checkRate(rate: number | undefined, what: string): void {
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0 && rate <= 1)) {
    throw new RangeError(`${what}: rate must be a number between 0 and 1, got ${rate}`);
  }
}

/** The Status kube-apiserver sends for a code, as an injected failure of this request. */
export function statusForCode(code: number, verb: string, def: ResourceDefinition, name: string): Status {
  const gr = { group: def.group, resource: def.plural };
  switch (code) {
    case 400:
      return badRequest('injected fault: the server rejected the request');
    case 403:
      return forbidden(gr, name, 'injected fault');
    case 404:
      return notFound(gr, name);
    case 409:
      return verb === 'create' ? alreadyExists(gr, name) : conflict(gr, name);
    case 410:
      return gone('injected fault: the requested resource is no longer available');
    case 422:
      return genericUnprocessable('injected fault');
    case 429:
      // apiserver flowcontrol: the APF rejection message.
      return tooManyRequests('Too many requests, please try again later.', 1);
    case 500:
      return internalError('injected fault');
    case 503:
      return serviceUnavailable('injected fault: the server is currently unable to handle the request');
    case 504:
      return timeout('injected fault: the request did not complete in time', 1);
    default:
      return unknownError(`injected fault (HTTP ${code})`, code);
  }
}

export function createFaults(
  sim: Sim,
  hooks: {
    expireWatches(): void;
    dropWatches(match: (def: ResourceDefinition) => boolean): void;
    /** The definition behind a resource name, when the registry knows it. */
    resolve(resource: string): ResourceDefinition | undefined;
  },
): FaultsInternal {
  let nextId = 0;
  const errors: Armed<ApiErrorFault>[] = [];
  const latency: Armed<ApiLatencyFault>[] = [];
  const drops: Armed<WatchDropFault>[] = [];
  const emit = (kind: string, target: string, detail?: string) =>
    sim.trace.emit('fault', detail === undefined ? { kind, target } : { kind, target, detail });

  const handle = <T>(list: Armed<T>[], a: Armed<T>, kind: string): FaultHandle => ({
    id: a.id,
    clear: () => {
      const i = list.indexOf(a);
      if (i >= 0) {
        list.splice(i, 1);
        emit(kind, 'cleared', `fault ${a.id}`);
      }
    },
  });

  const target = (verb?: string, resource?: string) => `${verb ?? '*'} ${resource ?? '*'}`;

  return {
    injectError(spec) {
      if (!Number.isInteger(spec.code) || spec.code < 400 || spec.code > 599) {
        throw new RangeError(`apiError: code must be an HTTP error code (400-599), got ${spec.code}`);
      }
      if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) {
        throw new RangeError(`apiError: count must be a positive integer, got ${spec.count}`);
      }
      checkRate(spec.rate, 'apiError');
      const a: Armed<ApiErrorFault> = { id: ++nextId, spec: { ...spec }, remaining: spec.count ?? Infinity };
      errors.push(a);
      const detail = [`code=${spec.code}`];
      if (spec.count !== undefined) detail.push(`count=${spec.count}`);
      if (spec.rate !== undefined) detail.push(`rate=${spec.rate}`);
      emit('apiError', target(spec.verb, spec.resource), detail.join(' '));
      return handle(errors, a, 'apiError');
    },

    setLatency(spec) {
      if (!(Number.isFinite(spec.ms) && spec.ms >= 0))
        throw new RangeError(`apiLatency: ms must be >= 0, got ${spec.ms}`);
      if (spec.jitterMs !== undefined && !(Number.isFinite(spec.jitterMs) && spec.jitterMs >= 0)) {
        throw new RangeError(`apiLatency: jitterMs must be >= 0, got ${spec.jitterMs}`);
      }
      const a: Armed<ApiLatencyFault> = { id: ++nextId, spec: { ...spec }, remaining: Infinity };
      latency.push(a);
      emit('apiLatency', target(spec.verb, spec.resource), `ms=${spec.ms} jitterMs=${spec.jitterMs ?? 0}`);
      return handle(latency, a, 'apiLatency');
    },

    latencyFor(verb, resource) {
      // The newest matching rule wins, so a later, narrower fault can override a global one.
      for (let i = latency.length - 1; i >= 0; i--) {
        const { spec } = latency[i]!;
        if (!matchesVerb(spec.verb, verb.toLowerCase())) continue;
        if (spec.resource !== undefined && spec.resource !== '*') {
          const def = hooks.resolve(resource);
          const ok = def
            ? resourceMatches(spec.resource, def)
            : spec.resource.toLowerCase() === resource.toLowerCase();
          if (!ok) continue;
        }
        const jitter = spec.jitterMs ? Math.round((sim.rng.next() * 2 - 1) * spec.jitterMs) : 0;
        return Math.max(0, Math.round(spec.ms + jitter));
      }
      return 0;
    },

    setWatchDrop(spec) {
      checkRate(spec.rate, 'watchDrop');
      if (spec.rate === undefined) throw new RangeError('watchDrop: rate is required');
      const a: Armed<WatchDropFault> = { id: ++nextId, spec: { ...spec }, remaining: Infinity };
      drops.push(a);
      emit('watchDrop', spec.resource ?? '*', `rate=${spec.rate}`);
      return handle(drops, a, 'watchDrop');
    },

    expireWatches() {
      emit('watchExpire', '*', 'every watch gets 410 Expired; history compacted');
      hooks.expireWatches();
    },

    dropWatches(resource) {
      emit('watchDrop', resource ?? '*', 'connections closed');
      hooks.dropWatches((def) => resourceMatches(resource, def));
    },

    clearAll() {
      const n = errors.length + latency.length + drops.length;
      errors.length = 0;
      latency.length = 0;
      drops.length = 0;
      if (n > 0) emit('clearFaults', '*', `${n} cleared`);
    },

    active: () => ({
      errors: errors.map((a) => ({ ...a.spec })),
      latency: latency.map((a) => ({ ...a.spec })),
      watchDrops: drops.map((a) => ({ ...a.spec })),
    }),

    errorFor(verb, resource, def, namespace, name) {
      for (let i = 0; i < errors.length; i++) {
        const a = errors[i]!;
        if (!matchesVerb(a.spec.verb, verb) || !resourceMatches(a.spec.resource, def)) continue;
        if (a.spec.rate !== undefined && !(sim.rng.next() < a.spec.rate)) continue;
        a.remaining--;
        if (a.remaining <= 0) errors.splice(i, 1);
        const key = namespace ? `${namespace}/${name}` : name;
        emit('apiError', `${verb} ${resource}${key ? ` ${key}` : ''}`, `injected ${a.spec.code}`);
        return statusForCode(a.spec.code, verb, def, name);
      }
      return undefined;
    },

    dropWatchEvent(watcher, def, detail) {
      for (const a of drops) {
        if (!resourceMatches(a.spec.resource, def)) continue;
        if (sim.rng.next() < a.spec.rate) {
          emit('watchDrop', watcher, detail());
          return true;
        }
        return false;
      }
      return false;
    },
  };
}
