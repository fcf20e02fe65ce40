import { describe, expect, it } from 'vitest';
import { createScheduler } from '../sim/scheduler.ts';
import { rateLimiterForProfile } from './profiles.ts';
import {
  bucketRateLimiter,
  defaultControllerRateLimiter,
  defaultItemBasedRateLimiter,
  itemExponentialFailureRateLimiter,
  itemFastSlowRateLimiter,
  maxOfRateLimiter,
} from './rate-limiters.ts';

// truth-client-go-apiserver.md §2.1: ItemExponentialFailureRateLimiter(5ms, 1000s), delay for failure n.
const TABLE_2_1_MS = [
  5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 20480, 40960, 81920, 163840, 327680, 655360,
  1_000_000, 1_000_000,
];

describe('ItemExponentialFailureRateLimiter (client-go default_rate_limiters.go)', () => {
  it('TestItemExponentialFailureRateLimiter: 1ms base gives 1, 2, 4, 8, 16 ms and NumRequeues counts When calls', () => {
    const rl = itemExponentialFailureRateLimiter<string>(1, 1000);
    expect([1, 2, 3, 4, 5].map(() => rl.when('one'))).toEqual([1, 2, 4, 8, 16]);
    expect(rl.numRequeues('one')).toBe(5);
    expect(rl.when('two')).toBe(1);
    rl.forget('one');
    expect(rl.numRequeues('one')).toBe(0);
    expect(rl.when('one')).toBe(1);
    expect(rl.numRequeues('two')).toBe(1);
  });

  it('caps at max and survives exponents past float range', () => {
    const rl = itemExponentialFailureRateLimiter<string>(5, 1_000_000);
    let last = 0;
    for (let i = 0; i < 2000; i++) last = rl.when('x');
    expect(last).toBe(1_000_000);
    expect(rl.numRequeues('x')).toBe(2000);
  });

  it('rejects a non-positive base or max', () => {
    expect(() => itemExponentialFailureRateLimiter(0, 10)).toThrow(/baseMs/);
    expect(() => itemExponentialFailureRateLimiter(5, Number.NaN)).toThrow(/maxMs/);
  });

  it('DefaultTypedItemBasedRateLimiter starts at 1 ms, not 5 ms (fact 23)', () => {
    const rl = defaultItemBasedRateLimiter<string>();
    expect([rl.when('a'), rl.when('a'), rl.when('a')]).toEqual([1, 2, 4]);
  });
});

describe('rate limiter tables for failures 1–20 in both profiles (§2.1, fact 24)', () => {
  for (const profile of ['classic', 'priority-queue'] as const) {
    it(`${profile}: one key failing every 10 s follows the exponential table`, () => {
      const s = createScheduler();
      const rl = rateLimiterForProfile<string>(profile, s);
      const delays: number[] = [];
      const requeues: number[] = [];
      for (let n = 1; n <= 20; n++) {
        requeues.push(rl.numRequeues('ns/a'));
        delays.push(rl.when('ns/a'));
        s.runUntil(s.now() + 10_000);
      }
      expect(delays).toEqual(TABLE_2_1_MS);
      expect(requeues).toEqual(TABLE_2_1_MS.map((_, i) => i));
      rl.forget('ns/a');
      expect(rl.when('ns/a')).toBe(5);
    });
  }

  it('a burst of 500 keys failing at once: classic spreads them with the bucket, priority-queue does not (§2.2)', () => {
    const s = createScheduler();
    const classic = rateLimiterForProfile<string>('classic', s);
    const pq = rateLimiterForProfile<string>('priority-queue', s);
    const classicDelays: number[] = [];
    const pqDelays: number[] = [];
    for (let i = 0; i < 500; i++) {
      classicDelays.push(classic.when(`ns/k${i}`));
      pqDelays.push(pq.when(`ns/k${i}`));
    }
    expect(classicDelays.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(classicDelays[100]).toBe(100);
    expect(classicDelays[499]).toBe(40_000);
    expect(pqDelays.every((d) => d === 5)).toBe(true);
  });
});

describe('BucketRateLimiter (x/time/rate Reserve().Delay(), fact 21)', () => {
  it('starts full: the first 100 calls wait 0, the 101st 100 ms, the 102nd 200 ms', () => {
    const s = createScheduler();
    const rl = bucketRateLimiter<string>(s, 10, 100);
    const delays = Array.from({ length: 102 }, (_, i) => rl.when(`k${i}`));
    expect(delays.slice(0, 100).every((d) => d === 0)).toBe(true);
    expect(delays[100]).toBe(100);
    expect(delays[101]).toBe(200);
    expect(rl.numRequeues('k0')).toBe(0);
  });

  it('refills continuously at qps, never above burst, and tracks no items', () => {
    const s = createScheduler();
    const rl = bucketRateLimiter<string>(s, 10, 100);
    for (let i = 0; i < 100; i++) rl.when('same');
    expect(rl.tokens()).toBeCloseTo(0, 9);
    s.runUntil(250);
    expect(rl.tokens()).toBeCloseTo(2.5, 9);
    expect(rl.when('same')).toBe(0);
    expect(rl.when('same')).toBe(0);
    expect(rl.when('same')).toBe(50);
    s.runUntil(1_000_000);
    expect(rl.tokens()).toBe(100);
    rl.forget('same');
    expect(rl.numRequeues('same')).toBe(0);
  });

  it('rejects a zero rate or a fractional burst', () => {
    const s = createScheduler();
    expect(() => bucketRateLimiter(s, 0, 10)).toThrow(/qps/);
    expect(() => bucketRateLimiter(s, 10, 1.5)).toThrow(/burst/);
  });
});

describe('MaxOfRateLimiter (fact 22)', () => {
  it('advances every limiter, returns the longest wait, forwards Forget and reports the largest NumRequeues', () => {
    const s = createScheduler();
    const a = itemExponentialFailureRateLimiter<string>(1, 1000);
    const b = itemFastSlowRateLimiter<string>(3, 50, 2);
    const rl = maxOfRateLimiter(a, b);
    expect([rl.when('x'), rl.when('x'), rl.when('x'), rl.when('x')]).toEqual([3, 3, 50, 50]);
    expect(a.numRequeues('x')).toBe(4);
    expect(rl.numRequeues('x')).toBe(4);
    rl.forget('x');
    expect(a.numRequeues('x')).toBe(0);
    expect(b.numRequeues('x')).toBe(0);
    expect(rl.name).toContain('exponential(1ms, 1s)');
    expect(() => maxOfRateLimiter()).toThrow(/at least one/);
    expect(defaultControllerRateLimiter<string>(s).when('y')).toBe(5);
  });
});

describe('ItemFastSlowRateLimiter', () => {
  it('is fast for maxFastAttempts failures, then slow', () => {
    const rl = itemFastSlowRateLimiter<string>(5, 10_000, 3);
    expect([1, 2, 3, 4, 5].map(() => rl.when('a'))).toEqual([5, 5, 5, 10_000, 10_000]);
    rl.forget('a');
    expect(rl.when('a')).toBe(5);
    expect(() => itemFastSlowRateLimiter(5, 10, -1)).toThrow(/maxFastAttempts/);
  });
});
