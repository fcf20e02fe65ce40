import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listWindow, scrollToRow } from './virtual-list.ts';

describe('listWindow', () => {
  it('renders only the rows in view plus overscan, for 100k rows', () => {
    const w = listWindow({ scrollTop: 22_000, viewHeight: 264, rowHeight: 22, count: 100_000, overscan: 6 });
    expect(w).toEqual({ first: 994, last: 1018 });
  });

  it('clamps at both ends and for empty lists', () => {
    expect(listWindow({ scrollTop: 0, viewHeight: 264, rowHeight: 22, count: 5, overscan: 6 })).toEqual({
      first: 0,
      last: 5,
    });
    expect(listWindow({ scrollTop: 1e9, viewHeight: 264, rowHeight: 22, count: 50, overscan: 6 })).toEqual({
      first: 50,
      last: 50,
    });
    expect(listWindow({ scrollTop: 0, viewHeight: 264, rowHeight: 22, count: 0, overscan: 6 })).toEqual({
      first: 0,
      last: 0,
    });
  });

  it('always covers every row that intersects the viewport (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 1, max: 2000 }),
        (count, scrollTop, viewHeight) => {
          const w = listWindow({ scrollTop, viewHeight, rowHeight: 22, count, overscan: 3 });
          expect(w.first).toBeLessThanOrEqual(w.last);
          expect(w.last).toBeLessThanOrEqual(count);
          expect(w.last - w.first).toBeLessThanOrEqual(Math.ceil(viewHeight / 22) + 1 + 6);
          const firstVisible = Math.floor(scrollTop / 22);
          const lastVisible = Math.min(count, Math.ceil((scrollTop + viewHeight) / 22));
          if (firstVisible < count) {
            expect(w.first).toBeLessThanOrEqual(firstVisible);
            expect(w.last).toBeGreaterThanOrEqual(lastVisible);
          }
        },
      ),
    );
  });
});

describe('scrollToRow', () => {
  it('scrolls only when the row is out of view', () => {
    expect(scrollToRow(10, 0, 220, 22)).toBe(22);
    expect(scrollToRow(2, 0, 220, 22)).toBe(0);
    expect(scrollToRow(1, 100, 220, 22)).toBe(22);
  });
});
