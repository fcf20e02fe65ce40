/**
 * The labels, annotations and finalizers that link Cluster API objects and steer their controllers.
 * Every value is the upstream constant (api/core/v1beta2/common_types.go, machine_types.go, machineset_types.go,
 * machinedeployment_types.go, cluster_types.go; api/controlplane/kubeadm/v1beta2/kubeadm_control_plane_types.go).
 *
 * Truth facts: F79 (linking labels), F80 (control annotations), F11/F36/F60/F75 (finalizers), F28/F32 (hook
 * prefixes), F41 (cloned-from annotations), F51 (MachineDeployment bookkeeping annotations).
 */

// F79: labels that link objects.
export const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';
export const MACHINE_SET_NAME_LABEL = 'cluster.x-k8s.io/set-name';
export const MACHINE_DEPLOYMENT_NAME_LABEL = 'cluster.x-k8s.io/deployment-name';
export const MACHINE_DEPLOYMENT_UNIQUE_LABEL = 'machine-template-hash';
export const MACHINE_CONTROL_PLANE_LABEL = 'cluster.x-k8s.io/control-plane';
export const MACHINE_CONTROL_PLANE_NAME_LABEL = 'cluster.x-k8s.io/control-plane-name';
export const MACHINE_POOL_NAME_LABEL = 'cluster.x-k8s.io/pool-name';
/** Pods labelled "skip" or "wait-completed" are not evicted by the Machine drain (drain/filters.go drainLabelFilter). */
export const POD_DRAIN_LABEL = 'cluster.x-k8s.io/drain';

// F80: control annotations.
export const PAUSED_ANNOTATION = 'cluster.x-k8s.io/paused';
export const DELETE_MACHINE_ANNOTATION = 'cluster.x-k8s.io/delete-machine';
export const REMEDIATE_MACHINE_ANNOTATION = 'cluster.x-k8s.io/remediate-machine';
export const SKIP_REMEDIATION_ANNOTATION = 'cluster.x-k8s.io/skip-remediation';
export const DISABLE_MACHINE_CREATE_ANNOTATION = 'cluster.x-k8s.io/disable-machine-create';
export const EXCLUDE_NODE_DRAINING_ANNOTATION = 'machine.cluster.x-k8s.io/exclude-node-draining';
export const EXCLUDE_WAIT_FOR_NODE_VOLUME_DETACH_ANNOTATION =
  'machine.cluster.x-k8s.io/exclude-wait-for-node-volume-detach';
export const PRE_DRAIN_DELETE_HOOK_ANNOTATION_PREFIX = 'pre-drain.delete.hook.machine.cluster.x-k8s.io';
export const PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX =
  'pre-terminate.delete.hook.machine.cluster.x-k8s.io';
export const REVISION_ANNOTATION = 'machinedeployment.clusters.x-k8s.io/revision';
/** Deprecated upstream (mdutil/util.go revisionHistoryAnnotation) but still carried over on old MachineSets. */
export const REVISION_HISTORY_ANNOTATION = 'machinedeployment.clusters.x-k8s.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'machinedeployment.clusters.x-k8s.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'machinedeployment.clusters.x-k8s.io/max-replicas';
export const TEMPLATE_CLONED_FROM_NAME_ANNOTATION = 'cluster.x-k8s.io/cloned-from-name';
export const TEMPLATE_CLONED_FROM_GROUP_KIND_ANNOTATION = 'cluster.x-k8s.io/cloned-from-groupkind';
/** In-place update marker (InPlaceUpdates feature gate); inplace.IsUpdateInProgress reads it. */
export const UPDATE_IN_PROGRESS_ANNOTATION = 'in-place-updates.internal.cluster.x-k8s.io/update-in-progress';
/** The static-Pod marker that the drain skips (k8s.io/api core/v1 MirrorPodAnnotationKey). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

// KubeadmControlPlane bookkeeping (kubeadm_control_plane_types.go).
export const KCP_REMEDIATION_IN_PROGRESS_ANNOTATION = 'controlplane.cluster.x-k8s.io/remediation-in-progress';
export const KCP_REMEDIATION_FOR_ANNOTATION = 'controlplane.cluster.x-k8s.io/remediation-for';
export const KCP_PRE_TERMINATE_HOOK_CLEANUP_ANNOTATION = `${PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX}/kcp-cleanup`;

// Finalizers.
export const MACHINE_FINALIZER = 'machine.cluster.x-k8s.io';
export const MACHINE_SET_FINALIZER = 'cluster.x-k8s.io/machineset';
export const MACHINE_DEPLOYMENT_FINALIZER = 'cluster.x-k8s.io/machinedeployment';
export const CLUSTER_FINALIZER = 'cluster.cluster.x-k8s.io';
/** api/controlplane/kubeadm/v1beta2/kubeadm_control_plane_types.go KubeadmControlPlaneFinalizer. */
export const KCP_FINALIZER = 'kubeadm.controlplane.cluster.x-k8s.io';

type Annotated = { metadata: { annotations?: Record<string, string> | undefined } };
type Labelled = { metadata: { labels?: Record<string, string> | undefined } };

export function hasAnnotation(obj: Annotated, key: string): boolean {
  const a = obj.metadata.annotations;
  return a !== undefined && Object.prototype.hasOwnProperty.call(a, key);
}

export function hasLabel(obj: Labelled, key: string): boolean {
  const l = obj.metadata.labels;
  return l !== undefined && Object.prototype.hasOwnProperty.call(l, key);
}

/**
 * Annotation keys starting with prefix, sorted: what the Machine controller lists in the Deleting message
 * (util/annotations HasWithPrefix; machine_controller.go reconcileDelete sorts them with slices.Sort).
 */
export function annotationKeysWithPrefix(obj: Annotated, prefix: string): string[] {
  const a = obj.metadata.annotations;
  if (!a) return [];
  const keys: string[] = [];
  for (const k of Object.keys(a)) if (k.startsWith(prefix)) keys.push(k);
  return keys.sort();
}

/** util.IsControlPlaneMachine: the control-plane label is present (its value is ""). */
export function isControlPlaneMachine(machine: Labelled): boolean {
  return hasLabel(machine, MACHINE_CONTROL_PLANE_LABEL);
}
