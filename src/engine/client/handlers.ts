/**
 * controller-runtime event handlers (pkg/handler): they turn informer events into reconcile requests. A request
 * is only a "namespace/name" key (pkg/reconcile Request): no event type, no object, so reconciling is level-based.
 *
 * With the priority queue, initial-list adds and same-resourceVersion updates (resyncs) go in at LOW_PRIORITY
 * (pkg/handler/eventhandler.go addToQueueCreate, addToQueueUpdate, WithLowPriorityWhenUnchanged). The classic
 * queue ignores priorities, which is exactly what controller-runtime does when the queue is not a priority queue.
 */
import type { ResourceDefinition } from '../api/resource.ts';
import type { KubeObject, OwnerReference } from '../api/types.ts';
import { objectKey, splitApiVersion } from '../api/types.ts';
import type { CreateEvent, DeleteEvent, GenericEvent, UpdateEvent } from './events.ts';
import { LOW_PRIORITY } from './priority-queue.ts';
import type { AddOptions } from './workqueue.ts';

/** The part of a queue an event handler may touch. */
export interface EnqueueTarget {
  add(key: string, opts?: AddOptions): void;
}

export interface EventHandler {
  /** Shown in the UI next to the watch it serves. */
  readonly name: string;
  create(e: CreateEvent, q: EnqueueTarget): void;
  update(e: UpdateEvent, q: EnqueueTarget): void;
  delete(e: DeleteEvent, q: EnqueueTarget): void;
  generic(e: GenericEvent, q: EnqueueTarget): void;
}

const keyOfObject = (obj: KubeObject) => objectKey(obj.metadata.namespace, obj.metadata.name ?? '');

const createPriority = (e: CreateEvent): AddOptions | undefined =>
  e.isInInitialList ? { priority: LOW_PRIORITY } : undefined;

const updatePriority = (e: UpdateEvent): AddOptions | undefined =>
  e.objectOld.metadata.resourceVersion === e.objectNew.metadata.resourceVersion
    ? { priority: LOW_PRIORITY }
    : undefined;

/** The object's own key, for builder.For. pkg/handler/enqueue.go TypedEnqueueRequestForObject. */
export function enqueueRequestForObject(): EventHandler {
  return {
    name: 'EnqueueRequestForObject',
    create: (e, q) => q.add(keyOfObject(e.object), createPriority(e)),
    update: (e, q) => q.add(keyOfObject(e.objectNew ?? e.objectOld), updatePriority(e)),
    delete: (e, q) => q.add(keyOfObject(e.object)),
    generic: (e, q) => q.add(keyOfObject(e.object)),
  };
}

export interface OwnerHandlerOptions {
  /** Only the ownerReference with controller: true counts (builder.Owns default). False = builder.MatchEveryOwner. */
  onlyControllerOwner?: boolean;
}

/**
 * The owner's key, for builder.Owns: ownerReferences whose group and kind match the owner type, the version
 * ignored; the name from the reference, the namespace from the child unless the owner is cluster-scoped. Updates
 * enqueue the owners of both the old and the new object. pkg/handler/enqueue_owner.go getOwnerReconcileRequest,
 * getOwnersReferences, Update.
 */
export function enqueueRequestForOwner(
  owner: Pick<ResourceDefinition, 'group' | 'kind' | 'scope'>,
  opts: OwnerHandlerOptions = {},
): EventHandler {
  const onlyController = opts.onlyControllerOwner ?? true;
  const refsOf = (obj: KubeObject | undefined): OwnerReference[] => {
    const refs = obj?.metadata.ownerReferences ?? [];
    if (!onlyController) return refs;
    // metav1.GetControllerOf: the first reference with controller: true.
    const ctrl = refs.find((r) => r.controller === true);
    return ctrl ? [ctrl] : [];
  };
  const collect = (obj: KubeObject | undefined, into: Set<string>) => {
    for (const ref of refsOf(obj)) {
      if (ref.kind !== owner.kind || splitApiVersion(ref.apiVersion).group !== owner.group) continue;
      into.add(objectKey(owner.scope === 'Cluster' ? undefined : obj!.metadata.namespace, ref.name));
    }
  };
  const enqueueAll = (keys: Set<string>, q: EnqueueTarget, o: AddOptions | undefined) => {
    for (const key of keys) q.add(key, o);
  };
  return {
    name: `EnqueueRequestForOwner(${owner.kind}${owner.group ? '.' + owner.group : ''}${onlyController ? ', controller only' : ''})`,
    create(e, q) {
      const keys = new Set<string>();
      collect(e.object, keys);
      enqueueAll(keys, q, createPriority(e));
    },
    update(e, q) {
      const keys = new Set<string>();
      collect(e.objectOld, keys);
      collect(e.objectNew, keys);
      enqueueAll(keys, q, updatePriority(e));
    },
    delete(e, q) {
      const keys = new Set<string>();
      collect(e.object, keys);
      enqueueAll(keys, q, undefined);
    },
    generic(e, q) {
      const keys = new Set<string>();
      collect(e.object, keys);
      enqueueAll(keys, q, undefined);
    },
  };
}

/** Maps an object to the keys ("namespace/name") of the objects to reconcile. */
export type MapFunc = (obj: KubeObject) => readonly string[];

/**
 * Fan-out to arbitrary keys; updates map both the old and the new object. pkg/handler/enqueue_mapped.go
 * TypedEnqueueRequestsFromMapFunc.
 */
export function enqueueRequestsFromMapFunc(fn: MapFunc, name = 'EnqueueRequestsFromMapFunc'): EventHandler {
  const run = (objs: (KubeObject | undefined)[], q: EnqueueTarget, o: AddOptions | undefined) => {
    const seen = new Set<string>();
    for (const obj of objs) {
      if (obj === undefined) continue;
      for (const key of fn(obj)) {
        if (seen.has(key)) continue;
        seen.add(key);
        q.add(key, o);
      }
    }
  };
  return {
    name,
    create: (e, q) => run([e.object], q, createPriority(e)),
    update: (e, q) => run([e.objectOld, e.objectNew], q, updatePriority(e)),
    delete: (e, q) => run([e.object], q, undefined),
    generic: (e, q) => run([e.object], q, undefined),
  };
}
