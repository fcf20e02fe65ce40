/**
 * Discovery documents built from the resource registry: aggregated discovery (apidiscovery.k8s.io/v2, what
 * kubectl v1.32 asks for first, fact 103) and the legacy APIVersions / APIGroupList / APIResourceList that
 * older clients and client-node's KubernetesObjectApi read (fact 133). Shapes: k8s.io/api apidiscovery/v2
 * types.go and apimachinery pkg/apis/meta/v1 types.go (APIResourceList, APIGroup).
 */
import type { ResourceDefinition, ResourceRegistry } from '../engine/api/resource.ts';

/** The exact Content-Type that makes kubectl skip per-group discovery (cg discovery_client.go AcceptV2). */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** What every served resource supports (the CRD handler's verbs; apiextensions customresource_handler.go). */
export const RESOURCE_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** True when the Accept header asks for aggregated discovery v2. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return (
      params[0] === 'application/json' &&
      params.includes('g=apidiscovery.k8s.io') &&
      params.includes('v=v2') &&
      params.includes('as=APIGroupDiscoveryList')
    );
  });
}

/**
 * Versions of a group, preferred first: the storage version (the first a definition lists) of the group's
 * first definition leads, then the others in the order definitions declare them.
 */
export function groupVersions(registry: ResourceRegistry, group: string): string[] {
  const out: string[] = [];
  for (const def of registry.all()) {
    if (def.group !== group) continue;
    for (const v of def.versions) if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Groups other than core, in registration order. */
export function namedGroups(registry: ResourceRegistry): string[] {
  const out: string[] = [];
  for (const def of registry.all()) if (def.group !== '' && !out.includes(def.group)) out.push(def.group);
  return out;
}

const defsIn = (registry: ResourceRegistry, group: string, version: string): ResourceDefinition[] =>
  registry.all().filter((d) => d.group === group && d.versions.includes(version));

function aggregatedResource(def: ResourceDefinition, version: string): Record<string, unknown> {
  const responseKind = { group: def.group, version, kind: def.kind };
  const r: Record<string, unknown> = {
    resource: def.plural,
    responseKind,
    scope: def.scope,
    singularResource: def.singular,
    verbs: RESOURCE_VERBS,
  };
  if (def.shortNames?.length) r.shortNames = def.shortNames;
  if (def.categories?.length) r.categories = def.categories;
  const subresources: Record<string, unknown>[] = [];
  if (def.subresources?.status)
    subresources.push({ subresource: 'status', responseKind, verbs: SUBRESOURCE_VERBS });
  // client-go scale/util.go discoveryScaleResolver: the scale entry must name autoscaling/v1 Scale (fact 117).
  if (def.subresources?.scale) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: SUBRESOURCE_VERBS,
    });
  }
  if (subresources.length) r.subresources = subresources;
  return r;
}

function aggregatedGroup(registry: ResourceRegistry, group: string): Record<string, unknown> {
  return {
    // The core group's item has no name (apiserver pkg/endpoints/discovery/aggregated).
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: groupVersions(registry, group).map((version) => ({
      version,
      resources: defsIn(registry, group, version).map((d) => aggregatedResource(d, version)),
      freshness: 'Current',
    })),
  };
}

/** GET /api or /apis with the aggregated Accept: an APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: ResourceRegistry, which: 'core' | 'named'): unknown {
  const groups = which === 'core' ? (groupVersions(registry, '').length ? [''] : []) : namedGroups(registry);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => aggregatedGroup(registry, g)),
  };
}

/** GET /api (legacy): APIVersions. */
export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(registry: ResourceRegistry, group: string): Record<string, unknown> {
  const versions = groupVersions(registry, group).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** GET /apis (legacy): APIGroupList. */
export function apiGroupList(registry: ResourceRegistry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: namedGroups(registry).map((g) => apiGroup(registry, g)),
  };
}

/** GET /apis/<group>: APIGroup. */
export function apiGroupDoc(registry: ResourceRegistry, group: string): unknown {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(registry, group) };
}

/** GET /api/v1 or /apis/<g>/<v>: APIResourceList with the status and scale subresource entries. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown {
  const resources: Record<string, unknown>[] = [];
  for (const def of defsIn(registry, group, version)) {
    const namespaced = def.scope === 'Namespaced';
    const main: Record<string, unknown> = {
      name: def.plural,
      singularName: def.singular,
      namespaced,
      kind: def.kind,
      verbs: RESOURCE_VERBS,
    };
    if (def.shortNames?.length) main.shortNames = def.shortNames;
    if (def.categories?.length) main.categories = def.categories;
    resources.push(main);
    if (def.subresources?.status) {
      resources.push({
        name: `${def.plural}/status`,
        singularName: def.singular,
        namespaced,
        kind: def.kind,
        verbs: SUBRESOURCE_VERBS,
      });
    }
    if (def.subresources?.scale) {
      resources.push({
        name: `${def.plural}/scale`,
        singularName: def.singular,
        namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: SUBRESOURCE_VERBS,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
