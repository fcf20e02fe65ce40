/**
 * A cluster seen over HTTP: discovers which of the drawn resources exist, runs one reflector per resource and
 * publishes one snapshot of all their caches. Read-only: it never writes to the cluster.
 *
 * @example
 * const source = createRemoteSource({ base: '/' });
 * source.subscribe(() => draw(source.snapshot()));
 * source.start();
 */
import type { KubeObject } from '../engine/api/types.ts';
import { discoverResources } from './discovery.ts';
import {
  BACKOFF_INITIAL_MS,
  BACKOFF_MAX_MS,
  createReflector,
  type FetchLike,
  type Reflector,
  type ReflectorSnapshot,
  resourcePath,
  type ResourceRef,
} from './reflector.ts';

export interface RemoteSourceOptions {
  base: string;
  fetch?: FetchLike;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Resources to watch instead of discovering them. */
  resources?: readonly ResourceRef[];
  /** Resources watched at most; the others are listed every pollMs. Default: all watched. */
  maxWatches?: number;
  pollMs?: number;
}

/** Keep one connection of the browser's six per origin free for lists and other requests. */
export const BROWSER_CONNECTIONS_PER_ORIGIN = 6;
export const DEFAULT_POLL_MS = 3000;

/**
 * Which resources get a watch when only budget may: those that have objects first, in the given order, then
 * the empty ones. Returns the indexes to watch.
 */
export function watchPlan(nonEmpty: readonly boolean[], budget: number): Set<number> {
  const order = [...nonEmpty.keys()].sort((a, b) => Number(nonEmpty[b]) - Number(nonEmpty[a]) || a - b);
  return new Set(order.slice(0, Math.max(0, budget)));
}

export type SourceState = 'discovering' | 'running' | 'backoff' | 'stopped';

export interface RemoteSnapshot {
  state: SourceState;
  error: string | undefined;
  resources: readonly ReflectorSnapshot[];
  /** Cached objects by kind. */
  byKind: Readonly<Record<string, readonly KubeObject[]>>;
  /** Sum of watch events received over every resource. */
  watchEvents: number;
  version: number;
}

export interface RemoteSource {
  start(): void;
  stop(): void;
  snapshot(): RemoteSnapshot;
  subscribe(listener: () => void): () => void;
  /** Resolves once every resource has listed. */
  synced(): Promise<void>;
  reflectors(): readonly Reflector[];
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export function createRemoteSource(opts: RemoteSourceOptions): RemoteSource {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const sleep = opts.sleep ?? defaultSleep;
  const listeners = new Set<() => void>();
  let reflectors: Reflector[] = [];
  let state: SourceState = 'discovering';
  let error: string | undefined;
  let version = 0;
  let cached: RemoteSnapshot | undefined;
  let abort: AbortController | undefined;
  let resolveSynced: () => void = () => {};
  const syncedP = new Promise<void>((r) => (resolveSynced = r));

  const notify = () => {
    version++;
    cached = undefined;
    for (const l of [...listeners]) l();
  };

  async function hasObjects(r: ResourceRef, signal: AbortSignal): Promise<boolean> {
    try {
      const res = await doFetch(`${resourcePath(opts.base, r)}?limit=1`, {
        signal,
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) return false;
      const body = (await res.json()) as { items?: unknown };
      return Array.isArray(body.items) && body.items.length > 0;
    } catch {
      return false;
    }
  }

  async function run(signal: AbortSignal) {
    let backoff = BACKOFF_INITIAL_MS;
    let resources = opts.resources ? [...opts.resources] : undefined;
    while (!resources && !signal.aborted) {
      try {
        resources = await discoverResources(opts.base, doFetch, signal);
      } catch (e) {
        if (signal.aborted) return;
        state = 'backoff';
        error = e instanceof Error ? e.message : String(e);
        notify();
        await sleep(backoff, signal);
        backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
      }
    }
    if (signal.aborted || !resources) return;
    let watched = new Set(resources.keys());
    if (opts.maxWatches !== undefined && resources.length > opts.maxWatches) {
      const nonEmpty = await Promise.all(resources.map((r) => hasObjects(r, signal)));
      watched = watchPlan(nonEmpty, opts.maxWatches);
    }
    if (signal.aborted) return;
    state = 'running';
    error = undefined;
    reflectors = resources.map((resource, i) =>
      createReflector({
        base: opts.base,
        resource,
        fetch: doFetch,
        sleep,
        ...(opts.random ? { random: opts.random } : {}),
        ...(watched.has(i) ? {} : { pollMs: opts.pollMs ?? DEFAULT_POLL_MS }),
      }),
    );
    for (const r of reflectors) {
      r.subscribe(notify);
      r.start();
    }
    notify();
    await Promise.all(reflectors.map((r) => r.synced()));
    resolveSynced();
  }

  return {
    start() {
      if (abort) return;
      abort = new AbortController();
      void run(abort.signal);
    },
    stop() {
      abort?.abort();
      for (const r of reflectors) r.stop();
      state = 'stopped';
      resolveSynced();
      notify();
    },
    snapshot() {
      if (cached) return cached;
      const byKind: Record<string, KubeObject[]> = {};
      let watchEvents = 0;
      const resources = reflectors.map((r) => {
        const s = r.snapshot();
        byKind[s.resource.kind] = r.objects();
        watchEvents += s.counts.ADDED + s.counts.MODIFIED + s.counts.DELETED + s.counts.BOOKMARK;
        return s;
      });
      cached = { state, error, resources, byKind, watchEvents, version };
      return cached;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    synced: () => syncedP,
    reflectors: () => reflectors,
  };
}
