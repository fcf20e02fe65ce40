/**
 * Follows the served engine's trace stream (GET <base>reconcile-lab/trace?recent=1, JSON lines; docs/serve.md)
 * and keeps the newest events in a bounded ring, so that attach mode can draw the loop diagram's tokens from
 * what the engine really did. Reconnects with backoff when the stream ends.
 */
import type { TraceEvent } from '../engine/sim/trace.ts';
import { readLines } from './line-framing.ts';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, type FetchLike } from './reflector.ts';

export const TRACE_KEEP = 400;

export interface TraceFollowerSnapshot {
  state: 'connecting' | 'streaming' | 'backoff' | 'stopped';
  /** The newest events, oldest first, at most TRACE_KEEP. */
  recent: readonly TraceEvent[];
  /** Events the server said it dropped because we read too slowly. */
  dropped: number;
  received: number;
  lastError: string | undefined;
  version: number;
}

export interface TraceFollower {
  start(): void;
  stop(): void;
  snapshot(): TraceFollowerSnapshot;
  subscribe(listener: () => void): () => void;
}

/** Appends to a ring kept at most keep long (the array is replaced, so snapshots stay immutable). */
export function pushBounded<T>(ring: readonly T[], items: readonly T[], keep: number): T[] {
  if (items.length === 0) return ring as T[];
  const all = ring.length + items.length <= keep ? [...ring, ...items] : [...ring, ...items].slice(-keep);
  return all;
}

export function parseTraceLine(
  line: string,
): TraceEvent | { type: 'trace.dropped'; count: number } | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as { type?: unknown; t?: unknown; count?: unknown };
  if (e.type === 'trace.dropped') return { type: 'trace.dropped', count: Number(e.count) || 0 };
  if (typeof e.type !== 'string' || typeof e.t !== 'number') return undefined;
  return v as TraceEvent;
}

export function createTraceFollower(opts: {
  base: string;
  fetch?: FetchLike;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  keep?: number;
}): TraceFollower {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const keep = opts.keep ?? TRACE_KEEP;
  const sleep =
    opts.sleep ??
    ((ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      }));
  const listeners = new Set<() => void>();
  let snap: TraceFollowerSnapshot = {
    state: 'connecting',
    recent: [],
    dropped: 0,
    received: 0,
    lastError: undefined,
    version: 0,
  };
  let abort: AbortController | undefined;
  let batch: TraceEvent[] = [];
  let batchReceived = 0;
  let scheduled = false;

  const set = (patch: Partial<TraceFollowerSnapshot>) => {
    snap = { ...snap, ...patch, version: snap.version + 1 };
    for (const l of [...listeners]) l();
  };
  // Many events arrive per chunk: publish once per task, not once per event.
  const flush = () => {
    scheduled = false;
    if (batch.length === 0) return;
    const events = batch;
    const received = batchReceived;
    batch = [];
    batchReceived = 0;
    set({ recent: pushBounded(snap.recent, events, keep), received: snap.received + received });
  };

  async function run(signal: AbortSignal) {
    let backoff = BACKOFF_INITIAL_MS;
    let first = true;
    while (!signal.aborted) {
      try {
        // Replay the ring only on the first connection; a reconnect must not duplicate events.
        const res = await doFetch(`${opts.base}reconcile-lab/trace${first ? '?recent=1' : ''}`, { signal });
        if (!res.ok || !res.body) throw new Error(`the trace stream answered ${res.status}`);
        first = false;
        set({ state: 'streaming', lastError: undefined });
        backoff = BACKOFF_INITIAL_MS;
        await readLines(
          res.body,
          (line) => {
            const e = parseTraceLine(line);
            if (!e) return;
            if (e.type === 'trace.dropped') {
              set({ dropped: snap.dropped + (e as { count: number }).count });
              return;
            }
            batch.push(e as TraceEvent);
            batchReceived++;
            if (batch.length > keep) batch = batch.slice(-keep);
            if (!scheduled) {
              scheduled = true;
              queueMicrotask(flush);
            }
          },
          signal,
        );
        flush();
      } catch (e) {
        if (signal.aborted) return;
        set({ state: 'backoff', lastError: e instanceof Error ? e.message : String(e) });
      }
      if (signal.aborted) return;
      await sleep(backoff, signal);
      backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
    }
  }

  return {
    start() {
      if (abort) return;
      abort = new AbortController();
      void run(abort.signal);
    },
    stop() {
      abort?.abort();
      set({ state: 'stopped' });
    },
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
