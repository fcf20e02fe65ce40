/**
 * What every Cluster API controller here needs from the engine: resource ids for contract references (any
 * infrastructure kind included), owner references, and dynamic watches on referenced kinds — controller-runtime's
 * external.ObjectTracker (controllers/external/tracker.go Watch), which adds a watch for a kind the first time a
 * reconcile meets it.
 */
import type { ApiServer } from '../../../api/api.ts';
import { resourceIdOf, type ResourceId } from '../../../api/resource.ts';
import type { KubeObject, OwnerReference } from '../../../api/types.ts';
import type { Controller } from '../../../client/controller.ts';
import { isTombstone } from '../../../client/events.ts';
import type { InformerFactory } from '../../../client/informer-factory.ts';
import type { SharedIndexInformer } from '../../../client/informer.ts';
import type { QueueProfile } from '../../../client/profiles.ts';
import type { Transport } from '../../../client/transport.ts';
import type { Sim } from '../../../sim/sim.ts';
import type { ObjectRef } from '../fields.ts';

export const CLUSTER_API_VERSION = 'cluster.x-k8s.io/v1beta2';
export const MACHINES = 'machines.cluster.x-k8s.io';
export const MACHINE_SETS = 'machinesets.cluster.x-k8s.io';
export const MACHINE_DEPLOYMENTS = 'machinedeployments.cluster.x-k8s.io';
export const CLUSTERS = 'clusters.cluster.x-k8s.io';
export const MHCS = 'machinehealthchecks.cluster.x-k8s.io';
export const KUBEADM_CONFIGS = 'kubeadmconfigs.bootstrap.cluster.x-k8s.io';
export const KUBEADM_CONFIG_TEMPLATES = 'kubeadmconfigtemplates.bootstrap.cluster.x-k8s.io';
export const KCPS = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';
export const NODES = 'nodes';
export const SECRETS = 'secrets';
export const PODS = 'pods';

/** Everything a Cluster API controller is built from. */
export interface CapiDeps {
  sim: Sim;
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  transport?: Transport | undefined;
}

/** The resource of a contract reference (apiGroup + kind), or undefined when no such kind is served yet. */
export function resourceForRef(
  api: ApiServer,
  ref: Pick<ObjectRef, 'kind'> & { apiGroup?: string },
): ResourceId | undefined {
  const group = ref.apiGroup ?? '';
  for (const def of api.registry.all())
    if (def.group === group && def.kind === ref.kind) return resourceIdOf(def);
  // Infrastructure kinds resolve on first sight (api/resources/capi-infrastructure.ts).
  const def = api.registry.byKind(`${group}/v1beta2`, ref.kind);
  return def ? resourceIdOf(def) : undefined;
}

export function ownerRef(owner: KubeObject, controller: boolean): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

export const keyOf = (obj: KubeObject): string =>
  obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;

export const controllerOwner = (obj: KubeObject): OwnerReference | undefined =>
  obj.metadata.ownerReferences?.find((r) => r.controller === true);

/** The owners of a kind (controller or not), as namespace/name keys. */
export function ownerKeys(obj: KubeObject, kind: string): string[] {
  const out: string[] = [];
  for (const r of obj.metadata.ownerReferences ?? [])
    if (r.kind === kind) out.push(obj.metadata.namespace ? `${obj.metadata.namespace}/${r.name}` : r.name);
  return out;
}

/**
 * Dynamic watches for one controller: the first time a reconcile meets a referenced kind, its informer starts
 * and its events enqueue the objects `mapTo` names. Reads go through the same shared informer.
 */
export interface ExternalTracker {
  /** The informer of a referenced kind, watched from now on; undefined when the kind is not served. */
  informerForRef(ref: Pick<ObjectRef, 'kind'> & { apiGroup?: string }): SharedIndexInformer | undefined;
  /** The cached object behind a reference (undefined: not found, or the cache has not synced yet). */
  get(ref: ObjectRef & { apiGroup?: string }, namespace: string | undefined): KubeObject | undefined;
}

export function createExternalTracker(
  deps: CapiDeps,
  controller: () => Controller,
  mapTo: (obj: KubeObject) => string[],
): ExternalTracker {
  const watched = new Map<ResourceId, SharedIndexInformer>();
  const enqueue = (obj: KubeObject) => {
    for (const k of mapTo(obj)) controller().enqueue(k);
  };
  const informerForRef: ExternalTracker['informerForRef'] = (ref) => {
    const id = resourceForRef(deps.api, ref);
    if (!id) return undefined;
    let inf = watched.get(id);
    if (!inf) {
      inf = deps.informerFactory.informerFor(id);
      inf.addEventHandler({
        onAdd: (o) => enqueue(o),
        onUpdate: (_o, n) => enqueue(n),
        onDelete: (o) => {
          const obj = isTombstone(o) ? o.obj : o;
          if (obj) enqueue(obj);
        },
      });
      inf.start();
      watched.set(id, inf);
    }
    return inf;
  };
  return {
    informerForRef,
    get(ref, namespace) {
      return informerForRef(ref)?.get(namespace, ref.name);
    },
  };
}
