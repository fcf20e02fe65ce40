/**
 * A reflector over HTTP, as client-go's (tools/cache/reflector.go (*Reflector).ListAndWatch): LIST the
 * collection (paged with limit/continue), remember the list's resourceVersion, then WATCH from it with
 * allowWatchBookmarks, applying each event to an object cache. A watch that ends normally is re-opened from
 * the last resourceVersion seen; a 410 (as an ERROR event or as the HTTP answer) makes it list again; any other
 * failure waits with exponential backoff before listing again. It counts watch events for the watch-flow view.
 *
 * @example
 * const r = createReflector({ base: '/', resource: { group: '', version: 'v1', plural: 'pods', kind: 'Pod' } });
 * r.subscribe(() => render(r.snapshot().objects));
 * r.start();
 */
import type { KubeObject, ObjectList } from '../engine/api/types.ts';
import { readLines } from './line-framing.ts';
import { applyWatchEvent, objectKey, parseWatchLine } from './watch-events.ts';

export interface ResourceRef {
  /** "" for the core group. */
  group: string;
  version: string;
  plural: string;
  kind: string;
}

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  body: ReadableStream<Uint8Array> | null;
}>;

export interface ReflectorOptions {
  /** Same-origin path prefix of the API, ending in "/" ("/" for the served engine, "/k8s/" behind a proxy). */
  base: string;
  resource: ResourceRef;
  fetch?: FetchLike;
  /** Waits ms or until the signal aborts (tests pass an instant one). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** [0, 1) for the watch timeout's jitter. */
  random?: () => number;
  pageSize?: number;
  /**
   * List every pollMs instead of watching. A browser opens at most 6 HTTP/1.1 connections per origin (kubectl
   * proxy speaks plain HTTP/1.1), and every watch holds one, so resources beyond the watch budget are polled.
   */
  pollMs?: number;
}

export type ReflectorState = 'idle' | 'listing' | 'watching' | 'polling' | 'backoff' | 'stopped';

export interface WatchCounts {
  ADDED: number;
  MODIFIED: number;
  DELETED: number;
  BOOKMARK: number;
  ERROR: number;
  lists: number;
  watches: number;
  /** Relists caused by a 410: expected, handled. */
  expired: number;
  /** Failures other than 410 (network, 5xx, bad lines). */
  failures: number;
}

export interface ReflectorSnapshot {
  resource: ResourceRef;
  state: ReflectorState;
  resourceVersion: string;
  counts: WatchCounts;
  lastError: string | undefined;
  /** Bumped on every change to the cache: lets views memoise. */
  version: number;
}

export interface Reflector {
  start(): void;
  stop(): void;
  snapshot(): ReflectorSnapshot;
  /** The cached objects, in the order first seen. */
  objects(): KubeObject[];
  get(key: string): KubeObject | undefined;
  subscribe(listener: () => void): () => void;
  /** Resolves when the first list has filled the cache (or the reflector stops). */
  synced(): Promise<void>;
}

/** client-go's reflector backoff: 800 ms doubling to 30 s (reflector.go NewReflectorWithOptions backoffManager). */
export const BACKOFF_INITIAL_MS = 800;
export const BACKOFF_MAX_MS = 30_000;
/** client-go asks for a watch timeout of 5–10 minutes (reflector.go minWatchTimeout × (1 + rand)). */
export const MIN_WATCH_TIMEOUT_S = 300;
export const DEFAULT_PAGE_SIZE = 500;

