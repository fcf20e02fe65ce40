/**
 * The controller runner: controller-runtime's internal controller (pkg/internal/controller/controller.go) on the
 * virtual clock. Sources (For, Owns, Watches) feed event handlers behind predicates; workers take keys from the
 * queue, run the Reconcile generator, perform its API calls through the transport, and apply the outcome table
 * of reconcileHandler before Done.
 *
 * @example
 * const c = createController(sim, {
 *   name: 'replicaset-controller', forResource: 'replicasets.apps', owns: ['pods'], profile: 'classic',
 *   reconciler: reconcileReplicaSet, informerFactory: factory, api,
 * });
 * c.start();
 * sim.scheduler.runUntil(60_000);
 * c.isIdle();
 */
import type { ApiServer } from '../api/api.ts';
import { cloneJson } from '../api/json.ts';
import type { ResourceId } from '../api/resource.ts';
import type { KubeObject } from '../api/types.ts';
import type { TimerHandle } from '../sim/scheduler.ts';
import type { Sim } from '../sim/sim.ts';
import type { ReconcileResultKind } from '../sim/trace.ts';
import { isTombstone, type ResourceEventHandler } from './events.ts';
import {
  enqueueRequestForObject,
  enqueueRequestForOwner,
  type EnqueueTarget,
  type EventHandler,
} from './handlers.ts';
import type { InformerFactory } from './informer-factory.ts';
import type { HandlerRegistration, SharedIndexInformer } from './informer.ts';
import { firstRejecting, type Predicate } from './predicates.ts';
import {
  describeProfile,
  isQueueProfile,
  QUEUE_PROFILES,
  queueForProfile,
  type QueueProfile,
} from './profiles.ts';
import type { RateLimiter } from './rate-limiters.ts';
import { createCacheAccess, createReconcileClient } from './reconcile-context.ts';
import {
  isTerminalError,
  requestFromKey,
  type Effect,
  type Reconcile,
  type ReconcileContext,
  type ReconcileGenerator,
  type ReconcileResult,
} from './reconciler.ts';
import { createTransport, type CallOutcome, type PendingCall, type Transport } from './transport.ts';
import type { QueueSnapshot, SnapshotOptions, WorkQueue } from './workqueue.ts';

/** controller-runtime pkg/controller/controller.go: CacheSyncTimeout default. */
export const DEFAULT_CACHE_SYNC_TIMEOUT_MS = 2 * 60 * 1000;

export interface OwnsSpec {
  resource: ResourceId;
  /** builder.MatchEveryOwner: every ownerReference of the For type counts, not only the controller one. */
  matchEveryOwner?: boolean;
  predicates?: Predicate[];
}

export interface WatchSpec {
  resource: ResourceId;
  handler: EventHandler;
  predicates?: Predicate[];
}

export interface ControllerOptions {
  name: string;
  /** builder.For: EnqueueRequestForObject on this resource. */
  forResource: ResourceId;
  forPredicates?: Predicate[];
  /** builder.Owns: EnqueueRequestForOwner(For type, OnlyControllerOwner unless matchEveryOwner). */
  owns?: (ResourceId | OwnsSpec)[];
  /** builder.Watches. */
  watches?: WatchSpec[];
  /** builder.WithEventFilter: predicates for every source, run before each source's own. */
  predicates?: Predicate[];
  /** Resources the reconciler reads from the cache without watching them; their caches must sync first. */
  reads?: ResourceId[];
  /** Workers; unset or <= 0 means 1 (pkg/controller/controller.go). */
  maxConcurrentReconciles?: number;
  profile: QueueProfile;
  /** Options.RateLimiter, as a factory: each (re)start gets a fresh limiter. Default: the profile's. */
  rateLimiter?: () => RateLimiter<string>;
  reconciler: Reconcile;
  informerFactory: InformerFactory;
  api: ApiServer;
  /** How API calls get their latency. Default: the API server's fault settings. */
  transport?: Transport;
  /** RecoverPanic, default true: a thrown TypeError & co. becomes the error "panic: … [recovered]". */
  recoverPanic?: boolean;
  /** How long a crashed controller stays down before it restarts (virtual ms). Default 1000. */
  restartDelayMs?: number;
  cacheSyncTimeoutMs?: number;
}

