import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim } from '../sim/sim.ts';
import { createPriorityQueue } from './priority-queue.ts';
import { itemExponentialFailureRateLimiter } from './rate-limiters.ts';
import { createWorkQueue, type QueueSnapshot, type WorkQueue, type WorkQueueOptions } from './workqueue.ts';

type Op =
  | { op: 'add'; key: number; priority: number }
  | { op: 'addAfter'; key: number; ms: number }
  | { op: 'addRateLimited'; key: number }
  | { op: 'get' }
  | { op: 'done' }
  | { op: 'tick'; ms: number };

const key = fc.integer({ min: 0, max: 30 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), key, priority: fc.integer({ min: -1, max: 1 }) }),
  fc.record({ op: fc.constant('addAfter' as const), key, ms: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ op: fc.constant('addRateLimited' as const), key }),
  fc.record({ op: fc.constant('get' as const) }),
  fc.record({ op: fc.constant('done' as const) }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 300 }) }),
);

/** The full snapshot's lists cut at maxItems, with the full lengths as counts: what a cut snapshot must be. */
function cut(full: QueueSnapshot<string>, maxItems: number): QueueSnapshot<string> {
  return {
    ...full,
    queued: full.queued.slice(0, maxItems),
    dirty: full.dirty.slice(0, maxItems),
    processing: full.processing.slice(0, maxItems),
    waiting: full.waiting.slice(0, maxItems),
    counts: {
      queued: full.queued.length,
      dirty: full.dirty.length,
      processing: full.processing.length,
      waiting: full.waiting.length,
    },
  };
}

function check(make: (opts: WorkQueueOptions<string>) => WorkQueue<string>) {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 0, max: 6 }), (ops, maxItems) => {
      const sim = createSim({ seed: 1 });
      const q = make({
        scheduler: sim.scheduler,
        rateLimiter: itemExponentialFailureRateLimiter<string>(5, 1_000),
      });
      const processing: string[] = [];
      for (const o of ops) {
        if (o.op === 'add') q.add(`k${o.key}`, { priority: o.priority });
        else if (o.op === 'addAfter') q.addAfter(`k${o.key}`, o.ms);
        else if (o.op === 'addRateLimited') q.addRateLimited(`k${o.key}`);
        else if (o.op === 'get') {
          const got = q.get();
          if (got) processing.push(got.item);
        } else if (o.op === 'done') {
          const item = processing.shift();
          if (item !== undefined) q.done(item);
        } else sim.scheduler.runUntil(sim.scheduler.now() + o.ms);
        const full = q.snapshot();
        expect(full.counts).toEqual({
          queued: full.queued.length,
          dirty: full.dirty.length,
          processing: full.processing.length,
          waiting: full.waiting.length,
        });
        expect(q.snapshot({ maxItems })).toEqual(cut(full, maxItems));
      }
    }),
  );
}

describe('queue snapshots cut at maxItems', () => {
  it('classic workqueue: the first items of each full list, in order, and the full counts', () => {
    check((opts) => createWorkQueue(opts));
  });
  it('priority queue: the first items of each full list, in order, and the full counts', () => {
    check((opts) => createPriorityQueue(opts));
  });
});
