/**
 * The virtual clock and its event queue. Time only moves when an event runs; events run in order of
 * (time, sequence), so two events at the same virtual millisecond run in the order they were scheduled.
 * Nothing here touches wall time: the UI decides how fast virtual time passes.
 */
export interface Clock {
  /** Virtual milliseconds since the start of the run. */
  now(): number;
}

export interface TimerHandle {
  readonly id: number;
}

interface Entry {
  at: number;
  seq: number;
  label: string;
  fn: () => void;
  cancelled: boolean;
}

export interface Scheduler extends Clock {
  /** Runs fn at virtual time now + delayMs (delay < 0 counts as 0). */
  after(delayMs: number, fn: () => void, label?: string): TimerHandle;
  /** Runs fn at absolute virtual time at (never earlier than now). */
  at(atMs: number, fn: () => void, label?: string): TimerHandle;
  cancel(handle: TimerHandle | undefined): void;
  /** Runs the next due event, advancing the clock to its time. Returns false when nothing is scheduled. */
  step(): boolean;
  /** Runs every event due at or before t, then sets the clock to t. Returns the number of events run. */
  runUntil(t: number, maxEvents?: number): number;
  /**
   * Moves the clock to t without running anything. Only legal when no event is due before t: replay uses it to
   * put the clock exactly where a user action found it.
   */
  advanceTo(t: number): void;
  /** Time of the next scheduled event, or undefined. */
  peekTime(): number | undefined;
  /** Label of the next scheduled event, or undefined. */
  peekLabel(): string | undefined;
  /** Number of pending (not cancelled) events. */
  pending(): number;
  /** Total events run since the start. */
  executed(): number;
}

/** A binary min-heap on (at, seq): O(log n) insert and pop, no allocation per comparison. */
export function createScheduler(startMs = 0): Scheduler {
  let now = startMs;
  let seq = 0;
  let live = 0;
  let executed = 0;
  const heap: Entry[] = [];
  const byId = new Map<number, Entry>();

  const less = (x: Entry, y: Entry) => x.at < y.at || (x.at === y.at && x.seq < y.seq);

  const push = (e: Entry) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };

  const pop = (): Entry | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };

  const dropCancelled = () => {
    while (heap.length > 0 && heap[0]!.cancelled) pop();
  };

  const schedule = (atMs: number, fn: () => void, label: string): TimerHandle => {
    if (!Number.isFinite(atMs)) throw new RangeError(`cannot schedule "${label}" at ${atMs}`);
    const e: Entry = { at: Math.max(now, Math.round(atMs)), seq: ++seq, label, fn, cancelled: false };
    push(e);
    live++;
    byId.set(e.seq, e);
    return { id: e.seq };
  };

  const runOne = (): boolean => {
    dropCancelled();
    const e = pop();
    if (!e) return false;
    byId.delete(e.seq);
    live--;
    now = e.at;
    executed++;
    e.fn();
    return true;
  };

  return {
    now: () => now,
    after: (delayMs, fn, label = '') => schedule(now + Math.max(0, delayMs), fn, label),
    at: (atMs, fn, label = '') => schedule(atMs, fn, label),
    cancel: (handle) => {
      if (!handle) return;
      const e = byId.get(handle.id);
      if (!e || e.cancelled) return;
      e.cancelled = true;
      byId.delete(handle.id);
      live--;
    },
    step: runOne,
    runUntil: (t, maxEvents = Number.POSITIVE_INFINITY) => {
      let n = 0;
      for (;;) {
        dropCancelled();
        const head = heap[0];
        if (!head || head.at > t || n >= maxEvents) break;
        runOne();
        n++;
      }
      if (n < maxEvents && t > now) now = t;
      return n;
    },
    advanceTo: (t) => {
      dropCancelled();
      const head = heap[0];
      if (head && head.at < t) throw new RangeError(`cannot advance to ${t}: an event is due at ${head.at}`);
      if (t > now) now = t;
    },
    peekTime: () => {
      dropCancelled();
      return heap[0]?.at;
    },
    peekLabel: () => {
      dropCancelled();
      return heap[0]?.label;
    },
    pending: () => live,
    executed: () => executed,
  };
}