export type ControllerState = 'new' | 'syncing' | 'running' | 'crashed' | 'stopped';

export interface WorkerSnapshot {
  id: number;
  /** The key being reconciled; undefined when idle. */
  key: string | undefined;
  step: string | undefined;
  /** When the current reconcile started. */
  since: number | undefined;
  /** "create pods" while an API call is in flight. */
  waitingOn: string | undefined;
}

export interface ControllerStats {
  reconciles: number;
  ok: number;
  errors: number;
  terminal: number;
  requeues: number;
  requeueAfters: number;
  /** Events predicates dropped. */
  filtered: number;
  crashes: number;
}

export interface ControllerSnapshot {
  name: string;
  profile: QueueProfile;
  profileLabel: string;
  state: ControllerState;
  maxConcurrentReconciles: number;
  queue: QueueSnapshot<string> | undefined;
  workers: WorkerSnapshot[];
  injectedErrorsPending: number;
  stats: ControllerStats;
}

export interface Controller {
  readonly name: string;
  readonly profile: QueueProfile;
  readonly maxConcurrentReconciles: number;
  /** Every resource whose cache the controller uses. */
  readonly resources: readonly ResourceId[];
  /** Registers the sources, starts their informers and, once their caches have synced, the workers. */
  start(): void;
  stop(): void;
  /**
   * The controllerCrash fault: in-flight reconciles are abandoned, the queue and its backoff are dropped, then
   * after restartDelayMs the controller restarts with a fresh queue once its informers have relisted.
   */
  crash(): void;
  /** The reconcileError fault: the next count reconciles fail with an injected error. */
  injectReconcileErrors(count: number): void;
  /** The staleView fault: pauses every informer this controller reads (shared informers lag for all their users). */
  staleView(forMs: number): void;
  /** Adds a key to the queue, as a generic event would. */
  enqueue(key: string): void;
  /** Nothing queued, nothing processing, no delayed requeue pending, no restart or cache sync pending. */
  isIdle(): boolean;
  state(): ControllerState;
  /** The current queue (a new one after each restart). */
  queue(): WorkQueue<string> | undefined;
  stats(): Readonly<ControllerStats>;
  /** opts.maxItems cuts the queue's lists (their counts stay whole): what a panel drawn every frame needs. */
  snapshot(opts?: SnapshotOptions): ControllerSnapshot;
  /** The last lines reconcilers wrote with ctx.log, oldest first. */
  logs(): readonly string[];
}

interface Source {
  resource: ResourceId;
  handler: EventHandler;
  predicates: Predicate[];
}

interface Worker {
  id: number;
  key: string | undefined;
  priority: number;
  step: string | undefined;
  since: number | undefined;
  waitingOn: string | undefined;
  gen: ReconcileGenerator | undefined;
  pending: PendingCall | undefined;
  /** Bumped when the worker's reconcile is abandoned, so late completions are ignored. */
  epoch: number;
}

type Finish = { ok: true; result: ReconcileResult | void } | { ok: false; error: unknown };

const LOG_LINES = 200;
const RESUME: CallOutcome = { ok: true, value: undefined };

// Errors that would have been panics in Go rather than returned errors: programming mistakes and non-Error throws.
const isPanic = (e: unknown) =>
  !(e instanceof Error) ||
  e instanceof TypeError ||
  e instanceof ReferenceError ||
  e instanceof RangeError ||
  e instanceof SyntaxError;

// pkg/internal/controller/controller.go (*Controller).Reconcile: fmt.Errorf("panic: %v [recovered]", r).
const errorText = (e: unknown) =>
  isPanic(e) ? `panic: ${e instanceof Error ? e.message : String(e)} [recovered]` : (e as Error).message;

function validateResult(result: ReconcileResult | void): ReconcileResult {
  if (result === undefined || result === null) return {};
  if (typeof result !== 'object') {
    throw new Error(`Reconcile returned ${String(result)}; return a Result object or nothing`);
  }
  const after = result.requeueAfterMs;
  if (after !== undefined && (typeof after !== 'number' || !Number.isFinite(after) || after < 0)) {
    throw new Error(
      `Reconcile returned requeueAfterMs ${String(after)}; it must be a number of milliseconds >= 0`,
    );
  }
  return result;
}

