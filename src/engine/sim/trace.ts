/**
 * The trace: every observable engine action as one event. This vocabulary is a public contract
 * (docs/trace.md): add types and fields freely, never rename one without a migration note.
 */
import type { Clock } from './scheduler.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export type ReconcileResultKind = 'ok' | 'requeue' | 'requeueAfter' | 'error' | 'terminal';

/** Fields of each event type, keyed by type. */
export interface TraceFields {
  'api.request': {
    verb: string;
    resource: string;
    namespace: string;
    name: string;
    actor: string;
    reqId: number;
    subresource?: string;
  };
  'api.response': {
    reqId: number;
    code: number;
    reason: string;
    rv: string;
    verb: string;
    resource: string;
    namespace: string;
    name: string;
    actor: string;
  };
  'watch.event': { eventType: WatchEventType; kind: string; key: string; rv: string; watcher: string };
  'watch.start': { watcher: string; resource: string; rv: string };
  'watch.end': { watcher: string; resource: string; reason: string };
  'informer.list': { informer: string; kind: string; rv: string; items: number };
  'informer.update': {
    informer: string;
    kind: string;
    key: string;
    rv: string;
    op: 'add' | 'update' | 'delete' | 'sync';
  };
  'queue.add': { controller: string; key: string; deduped: boolean };
  'queue.ratelimited': { controller: string; key: string; failures: number; delayMs: number };
  'queue.after': { controller: string; key: string; delayMs: number };
  'queue.get': { controller: string; key: string; worker: number };
  'queue.done': { controller: string; key: string };
  'queue.forget': { controller: string; key: string };
  'reconcile.start': { controller: string; key: string; worker: number };
  'reconcile.step': { controller: string; key: string; worker: number; step: string };
  'reconcile.end': {
    controller: string;
    key: string;
    worker: number;
    result: ReconcileResultKind;
    requeueAfterMs: number;
    error: string;
  };
  'object.phase': { kind: string; key: string; from: string; to: string };
  'controller.start': { controller: string };
  'controller.crash': { controller: string };
  fault: { kind: string; target: string; detail?: string };
  'user.action': { action: string; target: string; detail?: string };
  'sim.note': { message: string };
}

export type TraceType = keyof TraceFields;

export type TraceEvent<K extends TraceType = TraceType> = K extends TraceType
  ? { t: number; seq: number; type: K } & TraceFields[K]
  : never;

export interface TraceOptions {
  /** Size of the ring kept for live views. */
  ringSize?: number;
  /** Keep every event for export. Off for benchmarks that only count. */
  keepAll?: boolean;
}

export interface Trace {
  emit<K extends TraceType>(type: K, fields: TraceFields[K]): void;
  /** The last ringSize events, oldest first. */
  recent(): TraceEvent[];
  /** Every event since the start (empty when keepAll is off). */
  all(): readonly TraceEvent[];
  /** Events emitted so far, by type. */
  counts(): Readonly<Record<string, number>>;
  /** The number of events emitted so far; the next event's seq is this + 1. */
  size(): number;
  subscribe(fn: (e: TraceEvent) => void): () => void;
}

export function createTrace(clock: Clock, opts: TraceOptions = {}): Trace {
  const ringSize = Math.max(1, opts.ringSize ?? 5000);
  const keepAll = opts.keepAll ?? true;
  const ring: (TraceEvent | undefined)[] = new Array(ringSize);
  const everything: TraceEvent[] = [];
  const counts: Record<string, number> = {};
  const listeners = new Set<(e: TraceEvent) => void>();
  let seq = 0;

  return {
    emit(type, fields) {
      const e = { t: clock.now(), seq: ++seq, type, ...fields } as unknown as TraceEvent;
      ring[(seq - 1) % ringSize] = e;
      if (keepAll) everything.push(e);
      counts[type] = (counts[type] ?? 0) + 1;
      for (const l of listeners) l(e);
    },
    recent() {
      const out: TraceEvent[] = [];
      const n = Math.min(seq, ringSize);
      for (let i = seq - n; i < seq; i++) out.push(ring[i % ringSize]!);
      return out;
    },
    all: () => everything,
    counts: () => counts,
    size: () => seq,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** One JSON line per event, keys in a fixed order so that equal traces are byte-identical. */
export function traceToJsonl(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}
