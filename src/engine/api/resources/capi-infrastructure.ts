/**
 * Any kind in infrastructure.cluster.x-k8s.io, resolved on first sight as if its provider's CRD were
 * installed: the mock infrastructure provider serves them all (DESIGN.md §3). The bootstrap and control-plane
 * groups get no such resolver: an unknown kind there is an error, as on a real management cluster.
 */
import type { PrinterColumn, ResourceDefinition } from '../resource.ts';
import { splitApiVersion } from '../types.ts';

export const INFRASTRUCTURE_GROUP = 'infrastructure.cluster.x-k8s.io';

// Kubernetes API version names: v1, v1beta2, v1alpha4 (apimachinery version.CompareKubeAwareVersionStrings).
const VERSION_RE = /^v[1-9]\d*((alpha|beta)[1-9]\d*)?$/;
// What controller-gen accepts as a Go type name that becomes a kind.
const KIND_RE = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The plural controller-gen writes into a CRD: flect.Pluralize(strings.ToLower(kind))
 * (sigs.k8s.io/controller-tools pkg/crd/spec.go). Only the regular English rules are modelled:
 * DockerMachine → dockermachines, AWSMachineTemplate → awsmachinetemplates, AzureClusterIdentity →
 * azureclusteridentities, VSphereFailureDomain → vspherefailuredomains, OCIManagedMachinePool → …pools.
 */
export function pluralizeKind(kind: string): string {
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

const TEMPLATE_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

// Modelled on the in-tree test provider's DevMachine/DevCluster v1beta2 columns
// (test/infrastructure/docker/config/crd/bases): the contract fields every provider has.
const INFRA_OBJECT_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']" },
  { name: 'Provisioned', type: 'string', jsonPath: '.status.initialization.provisioned' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

const PROVIDER_ID_COLUMN: PrinterColumn = {
  name: 'Provider ID',
  type: 'string',
  jsonPath: '.spec.providerID',
  priority: 10,
};

/**
 * A definition for an infrastructure kind in the version the manifest used, or undefined when the group is
 * another one or the apiVersion/kind is not well formed (the registry then reports the kind as unknown).
 *
 * @example
 * registry.addResolver(infrastructureResolver);
 * infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevMachineTemplate')?.plural; // "devmachinetemplates"
 */
export function infrastructureResolver(apiVersion: string, kind: string): ResourceDefinition | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  if (group !== INFRASTRUCTURE_GROUP || !VERSION_RE.test(version) || !KIND_RE.test(kind)) return undefined;
  const isTemplate = kind.endsWith('Template');
  const columns = isTemplate ? TEMPLATE_COLUMNS : INFRA_OBJECT_COLUMNS;
  const printerColumns = columns.map((c) => ({ ...c }));
  if (!isTemplate && kind.endsWith('Machine')) printerColumns.splice(1, 0, { ...PROVIDER_ID_COLUMN });
  return {
    group,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural: pluralizeKind(kind),
    singular: kind.toLowerCase(),
    scope: 'Namespaced',
    categories: ['cluster-api'],
    subresources: { status: true },
    printerColumns,
  };
}
