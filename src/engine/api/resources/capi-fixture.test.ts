/**
 * The shared CAPI fixture (kubernetes-sigs/cluster-api test/e2e/data/infrastructure-docker/main bases) must be
 * accepted as it is after clusterctl-style variable substitution: every document resolves to a registered or
 * resolved definition, and passes validation after defaulting.
 */
import { describe, expect, it } from 'vitest';
import fixture from '../../../../../shared/fixtures/capi/cluster-kcp-md.v1beta2.yaml?raw';
import { apiVersionLookupFromRegistry } from '../conversion/capi-v1beta1.ts';
import { createRegistry } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { capiResources } from './capi.ts';
import { infrastructureResolver } from './capi-infrastructure.ts';
import { clusterctlVariables, FIXTURE_KINDS, templateObjects } from './test-clusterctl.ts';

const VARIABLES = clusterctlVariables({ CONTROL_PLANE_MACHINE_COUNT: '3', KUBERNETES_VERSION: 'v1.35.0' });

function fixtureObjects(): KubeObject[] {
  return templateObjects(fixture, VARIABLES).map((o) => ({
    ...o,
    metadata: { namespace: 'default', ...o.metadata },
  }));
}

describe('the shared fixture cluster-kcp-md.v1beta2.yaml', () => {
  it('has the documents this test expects', () => {
    expect(fixtureObjects().map((o) => o.kind)).toEqual(FIXTURE_KINDS);
  });

  it('resolves every document and passes validation after defaulting', () => {
    const registry = createRegistry();
    for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) }))
      registry.register(def);
    registry.addResolver(infrastructureResolver);
    for (const obj of fixtureObjects()) {
      const def = registry.byKind(obj.apiVersion, obj.kind);
      expect(def, `${obj.apiVersion} ${obj.kind}`).toBeDefined();
      def!.defaulting?.(obj);
      expect(def!.validate?.(obj) ?? [], `${obj.kind} ${obj.metadata.name}`).toEqual([]);
    }
  });

  it('defaults the MachineDeployment the way the upstream e2e relies on', () => {
    const md = fixtureObjects().find((o) => o.kind === 'MachineDeployment')!;
    const def = capiResources().find((d) => d.kind === 'MachineDeployment')!;
    def.defaulting!(md);
    expect(md.spec).toMatchObject({
      replicas: 2,
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
      selector: {
        matchLabels: {
          'cluster.x-k8s.io/cluster-name': 'demo',
          'cluster.x-k8s.io/deployment-name': 'demo-md-0',
        },
      },
      template: {
        metadata: {
          labels: {
            'cluster.x-k8s.io/cluster-name': 'demo',
            'cluster.x-k8s.io/deployment-name': 'demo-md-0',
          },
        },
      },
    });
    expect(md.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'demo' });
  });

  it('rejects the fixture’s KubeadmControlPlane with an even CONTROL_PLANE_MACHINE_COUNT (stacked etcd)', () => {
    const objs = templateObjects(fixture, { ...VARIABLES, CONTROL_PLANE_MACHINE_COUNT: '2' });
    const cp = objs.find((o) => o.kind === 'KubeadmControlPlane')!;
    const def = capiResources().find((d) => d.kind === 'KubeadmControlPlane')!;
    def.defaulting!(cp);
    expect(def.validate!(cp).map((e) => [e.field, e.detail])).toEqual([
      ['spec.replicas', 'cannot be an even number when etcd is stacked'],
    ]);
  });
});
