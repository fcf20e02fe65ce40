/**
 * client-go's SharedIndexInformer (tools/cache/shared_informer.go) on the virtual clock: a reflector feeding an
 * indexed cache, and event handlers told about every change after the cache has it.
 *
 * Processing model: RealFIFO (client-go ≥ 1.33 InOrderInformers, fact 60). Every notification is applied and
 * delivered in arrival order, one at a time, with no per-key coalescing; the FIFO itself is not materialised
 * because the sim is single-threaded and processes each watch event when it arrives. A relist is diffed like
 * RealFIFO Replace: DeletedFinalStateUnknown tombstones for keys the list no longer has first, then one
 * Replaced per listed object (tools/cache/the_real_fifo.go reconcileReplacement).
 *
 * Simplified: one resync period per informer (controller-runtime registers every handler with the default),
 * so a relisted object whose resourceVersion did not change is treated as a sync and, as for a handler whose
 * resync is not due, not delivered (shared_informer.go OnUpdate isSync, sharedProcessor.distribute).
 */
import type { ApiServer } from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import { matchesLabels, parseLabelSelector, selectorFromSet, type LabelSelector } from '../api/selectors.ts';
import { keyOf, objectKey, type KubeObject } from '../api/types.ts';
import type { TimerHandle } from '../sim/scheduler.ts';
import type { Sim } from '../sim/sim.ts';
import type { BackoffOptions } from './backoff.ts';
import type { DeletedFinalStateUnknown, ResourceEventHandler } from './events.ts';
import { createIndexer, NAMESPACE_INDEX, type IndexFunc } from './indexer.ts';
import { createReflector, type ReflectorPhase } from './reflector.ts';
import type { Transport } from './transport.ts';

/** shared_informer.go minimumResyncPeriod. */
export const MINIMUM_RESYNC_PERIOD_MS = 1000;

export interface InformerOptions {
  resource: ResourceId;
  /** Shown in the trace (informer.*) and as the watcher name. Default "informer/<resource>". */
  name?: string;
  /** Resync period in virtual ms; 0 or absent = no resync. Values below 1 s are raised to 1 s. */
  resyncMs?: number;
  namespace?: string;
  labelSelector?: string;
  transport?: Transport;
  minWatchTimeoutMs?: number;
  backoff?: BackoffOptions;
}

export interface HandlerRegistration {
  /** Stops notifications to this handler. */
  remove(): void;
  /** The handler has been told about every object of the initial list. */
  hasSynced(): boolean;
}

export interface CacheListOptions {
  namespace?: string;
  labelSelector?: string | Record<string, string> | LabelSelector;
}

export interface InformerSnapshot {
  name: string;
  resource: ResourceId;
  kind: string;
  started: boolean;
  synced: boolean;
  objects: number;
  lastSyncResourceVersion: string;
  reflector: ReflectorPhase;
  /** While a staleView pause is on: when it ends and how many watch notifications wait behind it. */
  pausedUntil: number | undefined;
  pending: number;
  handlers: number;
}

export interface SharedIndexInformer {
  readonly resource: ResourceId;
  readonly name: string;
  readonly kind: string;
  /** 0 when resync is off. */
  readonly resyncPeriodMs: number;
  start(): void;
  stop(): void;
  isStarted(): boolean;
  /** The first LIST has been applied to the cache. */
  hasSynced(): boolean;
  /** Calls fn once the informer has synced: at once if it already has. */
  whenSynced(fn: () => void): void;
  /**
   * Registers a handler. On an informer that already holds objects, the handler first gets a synthetic
   * onAdd(obj, true) for each of them (shared_informer.go AddEventHandlerWithOptions).
   */
  addEventHandler(handler: ResourceEventHandler): HandlerRegistration;
  addIndexers(indexers: Record<string, IndexFunc>): void;
  /** Cached objects are shared: never mutate them (copy with cloneJson from api/json.ts first). */
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  getByKey(key: string): KubeObject | undefined;
  list(opts?: CacheListOptions): KubeObject[];
  byIndex(indexName: string, value: string): KubeObject[];
  keys(): string[];
  lastSyncResourceVersion(): string;
  /**
   * The staleView fault: for forMs of virtual time, watch notifications (and relists, and resyncs) are held back,
   * so the cache and the handlers lag; then they are applied in order. Pausing again extends the pause.
   */
  pause(forMs: number): void;
  pausedUntil(): number | undefined;
  /** Lists from scratch as a restarted process would; onDone runs once that list is in the cache. */
  relist(onDone?: () => void): void;
  snapshot(): InformerSnapshot;
}

