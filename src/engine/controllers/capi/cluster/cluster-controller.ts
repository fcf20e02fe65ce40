/**
 * The Cluster controller: core/reconcilers/cluster/cluster_controller.go Reconcile — reconcileInfrastructure
 * (the infrastructure cluster's provisioned flag and controlPlaneEndpoint), reconcileControlPlane (the control
 * plane's initialized flag → ControlPlaneInitialized), setPhase (cluster/phase.ts), and reconcileDelete in the
 * real order: workers (MachineDeployments, MachineSets, Machines) → control plane → infrastructure → finalizer
 * (cluster/deletion.ts).
 */
import { jsonEqual } from '../../../api/json.ts';
import { isNotFound } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, setCondition } from '../conditions.ts';
import { isDeleting, path } from '../fields.ts';
import { CLUSTER_FINALIZER, CLUSTER_NAME_LABEL } from '../labels.ts';
import {
  CLUSTERS,
  KCPS,
  MACHINES,
  MACHINE_DEPLOYMENTS,
  MACHINE_SETS,
  createExternalTracker,
  ownerKeys,
  ownerRef,
  resourceForRef,
  type CapiDeps,
} from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import { nextClusterDeletionStep } from './deletion.ts';
import {
  clusterControlPlaneRef,
  clusterInfrastructureProvisioned,
  clusterInfrastructureRef,
} from './fields.ts';
import { clusterPhase } from './phase.ts';

export const CLUSTER_CONTROLLER = 'cluster-controller';
/** core/reconcilers/cluster/cluster_controller_phases.go externalReadyWait. */
export const CLUSTER_EXTERNAL_READY_WAIT_MS = 30_000;

export const CLUSTER_STEPS = defineReconcileSteps({
  id: 'cluster',
  first: 'fetch',
  listing: [
    'func (r *Reconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  cluster := &Cluster{}; r.Client.Get(ctx, req.NamespacedName, cluster)',
    '  defer r.updateStatus(ctx, s) // conditions, then setPhase',
    '  if !cluster.DeletionTimestamp.IsZero() {',
    '    return r.reconcileDelete(ctx, s) // workers -> control plane -> infrastructure',
    '  }',
    '  controllerutil.AddFinalizer(cluster, ClusterFinalizer)',
    '  r.reconcileInfrastructure(ctx, s) // provisioned, controlPlaneEndpoint',
    '  r.reconcileControlPlane(ctx, s)   // initialized -> ControlPlaneInitialized',
    '  return ctrl.Result{}, nil',
    '}',
  ],
  steps: {
    fetch: { next: ['delete', 'setup', 'infrastructure'], lines: [2] },
    delete: { next: ['status'], lines: [4, 5] },
    setup: { next: ['infrastructure'], lines: [7] },
    infrastructure: { next: ['controlPlane'], lines: [8] },
    controlPlane: { next: ['status'], lines: [9] },
    status: { next: [], lines: [3, 10] },
  },
});

