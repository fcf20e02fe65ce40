/**
 * controller-runtime's priority queue (pkg/controller/priorityqueue/priorityqueue.go), the default controller
 * queue from v0.23, on the virtual clock. Unlike the classic queue it stores each key once whether it is ready or
 * waiting: a repeat add keeps the highest priority and the earliest readyAt, and an item that is already ready
 * stays ready, so a RequeueAfter never postpones a queued item. Handed-out keys are locked until Done.
 */
import type { TimerHandle } from '../sim/scheduler.ts';
import { firstItems, takeItems } from './first-items.ts';
import { createHeap } from './heap.ts';
import type { AddOptions, QueuedItem, WaitingItem, WorkQueue, WorkQueueOptions } from './workqueue.ts';

/** The priority EnqueueRequestForObject/ForOwner give initial-list adds and same-resourceVersion updates. */
export const LOW_PRIORITY = -100;

interface Item<T> {
  key: T;
  /** FIFO order within a priority (priorityqueue.go item.AddedCounter). */
  counter: number;
  priority: number;
  /** undefined = ready. */
  readyAt: number | undefined;
  /** Bumped whenever the item's position changes, so older heap entries for it are known to be stale. */
  epoch: number;
}

interface Entry<T> {
  item: Item<T>;
  epoch: number;
}

// priorityqueue.go lessReady: higher priority first, then the order in which items were added.
const lessReady = <T>(a: Entry<T>, b: Entry<T>) =>
  a.item.priority !== b.item.priority ? a.item.priority > b.item.priority : a.item.counter < b.item.counter;

// priorityqueue.go lessWaiting: earlier readyAt first, then as lessReady.
const lessWaiting = <T>(a: Entry<T>, b: Entry<T>) =>
  a.item.readyAt !== b.item.readyAt ? a.item.readyAt! < b.item.readyAt! : lessReady(a, b);

