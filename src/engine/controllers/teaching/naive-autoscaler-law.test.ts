import { describe, expect, it } from 'vitest';
import { NAIVE_MAX_REPLICAS, naiveAtRest, naiveNextReplicas } from './naive-autoscaler-law.ts';

function trace(n0: number, ideal: number, d: number, gain: 1 | 0.5, steps: number): number[] {
  const h = [n0];
  while (h.length < steps) h.push(naiveNextReplicas(h, ideal, d, gain));
  return h;
}

// lessons-research.md part b BL-12 (deadtime_sim.py): L/t = 9, N0 = 3.
describe('naiveNextReplicas (BL-12 traces)', () => {
  it('d=0 is deadbeat', () => {
    expect(trace(3, 9, 0, 1, 4)).toEqual([3, 9, 9, 9]);
  });
  it('d=1, gain 1 cycles with period 6', () => {
    expect(trace(3, 9, 1, 1, 10)).toEqual([3, 9, 27, 27, 9, 3, 3, 9, 27, 27]);
  });
  it('d=2, gain 1 grows until the clip', () => {
    const t = trace(3, 9, 2, 1, 12);
    expect(Math.max(...t)).toBe(NAIVE_MAX_REPLICAS);
  });
  it('d=1, gain 0.5 settles at 10 (ceil rounding; ideal 9)', () => {
    expect(trace(3, 9, 1, 0.5, 9)).toEqual([3, 6, 11, 14, 13, 11, 10, 10, 10]);
  });
  it('rejects an empty history and bad inputs', () => {
    expect(() => naiveNextReplicas([], 9, 1, 1)).toThrow(/empty/);
    expect(() => naiveNextReplicas([3], 0, 1, 1)).toThrow(/bad ideal/);
    expect(() => naiveNextReplicas([3], 9, -1, 1)).toThrow(/bad ideal/);
  });
});

describe('naiveAtRest', () => {
  it('needs the last d+1 values to equal the next one', () => {
    expect(naiveAtRest([10, 10], 10, 1)).toBe(true);
    expect(naiveAtRest([11, 10], 10, 1)).toBe(false);
    expect(naiveAtRest([10], 10, 1)).toBe(false);
    expect(naiveAtRest([9], 9, 0)).toBe(true);
  });
});
