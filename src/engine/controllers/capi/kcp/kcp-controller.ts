/**
 * The KubeadmControlPlane controller: controlplane/kubeadm/internal/controllers/controller.go reconcile →
 * scale.go initializeControlPlane / scaleUpControlPlane / scaleDownControlPlane and the rollout of
 * machinesNeedingRollout, one Machine at a time (kcp/scale.ts nextKcpOperation, preflight checks included).
 *
 * The workload cluster inspection (updateStatus / reconcileControlPlaneAndMachinesConditions) is simulated: a
 * control-plane Machine whose Node is Ready gets its control-plane component and etcd conditions True. The KCP
 * is initialized once its first Machine has a Node (status.initialization.controlPlaneInitialized).
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { isNotFound } from '../../../api/types.ts';
import { resourceIdOf } from '../../../api/resource.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, isTrue, setCondition } from '../conditions.ts';
import { asNumber, isDeleting, nameOf, path, readRef } from '../fields.ts';
import {
  CLUSTER_NAME_LABEL,
  KCP_FINALIZER,
  MACHINE_CONTROL_PLANE_LABEL,
  MACHINE_CONTROL_PLANE_NAME_LABEL,
} from '../labels.ts';
import { machineNodeRefName } from '../machine/fields.ts';
import { generateFromTemplate } from '../machineset/naming.ts';
import {
  CLUSTERS,
  KCPS,
  KUBEADM_CONFIGS,
  MACHINES,
  NODES,
  createExternalTracker,
  ownerRef,
  type CapiDeps,
} from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import { kcpMachineUpToDate, nextKcpOperation } from './scale.ts';

export const KCP_CONTROLLER = 'kubeadmcontrolplane-controller';
/** controlplane/kubeadm/internal/controllers/controller.go deleteRequeueAfter. */
export const KCP_DELETE_REQUEUE_AFTER_MS = 30_000;
const OWNER_INDEX = 'kcp-owner-uid';
const HEALTH_CONDITIONS = [
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
  'EtcdPodHealthy',
  'EtcdMemberHealthy',
];

export const KCP_STEPS = defineReconcileSteps({
  id: 'kubeadmcontrolplane',
  first: 'fetch',
  listing: [
    'func (r *KubeadmControlPlaneReconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  kcp := &KubeadmControlPlane{}; r.Client.Get(ctx, req.NamespacedName, kcp)',
    '  cluster, err := util.GetOwnerCluster(ctx, r.Client, kcp.ObjectMeta)',
    '  controlPlane, err := internal.NewControlPlane(ctx, ..., cluster, kcp, ownedMachines)',
    '  defer r.updateStatus(ctx, controlPlane) // replicas, ready, initialized',
    '  if !kcp.DeletionTimestamp.IsZero() { return r.reconcileDelete(ctx, controlPlane) }',
    '  controllerutil.AddFinalizer(kcp, KubeadmControlPlaneFinalizer)',
    '  r.reconcileControlPlaneAndMachinesConditions(ctx, controlPlane) // workload cluster health',
    '  switch {',
    '  case len(machinesNeedingRollout) > 0: // rollout, maxSurge 1',
    '  case numMachines == 0: return r.initializeControlPlane(ctx, controlPlane)',
    '  case numMachines < desiredReplicas: return r.scaleUpControlPlane(ctx, controlPlane) // preflight',
    '  case numMachines > desiredReplicas: return r.scaleDownControlPlane(ctx, controlPlane)',
    '  }',
    '}',
  ],
  steps: {
    fetch: { next: ['setup', 'health', 'delete', 'status'], lines: [2, 3, 4] },
    setup: { next: ['health'], lines: [7] },
    delete: { next: ['status'], lines: [6] },
    health: { next: ['decide'], lines: [8] },
    decide: { next: ['scaleUp', 'scaleDown', 'status'], lines: [9, 10, 11, 12, 13] },
    scaleUp: { next: ['status'], lines: [11, 12] },
    scaleDown: { next: ['status'], lines: [13] },
    status: { next: [], lines: [5] },
  },
});

