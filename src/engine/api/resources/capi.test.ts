import { describe, expect, it } from 'vitest';
import { createRegistry } from '../registry.ts';
import { resourceIdOf } from '../resource.ts';
import { apiVersionLookupFromRegistry } from '../conversion/capi-v1beta1.ts';
import { capiResources, NOT_SIMULATED_CAPI_KINDS } from './capi.ts';
import { infrastructureResolver } from './capi-infrastructure.ts';

// Names as the v1beta2 CRDs declare them (spec.names in core/config/crd/bases/*.yaml and the kubeadm
// providers' config/crd/bases, cluster-api v1.14).
const EXPECTED = [
  ['cluster.x-k8s.io', 'Cluster', 'clusters', ['cl']],
  ['cluster.x-k8s.io', 'Machine', 'machines', ['ma']],
  ['cluster.x-k8s.io', 'MachineSet', 'machinesets', ['ms']],
  ['cluster.x-k8s.io', 'MachineDeployment', 'machinedeployments', ['md']],
  ['cluster.x-k8s.io', 'MachineHealthCheck', 'machinehealthchecks', ['mhc', 'mhcs']],
  ['cluster.x-k8s.io', 'MachinePool', 'machinepools', ['mp']],
  ['cluster.x-k8s.io', 'ClusterClass', 'clusterclasses', ['cc']],
  ['bootstrap.cluster.x-k8s.io', 'KubeadmConfig', 'kubeadmconfigs', []],
  ['bootstrap.cluster.x-k8s.io', 'KubeadmConfigTemplate', 'kubeadmconfigtemplates', []],
  ['controlplane.cluster.x-k8s.io', 'KubeadmControlPlane', 'kubeadmcontrolplanes', ['kcp']],
  ['controlplane.cluster.x-k8s.io', 'KubeadmControlPlaneTemplate', 'kubeadmcontrolplanetemplates', []],
  ['addons.cluster.x-k8s.io', 'ClusterResourceSet', 'clusterresourcesets', []],
  ['addons.cluster.x-k8s.io', 'ClusterResourceSetBinding', 'clusterresourcesetbindings', []],
] as const;

function registryWithCapi() {
  const registry = createRegistry();
  for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) })) {
    registry.register(def);
  }
  registry.addResolver(infrastructureResolver);
  return registry;
}

