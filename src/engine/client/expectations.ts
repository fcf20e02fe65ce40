/**
 * ControllerExpectations (kubernetes pkg/controller/controller_utils.go): how the ReplicaSet controller avoids
 * acting twice on a stale cache. Before creating or deleting pods it records how many adds/deletes it expects to
 * see through its informer; it does not manage replicas again until the informer has shown them all, or the
 * expectations are older than ExpectationsTimeout (5 minutes, on the virtual clock).
 */
import type { Clock } from '../sim/scheduler.ts';

/** controller_utils.go ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export interface ExpectationsSnapshot {
  key: string;
  add: number;
  del: number;
  /** When the expectations were set. */
  timestamp: number;
  fulfilled: boolean;
  expired: boolean;
}

export interface ControllerExpectations {
  /** True when there are no expectations for key, they are fulfilled, or they expired. controller_utils.go SatisfiedExpectations. */
  satisfiedExpectations(key: string): boolean;
  /** Replaces key's expectations and restarts their clock. SetExpectations. */
  setExpectations(key: string, add: number, del: number): void;
  expectCreations(key: string, adds: number): void;
  expectDeletions(key: string, dels: number): void;
  /** Adds to existing expectations without restarting their clock; no-op without expectations. RaiseExpectations. */
  raiseExpectations(key: string, add: number, del: number): void;
  lowerExpectations(key: string, add: number, del: number): void;
  creationObserved(key: string): void;
  deletionObserved(key: string): void;
  deleteExpectations(key: string): void;
  get(key: string): ExpectationsSnapshot | undefined;
  snapshot(): ExpectationsSnapshot[];
}

interface Entry {
  add: number;
  del: number;
  timestamp: number;
}

function count(what: string, n: number): number {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return n;
}

export function createControllerExpectations(
  clock: Clock,
  timeoutMs = EXPECTATIONS_TIMEOUT_MS,
): ControllerExpectations {
  const entries = new Map<string, Entry>();
  // ControlleeExpectations.Fulfilled and isExpired.
  const fulfilled = (e: Entry) => e.add <= 0 && e.del <= 0;
  const expired = (e: Entry) => clock.now() - e.timestamp > timeoutMs;
  const view = (key: string, e: Entry): ExpectationsSnapshot => ({
    key,
    add: e.add,
    del: e.del,
    timestamp: e.timestamp,
    fulfilled: fulfilled(e),
    expired: expired(e),
  });
  const lower = (key: string, add: number, del: number) => {
    const e = entries.get(key);
    if (!e) return;
    e.add -= add;
    e.del -= del;
  };

  const api: ControllerExpectations = {
    satisfiedExpectations(key) {
      const e = entries.get(key);
      // No record: a new controller, or one whose expectations were deleted; let it sync.
      if (!e) return true;
      return fulfilled(e) || expired(e);
    },
    setExpectations(key, add, del) {
      entries.set(key, { add: count('add', add), del: count('del', del), timestamp: clock.now() });
    },
    expectCreations: (key, adds) => api.setExpectations(key, adds, 0),
    expectDeletions: (key, dels) => api.setExpectations(key, 0, dels),
    raiseExpectations(key, add, del) {
      const e = entries.get(key);
      if (!e) return;
      e.add += count('add', add);
      e.del += count('del', del);
    },
    lowerExpectations: (key, add, del) => lower(key, count('add', add), count('del', del)),
    creationObserved: (key) => lower(key, 1, 0),
    deletionObserved: (key) => lower(key, 0, 1),
    deleteExpectations: (key) => void entries.delete(key),
    get(key) {
      const e = entries.get(key);
      return e ? view(key, e) : undefined;
    },
    snapshot: () => [...entries].map(([key, e]) => view(key, e)),
  };
  return api;
}

export interface UIDTrackingControllerExpectations extends Omit<
  ControllerExpectations,
  'expectDeletions' | 'deletionObserved'
> {
  /** Expects exactly these pods (by key) to go; clobbers any earlier set. UIDTrackingControllerExpectations.ExpectDeletions. */
  expectDeletions(key: string, deletedKeys: readonly string[]): void;
  /** Lowers the count only for a pod that was expected to go, once. UIDTrackingControllerExpectations.DeletionObserved. */
  deletionObserved(key: string, deletedKey: string): void;
  /** The pod keys still expected to go. */
  getUIDs(key: string): readonly string[] | undefined;
}

/** The ReplicaSet controller's variant: deletions are tracked per pod, so a pod seen deleted twice counts once. */
export function createUIDTrackingControllerExpectations(
  clock: Clock,
  timeoutMs = EXPECTATIONS_TIMEOUT_MS,
): UIDTrackingControllerExpectations {
  const inner = createControllerExpectations(clock, timeoutMs);
  const uids = new Map<string, Set<string>>();
  return {
    ...inner,
    expectDeletions(key, deletedKeys) {
      const set = new Set(deletedKeys);
      uids.set(key, set);
      inner.expectDeletions(key, set.size);
    },
    deletionObserved(key, deletedKey) {
      const set = uids.get(key);
      if (!set || !set.has(deletedKey)) return;
      inner.deletionObserved(key);
      set.delete(deletedKey);
    },
    deleteExpectations(key) {
      uids.delete(key);
      inner.deleteExpectations(key);
    },
    getUIDs: (key) => (uids.has(key) ? [...uids.get(key)!] : undefined),
  };
}