export function createPriorityQueue<T>(opts: WorkQueueOptions<T>): WorkQueue<T> {
  const { scheduler, rateLimiter, trace } = opts;
  const controller = opts.name ?? '';
  const describe = opts.describe ?? ((item: T) => String(item));
  const items = new Map<T, Item<T>>();
  const ready = createHeap<Entry<T>>(lessReady);
  const waiting = createHeap<Entry<T>>(lessWaiting);
  const locked = new Set<T>();
  const listeners: (() => void)[] = [];
  let readyCount = 0;
  let addedCounter = 0;
  let shutting = false;
  let timer: TimerHandle | undefined;
  let timerAt: number | undefined;

  const notify = () => {
    for (let i = 0; i < listeners.length; i++) listeners[i]!();
  };

  const live = (e: Entry<T>) => items.get(e.item.key) === e.item && e.item.epoch === e.epoch;
  // The scheduler runs events at whole milliseconds, so an item counts as due at its rounded readyAt.
  const due = (readyAt: number) => Math.round(readyAt) <= scheduler.now();

  const place = (item: Item<T>) => {
    item.epoch++;
    (item.readyAt === undefined ? ready : waiting).push({ item, epoch: item.epoch });
  };

  const armTimer = () => {
    while (waiting.size > 0 && !live(waiting.peek()!)) waiting.pop();
    const next = waiting.peek()?.item.readyAt;
    if (next === timerAt) return;
    scheduler.cancel(timer);
    timer = undefined;
    timerAt = next;
    if (next !== undefined) timer = scheduler.at(next, moveReadyItems, 'priorityqueue.handleWaitingItems');
  };

  // priorityqueue.go handleWaitingItems: due items move to the ready tree in lessWaiting order, each with a
  // fresh AddedCounter so that they sort by when they became ready.
  function moveReadyItems() {
    timer = undefined;
    timerAt = undefined;
    let moved = false;
    while (waiting.size > 0) {
      const top = waiting.peek()!;
      if (!live(top)) {
        waiting.pop();
        continue;
      }
      if (!due(top.item.readyAt!)) break;
      waiting.pop();
      const item = top.item;
      item.readyAt = undefined;
      item.counter = addedCounter++;
      place(item);
      readyCount++;
      trace?.emit('queue.add', { controller, key: describe(item.key), deduped: false });
      moved = true;
    }
    armTimer();
    if (moved) notify();
  }

  // priorityqueue.go lockedAddWithOpts.
  const addWithOpts = (key: T, o: { afterMs?: number; rateLimited?: boolean; priority?: number }) => {
    if (shutting) return;
    let after = o.afterMs ?? 0;
    let limiterDelay = 0;
    if (o.rateLimited) {
      limiterDelay = rateLimiter.when(key);
      if (after === 0 || limiterDelay < after) after = limiterDelay;
    }
    let readyAt = after > 0 ? scheduler.now() + after : undefined;
    const wanted = o.priority ?? 0;
    const existing = items.get(key);
    const shown = describe(key);
    if (o.rateLimited) {
      trace?.emit('queue.ratelimited', {
        controller,
        key: shown,
        failures: rateLimiter.numRequeues(key),
        delayMs: limiterDelay,
      });
    } else if (readyAt !== undefined) {
      trace?.emit('queue.after', { controller, key: shown, delayMs: after });
    }

    if (!existing) {
      const item: Item<T> = { key, counter: addedCounter++, priority: wanted, readyAt, epoch: 0 };
      items.set(key, item);
      place(item);
      if (readyAt === undefined) {
        readyCount++;
        trace?.emit('queue.add', { controller, key: shown, deduped: false });
        notify();
      } else {
        armTimer();
      }
      return;
    }

    const wasReady = existing.readyAt === undefined;
    if (wasReady) readyAt = undefined;
    else if (readyAt !== undefined && existing.readyAt! < readyAt) readyAt = existing.readyAt;
    let priority = existing.priority;
    let counter = existing.counter;
    // A raised priority goes to the back of its new priority level (the PriorityQueue doc comment).
    if (wanted > existing.priority) {
      priority = wanted;
      counter = addedCounter++;
    }
    const changed =
      readyAt !== existing.readyAt || priority !== existing.priority || counter !== existing.counter;
    if (readyAt === undefined && wasReady && o.rateLimited !== true && o.afterMs === undefined) {
      trace?.emit('queue.add', { controller, key: shown, deduped: true });
    }
    if (!changed) return;
    existing.readyAt = readyAt;
    existing.priority = priority;
    existing.counter = counter;
    place(existing);
    if (readyAt === undefined) {
      if (!wasReady) {
        readyCount++;
        trace?.emit('queue.add', { controller, key: shown, deduped: false });
        notify();
      }
    } else {
      armTimer();
    }
  };

  const checkDelay = (delayMs: number) => {
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
      throw new RangeError(`addAfter needs a delay in milliseconds, got ${String(delayMs)}`);
    }
  };

  return {
    profile: 'priority-queue',
    rateLimiter,
    add: (item, o?: AddOptions) => addWithOpts(item, { priority: o?.priority }),
    addAfter(item, delayMs, o?: AddOptions) {
      checkDelay(delayMs);
      addWithOpts(item, { afterMs: delayMs > 0 ? delayMs : undefined, priority: o?.priority });
    },
    addRateLimited: (item, o?: AddOptions) => addWithOpts(item, { rateLimited: true, priority: o?.priority }),
    // priorityqueue.go handleReadyItems: the first ready item in order that is not locked; GetWithPriority
    // reports shutdown at once, even with items left.
    get() {
      if (shutting) return undefined;
      let skipped: Entry<T>[] | undefined;
      let found: Item<T> | undefined;
      while (ready.size > 0) {
        const top = ready.pop()!;
        if (!live(top)) continue;
        if (locked.has(top.item.key)) {
          (skipped ??= []).push(top);
          continue;
        }
        found = top.item;
        break;
      }
      if (skipped) for (const e of skipped) ready.push(e);
      if (!found) return undefined;
      items.delete(found.key);
      found.epoch++;
      readyCount--;
      locked.add(found.key);
      return { item: found.key, priority: found.priority };
    },
    done(item) {
      if (!locked.has(item)) {
        throw new Error(
          `priority queue ${controller || '(unnamed)'}: done(${describe(item)}) for an item that is not being processed`,
        );
      }
      locked.delete(item);
      trace?.emit('queue.done', { controller, key: describe(item) });
      if (readyCount > 0) notify();
    },
    forget(item) {
      rateLimiter.forget(item);
      trace?.emit('queue.forget', { controller, key: describe(item) });
    },
    numRequeues: (item) => rateLimiter.numRequeues(item),
    len: () => readyCount,
    // controller-runtime only ever calls ShutDown; ShutDownWithDrain is the same there.
    shutDown() {
      if (shutting) return;
      shutting = true;
      scheduler.cancel(timer);
      timer = undefined;
      timerAt = undefined;
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
    isIdle: () => items.size === 0 && locked.size === 0,
    snapshot({ maxItems } = {}) {
      const queued: QueuedItem<T>[] = firstItems(ready.values().filter(live), lessReady, maxItems).map(
        (e) => ({ item: e.item.key, priority: e.item.priority }),
      );
      const liveWaiting = waiting.values().filter(live);
      const waitingItems: WaitingItem<T>[] = firstItems(liveWaiting, lessWaiting, maxItems).map((e) => ({
        item: e.item.key,
        readyAt: e.item.readyAt!,
        failures: rateLimiter.numRequeues(e.item.key),
        priority: e.item.priority,
      }));
      return {
        profile: 'priority-queue',
        queued,
        dirty: queued.map((q) => q.item),
        processing: takeItems(locked, maxItems),
        waiting: waitingItems,
        shuttingDown: shutting,
        counts: {
          queued: readyCount,
          dirty: readyCount,
          processing: locked.size,
          waiting: liveWaiting.length,
        },
      };
    },
  };
}
