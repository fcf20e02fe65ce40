import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';

describe('seeded rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('stays in range and is roughly uniform', () => {
    const r = createRng(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });

  it('jitters within ±factor', () => {
    const r = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.jitter(10_000, 0.2);
      expect(v).toBeGreaterThanOrEqual(8000);
      expect(v).toBeLessThanOrEqual(12_000);
    }
  });

  it('makes generateName-style suffixes and v4-shaped uuids', () => {
    const r = createRng(9);
    expect(r.suffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('resumes the exact stream from a saved state', () => {
    const r = createRng(5);
    r.next();
    const saved = r.state();
    const expected = [r.next(), r.next()];
    const resumed = createRng(0, saved);
    expect([resumed.next(), resumed.next()]).toEqual(expected);
  });
});
