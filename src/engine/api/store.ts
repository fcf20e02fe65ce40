/**
 * The API server's storage: what etcd plus the watch cache hold. One global revision counter (fact 65: every
 * real write gets the next resourceVersion), the current object of every key, and a bounded history of write
 * events that watches replay from (apiserver pkg/storage/cacher/watch_cache.go: a ring of recent events).
 *
 * Stored objects are never mutated: every write stores a new object, so history entries can share them and
 * observers can read them without copies. Anything handed to callers is copied by the server, not here.
 */
import type { ResourceId } from './resource.ts';
import type { KubeObject } from './types.ts';

export type StoredEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed write, as the watch cache records it. */
export interface StoredEvent {
  readonly rv: number;
  readonly resource: ResourceId;
  readonly type: StoredEventType;
  readonly key: string;
  /** The new state; for DELETED the last state, carrying the deletion's resourceVersion (fact 96). */
  readonly obj: KubeObject;
  /** The state before this write (MODIFIED, DELETED), for filter transitions (cacher.go). */
  readonly prev?: KubeObject;
}

interface Bucket {
  readonly objects: Map<string, KubeObject>;
  sorted: string[] | undefined;
}

export interface ObjectStore {
  /** The newest resourceVersion handed out. */
  currentRv(): number;
  get(resource: ResourceId, key: string): KubeObject | undefined;
  /** Current objects of a resource, in insertion order. */
  values(resource: ResourceId): IterableIterator<KubeObject>;
  /** Keys of a resource sorted as etcd returns them (by namespace/name). Cached until a create or delete. */
  sortedKeys(resource: ResourceId): readonly string[];
  count(resource: ResourceId): number;
  /** Stores obj (or deletes key when type is DELETED) under the next resourceVersion, which it stamps on obj. */
  commit(
    resource: ResourceId,
    type: StoredEventType,
    key: string,
    obj: KubeObject,
    prev?: KubeObject,
  ): StoredEvent;
  /** Where the object with this uid lives now. */
  byUid(uid: string): { resource: ResourceId; key: string } | undefined;
  /** uids of objects whose ownerReferences name this uid. */
  dependentsOf(ownerUid: string): ReadonlySet<string>;
  /** The first resourceVersion a watch can still be replayed from; older ones get 410 (fact 99). */
  oldestAvailableRv(): number;
  /** Events with rv > afterRv, oldest first. The caller checks afterRv against oldestAvailableRv first. */
  eventsAfter(afterRv: number): StoredEvent[];
  /** Drops the whole history, as an etcd compaction does: only watches from the current RV can resume. */
  compact(): void;
}

export function createObjectStore(opts: { initialRv: number; historySize: number }): ObjectStore {
  if (!Number.isSafeInteger(opts.initialRv) || opts.initialRv < 0) {
    throw new RangeError(`initial resourceVersion must be a non-negative integer, got ${opts.initialRv}`);
  }
  if (!Number.isSafeInteger(opts.historySize) || opts.historySize < 1) {
    throw new RangeError(`watch history size must be a positive integer, got ${opts.historySize}`);
  }
  let rv = opts.initialRv;
  const buckets = new Map<ResourceId, Bucket>();
  const uids = new Map<string, { resource: ResourceId; key: string }>();
  const owners = new Map<string, Set<string>>();
  const EMPTY: ReadonlySet<string> = new Set();

  // History ring. Every resourceVersion since the last compaction has exactly one event, so an RV maps to a slot.
  const cap = opts.historySize;
  const ring: (StoredEvent | undefined)[] = new Array(cap);
  let head = 0;
  let size = 0;

  const bucket = (resource: ResourceId): Bucket => {
    let b = buckets.get(resource);
    if (!b) {
      b = { objects: new Map(), sorted: undefined };
      buckets.set(resource, b);
    }
    return b;
  };

  const ownerUids = (obj: KubeObject | undefined): string[] =>
    obj?.metadata.ownerReferences?.map((r) => r.uid).filter((u): u is string => typeof u === 'string') ?? [];

  // Runs on every commit: compare the reference lists without allocating first.
  const sameOwners = (a: KubeObject | undefined, b: KubeObject | undefined): boolean => {
    const x = a?.metadata.ownerReferences;
    const y = b?.metadata.ownerReferences;
    if (x === y) return true;
    const n = x?.length ?? 0;
    if (n !== (y?.length ?? 0)) return false;
    for (let i = 0; i < n; i++) if (x![i]!.uid !== y![i]!.uid) return false;
    return true;
  };

  const reindexOwners = (
    uid: string | undefined,
    before: KubeObject | undefined,
    after: KubeObject | undefined,
  ) => {
    if (!uid || sameOwners(before, after)) return;
    const was = ownerUids(before);
    const now = ownerUids(after);
    for (const o of was) {
      const set = owners.get(o);
      if (set) {
        set.delete(uid);
        if (set.size === 0) owners.delete(o);
      }
    }
    for (const o of now) {
      let set = owners.get(o);
      if (!set) owners.set(o, (set = new Set()));
      set.add(uid);
    }
  };

  const pushHistory = (e: StoredEvent) => {
    if (size < cap) {
      ring[(head + size) % cap] = e;
      size++;
    } else {
      ring[head] = e;
      head = (head + 1) % cap;
    }
  };

  return {
    currentRv: () => rv,
    get: (resource, key) => buckets.get(resource)?.objects.get(key),
    values: (resource) => bucket(resource).objects.values(),
    sortedKeys: (resource) => {
      const b = bucket(resource);
      b.sorted ??= [...b.objects.keys()].sort();
      return b.sorted;
    },
    count: (resource) => buckets.get(resource)?.objects.size ?? 0,
    commit(resource, type, key, obj, prev) {
      rv++;
      const b = bucket(resource);
      const uid = obj.metadata.uid;
      if (type === 'DELETED') {
        // The deleted object's last state, re-stamped with the deletion's revision (fact 96).
        const last: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
        b.objects.delete(key);
        b.sorted = undefined;
        if (uid) uids.delete(uid);
        reindexOwners(uid, prev ?? obj, undefined);
        const e: StoredEvent = { rv, resource, type, key, obj: last, prev: prev ?? obj };
        pushHistory(e);
        return e;
      }
      obj.metadata.resourceVersion = String(rv);
      if (!b.objects.has(key)) b.sorted = undefined;
      b.objects.set(key, obj);
      if (uid) uids.set(uid, { resource, key });
      reindexOwners(uid, prev, obj);
      const e: StoredEvent = prev ? { rv, resource, type, key, obj, prev } : { rv, resource, type, key, obj };
      pushHistory(e);
      return e;
    },
    byUid: (uid) => uids.get(uid),
    dependentsOf: (ownerUid) => owners.get(ownerUid) ?? EMPTY,
    oldestAvailableRv: () => (size > 0 ? ring[head]!.rv : rv + 1),
    eventsAfter(afterRv) {
      const out: StoredEvent[] = [];
      if (size === 0) return out;
      const first = ring[head]!.rv;
      for (let i = Math.max(0, afterRv + 1 - first); i < size; i++) out.push(ring[(head + i) % cap]!);
      return out;
    },
    compact() {
      ring.fill(undefined);
      head = 0;
      size = 0;
    },
  };
}
