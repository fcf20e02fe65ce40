import { describe, expect, it } from 'vitest';
import { createScheduler } from '../sim/scheduler.ts';
import { describeProfile, isQueueProfile, queueForProfile, rateLimiterForProfile } from './profiles.ts';

describe('queue profiles (controller-runtime pkg/controller/controller.go UsePriorityQueue default)', () => {
  it('classic is the client-go rate-limiting queue with the bucket; priority-queue has the exponential limiter only', () => {
    const scheduler = createScheduler();
    const classic = queueForProfile<string>('classic', { scheduler });
    const pq = queueForProfile<string>('priority-queue', { scheduler });
    expect(classic.profile).toBe('classic');
    expect(pq.profile).toBe('priority-queue');
    expect(classic.rateLimiter.name).toContain('bucket(10 qps, burst 100)');
    expect(pq.rateLimiter.name).toBe('exponential(5ms, 1000s)');
    expect(describeProfile('priority-queue')).toMatch(/v0\.23/);
  });

  it('rejects an unknown profile with the allowed names', () => {
    const scheduler = createScheduler();
    expect(isQueueProfile('fifo')).toBe(false);
    expect(() => queueForProfile('fifo' as never, { scheduler })).toThrow(/classic or priority-queue/);
    expect(() => rateLimiterForProfile('x' as never, scheduler)).toThrow(/unknown queue profile/);
  });
});