describe('capiResources', () => {
  it('registers every kind once, with the CRD names, v1beta2 stored and v1beta1 served', () => {
    const defs = capiResources();
    expect(defs.map((d) => d.kind)).toEqual(EXPECTED.map((e) => e[1]));
    for (const [group, kind, plural, shortNames] of EXPECTED) {
      const def = defs.find((d) => d.kind === kind)!;
      expect(def.group).toBe(group);
      expect(def.plural).toBe(plural);
      expect(def.singular).toBe(kind.toLowerCase());
      expect(def.listKind).toBe(`${kind}List`);
      expect(def.shortNames ?? []).toEqual(shortNames);
      expect(def.categories).toEqual(['cluster-api']);
      expect(def.scope).toBe('Namespaced');
      expect(def.versions).toEqual(['v1beta2', 'v1beta1']);
      expect(def.convertToStorage).toBeTypeOf('function');
      expect(def.convertFromStorage).toBeTypeOf('function');
    }
  });

  it('resolves every kind by apiVersion+kind (both versions), plural, singular, short name and group-qualified id', () => {
    const registry = registryWithCapi();
    for (const [group, kind, plural, shortNames] of EXPECTED) {
      const def = registry.byKind(`${group}/v1beta2`, kind);
      expect(def?.kind).toBe(kind);
      expect(registry.byKind(`${group}/v1beta1`, kind)).toBe(def);
      expect(registry.byKind(`${group}/v1alpha4`, kind)).toBeUndefined();
      expect(registry.byName(plural)).toBe(def);
      expect(registry.byName(kind.toLowerCase())).toBe(def);
      expect(registry.byName(`${plural}.${group}`)).toBe(def);
      expect(registry.byId(resourceIdOf(def!))).toBe(def);
      for (const short of shortNames) expect(registry.byName(short)).toBe(def);
      expect(registry.byKindName(kind)).toBe(def);
    }
  });

  it('rejects unknown kinds of the bootstrap and control-plane groups but resolves any infrastructure kind', () => {
    const registry = registryWithCapi();
    expect(registry.byKind('bootstrap.cluster.x-k8s.io/v1beta2', 'TalosConfig')).toBeUndefined();
    expect(
      registry.byKind('controlplane.cluster.x-k8s.io/v1beta2', 'AWSManagedControlPlane'),
    ).toBeUndefined();
    const infra = registry.byKind('infrastructure.cluster.x-k8s.io/v1beta2', 'DockerMachineTemplate');
    expect(infra?.plural).toBe('dockermachinetemplates');
    // Once resolved, the kind is registered: kubectl-style names find it too.
    expect(registry.byName('dockermachinetemplates.infrastructure.cluster.x-k8s.io')).toBe(infra);
  });

  it('has the scale subresource exactly where the v1beta2 CRDs have it', () => {
    const scaled = Object.fromEntries(
      capiResources()
        .filter((d) => d.subresources?.scale)
        .map((d) => [d.kind, d.subresources!.scale]),
    );
    const withSelector = {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: '.status.selector',
    };
    expect(scaled).toEqual({
      MachineSet: withSelector,
      MachineDeployment: withSelector,
      KubeadmControlPlane: withSelector,
      MachinePool: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
    });
  });

  it('has a status subresource except on the v1beta2 template and binding CRDs', () => {
    const withoutStatus = capiResources()
      .filter((d) => !d.subresources?.status)
      .map((d) => d.kind);
    expect(withoutStatus).toEqual([
      'KubeadmConfigTemplate',
      'KubeadmControlPlaneTemplate',
      'ClusterResourceSetBinding',
    ]);
  });

  it('prints Machines with the v1beta2 CRD columns (Provider ID, IPs, OS image and Paused only with -o wide)', () => {
    const machine = capiResources().find((d) => d.kind === 'Machine')!;
    const cols = machine.printerColumns!;
    expect(cols.filter((c) => !c.priority).map((c) => c.name)).toEqual([
      'Cluster',
      'Node Name',
      'Failure domain',
      'Ready',
      'Available',
      'Up-to-date',
      'Phase',
      'Age',
      'Version',
    ]);
    expect(cols.filter((c) => c.priority === 10).map((c) => c.name)).toEqual([
      'Provider ID',
      'Internal-IP',
      'External-IP',
      'OS-Image',
      'Paused',
    ]);
    expect(cols.find((c) => c.name === 'Ready')?.jsonPath).toBe(
      '.status.conditions[?(@.type=="Ready")].status',
    );
  });

  it('prints KubeadmControlPlane and KubeadmConfig clusters from the cluster-name label', () => {
    for (const kind of ['KubeadmControlPlane', 'KubeadmConfig']) {
      const def = capiResources().find((d) => d.kind === kind)!;
      expect(def.printerColumns?.[0]).toMatchObject({
        name: 'Cluster',
        jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
      });
    }
  });

  it('hands out fresh definitions: changing one call’s data leaves the next untouched', () => {
    const first = capiResources();
    first[0]!.printerColumns![0]!.name = 'changed';
    first[0]!.shortNames!.push('zz');
    const second = capiResources();
    expect(second[0]!.printerColumns![0]!.name).toBe('ClusterClass');
    expect(second[0]!.shortNames).toEqual(['cl']);
  });

  it('lists the accepted-but-not-simulated kinds among the registered ones', () => {
    const kinds = new Set(capiResources().map((d) => d.kind));
    for (const k of NOT_SIMULATED_CAPI_KINDS) expect(kinds.has(k)).toBe(true);
    expect(NOT_SIMULATED_CAPI_KINDS.has('MachineDeployment')).toBe(false);
  });
});
