/**
 * client-go's Reflector (tools/cache/reflector.go) on the virtual clock: LIST, then WATCH from the list's
 * resourceVersion; re-watch from the last seen resourceVersion when a stream ends normally; LIST again (after the
 * backoff) when a watch fails, e.g. with a 410 Expired ERROR event. The sink (the informer) receives the list as a
 * whole and the watch events one by one, in order.
 *
 * Simplified: the WatchList streaming mode (client-go ≥ v0.35) is not modelled, the LIST with RV "0" is paged
 * the way the pager does it whether or not the server would serve it from its cache, and opening a watch takes
 * no latency.
 */
import type { ApiServer, Watch, WatchEvent } from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import { ApiError, type KubeObject, type ObjectList, type Status } from '../api/types.ts';
import type { TimerHandle } from '../sim/scheduler.ts';
import type { Sim } from '../sim/sim.ts';
import { createBackoff, type BackoffOptions } from './backoff.ts';
import { createTransport, type CallOutcome, type PendingCall, type Transport } from './transport.ts';

/** Where the reflector puts what it learns; the informer's cache. */
export interface ReflectorSink {
  /** A complete LIST result: the sink diffs it against what it holds. */
  replace(items: KubeObject[], resourceVersion: string): void;
  add(obj: KubeObject): void;
  update(obj: KubeObject): void;
  delete(obj: KubeObject): void;
}

export type ReflectorPhase = 'idle' | 'listing' | 'watching' | 'backoff' | 'stopped';

export interface ReflectorOptions {
  /** The watcher name the API server shows in the trace, e.g. "manager/pods". */
  name: string;
  resource: ResourceId;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Who the API server's trace says is asking. Defaults to name. */
  actor?: string;
  /** Watches ask the server to close them after a random time in [min, 2·min). Default 5 min (reflector.go minWatchTimeout). */
  minWatchTimeoutMs?: number;
  /** LIST page size when paging applies (tools/pager defaultPageSize = 500). */
  pageSize?: number;
  transport?: Transport;
  backoff?: BackoffOptions;
}

export interface ReflectorStats {
  lists: number;
  watches: number;
  /** Watch streams or lists that ended in an error. */
  errors: number;
  lastError: string;
}

export interface Reflector {
  start(): void;
  stop(): void;
  /** Drops the watch and lists from scratch (resourceVersion "0"), as a freshly started process would. */
  relist(): void;
  /** The resourceVersion of the last list or watch event seen (reflector.go LastSyncResourceVersion). */
  lastSyncResourceVersion(): string;
  phase(): ReflectorPhase;
  stats(): Readonly<ReflectorStats>;
}

const isExpired = (e: unknown) =>
  e instanceof ApiError && (e.code === 410 || e.reason === 'Expired' || e.reason === 'Gone');

