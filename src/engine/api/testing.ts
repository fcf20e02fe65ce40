/**
 * Test fixtures for the API server's tests: two custom resource kinds with CRD-like registrations (one with
 * status and scale subresources and two served versions, one without subresources), a server factory, and a
 * watch recorder. Not used by the engine itself.
 */
import type { WatchEvent, WatchOptions } from './api.ts';
import { createRegistry, type MutableRegistry } from './registry.ts';
import type { ResourceDefinition } from './resource.ts';
import { appsResources } from './resources/apps.ts';
import { coreResources } from './resources/core.ts';
import { createApiServer, type ApiServerOptions, type MockApiServer } from './server.ts';
import type { KubeObject } from './types.ts';
import { createSim, type Sim } from '../sim/sim.ts';

/** A CRD-like kind: widgets.example.com, v1 (storage) and v1beta1 (spec.size is called spec.count there). */
export function widgetResource(): ResourceDefinition {
  return {
    group: 'example.com',
    versions: ['v1', 'v1beta1'],
    kind: 'Widget',
    listKind: 'WidgetList',
    plural: 'widgets',
    singular: 'widget',
    shortNames: ['wd'],
    scope: 'Namespaced',
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.selector',
      },
    },
    convertToStorage: (obj, from) => {
      if (from === 'v1beta1' && obj.spec && 'count' in obj.spec) {
        obj.spec.size = obj.spec.count;
        delete obj.spec.count;
      }
    },
    validate: (obj) => {
      const r = obj.spec?.replicas;
      return r !== undefined && (typeof r !== 'number' || r < 0)
        ? [
            {
              type: 'FieldValueInvalid',
              field: 'spec.replicas',
              value: r,
              detail: 'must be greater than or equal to 0',
            },
          ]
        : [];
    },
  };
}

/** A cluster-scoped CRD-like kind without subresources: gadgets.example.com. */
export function gadgetResource(): ResourceDefinition {
  return {
    group: 'example.com',
    versions: ['v1'],
    kind: 'Gadget',
    listKind: 'GadgetList',
    plural: 'gadgets',
    singular: 'gadget',
    scope: 'Cluster',
  };
}

export function testRegistry(): MutableRegistry {
  return createRegistry([...coreResources(), ...appsResources(), widgetResource(), gadgetResource()]);
}

export function newServer(opts: ApiServerOptions & { seed?: number } = {}): { sim: Sim; api: MockApiServer } {
  const sim = createSim({ seed: opts.seed ?? 7 });
  const api = createApiServer(sim, { registry: testRegistry(), minRequestTimeoutMs: 0, ...opts });
  return { sim, api };
}

export function configMap(
  name: string,
  data: Record<string, string> = {},
  namespace = 'default',
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function widget(name: string, spec: Record<string, unknown> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace }, spec };
}

export function replicaSet(name: string, labels: Record<string, string>, replicas?: number): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
  };
  if (replicas !== undefined) spec.replicas = replicas;
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec };
}

export interface Recorder {
  events: WatchEvent[];
  closed: string[];
  /** "TYPE name@rv" lines, for compact assertions. */
  lines(): string[];
  stop(): void;
}

export function record(api: MockApiServer, resource: string, opts: WatchOptions = {}): Recorder {
  const events: WatchEvent[] = [];
  const closed: string[] = [];
  const w = api.watch(resource, opts, { onEvent: (e) => events.push(e), onClose: (r) => closed.push(r) });
  return {
    events,
    closed,
    lines: () =>
      events.map((e) =>
        e.type === 'ERROR'
          ? `ERROR ${(e.object as { code?: number }).code}`
          : `${e.type} ${(e.object as KubeObject).metadata.name ?? ''}@${e.object.metadata.resourceVersion ?? ''}`,
      ),
    stop: () => w.stop(),
  };
}
