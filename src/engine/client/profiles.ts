/**
 * The two controller-runtime generations the lab can run, and the queue and rate limiter each gives a controller
 * that does not choose its own (controller-runtime pkg/controller/controller.go NewTypedUnmanaged:
 * UsePriorityQueue defaults to false up to v0.22 and to true from v0.23).
 */
import type { Clock, Scheduler } from '../sim/scheduler.ts';
import type { Trace } from '../sim/trace.ts';
import { createPriorityQueue } from './priority-queue.ts';
import {
  defaultControllerRateLimiter,
  priorityQueueDefaultRateLimiter,
  type RateLimiter,
} from './rate-limiters.ts';
import { createWorkQueue, type QueueProfile, type WorkQueue } from './workqueue.ts';

export type { QueueProfile };

export const QUEUE_PROFILES: readonly QueueProfile[] = ['classic', 'priority-queue'];

export function isQueueProfile(value: unknown): value is QueueProfile {
  return value === 'classic' || value === 'priority-queue';
}

/** The label the UI shows next to the running profile. */
export function describeProfile(profile: QueueProfile): string {
  return profile === 'classic'
    ? 'classic queue (controller-runtime ≤ v0.22): exponential 5ms–1000s, max’d with a 10 qps / burst 100 bucket'
    : 'priority queue (controller-runtime ≥ v0.23): exponential 5ms–1000s, no bucket';
}

function checkProfile(profile: QueueProfile): void {
  if (!isQueueProfile(profile)) {
    throw new RangeError(`unknown queue profile "${String(profile)}": use ${QUEUE_PROFILES.join(' or ')}`);
  }
}

/** classic: max(exponential 5ms..1000s, bucket 10 qps/100); priority-queue: exponential only (fact 24). */
export function rateLimiterForProfile<T>(profile: QueueProfile, clock: Clock): RateLimiter<T> {
  checkProfile(profile);
  return profile === 'classic'
    ? defaultControllerRateLimiter<T>(clock)
    : priorityQueueDefaultRateLimiter<T>();
}

export interface QueueForProfileOptions<T> {
  scheduler: Scheduler;
  /** Overrides the profile's default limiter (controller Options.RateLimiter). */
  rateLimiter?: RateLimiter<T>;
  name?: string;
  trace?: Trace;
  describe?: (item: T) => string;
}

export function queueForProfile<T>(profile: QueueProfile, opts: QueueForProfileOptions<T>): WorkQueue<T> {
  checkProfile(profile);
  const rateLimiter = opts.rateLimiter ?? rateLimiterForProfile<T>(profile, opts.scheduler);
  const queueOpts = { ...opts, rateLimiter };
  return profile === 'classic' ? createWorkQueue<T>(queueOpts) : createPriorityQueue<T>(queueOpts);
}
