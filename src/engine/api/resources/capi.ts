/**
 * The Cluster API resource types as a management cluster running CAPI v1.14 serves them: v1beta2 stored,
 * v1beta1 also served through conversion, names/short names/categories/subresources/columns from the CRDs
 * (core/config/crd/bases, bootstrap/kubeadm/config/crd/bases, controlplane/kubeadm/config/crd/bases), and
 * the webhooks' defaulting and validation. Infrastructure kinds come from infrastructureResolver
 * (capi-infrastructure.ts) instead, since any provider's kinds are accepted.
 *
 * Validation runs as kube-apiserver runs it: the CRD schema first, and the validating webhook only when the
 * schema passed (a request the schema rejects never reaches the webhook).
 */
import type { FieldError, PrinterColumn, ResourceDefinition, ScaleSubresource } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { createCapiConverters, type ApiVersionLookup } from '../conversion/capi-v1beta1.ts';
import * as columns from './capi-columns.ts';
import {
  defaultCluster,
  defaultClusterResourceSet,
  defaultKubeadmControlPlane,
  defaultMachine,
  defaultMachineDeployment,
  defaultMachineHealthCheck,
  defaultMachinePool,
  defaultMachineSet,
} from './capi-defaults.ts';
import * as schema from './capi-schema.ts';
import * as webhooks from './capi-webhooks.ts';

export const CLUSTER_API_GROUP = 'cluster.x-k8s.io';
export const BOOTSTRAP_GROUP = 'bootstrap.cluster.x-k8s.io';
export const CONTROL_PLANE_GROUP = 'controlplane.cluster.x-k8s.io';
export const ADDONS_GROUP = 'addons.cluster.x-k8s.io';

/** Kinds the API accepts and stores but no simulated controller reconciles. */
export const NOT_SIMULATED_CAPI_KINDS: ReadonlySet<string> = new Set([
  'ClusterClass',
  'MachinePool',
  'KubeadmControlPlaneTemplate',
  'ClusterResourceSet',
  'ClusterResourceSetBinding',
]);

type Validate = (obj: KubeObject, old?: KubeObject) => FieldError[];

/** Schema errors win: the webhook is only consulted for objects the CRD schema accepted. */
function schemaThenWebhook(schemaErrors: (obj: KubeObject) => FieldError[], webhook?: Validate): Validate {
  return (obj, old) => {
    const errs = schemaErrors(obj);
    return errs.length || !webhook ? errs : webhook(obj, old);
  };
}

// The v1beta2 CRDs' scale subresource (MachineSet, MachineDeployment, KubeadmControlPlane; MachinePool has
// no labelSelectorPath).
const REPLICA_SCALE: ScaleSubresource = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.selector',
};

export interface CapiResourceOptions {
  /**
   * The apiVersion a v1beta1 reference should carry for a group/kind when a stored object is read as
   * v1beta1 (see apiVersionLookupFromRegistry). Without it every group answers "<group>/v1beta2".
   */
  apiVersionFor?: ApiVersionLookup;
}

interface Spec {
  group: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  status: boolean;
  scale?: ScaleSubresource;
  printerColumns: readonly PrinterColumn[];
  defaulting?: (obj: KubeObject, old?: KubeObject) => void;
  validate?: Validate;
}

