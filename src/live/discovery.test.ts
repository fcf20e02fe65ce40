import { describe, expect, it } from 'vitest';
import { discoverResources, pickResources, preferredVersions } from './discovery.ts';
import { createFakeFetch } from './fake-fetch.ts';

const resourceList = (gv: string, names: [string, string][]) => ({
  kind: 'APIResourceList',
  groupVersion: gv,
  resources: names.flatMap(([name, kind]) => [
    { name, kind, namespaced: true },
    { name: `${name}/status`, kind, namespaced: true },
  ]),
});

describe('discovery of what live mode draws (client-go discovery_client.go ServerGroupsAndResources)', () => {
  it('takes each group at its preferred version', () => {
    const v = preferredVersions({
      groups: [
        { name: 'apps', versions: [{ version: 'v1' }], preferredVersion: { version: 'v1' } },
        { name: 'cluster.x-k8s.io', versions: [{ version: 'v1beta2' }, { version: 'v1beta1' }] },
      ],
    });
    expect([...v]).toEqual([
      ['apps', 'v1'],
      ['cluster.x-k8s.io', 'v1beta2'],
    ]);
    expect(() => preferredVersions({ kind: 'Status' })).toThrow(/APIGroupList/);
  });

  it('keeps wanted resources and skips subresources', () => {
    const picked = pickResources(
      '',
      'v1',
      resourceList('v1', [
        ['pods', 'Pod'],
        ['configmaps', 'ConfigMap'],
      ]),
    );
    expect(picked).toEqual([{ group: '', version: 'v1', plural: 'pods', kind: 'Pod' }]);
  });

  it('skips groups the cluster does not serve (a cluster without Cluster API)', async () => {
    const ff = createFakeFetch();
    ff.route((u) =>
      u.pathname === '/k/api/v1'
        ? {
            status: 200,
            json: resourceList('v1', [
              ['pods', 'Pod'],
              ['nodes', 'Node'],
            ]),
          }
        : undefined,
    );
    ff.route((u) =>
      u.pathname === '/k/apis'
        ? { status: 200, json: { groups: [{ name: 'apps', preferredVersion: { version: 'v1' } }] } }
        : undefined,
    );
    ff.route((u) =>
      u.pathname === '/k/apis/apps/v1'
        ? {
            status: 200,
            json: resourceList('apps/v1', [
              ['replicasets', 'ReplicaSet'],
              ['deployments', 'Deployment'],
            ]),
          }
        : undefined,
    );
    const found = await discoverResources('/k/', ff.fetch);
    expect(found.map((r) => r.plural)).toEqual(['nodes', 'deployments', 'replicasets', 'pods']);
    expect(ff.urls.some((u) => u.includes('cluster.x-k8s.io'))).toBe(false);
  });
});
