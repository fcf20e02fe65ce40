/**
 * kube-controller-manager's namespace controller (k8s.io/kubernetes pkg/controller/namespace/deletion
 * namespaced_resources_deleter.go), SIMPLIFIED: when a Namespace is Terminating it deletes every object in it,
 * one DELETE per object instead of a deletecollection per resource, waits until nothing is left (objects held by
 * finalizers keep it waiting), then removes the "kubernetes" spec finalizer through /finalize, which lets the
 * Namespace go. It acts through the API as actor "namespace-controller", a step delay after each change.
 */
import type { ApiServer } from './api.ts';
import { resourceIdOf, type ResourceDefinition, type ResourceRegistry } from './resource.ts';
import type { StoredEvent } from './store.ts';
import { ApiError, type KubeObject } from './types.ts';
import type { Sim } from '../sim/sim.ts';
import type { TimerHandle } from '../sim/scheduler.ts';

export interface NamespaceControllerHost {
  api: ApiServer;
  sim: Sim;
  delayMs: number;
  registry: ResourceRegistry;
  onCommit(fn: (e: StoredEvent) => void): () => void;
  /** The stored Namespace, if any. */
  namespace(name: string): KubeObject | undefined;
  /** Every namespaced object stored in the namespace. */
  contentOf(namespace: string): { def: ResourceDefinition; obj: KubeObject }[];
  /** The /finalize write: clears spec.finalizers (and deletes the Namespace when nothing else holds it). */
  finalize(name: string): void;
}

export interface NamespaceController {
  pending(): number;
  stop(): void;
}

const ACTOR = 'namespace-controller';

export function createNamespaceController(host: NamespaceControllerHost): NamespaceController {
  const { sim } = host;
  const queue = new Map<string, number>();
  let timer: TimerHandle | undefined;

  const isNamespaceEvent = (e: StoredEvent) => e.resource === 'namespaces';

  const terminating = (name: string): KubeObject | undefined => {
    const ns = host.namespace(name);
    return ns?.metadata.deletionTimestamp ? ns : undefined;
  };

  const schedule = () => {
    if (timer || queue.size === 0) return;
    let due = Infinity;
    for (const d of queue.values()) due = Math.min(due, d);
    timer = sim.scheduler.at(due, run, 'namespace-controller');
  };

  const enqueue = (name: string) => {
    if (queue.has(name)) return;
    queue.set(name, sim.now() + host.delayMs);
    schedule();
  };

  const sync = (name: string) => {
    const ns = terminating(name);
    if (!ns) return;
    const content = host.contentOf(name);
    if (content.length === 0) {
      const f = ns.spec?.finalizers;
      if (Array.isArray(f) && f.includes('kubernetes')) host.finalize(name);
      return;
    }
    for (const { def, obj } of content) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        host.api.delete(resourceIdOf(def), name, obj.metadata.name ?? '', {
          actor: ACTOR,
          propagationPolicy: 'Background',
          preconditions: { uid: obj.metadata.uid },
        });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // 404/409: it changed under us; the next event brings us back. Others: try again later.
        if (e.code !== 404 && e.code !== 409) {
          queue.set(name, sim.now() + Math.max(1, host.delayMs) * 4);
        }
      }
    }
  };

  function run(): void {
    timer = undefined;
    const now = sim.now();
    for (const [name, due] of [...queue]) {
      if (due > now) continue;
      queue.delete(name);
      sync(name);
    }
    schedule();
  }

  const unsubscribe = host.onCommit((e) => {
    if (isNamespaceEvent(e)) {
      if (e.type !== 'DELETED' && e.obj.metadata.deletionTimestamp) enqueue(e.obj.metadata.name ?? '');
      return;
    }
    const ns = e.obj.metadata.namespace;
    if (e.type === 'DELETED' && ns && terminating(ns)) enqueue(ns);
  });

  return {
    pending: () => queue.size,
    stop: () => {
      unsubscribe();
      sim.scheduler.cancel(timer);
      timer = undefined;
      queue.clear();
    },
  };
}