export function createController(sim: Sim, opts: ControllerOptions): Controller {
  const { name, api, informerFactory: factory, reconciler, profile } = opts;
  const trace = sim.trace;
  const forDef = api.registry.byId(opts.forResource);
  if (!forDef) throw new Error(`controller ${name}: unknown resource "${opts.forResource}" in forResource`);
  const requested = opts.maxConcurrentReconciles ?? 1;
  if (!Number.isInteger(requested)) {
    throw new RangeError(
      `controller ${name}: maxConcurrentReconciles must be a whole number, got ${requested}`,
    );
  }
  const maxConcurrentReconciles = requested <= 0 ? 1 : requested;
  const restartDelayMs = opts.restartDelayMs ?? 1000;
  const cacheSyncTimeoutMs = opts.cacheSyncTimeoutMs ?? DEFAULT_CACHE_SYNC_TIMEOUT_MS;
  const recoverPanic = opts.recoverPanic ?? true;
  const transport = opts.transport ?? createTransport(sim, api);
  if (!isQueueProfile(profile)) {
    throw new RangeError(
      `controller ${name}: unknown queue profile "${String(profile)}": use ${QUEUE_PROFILES.join(' or ')}`,
    );
  }

  const global = opts.predicates ?? [];
  const sources: Source[] = [
    {
      resource: opts.forResource,
      handler: enqueueRequestForObject(),
      predicates: [...global, ...(opts.forPredicates ?? [])],
    },
  ];
  for (const o of opts.owns ?? []) {
    const spec: OwnsSpec = typeof o === 'string' ? { resource: o } : o;
    sources.push({
      resource: spec.resource,
      handler: enqueueRequestForOwner(forDef, { onlyControllerOwner: !spec.matchEveryOwner }),
      predicates: [...global, ...(spec.predicates ?? [])],
    });
  }
  for (const w of opts.watches ?? []) {
    sources.push({
      resource: w.resource,
      handler: w.handler,
      predicates: [...global, ...(w.predicates ?? [])],
    });
  }
  const resources: ResourceId[] = [];
  for (const r of [...sources.map((s) => s.resource), ...(opts.reads ?? [])]) {
    if (!api.registry.byId(r)) throw new Error(`controller ${name}: unknown resource "${r}"`);
    if (!resources.includes(r)) resources.push(r);
  }

  let state: ControllerState = 'new';
  let queue: WorkQueue<string> | undefined;
  let unsubscribeQueue: (() => void) | undefined;
  let registrations: HandlerRegistration[] = [];
  let bootEpoch = 0;
  let pumping = false;
  let wake: TimerHandle | undefined;
  let restartTimer: TimerHandle | undefined;
  let syncTimer: TimerHandle | undefined;
  let injected = 0;
  const logLines: string[] = [];
  const stats: ControllerStats = {
    reconciles: 0,
    ok: 0,
    errors: 0,
    terminal: 0,
    requeues: 0,
    requeueAfters: 0,
    filtered: 0,
    crashes: 0,
  };
  const workers: Worker[] = [];
  for (let id = 0; id < maxConcurrentReconciles; id++) {
    workers.push({
      id,
      key: undefined,
      priority: 0,
      step: undefined,
      since: undefined,
      waitingOn: undefined,
      gen: undefined,
      pending: undefined,
      epoch: 0,
    });
  }

  const informerOf = (resource: ResourceId): SharedIndexInformer => factory.informerFor(resource);

  // --- the reconcile context -------------------------------------------------------------------------------

  const cache = createCacheAccess(name, resources, informerOf);
  const client = createReconcileClient(api, name);

  const log = (key: string, message: string) => {
    logLines.push(`${sim.now()} ${key}: ${message}`);
    if (logLines.length > LOG_LINES) logLines.splice(0, logLines.length - LOG_LINES);
  };

  const contextFor = (w: Worker, key: string): ReconcileContext => ({
    request: requestFromKey(key),
    controller: name,
    worker: w.id,
    now: () => sim.now(),
    rng: sim.rng,
    step: (step) => ({ kind: 'step', step }),
    cache,
    client,
    clone: cloneJson,
    log: (message) => log(key, message),
  });

  // --- workers ---------------------------------------------------------------------------------------------

  const requestPump = () => {
    if (pumping || wake !== undefined || state !== 'running') return;
    wake = sim.scheduler.after(
      0,
      () => {
        wake = undefined;
        pump();
      },
      `controller ${name} wake`,
    );
  };

  // Idle workers take keys until the queue has none to give: a loop, not recursion, so thousands of
  // zero-latency reconciles in a row do not grow the stack.
  function pump() {
    if (pumping || state !== 'running') return;
    pumping = true;
    try {
      for (;;) {
        let progressed = false;
        for (const w of workers) {
          if (state !== 'running' || !queue) break;
          if (w.key !== undefined) continue;
          const next = queue.get();
          if (!next) break;
          begin(w, next.item, next.priority);
          progressed = true;
        }
        if (!progressed) break;
      }
    } finally {
      pumping = false;
    }
  }

  // processNextWorkItem: GetWithPriority, then reconcileHandler; Done comes last, in finish().
  function begin(w: Worker, key: string, priority: number) {
    w.key = key;
    w.priority = priority;
    w.step = undefined;
    w.waitingOn = undefined;
    w.since = sim.now();
    trace.emit('queue.get', { controller: name, key, worker: w.id });
    trace.emit('reconcile.start', { controller: name, key, worker: w.id });
    stats.reconciles++;
    if (injected > 0) {
      injected--;
      finish(w, { ok: false, error: new Error('injected reconcile error (reconcileError fault)') });
      return;
    }
    let gen: ReconcileGenerator;
    try {
      gen = reconciler(requestFromKey(key), contextFor(w, key));
    } catch (error) {
      finish(w, { ok: false, error });
      return;
    }
    if (!gen || typeof gen.next !== 'function') {
      finish(w, {
        ok: false,
        error: new TypeError(`Reconcile of ${name} must be a generator function (function*)`),
      });
      return;
    }
    w.gen = gen;
    advance(w, RESUME);
  }

  function advance(w: Worker, first: CallOutcome) {
    const gen = w.gen!;
    const epoch = w.epoch;
    let input = first;
    for (;;) {
      let r: IteratorResult<Effect, ReconcileResult | void>;
      try {
        r = input.ok ? gen.next(input.value) : gen.throw(input.error);
      } catch (error) {
        finish(w, { ok: false, error });
        return;
      }
      if (r.done) {
        finish(w, { ok: true, result: r.value });
        return;
      }
      const effect = r.value as Effect | undefined;
      if (effect?.kind === 'step') {
        w.step = effect.step;
        trace.emit('reconcile.step', { controller: name, key: w.key!, worker: w.id, step: effect.step });
        input = RESUME;
        continue;
      }
      if (effect?.kind === 'call' && typeof effect.run === 'function') {
        w.waitingOn = `${effect.verb} ${effect.resource}`;
        const p = transport.perform(effect.verb, effect.resource, effect.run, (outcome) =>
          resume(w, epoch, outcome),
        );
        if (p.outcome) {
          w.waitingOn = undefined;
          input = p.outcome;
          continue;
        }
        w.pending = p.pending;
        return;
      }
      if (effect?.kind === 'parallel' && Array.isArray(effect.calls)) {
        const calls = effect.calls;
        const outcomes: CallOutcome[] = new Array<CallOutcome>(calls.length);
        let left = calls.length;
        const pendings: PendingCall[] = [];
        calls.forEach((c, i) => {
          const p = transport.perform(c.verb, c.resource, c.run, (outcome) => {
            outcomes[i] = outcome;
            if (--left === 0) resume(w, epoch, { ok: true, value: outcomes });
          });
          if (p.outcome) {
            outcomes[i] = p.outcome;
            left--;
          } else pendings.push(p.pending);
        });
        if (left === 0) {
          input = { ok: true, value: outcomes };
          continue;
        }
        w.waitingOn = `${calls.length} × ${calls[0]!.verb} ${calls[0]!.resource}`;
        w.pending = { cancel: () => pendings.forEach((p) => p.cancel()) };
        return;
      }
      input = {
        ok: false,
        error: new TypeError(
          `Reconcile of ${name} yielded ${typeof effect === 'object' && effect !== null ? `an effect of kind ${String((effect as { kind?: unknown }).kind)}` : String(effect)}; yield ctx.step(...) or use yield* ctx.client.*`,
        ),
      };
    }
  }

  // An API call finished after its latency: continue that reconcile, then let idle workers take more keys at
  // once, as Go's worker loop calls Get right after Done (so a re-added key may run before its own write's watch
  // event reaches the cache: fact 46).
  function resume(w: Worker, epoch: number, outcome: CallOutcome) {
    if (w.epoch !== epoch || state !== 'running') return;
    w.pending = undefined;
    w.waitingOn = undefined;
    pumping = true;
    try {
      advance(w, outcome);
    } finally {
      pumping = false;
    }
    pump();
  }

  // reconcileHandler's outcome table (facts 25–30), then Done (fact 31: Add* before Done).
  function finish(w: Worker, outcome: Finish) {
    const key = w.key!;
    const q = queue!;
    let end: Finish = outcome;
    let result: ReconcileResult = {};
    if (end.ok) {
      try {
        result = validateResult(end.result);
      } catch (error) {
        end = { ok: false, error };
      }
    }
    const priority = result.priority ?? w.priority;
    const emitEnd = (kind: ReconcileResultKind, requeueAfterMs: number, error: string) =>
      trace.emit('reconcile.end', {
        controller: name,
        key,
        worker: w.id,
        result: kind,
        requeueAfterMs,
        error,
      });
    if (!end.ok) {
      if (!recoverPanic && isPanic(end.error)) {
        w.gen = undefined;
        throw end.error;
      }
      const text = errorText(end.error);
      if (isTerminalError(end.error)) {
        stats.terminal++;
        emitEnd('terminal', 0, text);
      } else {
        stats.errors++;
        emitEnd('error', 0, text);
        q.addRateLimited(key, { priority });
      }
      log(key, `Reconciler error: ${text}`);
    } else if ((result.requeueAfterMs ?? 0) > 0) {
      stats.requeueAfters++;
      emitEnd('requeueAfter', result.requeueAfterMs!, '');
      q.forget(key);
      q.addAfter(key, result.requeueAfterMs!, { priority });
    } else if (result.requeue) {
      stats.requeues++;
      emitEnd('requeue', 0, '');
      q.addRateLimited(key, { priority });
    } else {
      stats.ok++;
      emitEnd('ok', 0, '');
      q.forget(key);
    }
    w.gen = undefined;
    w.pending = undefined;
    w.key = undefined;
    w.step = undefined;
    w.waitingOn = undefined;
    w.since = undefined;
    q.done(key);
  }

  // --- sources ---------------------------------------------------------------------------------------------

  const target: EnqueueTarget = { add: (key, o) => queue?.add(key, o) };

  // pkg/internal/source/event_handler.go: informer callbacks → events → predicates → handler.
  const adapterFor = (s: Source): ResourceEventHandler => ({
    onAdd(obj, isInInitialList) {
      const e = { object: obj, isInInitialList };
      if (firstRejecting(s.predicates, 'create', e)) stats.filtered++;
      else s.handler.create(e, target);
    },
    onUpdate(oldObj, newObj) {
      const e = { objectOld: oldObj, objectNew: newObj };
      if (firstRejecting(s.predicates, 'update', e)) stats.filtered++;
      else s.handler.update(e, target);
    },
    onDelete(obj) {
      let object: KubeObject | undefined;
      let deleteStateUnknown = false;
      if (isTombstone(obj)) {
        // A tombstone without its object cannot become a DeleteEvent: it is dropped.
        object = obj.obj;
        deleteStateUnknown = true;
      } else {
        object = obj;
      }
      if (!object) return;
      const e = { object, deleteStateUnknown };
      if (firstRejecting(s.predicates, 'delete', e)) stats.filtered++;
      else s.handler.delete(e, target);
    },
  });

  // --- lifecycle -------------------------------------------------------------------------------------------

  function boot(afterCrash: boolean) {
    const epoch = ++bootEpoch;
    const limiter = opts.rateLimiter?.();
    queue = queueForProfile<string>(profile, {
      scheduler: sim.scheduler,
      rateLimiter: limiter,
      name,
      trace,
      describe: (k) => k,
    });
    unsubscribeQueue = queue.onReady(requestPump);
    state = 'syncing';
    trace.emit('controller.start', { controller: name });
    syncTimer = sim.scheduler.after(
      cacheSyncTimeoutMs,
      () => {
        syncTimer = undefined;
        trace.emit('sim.note', {
          message: `controller ${name}: timed out waiting for cache to sync; still waiting`,
        });
      },
      `controller ${name} cache sync timeout`,
    );
    const attach = () => {
      if (epoch !== bootEpoch) return;
      registrations = sources.map((s) => {
        const informer = informerOf(s.resource);
        informer.start();
        return informer.addEventHandler(adapterFor(s));
      });
      factory.waitForCacheSync(resources, () => {
        if (epoch !== bootEpoch) return;
        sim.scheduler.cancel(syncTimer);
        syncTimer = undefined;
        state = 'running';
        requestPump();
      });
    };
    if (!afterCrash) {
      attach();
      return;
    }
    // A restarted process starts from an empty memory: relist, then learn every object again (synthetic adds).
    let remaining = resources.length;
    for (const r of resources) {
      informerOf(r).relist(() => {
        if (--remaining === 0) attach();
      });
    }
  }

  function teardown() {
    bootEpoch++;
    for (const w of workers) {
      w.epoch++;
      w.pending?.cancel();
      w.pending = undefined;
      w.gen = undefined;
      w.key = undefined;
      w.step = undefined;
      w.waitingOn = undefined;
      w.since = undefined;
    }
    for (const r of registrations) r.remove();
    registrations = [];
    unsubscribeQueue?.();
    unsubscribeQueue = undefined;
    queue?.shutDown();
    queue = undefined;
    sim.scheduler.cancel(wake);
    wake = undefined;
    sim.scheduler.cancel(syncTimer);
    syncTimer = undefined;
  }

  return {
    name,
    profile,
    maxConcurrentReconciles,
    resources,
    start() {
      // pkg/internal/controller/controller.go Start.
      if (state !== 'new') {
        throw new Error(
          `controller ${name} was started more than once. This is likely to be caused by being added to a manager multiple times`,
        );
      }
      boot(false);
    },
    stop() {
      if (state === 'stopped') return;
      teardown();
      sim.scheduler.cancel(restartTimer);
      restartTimer = undefined;
      state = 'stopped';
    },
    crash() {
      if (state === 'new' || state === 'stopped' || state === 'crashed') return;
      teardown();
      stats.crashes++;
      state = 'crashed';
      trace.emit('controller.crash', { controller: name });
      restartTimer = sim.scheduler.after(
        restartDelayMs,
        () => {
          restartTimer = undefined;
          boot(true);
        },
        `controller ${name} restart`,
      );
    },
    injectReconcileErrors(count) {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`injectReconcileErrors needs a whole number >= 0, got ${count}`);
      }
      injected += count;
    },
    staleView(forMs) {
      if (!Number.isFinite(forMs) || forMs < 0)
        throw new RangeError(`staleView needs a duration in ms >= 0, got ${forMs}`);
      for (const r of resources) informerOf(r).pause(forMs);
    },
    enqueue(key) {
      if (typeof key !== 'string' || key === '')
        throw new Error(`controller ${name}: enqueue needs a "namespace/name" key`);
      queue?.add(key);
    },
    isIdle() {
      if (state === 'new' || state === 'stopped') return true;
      if (state !== 'running' || !queue) return false;
      return queue.isIdle() && workers.every((w) => w.key === undefined);
    },
    state: () => state,
    queue: () => queue,
    stats: () => stats,
    snapshot: (opts) => ({
      name,
      profile,
      profileLabel: describeProfile(profile),
      state,
      maxConcurrentReconciles,
      queue: queue?.snapshot(opts),
      workers: workers.map((w) => ({
        id: w.id,
        key: w.key,
        step: w.step,
        since: w.since,
        waitingOn: w.waitingOn,
      })),
      injectedErrorsPending: injected,
      stats: { ...stats },
    }),
    logs: () => logLines,
  };
}
