/**
 * Every object's resourceVersions as the inspector lists them: each committed write with its virtual time,
 * who wrote it and the object as stored. It listens to the API server's commits (stored objects are never
 * mutated, so keeping them costs no copies) and to the trace, whose open api.request names the writer.
 *
 * A world rebuilt by replay (seek back) cannot be listened to from t = 0, so the recorder is handed the old
 * history cut at the target time: the run is deterministic, so those versions are exactly the replayed ones.
 */
import { resourceIdOf } from '../../engine/api/resource.ts';
import type { StoredEvent } from '../../engine/api/store.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import type { ObjectRef } from './lab-store.ts';

export interface ObjectVersion {
  rv: string;
  /** Virtual ms of the write. */
  t: number;
  type: StoredEvent['type'];
  /** The writer as the API request named it (a controller, kubelet, kubectl, user); kube-apiserver for its own. */
  actor: string;
  verb: string;
  obj: KubeObject;
}

/** Versions by object key (kind/namespace/name), oldest first. */
export type HistoryData = ReadonlyMap<string, readonly ObjectVersion[]>;

export interface ObjectHistory {
  /** The object's versions, oldest first; empty when it was never seen. */
  versions(ref: ObjectRef): readonly ObjectVersion[];
  /** Writes recorded so far: changes whenever a version is added. */
  size(): number;
  /** Every version written at or before t: what a world replayed to t would have recorded. */
  upTo(t: number): HistoryData;
  /** Every object key seen, in first-seen order. */
  keys(): IterableIterator<string>;
  /** Objects seen so far: changes only when a new one appears. */
  objectCount(): number;
  dispose(): void;
}

export const refKey = (ref: ObjectRef): string => `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;

const objectKey = (obj: KubeObject): string =>
  `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

/** The ObjectRef a history key stands for. */
export function refOfHistoryKey(key: string): ObjectRef {
  const [kind = '', namespace = '', ...rest] = key.split('/');
  const name = rest.join('/');
  return namespace ? { kind, namespace, name } : { kind, name };
}

type HistoryWorld = Pick<LabWorld, 'api' | 'sim'>;

/**
 * Starts recording. Without `carried` the world's current objects become each one's first version (the
 * scenario's t = 0 apply happens inside createWorld, before anyone can listen), attributed from the trace.
 */
export function recordHistory(world: HistoryWorld, carried?: HistoryData): ObjectHistory {
  const byKey = new Map<string, ObjectVersion[]>();
  let count = 0;
  const push = (key: string, v: ObjectVersion) => {
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(v);
    count++;
  };

  if (carried) {
    for (const [key, list] of carried) for (const v of list) push(key, v);
  } else {
    const writers = new Map<string, { actor: string; verb: string; t: number }>();
    for (const e of world.sim.trace.all()) {
      if (e.type === 'api.response' && e.code < 300 && e.rv)
        writers.set(e.rv, { actor: e.actor, verb: e.verb, t: e.t });
    }
    for (const def of world.api.registry.all()) {
      for (const obj of world.api.peek(resourceIdOf(def))) {
        const rv = obj.metadata.resourceVersion ?? '';
        const w = writers.get(rv);
        push(objectKey(obj), {
          rv,
          t: w?.t ?? world.sim.now(),
          type: 'ADDED',
          actor: w?.actor ?? 'unknown',
          verb: w?.verb ?? 'create',
          obj,
        });
      }
    }
  }

  // Requests are synchronous inside the server, so the innermost open request is the one committing.
  const open: { reqId: number; actor: string; verb: string }[] = [];
  const unTrace = world.sim.trace.subscribe((e) => {
    if (e.type === 'api.request') open.push({ reqId: e.reqId, actor: e.actor, verb: e.verb });
    else if (e.type === 'api.response') {
      const i = open.findLastIndex((r) => r.reqId === e.reqId);
      if (i >= 0) open.splice(i, 1);
    }
  });
  const unCommit = world.api.onCommit((e) => {
    const req = open[open.length - 1];
    push(objectKey(e.obj), {
      rv: String(e.rv),
      t: world.sim.now(),
      type: e.type,
      actor: req?.actor ?? 'kube-apiserver',
      verb: req?.verb ?? (e.type === 'DELETED' ? 'delete' : 'update'),
      obj: e.obj,
    });
  });

  return {
    versions: (ref) => byKey.get(refKey(ref)) ?? [],
    size: () => count,
    upTo(t) {
      const out = new Map<string, readonly ObjectVersion[]>();
      for (const [key, list] of byKey) {
        let n = list.length;
        while (n > 0 && list[n - 1]!.t > t) n--;
        if (n > 0) out.set(key, list.slice(0, n));
      }
      return out;
    },
    keys: () => byKey.keys(),
    objectCount: () => byKey.size,
    dispose() {
      unTrace();
      unCommit();
    },
  };
}