export function createClusterController(deps: CapiDeps): { controller: Controller; tracker: StepTracker } {
  const { sim, informerFactory: factory } = deps;
  // eslint-disable-next-line prefer-const -- set once the controller exists; the tracker closes over it first
  let self: Controller | undefined;
  const external = createExternalTracker(
    deps,
    () => self!,
    (o) => ownerKeys(o, 'Cluster'),
  );

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    let cluster = ctx.cache(CLUSTERS).get(req.namespace, req.name);
    if (!cluster) return;
    const infraRef = clusterInfrastructureRef(cluster);
    const cpRef = clusterControlPlaneRef(cluster);
    const infra = infraRef ? external.get(infraRef, req.namespace) : undefined;
    const cp = cpRef ? external.get(cpRef, req.namespace) : undefined;
    let requeueAfterMs: number | undefined;
    let deletingCondition: { reason: string; message: string } | undefined;

    if (isDeleting(cluster)) {
      yield ctx.step('delete');
      const byCluster = (res: string) =>
        ctx
          .cache(res)
          .list({ namespace: req.namespace })
          .filter((o) => o.metadata.labels?.[CLUSTER_NAME_LABEL] === req.name);
      const d = nextClusterDeletionStep({
        cluster,
        descendants: {
          machineDeployments: byCluster(MACHINE_DEPLOYMENTS),
          machineSets: byCluster(MACHINE_SETS),
          machines: byCluster(MACHINES),
        },
        controlPlane: cp,
        infraCluster: infra,
      });
      deletingCondition = { reason: d.reason, message: d.message };
      ctx.log(`deletion step ${d.step}: ${d.message}`);
      switch (d.step) {
        case 'deleteDescendants': {
          const results = yield* parallel(
            d.objects.map((o) =>
              ctx.client.delete(
                resourceForRef(deps.api, { apiGroup: o.apiVersion.split('/')[0]!, kind: o.kind })!,
                req.namespace,
                o.metadata.name!,
              ),
            ),
          );
          for (const r of results) if (!r.ok && !isNotFound(r.error)) throw r.error;
          requeueAfterMs = d.requeueAfterMs;
          break;
        }
        case 'waitDescendants':
          requeueAfterMs = d.requeueAfterMs;
          break;
        case 'deleteControlPlane':
          yield* ctx.client.delete(resourceForRef(deps.api, cpRef!)!, req.namespace, cpRef!.name);
          break;
        case 'deleteInfrastructure':
          yield* ctx.client.delete(resourceForRef(deps.api, infraRef!)!, req.namespace, infraRef!.name);
          break;
        case 'waitControlPlaneGone':
        case 'waitInfrastructureGone':
          break;
        case 'removeFinalizer': {
          const next = ctx.clone(cluster);
          next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== CLUSTER_FINALIZER);
          yield* ctx.client.update(CLUSTERS, next);
          return;
        }
      }
    } else {
      if (!cluster.metadata.finalizers?.includes(CLUSTER_FINALIZER)) {
        yield ctx.step('setup');
        const next = ctx.clone(cluster);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), CLUSTER_FINALIZER];
        cluster = yield* ctx.client.update(CLUSTERS, next);
      }
      yield ctx.step('infrastructure');
      // reconcileExternal: the Cluster owns its infrastructure and control plane objects.
      const adopt = [infra, cp].filter(
        (o) =>
          o &&
          !isDeleting(o) &&
          !(o.metadata.ownerReferences ?? []).some((r) => r.uid === cluster!.metadata.uid),
      );
      if (adopt.length > 0) {
        yield* parallel(
          adopt.map((o) =>
            ctx.client.patch(
              resourceForRef(deps.api, { apiGroup: o!.apiVersion.split('/')[0]!, kind: o!.kind })!,
              req.namespace,
              o!.metadata.name!,
              'merge',
              {
                metadata: {
                  ownerReferences: [...(o!.metadata.ownerReferences ?? []), ownerRef(cluster!, true)],
                  labels: { ...(o!.metadata.labels ?? {}), [CLUSTER_NAME_LABEL]: req.name },
                },
              },
            ),
          ),
        );
      }
      const endpoint = path(infra?.spec, 'controlPlaneEndpoint');
      if (endpoint && !path(cluster.spec, 'controlPlaneEndpoint', 'host')) {
        const next = ctx.clone(cluster);
        next.spec = { ...(next.spec ?? {}), controlPlaneEndpoint: endpoint };
        cluster = yield* ctx.client.update(CLUSTERS, next);
      }
      yield ctx.step('controlPlane');
      // cluster_controller_phases.go reconcileInfrastructure / reconcileControlPlane: a referenced object that
      // does not exist yet is polled for ("Could not find ..., requeuing"), since the external watch maps events
      // to the Cluster through owner references (EnqueueRequestForOwner) and an object applied after the Cluster
      // carries none until this controller adopts it. Once provisioned / initialized, upstream reports an error
      // instead; here the Cluster keeps what it recorded.
      const waiting = [
        infraRef && !infra && !clusterInfrastructureProvisioned(cluster) ? infraRef.kind : undefined,
        cpRef && !cp && path(cluster.status, 'initialization', 'controlPlaneInitialized') !== true
          ? cpRef.kind
          : undefined,
      ].filter((k) => k !== undefined);
      if (waiting.length > 0) {
        ctx.log(`could not find ${waiting.join(', ')}, requeuing`);
        requeueAfterMs = CLUSTER_EXTERNAL_READY_WAIT_MS;
      }
    }

    yield ctx.step('status');
    const infraProvisioned = path(infra?.status, 'initialization', 'provisioned') === true;
    const cpInitialized = path(cp?.status, 'initialization', 'controlPlaneInitialized') === true;
    const init = { ...((path(cluster.status, 'initialization') as Record<string, unknown>) ?? {}) };
    if (infraProvisioned) init.infrastructureProvisioned = true;
    if (cpInitialized) init.controlPlaneInitialized = true;
    let conds = conditionsOf(cluster);
    const gen = cluster.metadata.generation;
    conds = setCondition(
      conds,
      infraProvisioned
        ? { type: 'InfrastructureReady', status: 'True', reason: 'Ready' }
        : {
            type: 'InfrastructureReady',
            status: 'False',
            reason: infra ? 'NotReady' : 'InfrastructureDoesNotExist',
          },
      ctx.now(),
      gen,
    );
    if (init.controlPlaneInitialized === true)
      conds = setCondition(
        conds,
        { type: 'ControlPlaneInitialized', status: 'True', reason: 'Initialized' },
        ctx.now(),
        gen,
      );
    else
      conds = setCondition(
        conds,
        {
          type: 'ControlPlaneInitialized',
          status: 'False',
          reason: 'NotInitialized',
          message: 'Control plane not yet initialized',
        },
        ctx.now(),
        gen,
      );
    conds = setCondition(
      conds,
      deletingCondition
        ? { type: 'Deleting', status: 'True', ...deletingCondition }
        : { type: 'Deleting', status: 'False', reason: 'NotDeleting' },
      ctx.now(),
      gen,
    );
    const status: Record<string, unknown> = {
      ...(cluster.status ?? {}),
      initialization: init,
      conditions: conds,
      observedGeneration: gen,
    };
    status.phase = clusterPhase({ ...cluster, status });
    if (!jsonEqual(status, cluster.status ?? {})) {
      const next = ctx.clone(cluster);
      next.status = status;
      yield* ctx.client.updateStatus(CLUSTERS, next);
    }
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  };

  // Descendants going away move the deletion on.
  const toCluster: EventHandler = {
    name: 'descendant to Cluster',
    create: () => {},
    update: (e, q) => {
      if (isDeleting(e.objectNew)) enqueue(e.objectNew, q);
    },
    delete: (e, q) => enqueue(e.object, q),
    generic: () => {},
  };
  function enqueue(
    o: { metadata: { namespace?: string; labels?: Record<string, string> } },
    q: { add(k: string): void },
  ) {
    const c = o.metadata.labels?.[CLUSTER_NAME_LABEL];
    if (c) q.add(`${o.metadata.namespace}/${c}`);
  }
  void factory;
  const { reconcile, tracker } = withStepMachine(sim, CLUSTER_STEPS, inner);
  self = createController(sim, {
    name: CLUSTER_CONTROLLER,
    forResource: CLUSTERS,
    watches: [
      { resource: MACHINE_DEPLOYMENTS, handler: toCluster },
      { resource: MACHINE_SETS, handler: toCluster },
      { resource: MACHINES, handler: toCluster },
    ],
    reads: [KCPS],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller: self, tracker };
}
