import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng.ts';
import { createScheduler } from '../sim/scheduler.ts';
import { createBackoff } from './backoff.ts';

// client-go tools/cache/reflector.go defaultBackoff* with apimachinery wait.Backoff.DelayWithReset (fact 55).
describe('reflector backoff', () => {
  it('without jitter: 800 ms doubling to a 30 s cap', () => {
    const s = createScheduler();
    const b = createBackoff(s, createRng(1), { jitter: 0 });
    expect(Array.from({ length: 8 }, () => b.next())).toEqual([
      800, 1600, 3200, 6400, 12800, 25600, 30000, 30000,
    ]);
  });

  it('jitter 1.0 puts each delay in [d, 2d)', () => {
    const s = createScheduler();
    const b = createBackoff(s, createRng(7));
    const delays = Array.from({ length: 6 }, () => b.next());
    const bases = [800, 1600, 3200, 6400, 12800, 25600];
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(bases[i]!);
      expect(d).toBeLessThan(2 * bases[i]!);
    });
  });

  it('starts again from 800 ms once more than 2 minutes have passed since the last reset', () => {
    const s = createScheduler();
    const b = createBackoff(s, createRng(1), { jitter: 0 });
    b.next();
    b.next();
    s.runUntil(120_001);
    expect(b.next()).toBe(800);
    expect(b.next()).toBe(1600);
  });

  it('rejects nonsense parameters', () => {
    const s = createScheduler();
    expect(() => createBackoff(s, createRng(1), { initialMs: 0 })).toThrow(/initialMs/);
    expect(() => createBackoff(s, createRng(1), { jitter: -1 })).toThrow(/jitter/);
  });
});
