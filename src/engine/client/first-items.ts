/**
 * The `limit` least items of an iterable, in order, without sorting all of them: a queue of thousands of keys
 * drawn every frame shows a handful, and sorting (and copying) every key each time was most of the lab's
 * garbage at 2,000 Machines. Without a limit, all items, sorted. Stable: equal items keep iteration order.
 */
export function firstItems<E>(items: Iterable<E>, less: (a: E, b: E) => boolean, limit?: number): E[] {
  if (limit === undefined) {
    const all = [...items];
    // Array.prototype.sort is stable: ties keep their iteration order.
    return all.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  }
  const out: E[] = [];
  if (limit <= 0) return out;
  for (const e of items) {
    if (out.length === limit && !less(e, out[limit - 1]!)) continue;
    // Insert after every kept item not greater than e (stability), dropping the greatest when full.
    let i = out.length;
    while (i > 0 && less(e, out[i - 1]!)) i--;
    out.splice(i, 0, e);
    if (out.length > limit) out.pop();
  }
  return out;
}

/** The first `limit` items in iteration order (all without a limit). */
export function takeItems<E>(items: Iterable<E>, limit?: number): E[] {
  if (limit === undefined) return [...items];
  const out: E[] = [];
  if (limit <= 0) return out;
  for (const e of items) {
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}
