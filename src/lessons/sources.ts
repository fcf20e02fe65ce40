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
  // Bug labs: the real issues each lab reproduces (lessons-research.md part b grounding).
  writingControllers: link(
    'kubernetes/community Writing Controllers: level driven, not edge driven',
    'https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/controllers.md',
  ),
  capiPr316: link(
    'cluster-api#316: wait to confirm Machine creates and deletes',
    'https://github.com/kubernetes-sigs/cluster-api/pull/316',
  ),
  capi13649: link(
    'cluster-api#13649: 8 Machines instead of 2 after a cache-sync timeout',
    'https://github.com/kubernetes-sigs/cluster-api/issues/13649',
  ),
  argoCd5105: link(
    'argo-cd#5105: auto-sync and an HPA scale the Deployment to 1 or 2 again and again',
    'https://github.com/argoproj/argo-cd/issues/5105',
  ),
  hpaMigrating: link(
    'HPA docs: migrating Deployments to horizontal autoscaling (remove spec.replicas)',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
  ),
  hpaFlapping: link(
    'HPA docs: flapping and the stabilization window',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#flapping',
  ),
  cassandraOperator398: link(
    'cassandra-operator#398: PVCs leak when the terminating Pod is never observed',
    'https://github.com/instaclustr/cassandra-operator/issues/398',
  ),
  sieve: link('Sieve: bugs found in controllers (OSDI 22)', 'https://github.com/sieve-project/sieve'),
  capa5794: link(
    'cluster-api-provider-aws#5794: a new EC2 instance after every restart',
    'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/5794',
  ),
  capa173: link(
    'cluster-api-provider-aws#173: not looking up instances by tag creates one per iteration',
    'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/173',
  ),
  capa53: link(
    'cluster-api-provider-aws#53: idempotent instance creation',
    'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/53',
  ),
  casskop370: link(
    'casskop#370: a phase written after the side effect leaves the operator stuck after a restart',
    'https://github.com/Orange-OpenSource/casskop/issues/370',
  ),
  kubebuilderGoodPractices: link(
    'kubebuilder good practices: reconciles must be idempotent',
    'https://github.com/kubernetes-sigs/kubebuilder/blob/master/docs/book/src/reference/good-practices.md',
  ),
  controllerRefDesign: link(
    'design proposal ControllerRef: controllers with overlapping selectors fight',
    'https://github.com/kubernetes/design-proposals-archive/blob/main/api-machinery/controller-ref.md',
  ),
  controllerRefManager: link(
    'controller_ref_manager.go ClaimPods',
    `${K8S}/pkg/controller/controller_ref_manager.go`,
  ),
  setControllerReference: link(
    'controllerutil.go SetControllerReference',
    `${CR}/pkg/controller/controllerutil/controllerutil.go`,
  ),
  ownersDependents: link(
    'Owners and dependents: ownerReferences carry the owner UID',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/',
  ),
  canaryLabels: link(
    'Managing workloads: canary deployments share the app label',
    'https://kubernetes.io/docs/concepts/workloads/management/#canary-deployments',
  ),
} as const;
