/**
 * Watches: the apiserver's cacher (k8s.io/apiserver pkg/storage/cacher). Each watcher has a filter (namespace,
 * labels, fields) and a FIFO of pending events delivered through the sim scheduler after watchLatencyMs, so a
 * watcher always sees a write after the write returned and in commit order.
 *
 * Rules (truth facts 94–101):
 * - RV "" or "0": synthetic ADDED for every current match, then changes (fact 98);
 * - RV "<n>": replay history after n; older than the window → one ERROR 410 Expired, then close (fact 99);
 * - filter transitions: an object that starts matching arrives as ADDED, one that stops matching as DELETED with
 *   its previous state and the new RV (cacher.go cacheWatcher.convertToWatchEvent);
 * - BOOKMARK every bookmarkIntervalMs and 2 s before the deadline, only with allowWatchBookmarks (fact 97);
 * - closed after timeoutMs, or after a random [minRequestTimeout, 2·minRequestTimeout) (fact 100).
 */
import type { WatchEvent, WatchHandlers, WatchOptions, Watch } from './api.ts';
import { cloneJson } from './json.ts';
import type { ResourceDefinition, ResourceId } from './resource.ts';
import { expired, timeout } from './status.ts';
import type { ObjectStore, StoredEvent } from './store.ts';
import type { KubeObject, Status } from './types.ts';
import type { WatchEventType } from '../sim/trace.ts';
import type { Sim } from '../sim/sim.ts';
import type { TimerHandle } from '../sim/scheduler.ts';

export type WatchFilter = (obj: KubeObject) => boolean;

/** What a watch event carries; watchers offered the same write share one, and with it one copy of the object. */
interface Payload {
  readonly obj: KubeObject;
  readonly rv: string;
  copy?: KubeObject;
}

type Pending =
  | { due: number; kind: 'event'; type: WatchEventType; payload: Payload; key: string }
  | { due: number; kind: 'bookmark' }
  | { due: number; kind: 'error'; status: Status; closeReason: string };

interface Watcher {
  readonly id: number;
  readonly name: string;
  readonly resource: ResourceId;
  readonly def: ResourceDefinition;
  readonly filter: WatchFilter;
  readonly handlers: WatchHandlers;
  queue: Pending[];
  qHead: number;
  timer: TimerHandle | undefined;
  bookmarkTimer: TimerHandle | undefined;
  deadlineBookmark: TimerHandle | undefined;
  timeoutTimer: TimerHandle | undefined;
  /** open: takes events; closing: a terminal ERROR is queued; closed: gone. */
  state: 'open' | 'closing' | 'closed';
  lastDeliveredRv: string;
}

export interface WatchHubOptions {
  latencyMs: number;
  /**
   * Give every watcher its own copy of each event object. Off by default: watchers of one write share a copy
   * (never the stored object), which they must treat as read-only, as client-go handlers treat informer objects.
   */
  isolateCopies?: boolean;
  bookmarkIntervalMs: number;
  /** 0 disables the server-side random timeout for watches without timeoutMs. */
  minRequestTimeoutMs: number;
  /** Decides, at delivery, whether a fault drops this event; it emits the fault trace itself. */
  shouldDrop(
    watcher: { name: string; resource: ResourceId; def: ResourceDefinition },
    e: WatchEvent,
    key: string,
  ): boolean;
}

export interface StartParams {
  resource: ResourceId;
  def: ResourceDefinition;
  filter: WatchFilter;
  /** The parsed resourceVersion: undefined for "" / "0" (state first), else the RV to resume after. */
  fromRv: number | undefined;
  opts: WatchOptions;
  handlers: WatchHandlers;
}

export interface WatchHub {
  start(p: StartParams): Watch;
  /** Called for every committed write, synchronously. */
  publish(e: StoredEvent): void;
  /** Every open watch gets ERROR 410 and closes "expired" (the watchExpire fault). */
  expireAll(): void;
  /** Every matching open watch closes at once with "dropped". */
  dropAll(match: (resource: ResourceId) => boolean): void;
  openCount(): number;
  /** Events and errors written but not yet delivered to their open watches (in flight on the watch latency). */
  pendingDeliveries(): number;
}

