/**
 * kube-controller-manager's garbage collector (k8s.io/kubernetes pkg/controller/garbagecollector), facts 83–85.
 * It watches every committed write (SIMPLIFIED: through the server's commit hook instead of metadata informers),
 * queues work, and acts through the public API as actor "garbage-collector" after a short virtual delay per step,
 * so a cascade shows up in the trace one level at a time:
 * - attemptToDeleteItem: a dependent whose owners are all dangling (absent, or present with another UID) is
 *   deleted with the policy its own finalizers imply; dangling references next to solid ones are removed;
 *   dependents of an owner in foreground deletion are deleted (in Foreground when they have dependents);
 * - processDeletingDependentsItem: an owner with foregroundDeletion loses that finalizer once no dependent with
 *   blockOwnerDeletion remains (the server then removes it, fact 78);
 * - orphanDependents: an owner with the orphan finalizer has its references stripped from every dependent, then
 *   loses the finalizer.
 */
import type { ApiServer, PropagationPolicy } from './api.ts';
import { jsonEqual } from './json.ts';
import type { ResourceDefinition } from './resource.ts';
import { resourceIdOf } from './resource.ts';
import type { StoredEvent } from './store.ts';
import { ApiError, type KubeObject, type OwnerReference } from './types.ts';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from './validation.ts';
import type { Sim } from '../sim/sim.ts';
import type { TimerHandle } from '../sim/scheduler.ts';

export interface Located {
  def: ResourceDefinition;
  obj: KubeObject;
}

export interface GcHost {
  api: ApiServer;
  sim: Sim;
  delayMs: number;
  onCommit(fn: (e: StoredEvent) => void): () => void;
  byUid(uid: string): Located | undefined;
  dependentsOf(uid: string): Located[];
  /** The owner as the GC looks it up: by kind, the dependent's namespace and the name (garbagecollector.go isDangling). */
  getByCoordinates(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): Located | undefined;
}

export interface GarbageCollector {
  /** Work items queued. */
  pending(): number;
  stop(): void;
}

type WorkKind = 'delete' | 'orphan';

interface Item {
  kind: WorkKind;
  uid: string;
  due: number;
}

const ACTOR = 'garbage-collector';
const hasFinalizer = (obj: KubeObject, f: string) => obj.metadata.finalizers?.includes(f) === true;
const isDeletingDependents = (obj: KubeObject) =>
  !!obj.metadata.deletionTimestamp && hasFinalizer(obj, FINALIZER_FOREGROUND);

