/**
 * client-go's workqueue (util/workqueue: queue.go, delaying_queue.go, rate_limiting_queue.go) on the virtual
 * clock, plus the consumer interface that the controller runner uses for it and for the priority queue.
 *
 * The sim is single-threaded, so "Get blocks" becomes: get() returns undefined when nothing can be handed
 * out, and the queue calls its ready listeners when an item becomes available, so that the runner can wake
 * its idle workers.
 */
import type { Scheduler, TimerHandle } from '../sim/scheduler.ts';
import type { Trace } from '../sim/trace.ts';
import { firstItems, takeItems } from './first-items.ts';
import type { RateLimiter } from './rate-limiters.ts';

export type QueueProfile = 'classic' | 'priority-queue';

export interface AddOptions {
  /** Higher is handed out sooner. Only the priority queue uses it; the classic queue ignores it. */
  priority?: number;
}

export interface QueuedItem<T> {
  item: T;
  priority: number;
}

export interface WaitingItem<T> {
  item: T;
  /** Virtual time at which the item is added (classic) or becomes ready (priority queue). */
  readyAt: number;
  /** The rate limiter's NumRequeues for the item. */
  failures: number;
  priority: number;
}

/** A read-only picture of a queue for the UI. Arrays are fresh copies, cut at SnapshotOptions.maxItems. */
export interface QueueSnapshot<T> {
  profile: QueueProfile;
  /** What Get would hand out, in order. */
  queued: QueuedItem<T>[];
  /** Items that will be processed (again) without waiting for a timer: queued ones and re-added processing ones. */
  dirty: T[];
  /** Handed out by Get, Done not yet called. */
  processing: T[];
  /** Delayed adds not yet due, soonest first. */
  waiting: WaitingItem<T>[];
  shuttingDown: boolean;
  /** How many items each list holds, whatever the lists show. */
  counts: { queued: number; dirty: number; processing: number; waiting: number };
}

export interface SnapshotOptions {
  /** The most items each list of the snapshot shows (the first ones, in order); all when absent. */
  maxItems?: number;
}

/** What the controller runner and the event handlers need from a queue, whichever profile. */
export interface WorkQueue<T> {
  readonly profile: QueueProfile;
  readonly rateLimiter: RateLimiter<T>;
  add(item: T, opts?: AddOptions): void;
  addAfter(item: T, delayMs: number, opts?: AddOptions): void;
  addRateLimited(item: T, opts?: AddOptions): void;
  /** The next item to process, or undefined when none can be handed out (empty, all locked, or shut down). */
  get(): QueuedItem<T> | undefined;
  /** Must be called once per get(), after any re-adds for that item. Throws for an item not being processed. */
  done(item: T): void;
  forget(item: T): void;
  numRequeues(item: T): number;
  /** Items ready to hand out; processing and delayed items are not counted (client-go Len). */
  len(): number;
  shutDown(): void;
  shuttingDown(): boolean;
  /** Calls listener whenever an item may have become available to get(). Returns an unsubscribe function. */
  onReady(listener: () => void): () => void;
  /** Nothing queued, nothing processing, no delayed add pending. */
  isIdle(): boolean;
  snapshot(opts?: SnapshotOptions): QueueSnapshot<T>;
}

export interface WorkQueueOptions<T> {
  scheduler: Scheduler;
  rateLimiter: RateLimiter<T>;
  /** The controller name shown on queue.* trace events. Without trace, nothing is emitted. */
  name?: string;
  trace?: Trace;
  /** How an item is shown in the trace; defaults to String(item). */
  describe?: (item: T) => string;
}

interface Waiting<T> {
  /** The key again, so that a snapshot can walk values() without an entry array per item. */
  item: T;
  readyAt: number;
  handle: TimerHandle;
  seq: number;
}

/**
 * The classic rate-limiting queue: a stingy FIFO (an item is queued at most once), a processing set that keeps
 * one key off every other worker, and a dirty set that turns any number of re-adds during processing into exactly
 * one more run after Done.
 */