// reflector.go isTooLargeResourceVersionError.
const isTooLarge = (e: unknown) =>
  e instanceof ApiError &&
  ((e.status.details?.causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge') ||
    (e.reason === 'Timeout' && (e.status.message ?? '').includes('Too large resource version')));

// reflector.go isWatchErrorRetriable: connection refused or 429 back off and re-watch without relisting.
const isRetriable = (e: unknown) => e instanceof ApiError && e.code === 429;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface ActiveWatch {
  handle: Watch | undefined;
  startedAt: number;
  events: number;
  done: boolean;
}

export function createReflector(
  sim: Sim,
  api: ApiServer,
  sink: ReflectorSink,
  opts: ReflectorOptions,
): Reflector {
  const { resource } = opts;
  const minWatchTimeoutMs = opts.minWatchTimeoutMs ?? 300_000;
  if (!(minWatchTimeoutMs >= 1000))
    throw new RangeError(`minWatchTimeoutMs must be at least 1000, got ${minWatchTimeoutMs}`);
  const pageSize = opts.pageSize ?? 500;
  const transport = opts.transport ?? createTransport(sim, api);
  const backoff = createBackoff(sim.scheduler, sim.rng, opts.backoff);
  const scope = {
    namespace: opts.namespace,
    labelSelector: opts.labelSelector,
    fieldSelector: opts.fieldSelector,
  };
  const actor = opts.actor ?? opts.name;

  let started = false;
  let phase: ReflectorPhase = 'idle';
  let lastSyncRV = '';
  let rvUnavailable = false;
  // Every ListAndWatch run gets a number; callbacks of an abandoned run see a newer one and do nothing.
  let cycle = 0;
  let timer: TimerHandle | undefined;
  let pendingList: PendingCall | undefined;
  let current: ActiveWatch | undefined;
  const stats: ReflectorStats = { lists: 0, watches: 0, errors: 0, lastError: '' };

  const schedule = (delayMs: number, fn: () => void, label: string) => {
    sim.scheduler.cancel(timer);
    timer = sim.scheduler.after(
      delayMs,
      () => {
        timer = undefined;
        fn();
      },
      label,
    );
  };

  // reflector.go relistResourceVersion: "0" for the first list (served from the watch cache), the last seen RV
  // afterwards, "" (a quorum read) once that RV was reported unavailable.
  const relistResourceVersion = () => (rvUnavailable ? '' : lastSyncRV === '' ? '0' : lastSyncRV);

  // tools/pager (*ListPager).List: pages of pageSize following continue tokens, without a resourceVersion after
  // the first page; an expired token falls back to one full list.
  const pagedList = (resourceVersion: string): ObjectList => {
    const paged = resourceVersion === '' || resourceVersion === '0';
    const first = api.list(resource, {
      ...scope,
      actor,
      resourceVersion,
      limit: paged ? pageSize : undefined,
    });
    if (!first.metadata.continue) return first;
    const items = [...first.items];
    let token: string | undefined = first.metadata.continue;
    while (token) {
      let page: ObjectList;
      try {
        page = api.list(resource, { ...scope, actor, limit: pageSize, continue: token });
      } catch (e) {
        if (isExpired(e)) return api.list(resource, { ...scope, actor, resourceVersion });
        throw e;
      }
      for (const item of page.items) items.push(item);
      token = page.metadata.continue;
    }
    return { ...first, metadata: { resourceVersion: first.metadata.resourceVersion }, items };
  };

  // reflector.go list: a 410 or "too large" on the LIST itself retries at once with a quorum read.
  const doList = (): ObjectList => {
    try {
      return pagedList(relistResourceVersion());
    } catch (e) {
      if (!isExpired(e) && !isTooLarge(e)) throw e;
      rvUnavailable = true;
      return pagedList(relistResourceVersion());
    }
  };

  const finishWatch = (w: ActiveWatch) => {
    if (w.done) return;
    w.done = true;
    if (current === w) current = undefined;
    w.handle?.stop();
  };

  // ListAndWatch returned: wait.Backoff...Until(sliding) waits the backoff before the next run, whatever the reason.
  const endCycle = (c: number, error: unknown) => {
    if (c !== cycle) return;
    if (current) finishWatch(current);
    if (error !== undefined) {
      stats.errors++;
      stats.lastError = message(error);
    }
    phase = 'backoff';
    schedule(backoff.next(), listAndWatch, `reflector ${opts.name} relist`);
  };

  function listAndWatch() {
    const c = ++cycle;
    phase = 'listing';
    const r = transport.perform('list', resource, doList, (outcome) => {
      pendingList = undefined;
      if (c === cycle) afterList(c, outcome);
    });
    if (r.outcome) afterList(c, r.outcome);
    else pendingList = r.pending;
  }

  function afterList(c: number, outcome: CallOutcome) {
    if (!outcome.ok) {
      endCycle(c, outcome.error);
      return;
    }
    const list = outcome.value as ObjectList;
    rvUnavailable = false;
    stats.lists++;
    sink.replace(list.items, list.metadata.resourceVersion);
    if (c !== cycle) return;
    lastSyncRV = list.metadata.resourceVersion;
    startWatch(c);
  }

  function startWatch(c: number) {
    if (c !== cycle) return;
    phase = 'watching';
    // reflector.go watch: timeoutSeconds = int64(min + rand·(max−min)) with max = 2·min.
    const timeoutMs = Math.floor((minWatchTimeoutMs + sim.rng.next() * minWatchTimeoutMs) / 1000) * 1000;
    const w: ActiveWatch = { handle: undefined, startedAt: sim.now(), events: 0, done: false };
    current = w;
    try {
      w.handle = api.watch(
        resource,
        {
          ...scope,
          resourceVersion: lastSyncRV,
          allowWatchBookmarks: true,
          timeoutMs,
          watcher: opts.name,
          actor,
        },
        { onEvent: (e) => onEvent(c, w, e), onClose: (reason) => onClose(c, w, reason) },
      );
      stats.watches++;
      // Events delivered while the watch was opening may already have ended it; release the handle we now hold.
      if (w.done) w.handle.stop();
    } catch (e) {
      w.done = true;
      if (current === w) current = undefined;
      if (isRetriable(e)) {
        stats.errors++;
        stats.lastError = message(e);
        phase = 'backoff';
        schedule(backoff.next(), () => startWatch(c), `reflector ${opts.name} rewatch`);
        return;
      }
      endCycle(c, e);
    }
  }

  // reflector.go handleAnyWatch: every event but ERROR advances the last-synced RV; BOOKMARK changes nothing else.
  function onEvent(c: number, w: ActiveWatch, e: WatchEvent) {
    if (w.done || c !== cycle) return;
    if (e.type === 'ERROR') {
      finishWatch(w);
      const err = new ApiError(e.object as Status);
      // reflector.go watch: a 429 backs off and re-watches; anything else (a 410 Expired included) ends
      // ListAndWatch, so the next run relists from the last RV.
      if (isRetriable(err)) {
        stats.errors++;
        stats.lastError = err.message;
        phase = 'backoff';
        schedule(backoff.next(), () => startWatch(c), `reflector ${opts.name} rewatch`);
      } else {
        endCycle(c, err);
      }
      return;
    }
    const obj = e.object as KubeObject;
    const rv = obj.metadata?.resourceVersion ?? '';
    w.events++;
    if (e.type === 'ADDED') sink.add(obj);
    else if (e.type === 'MODIFIED') sink.update(obj);
    else if (e.type === 'DELETED') sink.delete(obj);
    if (c === cycle && rv !== '') lastSyncRV = rv;
  }

  function onClose(c: number, w: ActiveWatch, reason: string) {
    if (w.done || c !== cycle) return;
    w.done = true;
    if (current === w) current = undefined;
    // reflector.go handleAnyWatch: a stream that ends within a second without a single event is an error
    // (VeryShortWatchError), which sends the reflector back to listing.
    if (sim.now() - w.startedAt < 1000 && w.events === 0) {
      endCycle(c, new Error(`very short watch: ${opts.name}: unexpected watch close (${reason})`));
      return;
    }
    // A normal end: watch again from the last RV, no relist. Scheduled rather than nested in the server's callback.
    schedule(0, () => startWatch(c), `reflector ${opts.name} rewatch`);
  }

  const halt = () => {
    cycle++;
    sim.scheduler.cancel(timer);
    timer = undefined;
    pendingList?.cancel();
    pendingList = undefined;
    if (current) finishWatch(current);
  };

  return {
    start() {
      if (started) return;
      started = true;
      phase = 'listing';
      schedule(0, listAndWatch, `reflector ${opts.name} list`);
    },
    stop() {
      if (!started) return;
      started = false;
      halt();
      phase = 'stopped';
    },
    relist() {
      if (!started) throw new Error(`reflector ${opts.name}: relist() before start()`);
      halt();
      lastSyncRV = '';
      rvUnavailable = false;
      phase = 'listing';
      schedule(0, listAndWatch, `reflector ${opts.name} list`);
    },
    lastSyncResourceVersion: () => lastSyncRV,
    phase: () => phase,
    stats: () => stats,
  };
}