export function createGarbageCollector(host: GcHost): GarbageCollector {
  const { sim } = host;
  const queue: Item[] = [];
  const queued = new Set<string>();
  const failures = new Map<string, number>();
  let timer: TimerHandle | undefined;
  let stopped = false;

  const itemKey = (kind: WorkKind, uid: string) => `${kind}:${uid}`;

  const schedule = () => {
    if (timer || stopped || queue.length === 0) return;
    timer = sim.scheduler.at(queue[0]!.due, run, 'garbage-collector');
  };

  const enqueue = (kind: WorkKind, uid: string | undefined, delay = host.delayMs) => {
    if (!uid || stopped) return;
    const k = itemKey(kind, uid);
    if (queued.has(k)) return;
    queued.add(k);
    const due = sim.now() + delay;
    // Keep the queue sorted by due time; retries may be due later than fresh work.
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.due > due) i--;
    queue.splice(i, 0, { kind, uid, due });
    schedule();
  };

  const retry = (kind: WorkKind, uid: string) => {
    const k = itemKey(kind, uid);
    const n = (failures.get(k) ?? 0) + 1;
    failures.set(k, n);
    // workqueue rate limiting, compressed: the step delay doubled per failure, capped at 64 steps.
    enqueue(kind, uid, Math.max(1, host.delayMs) * Math.min(64, 2 ** n));
  };

  /** Runs an API call; 404 means the work is moot, any other error retries the item. */
  const attempt = (kind: WorkKind, uid: string, fn: () => void): boolean => {
    try {
      fn();
      return true;
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.code === 404) return true;
        retry(kind, uid);
        return false;
      }
      throw e;
    }
  };

  const idOf = (l: Located) => resourceIdOf(l.def);

  const patchOwnerRefs = (l: Located, refs: OwnerReference[]) =>
    host.api.patch(
      idOf(l),
      l.obj.metadata.namespace,
      l.obj.metadata.name ?? '',
      'merge',
      {
        metadata: {
          ownerReferences: refs.length ? refs : null,
          resourceVersion: l.obj.metadata.resourceVersion,
        },
      },
      { actor: ACTOR },
    );

  // garbagecollector.go removeFinalizer: a read-modify-write guarded by resourceVersion.
  const removeFinalizer = (l: Located, finalizer: string) => {
    const rest = (l.obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    host.api.patch(
      idOf(l),
      l.obj.metadata.namespace,
      l.obj.metadata.name ?? '',
      'merge',
      {
        metadata: { finalizers: rest.length ? rest : null, resourceVersion: l.obj.metadata.resourceVersion },
      },
      { actor: ACTOR },
    );
  };

  const deleteItem = (l: Located, policy: PropagationPolicy) =>
    host.api.delete(idOf(l), l.obj.metadata.namespace, l.obj.metadata.name ?? '', {
      actor: ACTOR,
      propagationPolicy: policy,
      preconditions: { uid: l.obj.metadata.uid },
    });

  // garbagecollector.go processDeletingDependentsItem
  const processDeletingDependents = (owner: Located) => {
    const uid = owner.obj.metadata.uid!;
    const blocking = host
      .dependentsOf(uid)
      .filter((d) =>
        d.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true),
      );
    if (blocking.length === 0) {
      attempt('delete', uid, () => removeFinalizer(owner, FINALIZER_FOREGROUND));
      return;
    }
    for (const d of blocking) if (!isDeletingDependents(d.obj)) enqueue('delete', d.obj.metadata.uid);
  };

  // garbagecollector.go attemptToDeleteItem + classifyReferences
  const attemptToDelete = (uid: string) => {
    const item = host.byUid(uid);
    if (!item) return;
    const meta = item.obj.metadata;
    if (meta.deletionTimestamp) {
      if (hasFinalizer(item.obj, FINALIZER_FOREGROUND)) processDeletingDependents(item);
      return;
    }
    const refs = meta.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      let owner: Located | undefined;
      let unknownKind = false;
      try {
        owner = host.getByCoordinates(ref.apiVersion, ref.kind, meta.namespace, ref.name);
        unknownKind = owner === undefined && !host.api.registry.byKind(ref.apiVersion, ref.kind);
      } catch {
        unknownKind = true;
      }
      // An owner kind the server does not serve cannot be checked; the real GC retries forever. Keep it.
      if (unknownKind) solid.push(ref);
      else if (!owner || owner.obj.metadata.uid !== ref.uid) dangling.push(ref);
      else if (isDeletingDependents(owner.obj)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      attempt('delete', uid, () =>
        patchOwnerRefs(
          item,
          refs.filter((r) => !drop.has(r.uid)),
        ),
      );
      return;
    }
    if (waiting.length > 0 && host.dependentsOf(uid).length > 0) {
      // Break foreground cycles: a dependent that is itself deleting its dependents stops blocking us.
      if (host.dependentsOf(uid).some((d) => isDeletingDependents(d.obj))) {
        const waitingUids = new Set(waiting.map((r) => r.uid));
        const unblocked = refs.map((r) => (waitingUids.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r));
        if (!attempt('delete', uid, () => patchOwnerRefs(item, unblocked))) return;
      }
      attempt('delete', uid, () => deleteItem(item, 'Foreground'));
      return;
    }
    const policy: PropagationPolicy = hasFinalizer(item.obj, FINALIZER_ORPHAN)
      ? 'Orphan'
      : hasFinalizer(item.obj, FINALIZER_FOREGROUND)
        ? 'Foreground'
        : 'Background';
    attempt('delete', uid, () => deleteItem(item, policy));
  };

  // garbagecollector.go orphanDependents, then removeFinalizer(orphan)
  const orphan = (uid: string) => {
    const owner = host.byUid(uid);
    if (!owner || !owner.obj.metadata.deletionTimestamp || !hasFinalizer(owner.obj, FINALIZER_ORPHAN)) return;
    for (const d of host.dependentsOf(uid)) {
      const refs = d.obj.metadata.ownerReferences ?? [];
      if (
        !attempt('orphan', uid, () =>
          patchOwnerRefs(
            d,
            refs.filter((r) => r.uid !== uid),
          ),
        )
      )
        return;
    }
    const fresh = host.byUid(uid);
    if (fresh) attempt('orphan', uid, () => removeFinalizer(fresh, FINALIZER_ORPHAN));
  };

  function run(): void {
    timer = undefined;
    const now = sim.now();
    while (queue.length > 0 && queue[0]!.due <= now && !stopped) {
      const it = queue.shift()!;
      queued.delete(itemKey(it.kind, it.uid));
      const before = failures.get(itemKey(it.kind, it.uid));
      if (it.kind === 'delete') attemptToDelete(it.uid);
      else orphan(it.uid);
      // A pass that did not re-queue the item succeeded: forget its failures.
      if (before !== undefined && !queued.has(itemKey(it.kind, it.uid)))
        failures.delete(itemKey(it.kind, it.uid));
    }
    schedule();
  }

  const ownerUids = (obj: KubeObject | undefined) => (obj?.metadata.ownerReferences ?? []).map((r) => r.uid);

  // graph_builder.go processGraphChanges, reduced to the transitions that create work.
  const unsubscribe = host.onCommit((e) => {
    const obj = e.obj;
    const uid = obj.metadata.uid;
    if (!uid) return;
    if (e.type === 'DELETED') {
      for (const d of host.dependentsOf(uid)) enqueue('delete', d.obj.metadata.uid);
      // the object just deleted may have been the last blocker of an owner in foreground deletion
      for (const o of ownerUids(e.prev ?? obj)) {
        const owner = host.byUid(o);
        if (owner && isDeletingDependents(owner.obj)) enqueue('delete', o);
      }
      return;
    }
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, FINALIZER_ORPHAN)) enqueue('orphan', uid);
      if (hasFinalizer(obj, FINALIZER_FOREGROUND)) {
        enqueue('delete', uid);
        const wasDeleting = e.prev !== undefined && isDeletingDependents(e.prev);
        if (!wasDeleting) for (const d of host.dependentsOf(uid)) enqueue('delete', d.obj.metadata.uid);
      }
    }
    const refs = obj.metadata.ownerReferences ?? [];
    for (const r of refs) {
      const owner = host.byUid(r.uid);
      // an owner the graph does not know (a "virtual node") or one deleting its dependents: look closer
      if (!owner || isDeletingDependents(owner.obj)) {
        enqueue('delete', uid);
        break;
      }
    }
    if (e.type === 'MODIFIED' && e.prev) {
      const before = e.prev.metadata.ownerReferences ?? [];
      if (!jsonEqual(before, refs)) {
        for (const o of new Set([...ownerUids(e.prev), ...refs.map((r) => r.uid)])) {
          const owner = host.byUid(o);
          if (owner && isDeletingDependents(owner.obj)) enqueue('delete', o);
        }
      }
    }
  });

  return {
    pending: () => queue.length,
    stop: () => {
      stopped = true;
      unsubscribe();
      sim.scheduler.cancel(timer);
      timer = undefined;
      queue.length = 0;
      queued.clear();
    },
  };
}
