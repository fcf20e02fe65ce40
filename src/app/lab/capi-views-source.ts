/**
 * Reads the Cluster API objects out of a world's API server for capiView, without copying them (api.peek),
 * and keeps the result until a relevant object is written: a frame with nothing new costs nothing.
 */
import type { MockApiServer } from '../../engine/api/server.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import { capiView, hasCapiObjects, type CapiObjects, type CapiView } from './capi-views.ts';

const CAPI_GROUP = 'cluster.x-k8s.io';
const INFRA_GROUP = 'infrastructure.cluster.x-k8s.io';
const BOOTSTRAP_GROUP = 'bootstrap.cluster.x-k8s.io';
const CONTROLPLANE_GROUP = 'controlplane.cluster.x-k8s.io';

const isCapiGroup = (apiVersion: string) => apiVersion.split('/')[0]?.endsWith(CAPI_GROUP) ?? false;

export function collectCapiObjects(api: MockApiServer): CapiObjects {
  const list = (id: string): KubeObject[] => {
    try {
      return [...api.peek(id)];
    } catch {
      return [];
    }
  };
  const infrastructure: KubeObject[] = [];
  const bootstrapConfigs: KubeObject[] = [];
  for (const def of api.registry.all()) {
    if (def.kind.endsWith('Template')) continue;
    const id = `${def.plural}.${def.group}`;
    if (def.group === INFRA_GROUP) infrastructure.push(...list(id));
    else if (def.group === BOOTSTRAP_GROUP) bootstrapConfigs.push(...list(id));
  }
  return {
    clusters: list(`clusters.${CAPI_GROUP}`),
    controlPlanes: list(`kubeadmcontrolplanes.${CONTROLPLANE_GROUP}`),
    machineDeployments: list(`machinedeployments.${CAPI_GROUP}`),
    machineSets: list(`machinesets.${CAPI_GROUP}`),
    machines: list(`machines.${CAPI_GROUP}`),
    infrastructure,
    bootstrapConfigs,
    nodes: list('nodes'),
  };
}

export interface CapiViewSource {
  /** The current view, or undefined while the world holds no Cluster API object. */
  current(): CapiView | undefined;
  dispose(): void;
}

/** Recomputes the view only after a Cluster API object or a Node was written. */
export function watchCapiView(api: MockApiServer): CapiViewSource {
  let dirty = true;
  let view: CapiView | undefined;
  const cache = new WeakMap<KubeObject, unknown>();
  const off = api.onCommit((e) => {
    if (!dirty && (e.obj.kind === 'Node' || isCapiGroup(e.obj.apiVersion))) dirty = true;
  });
  return {
    current() {
      if (dirty) {
        dirty = false;
        const v = capiView(collectCapiObjects(api), cache);
        view = hasCapiObjects(v) ? v : undefined;
      }
      return view;
    },
    dispose: off,
  };
}
