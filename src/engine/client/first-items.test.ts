import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstItems, takeItems } from './first-items.ts';

type E = { k: number; at: number };
const less = (a: E, b: E) => a.k < b.k;

describe('firstItems', () => {
  it('equals a stable full sort cut at the limit, for any items and limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 })),
        fc.integer({ min: 0, max: 12 }),
        (keys, limit) => {
          const items = keys.map((k, at) => ({ k, at }));
          const sorted = [...items].sort((a, b) => a.k - b.k || a.at - b.at);
          expect(firstItems(items, less, limit)).toEqual(sorted.slice(0, limit));
          expect(firstItems(items, less)).toEqual(sorted);
        },
      ),
    );
  });
});

describe('takeItems', () => {
  it('takes the first items in iteration order', () => {
    expect(takeItems(new Set(['a', 'b', 'c']), 2)).toEqual(['a', 'b']);
    expect(takeItems(new Set(['a', 'b']), 5)).toEqual(['a', 'b']);
    expect(takeItems(new Set(['a', 'b']))).toEqual(['a', 'b']);
    expect(takeItems(['a'], 0)).toEqual([]);
  });
});