/** The string grammar, a matchLabels map, or an already parsed selector. */
function toSelector(input: string | Record<string, string> | LabelSelector): LabelSelector {
  if (typeof input === 'string') return parseLabelSelector(input);
  if (Array.isArray((input as LabelSelector).requirements)) return input as LabelSelector;
  return selectorFromSet(input as Record<string, string>);
}

type Op =
  | { t: 'replace'; items: KubeObject[]; rv: string }
  | { t: 'add' | 'update' | 'delete'; obj: KubeObject }
  | { t: 'resync' };

interface Registration {
  handler: ResourceEventHandler;
  active: boolean;
  synced: boolean;
}

export function createSharedIndexInformer(
  sim: Sim,
  api: ApiServer,
  opts: InformerOptions,
): SharedIndexInformer {
  const { resource } = opts;
  const def = api.registry.byId(resource);
  if (!def) throw new Error(`cannot create an informer for unknown resource "${resource}"`);
  const requested = opts.resyncMs ?? 0;
  if (!Number.isFinite(requested) || requested < 0) {
    throw new RangeError(`resyncMs must be a number of milliseconds >= 0, got ${requested}`);
  }
  const resyncPeriodMs = requested === 0 ? 0 : Math.max(MINIMUM_RESYNC_PERIOD_MS, requested);
  const name = opts.name ?? `informer/${resource}`;
  const kind = def.kind;
  const trace = sim.trace;
  const indexer = createIndexer();
  const registrations: Registration[] = [];
  const syncWaiters: (() => void)[] = [];
  let relistWaiters: (() => void)[] = [];
  let started = false;
  let stopped = false;
  let synced = false;
  let resyncTimer: TimerHandle | undefined;
  let pauseTimer: TimerHandle | undefined;
  let pauseEnd: number | undefined;
  let buffered: Op[] = [];

  const emitUpdate = (obj: KubeObject, key: string, op: 'add' | 'update' | 'delete' | 'sync') =>
    trace.emit('informer.update', { informer: name, kind, key, rv: obj.metadata.resourceVersion ?? '', op });

  // Handlers may be removed while a notification is being delivered: iterate by index over live entries.
  const each = (fn: (h: ResourceEventHandler) => void) => {
    const n = registrations.length;
    for (let i = 0; i < n; i++) {
      const r = registrations[i]!;
      if (r.active) fn(r.handler);
    }
  };

  // tools/cache/controller.go processDeltas: an add or update for a cached key is an update, otherwise an add.
  const upsert = (obj: KubeObject, isInInitialList: boolean) => {
    const key = keyOf(obj);
    const old = indexer.set(key, obj);
    if (old) {
      // shared_informer.go OnUpdate: an unchanged resourceVersion is a sync, for handlers whose resync is due.
      if (old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
      emitUpdate(obj, key, 'update');
      each((h) => h.onUpdate?.(old, obj));
    } else {
      emitUpdate(obj, key, 'add');
      each((h) => h.onAdd?.(obj, isInInitialList));
    }
  };

  const remove = (obj: KubeObject) => {
    const key = keyOf(obj);
    indexer.delete(key);
    emitUpdate(obj, key, 'delete');
    // processDeltas calls OnDelete whether or not the key was cached.
    each((h) => h.onDelete?.(obj));
  };

  const replace = (items: KubeObject[], rv: string) => {
    const initial = !synced;
    trace.emit('informer.list', { informer: name, kind, rv, items: items.length });
    const listed = new Set<string>();
    for (const obj of items) listed.add(keyOf(obj));
    for (const key of indexer.keys()) {
      if (listed.has(key)) continue;
      const last = indexer.delete(key)!;
      const tombstone: DeletedFinalStateUnknown = { tombstone: true, key, obj: last };
      emitUpdate(last, key, 'delete');
      each((h) => h.onDelete?.(tombstone));
    }
    for (const obj of items) upsert(obj, initial);
    if (!synced) {
      synced = true;
      for (const r of registrations) r.synced = true;
      startResync();
      const waiters = syncWaiters.splice(0);
      for (const fn of waiters) fn();
    }
    if (relistWaiters.length > 0) {
      const waiters = relistWaiters;
      relistWaiters = [];
      for (const fn of waiters) fn();
    }
  };

  // reflector.go startResync + RealFIFO Resync: Update(obj, obj) for every cached object; no API request.
  const resync = () => {
    for (const obj of indexer.list()) {
      emitUpdate(obj, keyOf(obj), 'sync');
      each((h) => h.onUpdate?.(obj, obj));
    }
  };

  const apply = (op: Op) => {
    switch (op.t) {
      case 'replace':
        replace(op.items, op.rv);
        break;
      case 'add':
      case 'update':
        upsert(op.obj, false);
        break;
      case 'delete':
        remove(op.obj);
        break;
      case 'resync':
        resync();
        break;
    }
  };

  const submit = (op: Op) => {
    if (stopped) return;
    if (pauseEnd !== undefined) buffered.push(op);
    else apply(op);
  };

  function startResync() {
    if (resyncPeriodMs === 0 || stopped) return;
    resyncTimer = sim.scheduler.after(
      resyncPeriodMs,
      () => {
        submit({ t: 'resync' });
        startResync();
      },
      `informer ${name} resync`,
    );
  }

  const flush = () => {
    pauseTimer = undefined;
    pauseEnd = undefined;
    const ops = buffered;
    buffered = [];
    for (let i = 0; i < ops.length; i++) {
      // A handler may pause the informer again while the backlog drains: keep the rest for later.
      if (pauseEnd !== undefined) {
        buffered = ops.slice(i).concat(buffered);
        return;
      }
      apply(ops[i]!);
    }
  };

  const reflector = createReflector(
    sim,
    api,
    {
      replace: (items, rv) => submit({ t: 'replace', items, rv }),
      add: (obj) => submit({ t: 'add', obj }),
      update: (obj) => submit({ t: 'update', obj }),
      delete: (obj) => submit({ t: 'delete', obj }),
    },
    {
      name,
      resource,
      namespace: opts.namespace,
      labelSelector: opts.labelSelector,
      transport: opts.transport,
      minWatchTimeoutMs: opts.minWatchTimeoutMs,
      backoff: opts.backoff,
    },
  );

  return {
    resource,
    name,
    kind,
    resyncPeriodMs,
    start() {
      if (stopped) throw new Error(`informer ${name} was stopped and cannot be started again`);
      if (started) return;
      started = true;
      reflector.start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      reflector.stop();
      sim.scheduler.cancel(resyncTimer);
      sim.scheduler.cancel(pauseTimer);
      pauseEnd = undefined;
      buffered = [];
    },
    isStarted: () => started && !stopped,
    hasSynced: () => synced,
    whenSynced(fn) {
      if (synced) fn();
      else syncWaiters.push(fn);
    },
    addEventHandler(handler) {
      const reg: Registration = { handler, active: true, synced: false };
      registrations.push(reg);
      if (started && indexer.size > 0) {
        for (const obj of indexer.list()) handler.onAdd?.(obj, true);
      }
      reg.synced = synced;
      return {
        remove() {
          if (!reg.active) return;
          reg.active = false;
          const i = registrations.indexOf(reg);
          if (i >= 0) registrations.splice(i, 1);
        },
        hasSynced: () => reg.synced,
      };
    },
    addIndexers: (indexers) => indexer.addIndexers(indexers),
    get: (namespace, objName) => indexer.get(objectKey(namespace, objName)),
    getByKey: (key) => indexer.get(key),
    list(o = {}) {
      const base = o.namespace !== undefined ? indexer.byIndex(NAMESPACE_INDEX, o.namespace) : indexer.list();
      if (o.labelSelector === undefined) return base;
      const selector = toSelector(o.labelSelector);
      return base.filter((obj) => matchesLabels(selector, obj.metadata.labels));
    },
    byIndex: (indexName, value) => indexer.byIndex(indexName, value),
    keys: () => indexer.keys(),
    lastSyncResourceVersion: () => reflector.lastSyncResourceVersion(),
    pause(forMs) {
      if (!Number.isFinite(forMs) || forMs < 0)
        throw new RangeError(`pause needs a duration in ms >= 0, got ${forMs}`);
      if (stopped) return;
      const end = sim.now() + forMs;
      if (pauseEnd !== undefined && pauseEnd >= end) return;
      pauseEnd = end;
      sim.scheduler.cancel(pauseTimer);
      pauseTimer = sim.scheduler.at(end, flush, `informer ${name} staleView ends`);
    },
    pausedUntil: () => pauseEnd,
    relist(onDone) {
      if (stopped) throw new Error(`informer ${name} was stopped`);
      if (onDone) relistWaiters.push(onDone);
      if (!started) {
        started = true;
        reflector.start();
        return;
      }
      reflector.relist();
    },
    snapshot: () => ({
      name,
      resource,
      kind,
      started: started && !stopped,
      synced,
      objects: indexer.size,
      lastSyncResourceVersion: reflector.lastSyncResourceVersion(),
      reflector: reflector.phase(),
      pausedUntil: pauseEnd,
      pending: buffered.length,
      handlers: registrations.length,
    }),
  };
}