export function createWatchHub(sim: Sim, store: ObjectStore, opts: WatchHubOptions): WatchHub {
  const { scheduler, trace } = sim;
  const byResource = new Map<ResourceId, Set<Watcher>>();
  let nextId = 0;

  const apiVersionOf = (def: ResourceDefinition) =>
    def.group ? `${def.group}/${def.versions[0]}` : def.versions[0]!;

  const close = (w: Watcher, reason: string) => {
    if (w.state === 'closed') return;
    w.state = 'closed';
    scheduler.cancel(w.timer);
    scheduler.cancel(w.bookmarkTimer);
    scheduler.cancel(w.deadlineBookmark);
    scheduler.cancel(w.timeoutTimer);
    w.queue = [];
    w.qHead = 0;
    byResource.get(w.resource)?.delete(w);
    trace.emit('watch.end', { watcher: w.name, resource: w.resource, reason });
    w.handlers.onClose?.(reason);
  };

  const deliver = (w: Watcher, p: Pending) => {
    switch (p.kind) {
      case 'event': {
        const { payload } = p;
        let object = opts.isolateCopies ? undefined : payload.copy;
        if (!object) {
          object = cloneJson(payload.obj);
          object.metadata.resourceVersion = payload.rv;
          if (!opts.isolateCopies) payload.copy = object;
        }
        const e: WatchEvent = { type: p.type, object };
        if (opts.shouldDrop(w, e, p.key)) return;
        w.lastDeliveredRv = payload.rv;
        trace.emit('watch.event', {
          eventType: p.type,
          kind: w.def.kind,
          key: p.key,
          rv: payload.rv,
          watcher: w.name,
        });
        w.handlers.onEvent(e);
        return;
      }
      case 'bookmark': {
        const rv = String(store.currentRv());
        w.lastDeliveredRv = rv;
        const object: KubeObject = {
          kind: w.def.kind,
          apiVersion: apiVersionOf(w.def),
          metadata: { resourceVersion: rv },
        };
        trace.emit('watch.event', { eventType: 'BOOKMARK', kind: w.def.kind, key: '', rv, watcher: w.name });
        w.handlers.onEvent({ type: 'BOOKMARK', object });
        return;
      }
      case 'error':
        trace.emit('watch.event', { eventType: 'ERROR', kind: 'Status', key: '', rv: '', watcher: w.name });
        w.handlers.onEvent({ type: 'ERROR', object: p.status });
        close(w, p.closeReason);
        return;
    }
  };

  const flush = (w: Watcher) => {
    w.timer = undefined;
    const now = scheduler.now();
    while (w.state !== 'closed' && w.qHead < w.queue.length && w.queue[w.qHead]!.due <= now) {
      const p = w.queue[w.qHead++]!;
      deliver(w, p);
    }
    if (w.state === 'closed') return;
    if (w.qHead >= w.queue.length) {
      w.queue = [];
      w.qHead = 0;
      return;
    }
    if (w.qHead > 1024) {
      w.queue = w.queue.slice(w.qHead);
      w.qHead = 0;
    }
    w.timer = scheduler.at(w.queue[w.qHead]!.due, () => flush(w), `watch:${w.name}`);
  };

  const enqueue = (w: Watcher, p: Pending) => {
    w.queue.push(p);
    if (!w.timer) w.timer = scheduler.at(p.due, () => flush(w), `watch:${w.name}`);
  };

  const due = () => scheduler.now() + opts.latencyMs;

  const enqueueEvent = (w: Watcher, type: WatchEventType, payload: Payload, key: string) =>
    enqueue(w, { due: due(), kind: 'event', type, payload, key });

  const enqueueError = (w: Watcher, status: Status, closeReason: string) => {
    w.state = 'closing';
    scheduler.cancel(w.bookmarkTimer);
    scheduler.cancel(w.deadlineBookmark);
    enqueue(w, { due: due(), kind: 'error', status, closeReason });
  };

  /** The two payloads one write can produce, made on first use and shared by every watcher offered it. */
  interface Shared {
    cur?: Payload;
    prev?: Payload;
  }

  // cacher.go cacheWatcher.convertToWatchEvent: both states are filtered; a transition changes the event type.
  const offer = (w: Watcher, e: StoredEvent, shared: Shared) => {
    const curPasses = e.type !== 'DELETED' && w.filter(e.obj);
    const oldPasses = e.prev !== undefined && w.filter(e.prev);
    if (curPasses) {
      shared.cur ??= { obj: e.obj, rv: String(e.rv) };
      enqueueEvent(w, oldPasses ? 'MODIFIED' : 'ADDED', shared.cur, e.key);
    } else if (oldPasses) {
      // the previous state, carrying this write's resourceVersion
      shared.prev ??= { obj: e.prev!, rv: String(e.rv) };
      enqueueEvent(w, 'DELETED', shared.prev, e.key);
    }
  };

  const scheduleBookmarks = (w: Watcher, deadlineMs: number | undefined) => {
    const tick = () => {
      if (w.state !== 'open') return;
      enqueue(w, { due: due(), kind: 'bookmark' });
      w.bookmarkTimer = scheduler.after(opts.bookmarkIntervalMs, tick, `bookmark:${w.name}`);
    };
    w.bookmarkTimer = scheduler.after(opts.bookmarkIntervalMs, tick, `bookmark:${w.name}`);
    // cache_watcher.go nextBookmarkTime: also about 2 s before the watch's deadline.
    if (deadlineMs !== undefined && deadlineMs > 2000) {
      w.deadlineBookmark = scheduler.after(
        deadlineMs - 2000,
        () => {
          if (w.state === 'open') enqueue(w, { due: due(), kind: 'bookmark' });
        },
        `bookmark:${w.name}`,
      );
    }
  };

  return {
    start(p) {
      const id = ++nextId;
      const name = p.opts.watcher ?? `watch/${p.resource}#${id}`;
      const w: Watcher = {
        id,
        name,
        resource: p.resource,
        def: p.def,
        filter: p.filter,
        handlers: p.handlers,
        queue: [],
        qHead: 0,
        timer: undefined,
        bookmarkTimer: undefined,
        deadlineBookmark: undefined,
        timeoutTimer: undefined,
        state: 'open',
        lastDeliveredRv: p.fromRv === undefined ? String(store.currentRv()) : String(p.fromRv),
      };
      let set = byResource.get(p.resource);
      if (!set) byResource.set(p.resource, (set = new Set()));
      set.add(w);
      trace.emit('watch.start', { watcher: name, resource: p.resource, rv: p.opts.resourceVersion ?? '' });

      const current = store.currentRv();
      if (p.fromRv === undefined) {
        // "Get State and Start at Most Recent": the current matches as ADDED, in key order.
        for (const key of store.sortedKeys(p.resource)) {
          const obj = store.get(p.resource, key)!;
          if (p.filter(obj))
            enqueueEvent(w, 'ADDED', { obj, rv: obj.metadata.resourceVersion ?? String(current) }, key);
        }
      } else {
        const oldest = store.oldestAvailableRv();
        if (p.fromRv < oldest - 1) {
          // watch_cache.go getAllEventsSinceLocked, sent as an ERROR event on an HTTP 200 stream (cacher.go Watch).
          enqueueError(w, expired(`too old resource version: ${p.fromRv} (${oldest - 1})`), 'expired');
        } else if (p.fromRv > current) {
          // cacher.go waitUntilFreshAndBlock gives up: storage NewTooLargeResourceVersionError.
          const status = timeout(`Too large resource version: ${p.fromRv}, current: ${current}`, 1);
          status.details = {
            ...status.details,
            causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
          };
          enqueueError(w, status, 'error');
        } else {
          for (const e of store.eventsAfter(p.fromRv)) if (e.resource === p.resource) offer(w, e, {});
        }
      }

      if (w.state === 'open') {
        let deadline: number | undefined;
        if (p.opts.timeoutMs !== undefined && p.opts.timeoutMs > 0) deadline = p.opts.timeoutMs;
        else if (opts.minRequestTimeoutMs > 0) {
          // endpoints/handlers/get.go handleWatch: minRequestTimeout × (1 + rand).
          deadline = Math.floor(opts.minRequestTimeoutMs * (1 + sim.rng.next()));
        }
        if (deadline !== undefined)
          w.timeoutTimer = scheduler.after(deadline, () => close(w, 'timeout'), `watch-timeout:${name}`);
        if (p.opts.allowWatchBookmarks) scheduleBookmarks(w, deadline);
      }

      return {
        id,
        stop: () => close(w, 'stopped'),
      };
    },

    publish(e) {
      const set = byResource.get(e.resource);
      if (!set) return;
      const shared: Shared = {};
      for (const w of set) if (w.state === 'open') offer(w, e, shared);
    },

    expireAll() {
      const current = store.currentRv();
      for (const set of byResource.values()) {
        for (const w of set) {
          if (w.state !== 'open') continue;
          w.queue = [];
          w.qHead = 0;
          scheduler.cancel(w.timer);
          w.timer = undefined;
          enqueueError(w, expired(`too old resource version: ${w.lastDeliveredRv} (${current})`), 'expired');
        }
      }
    },

    dropAll(match) {
      for (const [resource, set] of byResource) {
        if (!match(resource)) continue;
        for (const w of [...set]) close(w, 'dropped');
      }
    },

    openCount() {
      let n = 0;
      for (const set of byResource.values()) for (const w of set) if (w.state !== 'closed') n++;
      return n;
    },

    pendingDeliveries() {
      let n = 0;
      for (const set of byResource.values()) {
        for (const w of set) {
          if (w.state === 'closed') continue;
          for (let i = w.qHead; i < w.queue.length; i++) if (w.queue[i]!.kind !== 'bookmark') n++;
        }
      }
      return n;
    },
  };
}
