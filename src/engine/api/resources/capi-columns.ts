/**
 * kubectl get columns, as the v1beta2 CRDs declare them (additionalPrinterColumns in
 * core/config/crd/bases, bootstrap/kubeadm/config/crd/bases and controlplane/kubeadm/config/crd/bases,
 * cluster-api v1.14). Priority 10 columns show only with -o wide.
 */
import type { PrinterColumn } from '../resource.ts';

export const CLUSTER_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'ClusterClass',
    type: 'string',
    jsonPath: '.spec.topology.classRef.name',
    description: 'ClusterClass of this Cluster, empty if the Cluster is not using a ClusterClass',
  },
  {
    name: 'Available',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Available")].status',
    description: 'Cluster pass all availability checks',
  },
  {
    name: 'CP Desired',
    type: 'integer',
    jsonPath: '.status.controlPlane.desiredReplicas',
    description: 'The desired number of control plane machines',
  },
  {
    name: 'CP Current',
    type: 'integer',
    jsonPath: '.status.controlPlane.replicas',
    description: 'The number of control plane machines',
    priority: 10,
  },
  {
    name: 'CP Ready',
    type: 'integer',
    jsonPath: '.status.controlPlane.readyReplicas',
    description: 'The number of control plane machines with Ready condition true',
    priority: 10,
  },
  {
    name: 'CP Available',
    type: 'integer',
    jsonPath: '.status.controlPlane.availableReplicas',
    description: 'The number of control plane machines with Available condition true',
  },
  {
    name: 'CP Up-to-date',
    type: 'integer',
    jsonPath: '.status.controlPlane.upToDateReplicas',
    description: 'The number of control plane machines with UpToDate condition true',
  },
  {
    name: 'W Desired',
    type: 'integer',
    jsonPath: '.status.workers.desiredReplicas',
    description: 'The desired number of worker machines',
  },
  {
    name: 'W Current',
    type: 'integer',
    jsonPath: '.status.workers.replicas',
    description: 'The number of worker machines',
    priority: 10,
  },
  {
    name: 'W Ready',
    type: 'integer',
    jsonPath: '.status.workers.readyReplicas',
    description: 'The number of worker machines with Ready condition true',
    priority: 10,
  },
  {
    name: 'W Available',
    type: 'integer',
    jsonPath: '.status.workers.availableReplicas',
    description: 'The number of worker machines with Available condition true',
  },
  {
    name: 'W Up-to-date',
    type: 'integer',
    jsonPath: '.status.workers.upToDateReplicas',
    description: 'The number of worker machines with UpToDate condition true',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Phase',
    type: 'string',
    jsonPath: '.status.phase',
    description: 'Cluster status such as Pending/Provisioning/Provisioned/Deleting/Failed',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of Cluster',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.topology.version',
    description: 'Kubernetes version associated with this Cluster',
  },
];

export const MACHINE_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Node Name',
    type: 'string',
    jsonPath: '.status.nodeRef.name',
    description: 'Node name associated with this machine',
  },
  {
    name: 'Provider ID',
    type: 'string',
    jsonPath: '.spec.providerID',
    description: 'Provider ID',
    priority: 10,
  },
  {
    name: 'Failure domain',
    type: 'string',
    jsonPath: '.status.failureDomain',
    description: 'The failure domain where the Machine has been scheduled',
  },
  {
    name: 'Ready',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Ready")].status',
    description: 'Machine pass all readiness checks',
  },
  {
    name: 'Available',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Available")].status',
    description: 'Machine is Ready for at least MinReadySeconds',
  },
  {
    name: 'Up-to-date',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="UpToDate")].status',
    description: " Machine spec matches the spec of the Machine's owner resource, e.g. MachineDeployment",
  },
  {
    name: 'Internal-IP',
    type: 'string',
    jsonPath: '.status.addresses[?(@.type=="InternalIP")].address',
    description: 'Internal IP of the machine',
    priority: 10,
  },
  {
    name: 'External-IP',
    type: 'string',
    jsonPath: '.status.addresses[?(@.type=="ExternalIP")].address',
    description: 'External IP of the machine',
    priority: 10,
  },
  {
    name: 'OS-Image',
    type: 'string',
    jsonPath: '.status.nodeInfo.osImage',
    description: 'OS Image reported by the node',
    priority: 10,
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Phase',
    type: 'string',
    jsonPath: '.status.phase',
    description: 'Machine status such as Terminating/Pending/Running/Failed etc',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of Machine',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.version',
    description: 'Kubernetes version associated with this Machine',
  },
];

export const MACHINE_SET_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Desired',
    type: 'integer',
    jsonPath: '.spec.replicas',
    description: 'The desired number of machines',
  },
  { name: 'Current', type: 'integer', jsonPath: '.status.replicas', description: 'The number of machines' },
  {
    name: 'Ready',
    type: 'integer',
    jsonPath: '.status.readyReplicas',
    description: 'The number of machines with Ready condition true',
  },
  {
    name: 'Available',
    type: 'integer',
    jsonPath: '.status.availableReplicas',
    description: 'The number of machines with Available condition true',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    jsonPath: '.status.upToDateReplicas',
    description: 'The number of machines with UpToDate condition true',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of MachineSet',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.template.spec.version',
    description: 'Kubernetes version associated with this MachineSet',
  },
];

