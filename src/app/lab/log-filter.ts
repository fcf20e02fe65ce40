/**
 * The event log's filter (by type, by kind, by free text) and the object each trace event concerns, so a
 * click on a row can select it. Pure: the kinds of API resources and of controllers' primary resources come
 * in as lookups, read from the running world by the caller.
 */
import type { TraceEvent } from '../../engine/sim/trace.ts';
import { describeEvent } from './event-text.ts';
import type { ObjectRef } from './lab-store.ts';

export interface LogFilter {
  /** One trace type, or '' for all. */
  type: string;
  /** One object kind, or '' for all. */
  kind: string;
  /** Case-insensitive text the row's type or description must contain, or ''. */
  text: string;
}

export const NO_FILTER: LogFilter = { type: '', kind: '', text: '' };

/** How to name kinds the events do not carry themselves. */
export interface KindLookup {
  /** 'replicasets.apps' → 'ReplicaSet'. */
  ofResource(resource: string): string | undefined;
  /** A controller's primary kind: 'replicaset-controller' → 'ReplicaSet' (keys in its queue are of that kind). */
  ofController(controller: string): string | undefined;
}

/** The object an event is about, if it names one. */
export function refOfEvent(e: TraceEvent, kinds: KindLookup): ObjectRef | undefined {
  switch (e.type) {
    case 'api.request':
    case 'api.response': {
      const kind = kinds.ofResource(e.resource);
      if (!kind || !e.name) return undefined;
      return e.namespace ? { kind, namespace: e.namespace, name: e.name } : { kind, name: e.name };
    }
    case 'watch.event':
    case 'informer.update':
    case 'object.phase':
      return e.key ? refOfKey(e.kind, e.key) : undefined;
    case 'queue.add':
    case 'queue.ratelimited':
    case 'queue.after':
    case 'queue.get':
    case 'queue.done':
    case 'queue.forget':
    case 'reconcile.start':
    case 'reconcile.step':
    case 'reconcile.end': {
      const kind = kinds.ofController(e.controller);
      return kind ? refOfKey(kind, e.key) : undefined;
    }
    default:
      return undefined;
  }
}

/** Keys are `namespace/name`, or `name` for cluster-scoped objects (client-go tools/cache MetaNamespaceKeyFunc). */
export function refOfKey(kind: string, key: string): ObjectRef {
  const slash = key.indexOf('/');
  return slash < 0
    ? { kind, name: key }
    : { kind, namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The kind an event concerns, for the kind filter. */
export function kindOfEvent(e: TraceEvent, kinds: KindLookup): string | undefined {
  return refOfEvent(e, kinds)?.kind;
}

/** Events that pass the filter, oldest first. Returns the input itself when nothing is filtered. */
export function filterLog(
  events: readonly TraceEvent[],
  filter: LogFilter,
  kinds: KindLookup,
): readonly TraceEvent[] {
  const text = filter.text.trim().toLowerCase();
  if (filter.type === '' && filter.kind === '' && text === '') return events;
  const out: TraceEvent[] = [];
  for (const e of events) {
    if (filter.type !== '' && e.type !== filter.type) continue;
    if (filter.kind !== '' && kindOfEvent(e, kinds) !== filter.kind) continue;
    if (text !== '' && !e.type.includes(text) && !describeEvent(e).toLowerCase().includes(text)) continue;
    out.push(e);
  }
  return out;
}

/** Same object (namespace '' and absent are the same). */
export function sameRef(a: ObjectRef | undefined, b: ObjectRef | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/**
 * Filtered rows that grow with an append-only trace: each call filters only the events added since the last,
 * so a text filter over 100k events costs one pass, not one per frame.
 */
export interface IncrementalLog {
  rows(events: readonly TraceEvent[], filter: LogFilter, kinds: KindLookup): readonly TraceEvent[];
}

export function createIncrementalLog(): IncrementalLog {
  let source: readonly TraceEvent[] | undefined;
  let key = '';
  let scanned = 0;
  let out: TraceEvent[] = [];
  return {
    rows(events, filter, kinds) {
      const k = JSON.stringify(filter);
      if (filter.type === '' && filter.kind === '' && filter.text.trim() === '') return events;
      // A new world (reset, seek back) brings a new trace array; a shorter one cannot be an append.
      if (events !== source || k !== key || events.length < scanned) {
        source = events;
        key = k;
        scanned = 0;
        out = [];
      }
      if (scanned < events.length) {
        const added = filterLog(events.slice(scanned), filter, kinds);
        scanned = events.length;
        if (added.length > 0) out = out.concat(added);
      }
      return out;
    },
  };
}

/** The event types and object kinds a trace holds so far: the filter's choices. */
export interface LogFacets {
  types: readonly string[];
  kinds: readonly string[];
}

/**
 * Facets of an append-only trace, found by scanning only the events added since the last call: rescanning the
 * whole trace each frame cost a third of a 2,000-Machine frame. The arrays keep their identity until a new
 * type or kind appears, so the filter menus re-render only then.
 */
export interface FacetScanner {
  scan(events: readonly TraceEvent[], kinds: KindLookup): LogFacets;
}

export function createFacetScanner(): FacetScanner {
  let source: readonly TraceEvent[] | undefined;
  let lookup: KindLookup | undefined;
  let scanned = 0;
  let types = new Set<string>();
  let kindSet = new Set<string>();
  let facets: LogFacets = { types: [], kinds: [] };
  return {
    scan(events, kinds) {
      // A new world (reset, seek back) brings a new trace array; a shorter one cannot be an append.
      if (events !== source || kinds !== lookup || events.length < scanned) {
        source = events;
        lookup = kinds;
        scanned = 0;
        types = new Set();
        kindSet = new Set();
        facets = { types: [], kinds: [] };
      }
      let grew = false;
      for (; scanned < events.length; scanned++) {
        const e = events[scanned]!;
        if (!types.has(e.type)) {
          types.add(e.type);
          grew = true;
        }
        const k = kindOfEvent(e, kinds);
        if (k !== undefined && !kindSet.has(k)) {
          kindSet.add(k);
          grew = true;
        }
      }
      if (grew) facets = { types: [...types].sort(), kinds: [...kindSet].sort() };
      return facets;
    },
  };
}
