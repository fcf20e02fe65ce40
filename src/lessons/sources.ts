/**
 * Upstream sources lessons cite, pinned to the release the simulation follows, so a link keeps pointing at the
 * code the claim was checked against.
 */
import type { SourceLink } from './lesson-types.ts';

const K8S = 'https://github.com/kubernetes/kubernetes/blob/v1.32.0';
const CLIENT_GO = 'https://github.com/kubernetes/client-go/blob/v0.32.0';
const CR = 'https://github.com/kubernetes-sigs/controller-runtime/blob/v0.20.0';
const CAPI = 'https://github.com/kubernetes-sigs/cluster-api/blob/v1.14.0';

const link = (label: string, url: string): SourceLink => ({ label, url });

export const SRC = {
  replicaSetSync: link('replica_set.go syncReplicaSet', `${K8S}/pkg/controller/replicaset/replica_set.go`),
  replicaSetManage: link('replica_set.go manageReplicas', `${K8S}/pkg/controller/replicaset/replica_set.go`),
  expectations: link(
    'controller_utils.go ControllerExpectations',
    `${K8S}/pkg/controller/controller_utils.go`,
  ),
  reflector: link('reflector.go ListAndWatch', `${CLIENT_GO}/tools/cache/reflector.go`),
  sharedInformer: link('shared_informer.go resync', `${CLIENT_GO}/tools/cache/shared_informer.go`),
  workqueue: link('workqueue queue.go Add/Get/Done', `${CLIENT_GO}/util/workqueue/queue.go`),
  rateLimiters: link(
    'default_rate_limiters.go DefaultControllerRateLimiter',
    `${CLIENT_GO}/util/workqueue/default_rate_limiters.go`,
  ),
  crController: link('controller.go reconcileHandler', `${CR}/pkg/internal/controller/controller.go`),
  priorityQueue: link('priorityqueue.go', `${CR}/pkg/controller/priorityqueue/priorityqueue.go`),
  conflict: link(
    'API concepts: resourceVersion and optimistic concurrency',
    'https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions',
  ),
  retryOnConflict: link('retry.go RetryOnConflict', `${CLIENT_GO}/util/retry/util.go`),
  garbageCollector: link('garbagecollector.go', `${K8S}/pkg/controller/garbagecollector/garbagecollector.go`),
  gcDocs: link(
    'Garbage collection: cascading deletion',
    'https://kubernetes.io/docs/concepts/architecture/garbage-collection/#cascading-deletion',
  ),
  finalizers: link(
    'Finalizers',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/',
  ),
  hpa: link('horizontal.go reconcileAutoscaler', `${K8S}/pkg/controller/podautoscaler/horizontal.go`),
  hpaCalc: link(
    'replica_calculator.go GetResourceReplicas',
    `${K8S}/pkg/controller/podautoscaler/replica_calculator.go`,
  ),
  hpaDocs: link(
    'HPA algorithm details and stabilization window',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details',
  ),
  capiCluster: link('cluster_controller.go', `${CAPI}/core/reconcilers/cluster/cluster_controller.go`),
  capiMachine: link('machine_controller.go', `${CAPI}/core/reconcilers/machine/machine_controller.go`),
  capiMachinePhases: link(
    'machine_controller_phases.go',
    `${CAPI}/core/reconcilers/machine/machine_controller_phases.go`,
  ),
  capiMachineSet: link(
    'machineset_controller.go',
    `${CAPI}/core/reconcilers/machineset/machineset_controller.go`,
  ),
  capiRollout: link(
    'machinedeployment rolling update',
    `${CAPI}/core/reconcilers/machinedeployment/machinedeployment_rollout_rollingupdate.go`,
  ),
  capiMhc: link(
    'machinehealthcheck_controller.go',
    `${CAPI}/core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go`,
  ),
  capiKcp: link('kcp controller.go', `${CAPI}/controlplane/kubeadm/internal/controllers/controller.go`),
  capiBook: link('The Cluster API book: concepts', 'https://cluster-api.sigs.k8s.io/user/concepts'),
} as const;
