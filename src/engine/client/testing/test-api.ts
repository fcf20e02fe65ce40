/**
 * Test helpers for the client package: the product's API server with one custom resource added (a CRD-like
 * "widgets.example.com", so that generation and status-subresource rules apply), and a wrapper that records the
 * options of every LIST and WATCH, which the trace does not carry.
 */
import type { ApiServer, ListOptions, WatchOptions } from '../../api/api.ts';
import { createRegistry } from '../../api/registry.ts';
import type { ResourceDefinition, ResourceId } from '../../api/resource.ts';
import { appsResources } from '../../api/resources/apps.ts';
import { coreResources } from '../../api/resources/core.ts';
import { createApiServer, type ApiServerOptions, type MockApiServer } from '../../api/server.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Sim } from '../../sim/sim.ts';

export const WIDGETS: ResourceId = 'widgets.example.com';

export const widgetDefinition: ResourceDefinition = {
  group: 'example.com',
  versions: ['v1'],
  kind: 'Widget',
  listKind: 'WidgetList',
  plural: 'widgets',
  singular: 'widget',
  scope: 'Namespaced',
  subresources: { status: true },
};

export function createTestApi(sim: Sim, opts: ApiServerOptions = {}): MockApiServer {
  return createApiServer(sim, {
    registry: createRegistry([...coreResources(), ...appsResources(), widgetDefinition]),
    garbageCollector: false,
    ...opts,
  });
}

export const widget = (name: string, spec: Record<string, unknown> = { size: 1 }): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { namespace: 'default', name },
  spec,
});

export const configMap = (
  name: string,
  labels?: Record<string, string>,
  namespace = 'default',
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name, ...(labels ? { labels } : {}) },
  data: { k: 'v' },
});

export interface RecordedRequest {
  verb: 'list' | 'watch';
  resource: ResourceId;
  at: number;
  opts: ListOptions | WatchOptions;
}

/** The same server, with list and watch calls recorded (whether they succeed or not). */
export function recordRequests<T extends ApiServer>(
  sim: Sim,
  api: T,
): { api: T; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const wrapped: T = {
    ...api,
    list(resource, opts) {
      requests.push({ verb: 'list', resource, at: sim.now(), opts: { ...opts } });
      return api.list(resource, opts);
    },
    watch(resource, opts, handlers) {
      requests.push({ verb: 'watch', resource, at: sim.now(), opts: { ...opts } });
      return api.watch(resource, opts, handlers);
    },
  };
  return { api: wrapped, requests };
}

/** One line per request, for readable assertions: "list rv=0 limit=500", "watch rv=1005". */
export function describeRequests(requests: readonly RecordedRequest[], resource?: ResourceId): string[] {
  return requests
    .filter((r) => resource === undefined || r.resource === resource)
    .map((r) => {
      const o = r.opts as ListOptions;
      return `${r.verb} rv=${o.resourceVersion ?? '-'}${o.limit ? ` limit=${o.limit}` : ''}${o.continue ? ' continue' : ''}`;
    });
}