export function createWorkQueue<T>(opts: WorkQueueOptions<T>): WorkQueue<T> {
  const { scheduler, rateLimiter, trace } = opts;
  const controller = opts.name ?? '';
  const describe = opts.describe ?? ((item: T) => String(item));
  let fifo: T[] = [];
  let head = 0;
  const dirty = new Set<T>();
  const processing = new Set<T>();
  const waiting = new Map<T, Waiting<T>>();
  const listeners: (() => void)[] = [];
  let shutting = false;
  let waitSeq = 0;

  const notify = () => {
    for (let i = 0; i < listeners.length; i++) listeners[i]!();
  };

  // client-go queue.go (*Typed).Add: ignored when shutting down; a dirty item is not queued twice; a processing
  // item is only marked dirty, and Done queues it again.
  const add = (item: T) => {
    if (shutting) return;
    if (dirty.has(item)) {
      trace?.emit('queue.add', { controller, key: describe(item), deduped: true });
      return;
    }
    dirty.add(item);
    trace?.emit('queue.add', { controller, key: describe(item), deduped: false });
    if (processing.has(item)) return;
    fifo.push(item);
    notify();
  };

  // client-go delaying_queue.go (*delayingType).AddAfter and insert(): d <= 0 is a plain Add; otherwise the
  // earliest readyAt wins. Waiting items are not dirty, so a direct Add is not deduplicated against them, and
  // the timer still fires after the item was processed (waitingLoop calls Add unconditionally).
  const addAfter = (item: T, delayMs: number): void => {
    if (shutting) return;
    if (!(delayMs > 0)) {
      add(item);
      return;
    }
    const readyAt = scheduler.now() + delayMs;
    const existing = waiting.get(item);
    if (existing && existing.readyAt <= readyAt) return;
    if (existing) scheduler.cancel(existing.handle);
    const handle = scheduler.at(
      readyAt,
      () => {
        waiting.delete(item);
        add(item);
      },
      'workqueue.waitingLoop',
    );
    waiting.set(item, { item, readyAt, handle, seq: existing?.seq ?? ++waitSeq });
  };

  const checkDelay = (delayMs: number) => {
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
      throw new RangeError(`addAfter needs a delay in milliseconds, got ${String(delayMs)}`);
    }
  };

  return {
    profile: 'classic',
    rateLimiter,
    add: (item) => add(item),
    addAfter(item, delayMs) {
      checkDelay(delayMs);
      if (shutting) return;
      if (delayMs > 0) trace?.emit('queue.after', { controller, key: describe(item), delayMs });
      addAfter(item, delayMs);
    },
    // client-go rate_limiting_queue.go AddRateLimited: AddAfter(item, When(item)). When runs first, so the
    // failure is counted even when the queue is shutting down.
    addRateLimited(item) {
      const delayMs = rateLimiter.when(item);
      if (shutting) return;
      trace?.emit('queue.ratelimited', {
        controller,
        key: describe(item),
        failures: rateLimiter.numRequeues(item),
        delayMs,
      });
      addAfter(item, delayMs);
    },
    // client-go queue.go (*Typed).Get: FIFO order; the item moves from dirty to processing. Already queued items
    // are still handed out after ShutDown.
    get() {
      if (head >= fifo.length) return undefined;
      const item = fifo[head]!;
      head++;
      if (head > 1024 && head * 2 > fifo.length) {
        fifo = fifo.slice(head);
        head = 0;
      }
      processing.add(item);
      dirty.delete(item);
      return { item, priority: 0 };
    },
    // client-go queue.go (*Typed).Done: a dirty item goes to the tail of the queue for exactly one more run.
    done(item) {
      if (!processing.has(item)) {
        throw new Error(
          `workqueue ${controller || '(unnamed)'}: done(${describe(item)}) for an item that is not being processed`,
        );
      }
      processing.delete(item);
      trace?.emit('queue.done', { controller, key: describe(item) });
      if (dirty.has(item)) {
        fifo.push(item);
        notify();
      }
    },
    forget(item) {
      rateLimiter.forget(item);
      trace?.emit('queue.forget', { controller, key: describe(item) });
    },
    numRequeues: (item) => rateLimiter.numRequeues(item),
    len: () => fifo.length - head,
    // client-go delaying_queue.go ShutDown stops the waiting loop: pending delayed adds are dropped.
    shutDown() {
      if (shutting) return;
      shutting = true;
      for (const w of waiting.values()) scheduler.cancel(w.handle);
      waiting.clear();
      notify();
    },
    shuttingDown: () => shutting,
    onReady(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    isIdle: () => head >= fifo.length && processing.size === 0 && waiting.size === 0,
    snapshot({ maxItems } = {}) {
      const queued: QueuedItem<T>[] = [];
      const end = maxItems === undefined ? fifo.length : Math.min(fifo.length, head + maxItems);
      for (let i = head; i < end; i++) queued.push({ item: fifo[i]!, priority: 0 });
      const waitingItems = firstItems(
        waiting.values(),
        (a, b) => a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq),
        maxItems,
      ).map((w) => ({
        item: w.item,
        readyAt: w.readyAt,
        failures: rateLimiter.numRequeues(w.item),
        priority: 0,
      }));
      return {
        profile: 'classic',
        queued,
        dirty: takeItems(dirty, maxItems),
        processing: takeItems(processing, maxItems),
        waiting: waitingItems,
        shuttingDown: shutting,
        counts: {
          queued: fifo.length - head,
          dirty: dirty.size,
          processing: processing.size,
          waiting: waiting.size,
        },
      };
    },
  };
}