export function createKcpController(deps: CapiDeps): { controller: Controller; tracker: StepTracker } {
  const { sim, informerFactory: factory } = deps;
  factory.informerFor(MACHINES).addIndexers({
    [OWNER_INDEX]: (m) => {
      const ref = m.metadata.ownerReferences?.find(
        (r) => r.controller === true && r.kind === 'KubeadmControlPlane',
      );
      return ref ? [ref.uid] : [];
    },
  });
  // eslint-disable-next-line prefer-const -- set once the controller exists; the tracker closes over it first
  let self: Controller | undefined;
  const templates = createExternalTracker(
    deps,
    () => self!,
    () => [],
  );

  const awaitingCache = new Map<string, string>();

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    let kcp = ctx.cache(KCPS).get(req.namespace, req.name);
    if (!kcp) {
      awaitingCache.delete(req.key);
      return;
    }
    const clusterName = kcp.metadata.ownerReferences?.find((r) => r.kind === 'Cluster')?.name;
    const cluster = clusterName ? ctx.cache(CLUSTERS).get(req.namespace, clusterName) : undefined;
    let machines = ctx.cache(MACHINES).byIndex(OWNER_INDEX, kcp.metadata.uid!);
    let requeueAfterMs: number | undefined;
    if (isDeleting(kcp)) {
      yield ctx.step('delete');
      // controller.go reconcileDelete: wait until only control-plane Machines are left in the Cluster, then
      // delete the owned Machines, and drop the finalizer once none is left (deleteRequeueAfter 30 s meanwhile;
      // owned Machines going away enqueue the KCP sooner).
      if (machines.length === 0) {
        if (kcp.metadata.finalizers?.includes(KCP_FINALIZER)) {
          const next = ctx.clone(kcp);
          next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== KCP_FINALIZER);
          yield* ctx.client.update(KCPS, next);
        }
        return;
      }
      const inCluster = clusterName
        ? ctx
            .cache(MACHINES)
            .list({ namespace: req.namespace, labelSelector: { [CLUSTER_NAME_LABEL]: clusterName } })
        : machines;
      if (inCluster.length > machines.length) {
        ctx.log('waiting for worker Machines to be deleted');
      } else {
        const victims = machines.filter((m) => !isDeleting(m));
        if (victims.length > 0) {
          const results = yield* parallel(
            victims.map((m) => ctx.client.delete(MACHINES, req.namespace, nameOf(m))),
          );
          for (const r of results) if (!r.ok && !isNotFound(r.error)) throw r.error;
        }
      }
      requeueAfterMs = KCP_DELETE_REQUEUE_AFTER_MS;
    } else if (cluster) {
      if (!kcp.metadata.finalizers?.includes(KCP_FINALIZER)) {
        yield ctx.step('setup');
        const next = ctx.clone(kcp);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), KCP_FINALIZER];
        kcp = yield* ctx.client.update(KCPS, next);
      }
      const k = kcp;
      yield ctx.step('health');
      const patches = [];
      for (const m of machines) {
        const nodeName = machineNodeRefName(m);
        const node = nodeName ? ctx.cache(NODES).get(undefined, nodeName) : undefined;
        const ready = node
          ? (node.status?.conditions as { type: string; status: string }[] | undefined)?.find(
              (c) => c.type === 'Ready',
            )?.status === 'True'
          : false;
        if (!node || isDeleting(m)) continue;
        let conds = conditionsOf(m);
        for (const t of HEALTH_CONDITIONS)
          conds = setCondition(
            conds,
            ready
              ? { type: t, status: 'True', reason: 'Healthy' }
              : { type: t, status: 'Unknown', reason: 'InspectionFailed', message: 'Node is not ready' },
            ctx.now(),
            m.metadata.generation,
          );
        if (conds !== conditionsOf(m) && !jsonEqual(conds, conditionsOf(m)))
          patches.push(
            ctx.client.patch(
              MACHINES,
              req.namespace,
              nameOf(m),
              'merge',
              { status: { conditions: conds } },
              { subresource: 'status' },
            ),
          );
      }
      if (patches.length > 0) {
        const results = yield* parallel(patches);
        machines = machines.map((m) => {
          const r = results.find((x) => x.ok && x.value.metadata.name === m.metadata.name);
          return r && r.ok ? r.value : m;
        });
      }
      yield ctx.step('decide');
      // scale.go after a create (clientutil.WaitForObjectsToBeAddedToTheCache): decide nothing until the
      // Machine just created is in the cache, or a second reconcile would count one Machine short and create
      // another. Its add event enqueues this KCP again.
      const created = awaitingCache.get(req.key);
      if (created !== undefined) {
        if (!ctx.cache(MACHINES).get(req.namespace, created)) {
          ctx.log(`waiting for Machine ${created} to reach the cache`);
          return;
        }
        awaitingCache.delete(req.key);
      }
      const d = nextKcpOperation({
        kcp: k,
        cluster,
        machines,
        nowMs: ctx.now(),
        certificatesAvailable: true,
      });
      ctx.log(`decision ${d.op}`);
      if (d.op === 'initialize' || d.op === 'scaleUp') {
        yield ctx.step('scaleUp');
        yield* createMachine(k, cluster, d.failureDomain);
      } else if (d.op === 'scaleDown') {
        yield ctx.step('scaleDown');
        yield* ctx.client.delete(MACHINES, req.namespace, nameOf(d.machine));
      } else if (d.op === 'preflightFailed') {
        ctx.log(d.reasons.join('; '));
        requeueAfterMs = d.requeueAfterMs;
      }
    }

    yield ctx.step('status');
    const active = machines.filter((m) => !isDeleting(m));
    const initialized =
      path(kcp.status, 'initialization', 'controlPlaneInitialized') === true ||
      machines.some((m) => machineNodeRefName(m) !== undefined);
    const status: Record<string, unknown> = {
      ...(kcp.status ?? {}),
      replicas: machines.length,
      readyReplicas: active.filter((m) => isTrue(conditionsOf(m), 'Ready')).length,
      availableReplicas: active.filter((m) => isTrue(conditionsOf(m), 'Available')).length,
      upToDateReplicas: active.filter((m) => kcpMachineUpToDate(kcp, m, ctx.now())).length,
      initialization: { controlPlaneInitialized: initialized },
      observedGeneration: kcp.metadata.generation,
      version: kcp.spec?.version,
      selector: `${CLUSTER_NAME_LABEL}=${clusterName ?? ''},${MACHINE_CONTROL_PLANE_LABEL}`,
      conditions: setCondition(
        conditionsOf(kcp),
        initialized
          ? { type: 'Initialized', status: 'True', reason: 'Initialized' }
          : { type: 'Initialized', status: 'False', reason: 'NotInitialized' },
        ctx.now(),
        kcp.metadata.generation,
      ),
    };
    if (!jsonEqual(status, kcp.status ?? {})) {
      const next = ctx.clone(kcp);
      next.status = status;
      yield* ctx.client.updateStatus(KCPS, next);
    }
    const desired = asNumber(kcp.spec?.replicas) ?? 0;
    if (
      !isDeleting(kcp) &&
      requeueAfterMs === undefined &&
      (status.readyReplicas !== desired || machines.length !== desired)
    )
      requeueAfterMs = 15_000;
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;

    // cloneConfigsAndGenerateMachine: KubeadmConfig, InfraMachine from the template, then the Machine.
    function* createMachine(k: KubeObject, cl: KubeObject, failureDomain: string) {
      const tplRef = readRef(path(k.spec, 'machineTemplate', 'spec', 'infrastructureRef'));
      if (!tplRef)
        throw new Error(
          `KubeadmControlPlane ${req.key}: spec.machineTemplate.spec.infrastructureRef is required`,
        );
      const tpl = templates.get(tplRef, req.namespace);
      if (!tpl) return;
      const name = `${k.metadata.name}-${ctx.rng.suffix(5)}`;
      const labels = {
        [CLUSTER_NAME_LABEL]: cl.metadata.name!,
        [MACHINE_CONTROL_PLANE_LABEL]: '',
        [MACHINE_CONTROL_PLANE_NAME_LABEL]: k.metadata.name!,
      };
      const owner = ownerRef(k, true);
      const infraKind = tpl.kind.replace(/Template$/, '');
      const infraDef = deps.api.registry.byKind(tpl.apiVersion, infraKind);
      if (!infraDef) throw new Error(`${infraKind} is not served`);
      yield* ctx.client.create(KUBEADM_CONFIGS, {
        apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
        kind: 'KubeadmConfig',
        metadata: { name, namespace: req.namespace, labels, ownerReferences: [owner] },
        spec: JSON.parse(JSON.stringify(k.spec?.kubeadmConfigSpec ?? {})) as Record<string, unknown>,
      });
      yield* ctx.client.create(
        resourceIdOf(infraDef),
        generateFromTemplate({
          template: tpl,
          name,
          namespace: req.namespace,
          clusterName: cl.metadata.name!,
          labels,
          ownerRef: owner,
        }),
      );
      yield* ctx.client.create(MACHINES, {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Machine',
        metadata: { name, namespace: req.namespace, labels, ownerReferences: [owner] },
        spec: {
          clusterName: cl.metadata.name,
          version: k.spec?.version,
          bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name } },
          infrastructureRef: { apiGroup: tplRef.apiGroup, kind: infraKind, name },
          ...(failureDomain ? { failureDomain } : {}),
        },
      });
      awaitingCache.set(req.key, name);
    }
  };

  // ClusterToKubeadmControlPlane.
  const clusterToKcp: EventHandler = {
    name: 'Cluster to KubeadmControlPlane',
    create: (e, q) => enqueue(e.object, q),
    update: (e, q) => enqueue(e.objectNew, q),
    delete: () => {},
    generic: () => {},
  };
  function enqueue(c: KubeObject, q: { add(k: string): void }) {
    const ref = readRef(c.spec?.controlPlaneRef);
    if (ref?.kind === 'KubeadmControlPlane') q.add(`${c.metadata.namespace}/${ref.name}`);
  }
  const { reconcile, tracker } = withStepMachine(sim, KCP_STEPS, inner);
  self = createController(sim, {
    name: KCP_CONTROLLER,
    forResource: KCPS,
    owns: [MACHINES],
    watches: [{ resource: CLUSTERS, handler: clusterToKcp }],
    reads: [NODES],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller: self, tracker };
}
