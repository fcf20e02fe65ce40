import { describe, expect, it } from 'vitest';
import { createSim } from '../sim/sim.ts';
import { createPriorityQueue, LOW_PRIORITY } from './priority-queue.ts';
import { itemExponentialFailureRateLimiter } from './rate-limiters.ts';

function setup() {
  const sim = createSim({ seed: 1 });
  const q = createPriorityQueue<string>({
    scheduler: sim.scheduler,
    rateLimiter: itemExponentialFailureRateLimiter<string>(5, 1_000_000),
    name: 'pq',
    trace: sim.trace,
  });
  let signals = 0;
  q.onReady(() => signals++);
  return { sim, q, signals: () => signals };
}

const drain = (q: ReturnType<typeof setup>['q']) => {
  const out: string[] = [];
  for (let next = q.get(); next; next = q.get()) {
    out.push(next.item);
    q.done(next.item);
  }
  return out;
};

// controller-runtime pkg/controller/priorityqueue/priorityqueue.go (fact 45).
describe('priority queue (controller-runtime priorityqueue.go)', () => {
  it('stores each key once', () => {
    const { q } = setup();
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.len()).toBe(2);
    expect(drain(q)).toEqual(['a', 'b']);
  });

  it('hands out higher priority first, FIFO within a priority (lessReady)', () => {
    const { q } = setup();
    q.add('low1', { priority: LOW_PRIORITY });
    q.add('n1');
    q.add('low2', { priority: LOW_PRIORITY });
    q.add('n2');
    q.add('hi', { priority: 10 });
    expect(drain(q)).toEqual(['hi', 'n1', 'n2', 'low1', 'low2']);
  });

  it('a repeat add keeps the maximum priority; a raised item goes to the back of its new level', () => {
    const { q } = setup();
    q.add('a', { priority: LOW_PRIORITY });
    q.add('b');
    q.add('c');
    q.add('a');
    q.add('c', { priority: LOW_PRIORITY });
    expect(q.snapshot().queued).toEqual([
      { item: 'b', priority: 0 },
      { item: 'c', priority: 0 },
      { item: 'a', priority: 0 },
    ]);
  });

  it('an item that is already ready stays ready: RequeueAfter does not postpone it', () => {
    const { q } = setup();
    q.add('a');
    q.addAfter('a', 60_000);
    expect(q.len()).toBe(1);
    expect(q.snapshot().waiting).toEqual([]);
    expect(q.get()?.item).toBe('a');
  });

  it('a repeat delayed add keeps the earliest readyAt, and a direct add makes a waiting item ready at once', () => {
    const { q, sim, signals } = setup();
    q.addAfter('a', 1000);
    q.addAfter('a', 400);
    q.addAfter('a', 5000);
    expect(q.snapshot().waiting.map((w) => w.readyAt)).toEqual([400]);
    sim.scheduler.runUntil(399);
    expect(q.len()).toBe(0);
    sim.scheduler.runUntil(400);
    expect(q.len()).toBe(1);
    expect(drain(q)).toEqual(['a']);
    q.addAfter('b', 1000);
    const before = signals();
    q.add('b');
    expect(signals()).toBe(before + 1);
    expect(q.len()).toBe(1);
    sim.scheduler.runUntil(5000);
    expect(drain(q)).toEqual(['b']);
    expect(q.isIdle()).toBe(true);
  });

  it('unlike the classic queue, a delayed add of an item that is re-added and processed does not fire again', () => {
    const { q, sim } = setup();
    q.addAfter('a', 100);
    q.add('a');
    expect(drain(q)).toEqual(['a']);
    sim.scheduler.runUntil(1000);
    expect(q.len()).toBe(0);
    expect(q.isIdle()).toBe(true);
  });

  it('locks handed-out keys until Done; a re-add waits for Done (handleReadyItems: "Item is locked")', () => {
    const { q, signals } = setup();
    q.add('a');
    q.add('b');
    expect(q.get()?.item).toBe('a');
    q.add('a');
    expect(q.len()).toBe(2);
    expect(q.get()?.item).toBe('b');
    expect(q.get()).toBeUndefined();
    const before = signals();
    q.done('a');
    expect(signals()).toBe(before + 1);
    expect(q.get()?.item).toBe('a');
    expect(q.snapshot().processing).toEqual(['b', 'a']);
  });

  it('items that became ready are ordered by when they became ready, behind items already ready', () => {
    const { q, sim } = setup();
    q.addAfter('late', 200);
    q.addAfter('early', 100);
    sim.scheduler.runUntil(150);
    q.add('direct');
    sim.scheduler.runUntil(200);
    expect(drain(q)).toEqual(['early', 'direct', 'late']);
  });

  it('AddRateLimited uses the limiter: the delay grows with failures, and the failure is counted even for a ready item', () => {
    const { q, sim } = setup();
    q.addRateLimited('a');
    expect(q.snapshot().waiting).toEqual([{ item: 'a', readyAt: 5, failures: 1, priority: 0 }]);
    sim.scheduler.runUntil(5);
    q.addRateLimited('a');
    expect(q.numRequeues('a')).toBe(2);
    expect(q.len()).toBe(1);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
  });

  it('GetWithPriority reports the priority the item was handed out with', () => {
    const { q } = setup();
    q.add('a', { priority: LOW_PRIORITY });
    expect(q.get()).toEqual({ item: 'a', priority: LOW_PRIORITY });
  });

  it('after ShutDown, adds are ignored and Get returns nothing at once, even with items left', () => {
    const { q, sim } = setup();
    q.add('a');
    q.addAfter('b', 10);
    q.shutDown();
    q.add('c');
    sim.scheduler.runUntil(100);
    expect(q.get()).toBeUndefined();
    expect(q.shuttingDown()).toBe(true);
  });

  it('Done for a key that is not locked is a clear error', () => {
    const { q } = setup();
    q.add('a');
    expect(() => q.done('a')).toThrow(/not being processed/);
    expect(q.len()).toBe(1);
  });
});
