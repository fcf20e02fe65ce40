/**
 * A running tally of the pods each ReplicaSet controls, kept in step with the pod informer's cache.
 *
 * The ReplicaSet controller recounts every pod it owns on every sync (replica_set_utils.go calculateStatus), and
 * a 10,000-pod ReplicaSet syncs hundreds of times while its pods start. The tally gives the same counts without
 * the scan: it is fed by the same informer notifications that update the cache (handlers run after the cache
 * changes), so it always describes exactly what a scan of the cache would find. It is keyed by the ReplicaSet's
 * selector and template labels; when those change, the next read recounts from scratch.
 */
import type { SharedIndexInformer } from '../../client/informer.ts';
import { isTombstone } from '../../client/events.ts';
import type { KubeObject } from '../../api/types.ts';
import type { PodView, ReplicaSetShape } from './pod-view.ts';

export interface OwnedCounts {
  /** Active pods that match the selector: status.replicas. */
  replicas: number;
  fullyLabeled: number;
  ready: number;
  /** Active pods whose labels no longer match the selector: the controller must release them. */
  mismatched: number;
}

interface Tally {
  pods: Map<string, KubeObject>;
  shape: ReplicaSetShape | undefined;
  counts: OwnedCounts;
}

export interface OwnedPodTracker {
  /** The counts for this ReplicaSet (by uid) and shape, recounting only when the shape changed. */
  counts(ownerUid: string, shape: ReplicaSetShape): Readonly<OwnedCounts>;
  /** Every pod the ReplicaSet controls, as the cache has them now. */
  pods(ownerUid: string): KubeObject[];
}

const zero = (): OwnedCounts => ({ replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 0 });

const keyOf = (pod: KubeObject) => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;

export function createOwnedPodTracker(
  informer: SharedIndexInformer,
  viewOf: (pod: KubeObject, shape: ReplicaSetShape) => PodView,
): OwnedPodTracker {
  const tallies = new Map<string, Tally>();
  const ownerOfKey = new Map<string, string>();

  const apply = (t: Tally, pod: KubeObject, sign: 1 | -1) => {
    if (!t.shape) return;
    const v = viewOf(pod, t.shape);
    if (!v.active) return;
    if (!v.matchesSelector) {
      t.counts.mismatched += sign;
      return;
    }
    t.counts.replicas += sign;
    if (v.hasTemplateLabels) t.counts.fullyLabeled += sign;
    if (v.ready) t.counts.ready += sign;
  };

  const remove = (key: string) => {
    const owner = ownerOfKey.get(key);
    if (owner === undefined) return;
    const t = tallies.get(owner)!;
    const old = t.pods.get(key)!;
    apply(t, old, -1);
    t.pods.delete(key);
    ownerOfKey.delete(key);
    // An empty tally is dropped; the next read recounts zero pods, which costs nothing.
    if (t.pods.size === 0) tallies.delete(owner);
  };

  const put = (pod: KubeObject) => {
    const key = keyOf(pod);
    remove(key);
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
    if (owner === undefined) return;
    let t = tallies.get(owner);
    if (!t) tallies.set(owner, (t = { pods: new Map(), shape: undefined, counts: zero() }));
    t.pods.set(key, pod);
    ownerOfKey.set(key, owner);
    apply(t, pod, 1);
  };

  informer.addEventHandler({
    onAdd: (obj) => put(obj),
    onUpdate: (_old, obj) => put(obj),
    onDelete: (obj) => remove(isTombstone(obj) ? obj.key : keyOf(obj)),
  });

  return {
    counts(ownerUid, shape) {
      let t = tallies.get(ownerUid);
      if (!t) tallies.set(ownerUid, (t = { pods: new Map(), shape: undefined, counts: zero() }));
      if (
        !t.shape ||
        t.shape.selectorKey !== shape.selectorKey ||
        t.shape.templateKey !== shape.templateKey
      ) {
        t.shape = shape;
        t.counts = zero();
        for (const pod of t.pods.values()) apply(t, pod, 1);
      }
      return t.counts;
    },
    pods: (ownerUid) => [...(tallies.get(ownerUid)?.pods.values() ?? [])],
  };
}
