/**
 * Which of the resources live mode draws the cluster serves, from legacy discovery (GET /api/v1, GET /apis, GET
 * /apis/<group>/<preferred version>), the way kubectl's discovery client resolves a group to its preferred
 * version (client-go discovery/discovery_client.go ServerGroupsAndResources). Groups the cluster does not serve
 * (Cluster API on a plain cluster) are skipped, not errors.
 */
import type { FetchLike, ResourceRef } from './reflector.ts';

/** What live mode watches, by group and plural, in the order panels list them. */
export const WANTED: readonly { group: string; plural: string }[] = [
  { group: '', plural: 'nodes' },
  { group: 'apps', plural: 'deployments' },
  { group: 'apps', plural: 'replicasets' },
  { group: '', plural: 'pods' },
  { group: 'cluster.x-k8s.io', plural: 'clusters' },
  { group: 'controlplane.cluster.x-k8s.io', plural: 'kubeadmcontrolplanes' },
  { group: 'cluster.x-k8s.io', plural: 'machinedeployments' },
  { group: 'cluster.x-k8s.io', plural: 'machinesets' },
  { group: 'cluster.x-k8s.io', plural: 'machines' },
];

interface ApiGroup {
  name: string;
  preferredVersion?: { version?: string };
  versions?: { version?: string }[];
}

interface ApiResource {
  name: string;
  kind: string;
}

/** The preferred version of each group the APIGroupList names. */
export function preferredVersions(groupList: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const groups = (groupList as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups)) throw new Error('discovery: /apis did not answer an APIGroupList');
  for (const g of groups as ApiGroup[]) {
    const v = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (typeof g.name === 'string' && v) out.set(g.name, v);
  }
  return out;
}

/** The wanted resources an APIResourceList of group/version serves (subresources like pods/status skipped). */
export function pickResources(group: string, version: string, resourceList: unknown): ResourceRef[] {
  const resources = (resourceList as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  const out: ResourceRef[] = [];
  for (const r of resources as ApiResource[]) {
    if (typeof r.name !== 'string' || r.name.includes('/')) continue;
    if (WANTED.some((w) => w.group === group && w.plural === r.name))
      out.push({ group, version, plural: r.name, kind: r.kind });
  }
  return out;
}

/** Orders resources as WANTED lists them. */
export function orderResources(found: readonly ResourceRef[]): ResourceRef[] {
  const rank = (r: ResourceRef) => WANTED.findIndex((w) => w.group === r.group && w.plural === r.plural);
  return [...found].sort((a, b) => rank(a) - rank(b));
}

export async function discoverResources(
  base: string,
  fetchFn: FetchLike,
  signal?: AbortSignal,
): Promise<ResourceRef[]> {
  const get = async (path: string): Promise<unknown> => {
    const res = await fetchFn(`${base}${path}`, {
      ...(signal ? { signal } : {}),
      headers: { Accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`discovery: GET ${base}${path} answered ${res.status}`);
    return res.json();
  };
  const found = pickResources('', 'v1', await get('api/v1'));
  const versions = preferredVersions(await get('apis'));
  const groups = [...new Set(WANTED.map((w) => w.group).filter((g) => g !== ''))];
  for (const group of groups) {
    const version = versions.get(group);
    if (!version) continue;
    found.push(...pickResources(group, version, await get(`apis/${group}/${version}`)));
  }
  return orderResources(found);
}
