/**
 * The Cluster API objects of a world's API server as the lab's panels see them: read once without copying
 * (api.peek), then kept up to date from the server's commits, so a frame with nothing new costs nothing and a
 * frame with a few writes costs a few views.
 */
import { resourceIdOf, type ResourceDefinition, type ResourceId } from '../../engine/api/resource.ts';
import type { MockApiServer } from '../../engine/api/server.ts';
import { objectKey, type KubeObject } from '../../engine/api/types.ts';
import {
  hasCapiObjects,
  machineView,
  nodeView,
  objectView,
  scalableView,
  type CapiObjects,
  type CapiView,
} from './capi-views.ts';

const CAPI_GROUP = 'cluster.x-k8s.io';
const INFRA_GROUP = 'infrastructure.cluster.x-k8s.io';
const BOOTSTRAP_GROUP = 'bootstrap.cluster.x-k8s.io';
const CONTROLPLANE_GROUP = 'controlplane.cluster.x-k8s.io';

export interface CapiViewSource {
  /** The current view, or undefined while the world holds no Cluster API object. */
  current(): CapiView | undefined;
  dispose(): void;
}

type Category = keyof CapiObjects;

const VIEW_OF: { readonly [C in Category]: (o: KubeObject) => CapiView[C][number] } = {
  clusters: objectView,
  controlPlanes: scalableView,
  machineDeployments: scalableView,
  machineSets: scalableView,
  machines: machineView,
  infrastructure: objectView,
  bootstrapConfigs: objectView,
  nodes: nodeView,
};

const CATEGORIES = Object.keys(VIEW_OF) as Category[];

const BY_RESOURCE: Readonly<Record<string, Category>> = {
  [`clusters.${CAPI_GROUP}`]: 'clusters',
  [`kubeadmcontrolplanes.${CONTROLPLANE_GROUP}`]: 'controlPlanes',
  [`machinedeployments.${CAPI_GROUP}`]: 'machineDeployments',
  [`machinesets.${CAPI_GROUP}`]: 'machineSets',
  [`machines.${CAPI_GROUP}`]: 'machines',
  nodes: 'nodes',
};

/** Which list of the view a stored resource feeds: templates are left out, as the panels never show them. */
function categoryOf(def: ResourceDefinition): Category | undefined {
  const known = BY_RESOURCE[resourceIdOf(def)];
  if (known) return known;
  if (def.kind.endsWith('Template')) return undefined;
  if (def.group === INFRA_GROUP) return 'infrastructure';
  if (def.group === BOOTSTRAP_GROUP) return 'bootstrapConfigs';
  return undefined;
}

/** A stored object and its view, recomputed when the object is replaced (the store never mutates one). */
interface Entry {
  obj: KubeObject;
  view: unknown;
  viewOf: KubeObject | undefined;
}

/**
 * Keeps the view from the API server's commits: a write recomputes the view of that one object, and only the
 * lists it belongs to are rebuilt, so a frame that wrote one Machine of 2,000 no longer reads 8,000 objects
 * and a frame that wrote only Machines keeps the other lists (same arrays). Objects are kept per resource in
 * the store's order (insertion order, a re-created object last), and resources join in registry order, so the
 * view equals one read anew from every stored object at every moment (capi-views-source.test.ts checks it).
 */
export function watchCapiView(api: MockApiServer): CapiViewSource {
  const byResource = new Map<ResourceId, Map<string, Entry>>();
  const categoryById = new Map<ResourceId, Category | undefined>();
  const dirty = new Set<Category>(CATEGORIES);
  const lists = {} as { [C in Category]: CapiView[C] };
  let view: CapiView | undefined;

  const bucket = (id: ResourceId) => {
    let b = byResource.get(id);
    if (!b) byResource.set(id, (b = new Map()));
    return b;
  };
  const category = (id: ResourceId) => {
    if (!categoryById.has(id)) {
      const def = api.registry.byId(id);
      categoryById.set(id, def && categoryOf(def));
    }
    return categoryById.get(id);
  };
  for (const def of api.registry.all()) {
    const id = resourceIdOf(def);
    if (!category(id)) continue;
    const b = bucket(id);
    for (const obj of api.peek(id))
      b.set(objectKey(obj.metadata.namespace, obj.metadata.name ?? ''), {
        obj,
        view: undefined,
        viewOf: undefined,
      });
  }

  const off = api.onCommit((e) => {
    const c = category(e.resource);
    if (!c) return;
    const b = bucket(e.resource);
    const entry = b.get(e.key);
    if (e.type === 'DELETED') b.delete(e.key);
    else if (entry) entry.obj = e.obj;
    else b.set(e.key, { obj: e.obj, view: undefined, viewOf: undefined });
    dirty.add(c);
  });

  function rebuild<C extends Category>(c: C, defs: readonly ResourceDefinition[]): CapiView[C] {
    const viewOf = VIEW_OF[c];
    const out: CapiView[C][number][] = [];
    for (const def of defs) {
      const id = resourceIdOf(def);
      if (category(id) !== c) continue;
      for (const entry of byResource.get(id)?.values() ?? []) {
        if (entry.viewOf !== entry.obj) {
          entry.view = viewOf(entry.obj);
          entry.viewOf = entry.obj;
        }
        out.push(entry.view as CapiView[C][number]);
      }
    }
    return out as CapiView[C];
  }

  return {
    current() {
      if (dirty.size > 0) {
        const defs = api.registry.all();
        for (const c of dirty) (lists as Record<Category, unknown>)[c] = rebuild(c, defs);
        dirty.clear();
        const v: CapiView = { ...lists };
        view = hasCapiObjects(v) ? v : undefined;
      }
      return view;
    },
    dispose: off,
  };
}
