/**
 * A binary min-heap under a caller-given order. The queues keep entries in one and drop stale ones lazily
 * when they reach the top, so a re-prioritised item costs one push instead of a search.
 */
export interface Heap<T> {
  push(value: T): void;
  pop(): T | undefined;
  peek(): T | undefined;
  readonly size: number;
  /** The entries in heap (not sorted) order, for snapshots. */
  values(): readonly T[];
}

export function createHeap<T>(less: (a: T, b: T) => boolean): Heap<T> {
  const items: T[] = [];

  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(items[i]!, items[p]!)) break;
      [items[i], items[p]] = [items[p]!, items[i]!];
      i = p;
    }
  };

  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && less(items[l]!, items[m]!)) m = l;
      if (r < items.length && less(items[r]!, items[m]!)) m = r;
      if (m === i) return;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
  };

  return {
    push(value) {
      items.push(value);
      up(items.length - 1);
    },
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        down(0);
      }
      return top;
    },
    peek: () => items[0],
    get size() {
      return items.length;
    },
    values: () => items,
  };
}