const SPECS: readonly Spec[] = [
  {
    group: CLUSTER_API_GROUP,
    kind: 'Cluster',
    plural: 'clusters',
    shortNames: ['cl'],
    status: true,
    printerColumns: columns.CLUSTER_COLUMNS,
    defaulting: defaultCluster,
    validate: schemaThenWebhook(schema.clusterSchemaErrors, webhooks.clusterWebhookErrors),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'Machine',
    plural: 'machines',
    shortNames: ['ma'],
    status: true,
    printerColumns: columns.MACHINE_COLUMNS,
    defaulting: defaultMachine,
    validate: schemaThenWebhook(schema.machineSchemaErrors, webhooks.machineWebhookErrors),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'MachineSet',
    plural: 'machinesets',
    shortNames: ['ms'],
    status: true,
    scale: REPLICA_SCALE,
    printerColumns: columns.MACHINE_SET_COLUMNS,
    defaulting: defaultMachineSet,
    validate: schemaThenWebhook(schema.machineSetSchemaErrors, webhooks.machineSetWebhookErrors),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'MachineDeployment',
    plural: 'machinedeployments',
    shortNames: ['md'],
    status: true,
    scale: REPLICA_SCALE,
    printerColumns: columns.MACHINE_DEPLOYMENT_COLUMNS,
    defaulting: defaultMachineDeployment,
    validate: schemaThenWebhook(
      schema.machineDeploymentSchemaErrors,
      webhooks.machineDeploymentWebhookErrors,
    ),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'MachineHealthCheck',
    plural: 'machinehealthchecks',
    shortNames: ['mhc', 'mhcs'],
    status: true,
    printerColumns: columns.MACHINE_HEALTH_CHECK_COLUMNS,
    defaulting: defaultMachineHealthCheck,
    validate: schemaThenWebhook(
      schema.machineHealthCheckSchemaErrors,
      webhooks.machineHealthCheckWebhookErrors,
    ),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'MachinePool',
    plural: 'machinepools',
    shortNames: ['mp'],
    status: true,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
    printerColumns: columns.MACHINE_POOL_COLUMNS,
    defaulting: defaultMachinePool,
    validate: schemaThenWebhook(schema.machinePoolSchemaErrors, webhooks.machinePoolWebhookErrors),
  },
  {
    group: CLUSTER_API_GROUP,
    kind: 'ClusterClass',
    plural: 'clusterclasses',
    shortNames: ['cc'],
    status: true,
    printerColumns: columns.CLUSTER_CLASS_COLUMNS,
    validate: schemaThenWebhook(schema.clusterClassSchemaErrors),
  },
  {
    group: BOOTSTRAP_GROUP,
    kind: 'KubeadmConfig',
    plural: 'kubeadmconfigs',
    status: true,
    printerColumns: columns.KUBEADM_CONFIG_COLUMNS,
  },
  {
    group: BOOTSTRAP_GROUP,
    kind: 'KubeadmConfigTemplate',
    plural: 'kubeadmconfigtemplates',
    status: false,
    printerColumns: columns.KUBEADM_CONFIG_TEMPLATE_COLUMNS,
    validate: schemaThenWebhook(schema.templateSchemaErrors),
  },
  {
    group: CONTROL_PLANE_GROUP,
    kind: 'KubeadmControlPlane',
    plural: 'kubeadmcontrolplanes',
    shortNames: ['kcp'],
    status: true,
    scale: REPLICA_SCALE,
    printerColumns: columns.KUBEADM_CONTROL_PLANE_COLUMNS,
    defaulting: defaultKubeadmControlPlane,
    validate: schemaThenWebhook(
      schema.kubeadmControlPlaneSchemaErrors,
      webhooks.kubeadmControlPlaneWebhookErrors,
    ),
  },
  {
    group: CONTROL_PLANE_GROUP,
    kind: 'KubeadmControlPlaneTemplate',
    plural: 'kubeadmcontrolplanetemplates',
    status: false,
    printerColumns: columns.KUBEADM_CONTROL_PLANE_TEMPLATE_COLUMNS,
    validate: schemaThenWebhook(schema.templateSchemaErrors),
  },
  {
    group: ADDONS_GROUP,
    kind: 'ClusterResourceSet',
    plural: 'clusterresourcesets',
    status: true,
    printerColumns: columns.CLUSTER_RESOURCE_SET_COLUMNS,
    defaulting: defaultClusterResourceSet,
    validate: schemaThenWebhook(
      schema.clusterResourceSetSchemaErrors,
      webhooks.clusterResourceSetWebhookErrors,
    ),
  },
  {
    group: ADDONS_GROUP,
    kind: 'ClusterResourceSetBinding',
    plural: 'clusterresourcesetbindings',
    status: false,
    printerColumns: columns.CLUSTER_RESOURCE_SET_BINDING_COLUMNS,
    validate: schemaThenWebhook(schema.clusterResourceSetBindingSchemaErrors),
  },
];

/**
 * Fresh definitions for every CAPI kind this simulator serves (nothing is shared between calls, so two
 * registries never share mutable data).
 *
 * @example
 * const registry = createRegistry();
 * for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) })) registry.register(def);
 * registry.addResolver(infrastructureResolver);
 */
export function capiResources(options: CapiResourceOptions = {}): ResourceDefinition[] {
  const { convertToStorage, convertFromStorage } = createCapiConverters(options.apiVersionFor);
  return SPECS.map((s) => {
    const def: ResourceDefinition = {
      group: s.group,
      versions: ['v1beta2', 'v1beta1'],
      kind: s.kind,
      listKind: `${s.kind}List`,
      plural: s.plural,
      singular: s.kind.toLowerCase(),
      scope: 'Namespaced',
      categories: ['cluster-api'],
      printerColumns: s.printerColumns.map((c) => ({ ...c })),
      convertToStorage,
      convertFromStorage,
    };
    if (s.shortNames) def.shortNames = [...s.shortNames];
    if (s.status || s.scale) {
      def.subresources = {};
      if (s.status) def.subresources.status = true;
      if (s.scale) def.subresources.scale = { ...s.scale };
    }
    if (s.defaulting) def.defaulting = s.defaulting;
    if (s.validate) def.validate = s.validate;
    return def;
  });
}
