import { describe, expect, it } from 'vitest';
import { createSim } from '../sim/sim.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { itemExponentialFailureRateLimiter } from './rate-limiters.ts';
import { createWorkQueue } from './workqueue.ts';

function setup() {
  const sim = createSim({ seed: 1 });
  const q = createWorkQueue<string>({
    scheduler: sim.scheduler,
    rateLimiter: itemExponentialFailureRateLimiter<string>(5, 1_000_000),
    name: 'test',
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

describe('client-go workqueue queue.go (*Typed)', () => {
  it('fact 1: Add puts a new item in dirty and the FIFO and signals one waiting Get', () => {
    const { q, signals } = setup();
    q.add('a');
    expect(q.snapshot().dirty).toEqual(['a']);
    expect(q.snapshot().queued.map((x) => x.item)).toEqual(['a']);
    expect(q.len()).toBe(1);
    expect(signals()).toBe(1);
  });

  it('fact 2 (TestCollapse): an item added twice before it is processed is processed once', () => {
    const { q, sim } = setup();
    q.add('a');
    q.add('a');
    expect(q.len()).toBe(1);
    expect(drain(q)).toEqual(['a']);
    const adds = sim.trace.all().filter((e): e is TraceEvent<'queue.add'> => e.type === 'queue.add');
    expect(adds.map((e) => e.deduped)).toEqual([false, true]);
  });

  it('fact 3: Add while processing marks the item dirty but does not queue it, so no other worker gets it', () => {
    const { q } = setup();
    q.add('a');
    expect(q.get()?.item).toBe('a');
    q.add('a');
    expect(q.len()).toBe(0);
    expect(q.get()).toBeUndefined();
    expect(q.snapshot().dirty).toEqual(['a']);
    expect(q.snapshot().processing).toEqual(['a']);
  });

  it('fact 4 (TestAddWhileProcessing, TestCollapseWhileProcessing): Done re-queues once however many adds came', () => {
    const { q, signals } = setup();
    q.add('a');
    q.add('b');
    q.get();
    q.add('a');
    q.add('a');
    q.add('a');
    const before = signals();
    q.done('a');
    expect(signals()).toBe(before + 1);
    expect(q.snapshot().queued.map((x) => x.item)).toEqual(['b', 'a']);
    expect(drain(q)).toEqual(['b', 'a']);
    expect(q.isIdle()).toBe(true);
  });

  it('facts 5–6: Get on an empty queue has nothing (it would block); a handed-out item moves from dirty to processing', () => {
    const { q } = setup();
    expect(q.get()).toBeUndefined();
    q.add('a');
    const got = q.get();
    expect(got).toEqual({ item: 'a', priority: 0 });
    expect(q.snapshot().dirty).toEqual([]);
    expect(q.snapshot().processing).toEqual(['a']);
  });

  it('fact 7: distinct items come out in order of first insertion; re-adding a queued item does not move it', () => {
    const { q } = setup();
    for (const k of ['c', 'a', 'b', 'c', 'a']) q.add(k);
    expect(drain(q)).toEqual(['c', 'a', 'b']);
  });

  it('fact 8: after ShutDown, Add is ignored and Get keeps handing out queued items until empty', () => {
    const { q } = setup();
    q.add('a');
    q.add('b');
    q.shutDown();
    q.add('c');
    expect(q.shuttingDown()).toBe(true);
    expect(drain(q)).toEqual(['a', 'b']);
    expect(q.get()).toBeUndefined();
  });

  it('fact 10: Len counts only the FIFO, not processing or waiting items', () => {
    const { q } = setup();
    q.add('a');
    q.add('b');
    q.get();
    q.addAfter('c', 1000);
    expect(q.len()).toBe(1);
  });

  it('Done for an item that is not being processed is a clear error and changes nothing', () => {
    const { q } = setup();
    q.add('a');
    expect(() => q.done('a')).toThrow(/not being processed/);
    expect(q.snapshot().queued.map((x) => x.item)).toEqual(['a']);
  });
});

describe('client-go workqueue delaying_queue.go (*delayingType).AddAfter', () => {
  it('fact 11: AddAfter with d <= 0 is Add', () => {
    const { q } = setup();
    q.addAfter('a', 0);
    q.addAfter('b', -5);
    expect(q.snapshot().queued.map((x) => x.item)).toEqual(['a', 'b']);
    expect(q.snapshot().waiting).toEqual([]);
  });

  it('fact 12: a delayed item is not dirty, Len ignores it, a direct Add is not deduplicated, and it is added at readyAt', () => {
    const { q, sim } = setup();
    q.addAfter('a', 100);
    expect(q.len()).toBe(0);
    expect(q.snapshot().dirty).toEqual([]);
    expect(q.snapshot().waiting).toEqual([{ item: 'a', readyAt: 100, failures: 0, priority: 0 }]);
    q.add('a');
    expect(q.len()).toBe(1);
    sim.scheduler.runUntil(99);
    expect(q.snapshot().waiting).toHaveLength(1);
    sim.scheduler.runUntil(100);
    expect(q.snapshot().waiting).toHaveLength(0);
    expect(q.len()).toBe(1);
  });

  it('fact 13: only the earliest readyAt is kept for an item still waiting', () => {
    const { q, sim } = setup();
    q.addAfter('a', 500);
    q.addAfter('a', 200);
    q.addAfter('a', 900);
    expect(q.snapshot().waiting.map((w) => w.readyAt)).toEqual([200]);
    sim.scheduler.runUntil(199);
    expect(q.len()).toBe(0);
    sim.scheduler.runUntil(200);
    expect(q.len()).toBe(1);
    expect(drain(q)).toEqual(['a']);
    sim.scheduler.runUntil(2000);
    expect(q.len()).toBe(0);
  });

  it('fact 14: a pending delayed add is not cancelled by a direct add: the item is processed once more when it fires', () => {
    const { q, sim } = setup();
    q.addAfter('a', 100);
    q.add('a');
    expect(drain(q)).toEqual(['a']);
    sim.scheduler.runUntil(100);
    expect(drain(q)).toEqual(['a']);
    expect(q.isIdle()).toBe(true);
  });

  it('fact 15: AddAfter during shutdown is ignored, and pending delayed adds are dropped', () => {
    const { q, sim } = setup();
    q.addAfter('a', 100);
    q.shutDown();
    q.addAfter('b', 100);
    sim.scheduler.runUntil(1000);
    expect(q.len()).toBe(0);
    expect(q.snapshot().waiting).toEqual([]);
  });

  it('rejects a delay that is not a number', () => {
    const { q } = setup();
    expect(() => q.addAfter('a', Number.NaN)).toThrow(/delay/);
    expect(q.isIdle()).toBe(true);
  });
});

describe('client-go workqueue rate_limiting_queue.go', () => {
  it('fact 16: AddRateLimited waits When(item) and counts a failure on every call, even for a queued item', () => {
    const { q, sim } = setup();
    q.add('a');
    q.addRateLimited('a');
    q.addRateLimited('a');
    expect(q.numRequeues('a')).toBe(2);
    expect(q.snapshot().waiting).toEqual([{ item: 'a', readyAt: 5, failures: 2, priority: 0 }]);
    const limited = sim.trace
      .all()
      .filter((e): e is TraceEvent<'queue.ratelimited'> => e.type === 'queue.ratelimited')
      .map((e) => [e.failures, e.delayMs]);
    expect(limited).toEqual([
      [1, 5],
      [2, 10],
    ]);
  });

  it('facts 17–18: Forget clears only the limiter; the queue entry stays and Done is still needed', () => {
    const { q } = setup();
    q.addRateLimited('a');
    q.addRateLimited('a');
    q.add('a');
    const got = q.get()!;
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
    expect(q.snapshot().processing).toEqual(['a']);
    expect(q.snapshot().waiting).toHaveLength(1);
    q.done(got.item);
    expect(q.snapshot().processing).toEqual([]);
  });
});
