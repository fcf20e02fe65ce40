import { describe, expect, it } from 'vitest';
import { createFrameBudget } from './frame-budget.ts';

describe('createFrameBudget', () => {
  it('gives the engine the ceiling while drawing is cheap', () => {
    const b = createFrameBudget({ frameMs: 16, minMs: 2, maxMs: 8 });
    expect(b.engineMs()).toBe(8);
    for (let i = 0; i < 20; i++) b.record(16, 8);
    expect(b.engineMs()).toBe(8);
  });

  it('shrinks to what the frame leaves when drawing is heavy, down to the floor, and recovers', () => {
    const b = createFrameBudget({ frameMs: 16, minMs: 2, maxMs: 8 });
    for (let i = 0; i < 30; i++) b.record(18, 6);
    expect(b.engineMs()).toBeCloseTo(4, 1);
    for (let i = 0; i < 30; i++) b.record(40, 2);
    expect(b.engineMs()).toBe(2);
    for (let i = 0; i < 30; i++) b.record(10, 5);
    expect(b.engineMs()).toBe(8);
  });

  it('ignores stalls and nonsense samples', () => {
    const b = createFrameBudget();
    b.record(5_000, 0);
    b.record(Number.NaN, 0);
    b.record(-3, 0);
    expect(b.engineMs()).toBe(8);
  });
});
