/**
 * client-go's workqueue rate limiters (util/workqueue/default_rate_limiters.go), on the virtual clock.
 * Delays are virtual milliseconds. Each limiter remembers failures per item; `when` is called once per
 * AddRateLimited and counts a failure every time, even for an item that is already queued.
 */
import type { Clock } from '../sim/scheduler.ts';

export interface RateLimiter<T> {
  /** A short label for the UI, e.g. "exponential(5ms, 1000s)". */
  readonly name: string;
  /** How long to wait before the item may be processed again; records one more failure. */
  when(item: T): number;
  /** Stops tracking the item: its next failure starts again at the first row of the table. */
  forget(item: T): void;
  /** Failures recorded since the last forget. */
  numRequeues(item: T): number;
}

function requirePositive(what: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${what} must be a positive number, got ${value}`);
}

/** Prints a millisecond figure the way the UI labels delays: "5ms", "1000s". */
function ms(value: number): string {
  return value >= 1000 && value % 1000 === 0 ? `${value / 1000}s` : `${value}ms`;
}

/**
 * base × 2^(n−1) for the n-th failure since the last forget, capped at max.
 * client-go default_rate_limiters.go (*TypedItemExponentialFailureRateLimiter).When.
 */
export function itemExponentialFailureRateLimiter<T>(baseMs: number, maxMs: number): RateLimiter<T> {
  requirePositive('baseMs', baseMs);
  requirePositive('maxMs', maxMs);
  const failures = new Map<T, number>();
  return {
    name: `exponential(${ms(baseMs)}, ${ms(maxMs)})`,
    when(item) {
      const exp = failures.get(item) ?? 0;
      failures.set(item, exp + 1);
      // Past 2^1024 the float is Infinity, which still compares above max: the cap holds, as in Go's overflow guard.
      const backoff = baseMs * Math.pow(2, exp);
      return backoff > maxMs ? maxMs : backoff;
    },
    forget: (item) => void failures.delete(item),
    numRequeues: (item) => failures.get(item) ?? 0,
  };
}

/**
 * fastMs for the first maxFastAttempts failures, slowMs after.
 * client-go default_rate_limiters.go (*TypedItemFastSlowRateLimiter).When.
 */
export function itemFastSlowRateLimiter<T>(
  fastMs: number,
  slowMs: number,
  maxFastAttempts: number,
): RateLimiter<T> {
  requirePositive('fastMs', fastMs);
  requirePositive('slowMs', slowMs);
  if (!Number.isInteger(maxFastAttempts) || maxFastAttempts < 0) {
    throw new RangeError(`maxFastAttempts must be a whole number >= 0, got ${maxFastAttempts}`);
  }
  const failures = new Map<T, number>();
  return {
    name: `fast-slow(${ms(fastMs)} ×${maxFastAttempts}, then ${ms(slowMs)})`,
    when(item) {
      const n = (failures.get(item) ?? 0) + 1;
      failures.set(item, n);
      return n <= maxFastAttempts ? fastMs : slowMs;
    },
    forget: (item) => void failures.delete(item),
    numRequeues: (item) => failures.get(item) ?? 0,
  };
}

export interface BucketRateLimiter<T> extends RateLimiter<T> {
  /** Tokens left now (negative while reservations are owed), for the UI's bucket gauge. */
  tokens(): number;
}

/**
 * One token bucket shared by every item: golang.org/x/time/rate Limiter.Reserve().Delay() on the virtual clock.
 * It starts full, refills continuously at qps tokens a second up to burst, and a reservation may drive the
 * count below zero, which is the wait. It tracks no items (client-go (*TypedBucketRateLimiter).When,
 * NumRequeues, Forget).
 */
export function bucketRateLimiter<T>(clock: Clock, qps: number, burst: number): BucketRateLimiter<T> {
  requirePositive('qps', qps);
  if (!Number.isInteger(burst) || burst < 1)
    throw new RangeError(`burst must be a whole number >= 1, got ${burst}`);
  let tokens = burst;
  let last = clock.now();
  // x/time/rate (*Limiter).advance: tokens earned since last, never above burst.
  const advance = (now: number): number => {
    const elapsed = Math.max(0, now - last);
    return Math.min(burst, tokens + (elapsed * qps) / 1000);
  };
  return {
    name: `bucket(${qps} qps, burst ${burst})`,
    when() {
      const now = clock.now();
      const available = advance(now) - 1;
      last = now;
      tokens = available;
      if (available >= 0) return 0;
      // x/time/rate Limit.durationFromTokens; rounded to the nanosecond to drop float noise such as 99.99999 ms.
      return Math.round(((-available * 1000) / qps) * 1e6) / 1e6;
    },
    forget: () => undefined,
    numRequeues: () => 0,
    tokens: () => advance(clock.now()),
  };
}

/**
 * Asks every limiter (so each one's state advances, the bucket's reservation included) and waits for the
 * longest. client-go default_rate_limiters.go (*TypedMaxOfRateLimiter).When, NumRequeues, Forget.
 */
export function maxOfRateLimiter<T>(...limiters: RateLimiter<T>[]): RateLimiter<T> {
  if (limiters.length === 0) throw new RangeError('maxOfRateLimiter needs at least one limiter');
  return {
    name: `max(${limiters.map((l) => l.name).join(', ')})`,
    when(item) {
      let longest = 0;
      for (const l of limiters) longest = Math.max(longest, l.when(item));
      return longest;
    },
    forget(item) {
      for (const l of limiters) l.forget(item);
    },
    numRequeues(item) {
      let most = 0;
      for (const l of limiters) most = Math.max(most, l.numRequeues(item));
      return most;
    },
  };
}

/** Exponential from 1 ms (not 5) to 1000 s. client-go DefaultTypedItemBasedRateLimiter. */
export function defaultItemBasedRateLimiter<T>(): RateLimiter<T> {
  return itemExponentialFailureRateLimiter<T>(1, 1_000_000);
}

/**
 * max(exponential 5 ms..1000 s, bucket 10 qps / burst 100): controller-runtime's default up to v0.22.
 * client-go DefaultTypedControllerRateLimiter.
 */
export function defaultControllerRateLimiter<T>(clock: Clock): RateLimiter<T> {
  return maxOfRateLimiter<T>(
    itemExponentialFailureRateLimiter<T>(5, 1_000_000),
    bucketRateLimiter<T>(clock, 10, 100),
  );
}

/**
 * Exponential 5 ms..1000 s with no bucket: what controller-runtime v0.23+ gives a controller whose queue is the
 * priority queue (pkg/controller/controller.go NewTypedUnmanaged; priorityqueue.New).
 */
export function priorityQueueDefaultRateLimiter<T>(): RateLimiter<T> {
  return itemExponentialFailureRateLimiter<T>(5, 1_000_000);
}