export const MACHINE_DEPLOYMENT_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Available',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Available")].status',
    description: 'Cluster pass all availability checks',
  },
  {
    name: 'Desired',
    type: 'integer',
    jsonPath: '.spec.replicas',
    description: 'The desired number of machines',
  },
  { name: 'Current', type: 'integer', jsonPath: '.status.replicas', description: 'The number of machines' },
  {
    name: 'Ready',
    type: 'integer',
    jsonPath: '.status.readyReplicas',
    description: 'The number of machines with Ready condition true',
  },
  {
    name: 'Available',
    type: 'integer',
    jsonPath: '.status.availableReplicas',
    description: 'The number of machines with Available condition true',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    jsonPath: '.status.upToDateReplicas',
    description: 'The number of machines with UpToDate condition true',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Phase',
    type: 'string',
    jsonPath: '.status.phase',
    description: 'MachineDeployment status such as ScalingUp/ScalingDown/Running/Failed/Unknown',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of MachineDeployment',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.template.spec.version',
    description: 'Kubernetes version associated with this MachineDeployment',
  },
];

export const MACHINE_HEALTH_CHECK_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Replicas',
    type: 'integer',
    jsonPath: '.status.expectedMachines',
    description: 'Number of machines currently monitored',
  },
  {
    name: 'Healthy',
    type: 'integer',
    jsonPath: '.status.currentHealthy',
    description: 'Current observed healthy machines',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of MachineHealthCheck',
  },
];

export const MACHINE_POOL_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Desired',
    type: 'integer',
    jsonPath: '.spec.replicas',
    description: 'The desired number of machines',
  },
  { name: 'Current', type: 'integer', jsonPath: '.status.replicas', description: 'The number of machines' },
  {
    name: 'Ready',
    type: 'integer',
    jsonPath: '.status.readyReplicas',
    description: 'The number of machines with Ready condition true',
  },
  {
    name: 'Available',
    type: 'integer',
    jsonPath: '.status.availableReplicas',
    description: 'The number of machines with Available condition true',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    jsonPath: '.status.upToDateReplicas',
    description: 'The number of machines with UpToDate condition true',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Phase',
    type: 'string',
    jsonPath: '.status.phase',
    description: 'MachinePool status such as Terminating/Pending/Provisioning/Running/Failed etc',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of MachinePool',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.template.spec.version',
    description: 'Kubernetes version associated with this MachinePool',
  },
];

export const CLUSTER_CLASS_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Variables Ready',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="VariablesReady")].status',
    description: 'Variables ready',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of ClusterClass',
  },
];

export const KUBEADM_CONFIG_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Cluster',
    type: 'string',
    jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
    description: 'Cluster',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Data secret created',
    type: 'string',
    jsonPath: '.status.initialization.dataSecretCreated',
    description: 'Boostrap secret is created',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of KubeadmConfig',
  },
];

export const KUBEADM_CONFIG_TEMPLATE_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'ClusterClass',
    type: 'string',
    jsonPath: '.metadata.ownerReferences[?(@.kind=="ClusterClass")].name',
    description: 'Name of the ClusterClass owning this template',
  },
  {
    name: 'Cluster',
    type: 'string',
    jsonPath: '.metadata.ownerReferences[?(@.kind=="Cluster")].name',
    description: 'Name of the Cluster owning this template',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of KubeadmConfigTemplate',
  },
];

export const KUBEADM_CONTROL_PLANE_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Cluster',
    type: 'string',
    jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
    description: 'Cluster',
  },
  {
    name: 'Available',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Available")].status',
    description: 'Cluster pass all availability checks',
  },
  {
    name: 'Desired',
    type: 'integer',
    jsonPath: '.spec.replicas',
    description: 'The desired number of machines',
  },
  { name: 'Current', type: 'integer', jsonPath: '.status.replicas', description: 'The number of machines' },
  {
    name: 'Ready',
    type: 'integer',
    jsonPath: '.status.readyReplicas',
    description: 'The number of machines with Ready condition true',
  },
  {
    name: 'Available',
    type: 'integer',
    jsonPath: '.status.availableReplicas',
    description: 'The number of machines with Available condition true',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    jsonPath: '.status.upToDateReplicas',
    description: 'The number of machines with UpToDate condition true',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Initialized',
    type: 'boolean',
    jsonPath: '.status.initialization.controlPlaneInitialized',
    description: 'This denotes whether or not the control plane can accept requests',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of KubeadmControlPlane',
  },
  {
    name: 'Version',
    type: 'string',
    jsonPath: '.spec.version',
    description: 'Kubernetes version associated with this control plane',
  },
];

export const KUBEADM_CONTROL_PLANE_TEMPLATE_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'ClusterClass',
    type: 'string',
    jsonPath: '.metadata.ownerReferences[?(@.kind=="ClusterClass")].name',
    description: 'Name of the ClusterClass owning this template',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of KubeadmControlPlaneTemplate',
  },
];

export const CLUSTER_RESOURCE_SET_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Applied',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="ResourcesApplied")].status',
    description: 'Resource applied',
  },
  {
    name: 'Paused',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Paused")].status',
    description: 'Reconciliation paused',
    priority: 10,
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of ClusterResourceSet',
  },
];

export const CLUSTER_RESOURCE_SET_BINDING_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Cluster', type: 'string', jsonPath: '.spec.clusterName', description: 'Cluster' },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time duration since creation of ClusterResourceSetBinding',
  },
];
