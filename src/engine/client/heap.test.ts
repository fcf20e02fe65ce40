import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHeap } from './heap.ts';

describe('heap', () => {
  it('pops in the order of its comparator, whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (values) => {
        const h = createHeap<number>((a, b) => a < b);
        for (const v of values) h.push(v);
        expect(h.size).toBe(values.length);
        const out: number[] = [];
        for (let v = h.pop(); v !== undefined; v = h.pop()) out.push(v);
        expect(out).toEqual([...values].sort((a, b) => a - b));
        expect(h.peek()).toBeUndefined();
      }),
    );
  });
});
