/**
 * For the scenario tests only: a small ResourceRegistry with the kinds the tests name, so that the loader's
 * tests do not depend on the full API server. Validation here is deliberately tiny (replicas >= 0) and only
 * exists to prove that the loader reports a definition's field errors with file, document and field.
 */
import type { FieldError, ResourceDefinition, ResourceRegistry } from '../api/resource.ts';
import { splitApiVersion, type KubeObject } from '../api/types.ts';

const replicasValidation = (obj: KubeObject): FieldError[] => {
  const r = obj.spec?.replicas;
  if (r === undefined) return [];
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0) {
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: r,
        detail: 'must be greater than or equal to 0',
      },
    ];
  }
  return [];
};

function def(
  group: string,
  versions: string[],
  kind: string,
  plural: string,
  scope: 'Namespaced' | 'Cluster',
  extra: Partial<ResourceDefinition> = {},
): ResourceDefinition {
  return {
    group,
    versions,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    scope,
    ...extra,
  };
}

const scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };

export function createTestRegistry(): ResourceRegistry {
  const defs: ResourceDefinition[] = [
    def('', ['v1'], 'Namespace', 'namespaces', 'Cluster', { shortNames: ['ns'] }),
    def('', ['v1'], 'Pod', 'pods', 'Namespaced', { shortNames: ['po'] }),
    def('', ['v1'], 'Node', 'nodes', 'Cluster', { shortNames: ['no'] }),
    def('', ['v1'], 'ConfigMap', 'configmaps', 'Namespaced', { shortNames: ['cm'] }),
    def('apps', ['v1'], 'ReplicaSet', 'replicasets', 'Namespaced', {
      shortNames: ['rs'],
      subresources: { status: true, scale },
      validate: replicasValidation,
    }),
    def('cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'Cluster', 'clusters', 'Namespaced'),
    def('cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'Machine', 'machines', 'Namespaced', {
      shortNames: ['ma'],
    }),
    def('cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'MachineDeployment', 'machinedeployments', 'Namespaced', {
      shortNames: ['md'],
      subresources: { status: true, scale },
      validate: replicasValidation,
    }),
    def(
      'controlplane.cluster.x-k8s.io',
      ['v1beta2'],
      'KubeadmControlPlane',
      'kubeadmcontrolplanes',
      'Namespaced',
      {
        shortNames: ['kcp'],
        subresources: { status: true, scale },
        validate: replicasValidation,
      },
    ),
    def(
      'bootstrap.cluster.x-k8s.io',
      ['v1beta2'],
      'KubeadmConfigTemplate',
      'kubeadmconfigtemplates',
      'Namespaced',
    ),
  ];
  const register = (d: ResourceDefinition) => defs.push(d);
  return {
    register,
    all: () => defs,
    byId: (id) => defs.find((d) => (d.group ? `${d.plural}.${d.group}` : d.plural) === id),
    byKind(apiVersion, kind) {
      const { group, version } = splitApiVersion(apiVersion);
      const found = defs.find((d) => d.group === group && d.kind === kind && d.versions.includes(version));
      if (found || group !== 'infrastructure.cluster.x-k8s.io') return found;
      // Like the real registry: any infrastructure kind is served by the mock provider.
      const infra = def(group, [version], kind, `${kind.toLowerCase()}s`, 'Namespaced');
      register(infra);
      return infra;
    },
    byKindName: (kind) => {
      const all = defs.filter((d) => d.kind.toLowerCase() === kind.toLowerCase());
      return all.length === 1 ? all[0] : undefined;
    },
    byName: (name) => {
      const [res, ...groupParts] = name.split('.');
      const group = groupParts.join('.');
      return defs.find(
        (d) =>
          (d.plural === res || d.singular === res || d.shortNames?.includes(res ?? '')) &&
          (groupParts.length === 0 || d.group === group),
      );
    },
  };
}