export function resourcePath(base: string, r: ResourceRef): string {
  const gv = r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`;
  return `${base}${gv}/${r.plural}`;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: { status: number; json(): Promise<unknown> }, what: string): Promise<HttpError> {
  let message = `${what} answered ${res.status}`;
  try {
    const s = (await res.json()) as { message?: unknown };
    if (typeof s.message === 'string') message += `: ${s.message}`;
  } catch {
    // Not a Status: the code says enough.
  }
  return new HttpError(res.status, message);
}

export function createReflector(opts: ReflectorOptions): Reflector {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const url = resourcePath(opts.base, opts.resource);
  const cache = new Map<string, KubeObject>();
  const listeners = new Set<() => void>();
  const counts: WatchCounts = {
    ADDED: 0,
    MODIFIED: 0,
    DELETED: 0,
    BOOKMARK: 0,
    ERROR: 0,
    lists: 0,
    watches: 0,
    expired: 0,
    failures: 0,
  };
  let state: ReflectorState = 'idle';
  let rv = '';
  let lastError: string | undefined;
  let version = 0;
  let abort: AbortController | undefined;
  let resolveSynced: () => void = () => {};
  const syncedP = new Promise<void>((r) => (resolveSynced = r));

  const notify = () => {
    version++;
    for (const l of [...listeners]) l();
  };

  async function list(signal: AbortSignal): Promise<void> {
    state = 'listing';
    counts.lists++;
    const fresh = new Map<string, KubeObject>();
    let cont = '';
    let listRv = '';
    do {
      const q = new URLSearchParams({ limit: String(pageSize) });
      if (cont) q.set('continue', cont);
      const res = await doFetch(`${url}?${q}`, { signal, headers: { Accept: 'application/json' } });
      if (!res.ok) throw await failure(res, `LIST ${url}`);
      const body = (await res.json()) as Partial<ObjectList>;
      if (!Array.isArray(body.items)) throw new Error(`LIST ${url} did not answer a list`);
      for (const item of body.items) fresh.set(objectKey(item), item);
      // Every page carries the first page's resourceVersion; the watch starts from it.
      if (!listRv) listRv = body.metadata?.resourceVersion ?? '';
      cont = body.metadata?.continue ?? '';
    } while (cont);
    // Replace, as the DeltaFIFO's Replace does: objects gone while we were not watching disappear.
    cache.clear();
    for (const [k, v] of fresh) cache.set(k, v);
    rv = listRv;
    resolveSynced();
    notify();
  }

  /** One watch, to its end. Returns 'relist' after a 410, 'rewatch' when the stream simply ended. */
  async function watch(signal: AbortSignal): Promise<'relist' | 'rewatch'> {
    state = 'watching';
    counts.watches++;
    const q = new URLSearchParams({
      watch: 'true',
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(Math.floor(MIN_WATCH_TIMEOUT_S * (1 + random()))),
    });
    const res = await doFetch(`${url}?${q}`, { signal, headers: { Accept: 'application/json' } });
    if (res.status === 410) {
      counts.expired++;
      return 'relist';
    }
    if (!res.ok || !res.body) throw await failure(res, `WATCH ${url}`);
    let outcome: 'relist' | 'rewatch' = 'rewatch';
    const inner = new AbortController();
    const stopInner = () => inner.abort();
    signal.addEventListener('abort', stopInner, { once: true });
    try {
      await readLines(
        res.body,
        (line) => {
          if (outcome === 'relist') return;
          const e = parseWatchLine(line);
          counts[e.type]++;
          const r = applyWatchEvent(cache, e);
          if (r.kind === 'applied' || r.kind === 'bookmark') {
            if (r.rv) rv = r.rv;
            if (r.kind === 'applied') notify();
          } else if (r.kind === 'expired') {
            counts.expired++;
            outcome = 'relist';
            inner.abort();
          } else {
            throw new Error(r.message);
          }
        },
        inner.signal,
      );
    } finally {
      signal.removeEventListener('abort', stopInner);
    }
    return outcome;
  }

  async function run(signal: AbortSignal): Promise<void> {
    let backoff = BACKOFF_INITIAL_MS;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) await list(signal);
        needList = false;
        if (opts.pollMs !== undefined) {
          state = 'polling';
          backoff = BACKOFF_INITIAL_MS;
          lastError = undefined;
          await sleep(opts.pollMs, signal);
          needList = true;
          continue;
        }
        const next = await watch(signal);
        if (signal.aborted) break;
        if (next === 'relist') {
          // client-go reflector.go relistResourceVersion: after a 410 the list is a consistent read ("").
          rv = '';
          needList = true;
        }
        backoff = BACKOFF_INITIAL_MS;
        lastError = undefined;
      } catch (e) {
        if (signal.aborted) break;
        counts.failures++;
        lastError = e instanceof Error ? e.message : String(e);
        needList = true;
        state = 'backoff';
        notify();
        await sleep(backoff, signal);
        backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
      }
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
      state = 'stopped';
      resolveSynced();
      notify();
    },
    snapshot: () => ({
      resource: opts.resource,
      state,
      resourceVersion: rv,
      counts: { ...counts },
      lastError,
      version,
    }),
    objects: () => [...cache.values()],
    get: (key) => cache.get(key),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    synced: () => syncedP,
  };
}
