/**
 * The pieces of a ReconcileContext that do not depend on the worker: the client (writes and uncached reads as
 * effects that take virtual time) and the cache readers (synchronous informer reads), as controller-runtime's
 * manager hands out mgr.GetClient() and mgr.GetAPIReader() (pkg/cluster/cluster.go).
 */
import type { ApiServer } from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import type { SharedIndexInformer } from './informer.ts';
import { apiCall, type CacheReader, type ReconcileClient } from './reconciler.ts';

/** A client whose requests show actor in the API server's trace unless the caller names another. */
export function createReconcileClient(api: ApiServer, actor: string): ReconcileClient {
  return {
    create: (resource, obj, o) =>
      apiCall('create', resource, obj.metadata.namespace, obj.metadata.name, () =>
        api.create(resource, obj, { ...o, actor: o?.actor ?? actor }),
      ),
    update: (resource, obj, o) =>
      apiCall('update', resource, obj.metadata.namespace, obj.metadata.name, () =>
        api.update(resource, obj, { ...o, actor: o?.actor ?? actor }),
      ),
    updateStatus: (resource, obj, o) =>
      apiCall('update', resource, obj.metadata.namespace, obj.metadata.name, () =>
        api.update(resource, obj, { ...o, actor: o?.actor ?? actor, subresource: 'status' }),
      ),
    patch: (resource, namespace, name, type, patch, o) =>
      apiCall(
        'patch',
        resource,
        namespace,
        name,
        () => api.patch(resource, namespace, name, type, patch, { ...o, actor: o?.actor ?? actor }).object,
      ),
    delete: (resource, namespace, name, o) =>
      apiCall('delete', resource, namespace, name, () =>
        api.delete(resource, namespace, name, { ...o, actor: o?.actor ?? actor }),
      ),
    get: (resource, namespace, name) =>
      apiCall('get', resource, namespace, name, () => api.get(resource, namespace, name, { actor })),
    list: (resource, o) =>
      apiCall('list', resource, o?.namespace, undefined, () =>
        api.list(resource, { ...o, actor: o?.actor ?? actor }),
      ),
  };
}

/**
 * Cache readers for the resources a controller declared. Reading any other resource is an error: controller-runtime
 * would quietly start a new informer and block until it synced, which in a teaching sim hides a missing watch.
 */
export function createCacheAccess(
  controller: string,
  declared: readonly ResourceId[],
  informerFor: (resource: ResourceId) => SharedIndexInformer,
): (resource: ResourceId) => CacheReader {
  const readable = new Set(declared);
  const readers = new Map<ResourceId, CacheReader>();
  return (resource) => {
    let reader = readers.get(resource);
    if (reader) return reader;
    if (!readable.has(resource)) {
      throw new Error(
        `controller ${controller} reads ${resource} from the cache but neither watches it nor lists it in reads`,
      );
    }
    const informer = informerFor(resource);
    reader = {
      get: (namespace, name) => informer.get(namespace, name),
      list: (o) => informer.list(o),
      byIndex: (indexName, value) => informer.byIndex(indexName, value),
    };
    readers.set(resource, reader);
    return reader;
  };
}
