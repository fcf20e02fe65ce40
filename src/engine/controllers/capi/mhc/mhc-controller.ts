/**
 * The MachineHealthCheck controller: core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go
 * Reconcile → reconcile (getTargetsFromMHC, healthCheckTargets, isAllowedRemediation, patchUnhealthyTargets,
 * patchHealthyTargets), with the verdicts of mhc/evaluate.ts.
 *
 * It only marks Machines: HealthCheckSucceeded on every judged target, and OwnerRemediated=False
 * (WaitingForRemediation) on unhealthy ones when remediation is allowed. It never deletes (F70): the owner does
 * (MachineSet newest first, F45; KubeadmControlPlane, F78). Over maxUnhealthy / outside unhealthyInRange it
 * short-circuits (F68–F69): RemediationAllowed=False TooManyUnhealthy, no OwnerRemediated.
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { isNotFound } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, setCondition } from '../conditions.ts';
import { isDeleting } from '../fields.ts';
import { CLUSTER_NAME_LABEL } from '../labels.ts';
import { matchesLabelSelector } from '../label-selector.ts';
import { machineNodeRefName } from '../machine/fields.ts';
import { CLUSTERS, MACHINES, MHCS, NODES, keyOf, ownerRef, type CapiDeps } from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import { evaluateMachineHealthCheck } from './evaluate.ts';

export const MHC_CONTROLLER = 'machinehealthcheck-controller';
const NODE_REF_INDEX = 'mhc-status.nodeRef.name';

export const MHC_STEPS = defineReconcileSteps({
  id: 'machinehealthcheck',
  first: 'fetch',
  listing: [
    'func (r *Reconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  m := &MachineHealthCheck{}; r.Client.Get(ctx, req.NamespacedName, m)',
    '  cluster, err := util.GetClusterByName(ctx, r.Client, m.Namespace, m.Spec.ClusterName)',
    '  m.OwnerReferences += cluster; m.Labels[ClusterNameLabel] = cluster.Name',
    '  targets, err := r.getTargetsFromMHC(ctx, cluster, m) // selector + cluster-name label',
    '  healthy, unhealthy, nextCheckTimes := r.healthCheckTargets(targets, nodeStartupTimeout)',
    '  m.Status.ExpectedMachines, m.Status.CurrentHealthy = len(targets), len(healthy)',
    '  if !isAllowedRemediation(m) { // unhealthyLessThanOrEqualTo / unhealthyInRange',
    '    conditions.Set(m, RemediationAllowed=False, TooManyUnhealthy) // HealthCheckSucceeded only',
    '    return ctrl.Result{}, nil',
    '  }',
    '  r.patchUnhealthyTargets(ctx, unhealthy, cluster, m) // OwnerRemediated=False: the owner deletes',
    '  r.patchHealthyTargets(ctx, healthy, m)             // HealthCheckSucceeded=True',
    '  return ctrl.Result{RequeueAfter: minDuration(nextCheckTimes)}, nil',
    '}',
  ],
  steps: {
    fetch: { next: ['setup', 'evaluate'], lines: [2, 3] },
    setup: { next: ['evaluate'], lines: [4] },
    evaluate: { next: ['patch', 'status'], lines: [5, 6, 7, 8, 9] },
    patch: { next: ['status'], lines: [12, 13] },
    status: { next: [], lines: [7, 10, 14] },
  },
});

const sameConditions = (a: readonly unknown[], b: readonly unknown[]) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

export function createMachineHealthCheckController(deps: CapiDeps): {
  controller: Controller;
  tracker: StepTracker;
} {
  const { sim, informerFactory: factory } = deps;
  factory.informerFor(MACHINES).addIndexers({
    [NODE_REF_INDEX]: (m) => {
      const n = machineNodeRefName(m);
      return n ? [n] : [];
    },
  });

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    let mhc = ctx.cache(MHCS).get(req.namespace, req.name);
    if (!mhc || isDeleting(mhc)) return;
    const clusterName = (mhc.spec?.clusterName as string | undefined) ?? '';
    const cluster = ctx.cache(CLUSTERS).get(req.namespace, clusterName);
    if (!cluster) {
      ctx.log(`Cluster ${req.namespace}/${clusterName} not found`);
      return;
    }
    // F70 (machinehealthcheck_controller.go Reconcile): a non-controller ownerRef to the Cluster and the
    // cluster-name label.
    if (
      !(mhc.metadata.ownerReferences ?? []).some((r) => r.uid === cluster.metadata.uid) ||
      mhc.metadata.labels?.[CLUSTER_NAME_LABEL] !== clusterName
    ) {
      yield ctx.step('setup');
      const refs = (mhc.metadata.ownerReferences ?? []).filter((r) => r.uid !== cluster.metadata.uid);
      mhc = yield* ctx.client.patch(MHCS, req.namespace, req.name, 'merge', {
        metadata: {
          ownerReferences: [...refs, ownerRef(cluster, false)],
          labels: { [CLUSTER_NAME_LABEL]: clusterName },
        },
      });
    }

    yield ctx.step('evaluate');
    const machines = ctx
      .cache(MACHINES)
      .list({ namespace: req.namespace, labelSelector: { [CLUSTER_NAME_LABEL]: clusterName } });
    const nodes = ctx.cache(NODES);
    const ev = evaluateMachineHealthCheck(
      mhc,
      cluster,
      machines,
      (m) => {
        const n = machineNodeRefName(m);
        return n ? nodes.get(undefined, n) : undefined;
      },
      ctx.now(),
    );
    for (const [name, h] of ev.health)
      if (h.state === 'unhealthy')
        ctx.log(`${name}: ${h.condition.reason ?? ''} ${h.condition.message ?? ''}`);
    if (ev.remediationAllowedCondition.status === 'False')
      ctx.log(ev.remediationAllowedCondition.message ?? 'remediation not allowed');

    const calls = [];
    for (const p of ev.machinePatches) {
      const before = conditionsOf(p.machine);
      let conds = before;
      for (const c of p.conditions) conds = setCondition(conds, c, ctx.now(), p.machine.metadata.generation);
      if (sameConditions(conds, before)) continue;
      if (p.conditions.some((c) => c.type === 'OwnerRemediated'))
        ctx.log(`MachineMarkedUnhealthy: ${p.machine.metadata.name}`);
      calls.push(
        ctx.client.patch(
          MACHINES,
          req.namespace,
          p.machine.metadata.name!,
          'merge',
          { status: { conditions: conds } },
          { subresource: 'status' },
        ),
      );
    }
    if (calls.length > 0) {
      yield ctx.step('patch');
      const results = yield* parallel(calls);
      // A Machine gone meanwhile needs no mark; anything else is retried with backoff.
      for (const r of results) if (!r.ok && !isNotFound(r.error)) throw r.error;
    }

    yield ctx.step('status');
    const status: Record<string, unknown> = {
      ...(mhc.status ?? {}),
      expectedMachines: ev.expectedMachines,
      currentHealthy: ev.currentHealthy,
      remediationsAllowed: ev.remediationsAllowed,
      targets: ev.targets,
      observedGeneration: mhc.metadata.generation,
      conditions: setCondition(
        conditionsOf(mhc),
        ev.remediationAllowedCondition,
        ctx.now(),
        mhc.metadata.generation,
      ),
    };
    if (!jsonEqual(status, mhc.status ?? {})) {
      const next = ctx.clone(mhc);
      next.status = status;
      yield* ctx.client.updateStatus(MHCS, next);
    }
    return ev.requeueAfterMs !== undefined ? { requeueAfterMs: ev.requeueAfterMs } : undefined;
  };

  // machineToMachineHealthCheck: the MHCs of the Machine's cluster whose selector matches it.
  function enqueueForMachine(m: KubeObject, q: { add(k: string): void }) {
    const clusterName = m.metadata.labels?.[CLUSTER_NAME_LABEL];
    if (!clusterName) return;
    for (const mhc of factory.informerFor(MHCS).list({ namespace: m.metadata.namespace })) {
      if (mhc.spec?.clusterName !== clusterName) continue;
      if (matchesLabelSelector(m.metadata.labels, mhc.spec?.selector)) q.add(keyOf(mhc));
    }
  }
  const machineToMhc: EventHandler = {
    name: 'Machine to MachineHealthCheck',
    create: (e, q) => enqueueForMachine(e.object, q),
    update: (e, q) => enqueueForMachine(e.objectNew, q),
    delete: (e, q) => enqueueForMachine(e.object, q),
    generic: () => {},
  };
  // nodeToMachineHealthCheck: through the Machine whose nodeRef names the Node.
  function enqueueForNode(n: KubeObject, q: { add(k: string): void }) {
    for (const m of factory.informerFor(MACHINES).byIndex(NODE_REF_INDEX, n.metadata.name!))
      enqueueForMachine(m, q);
  }
  const nodeToMhc: EventHandler = {
    name: 'Node to MachineHealthCheck',
    create: (e, q) => enqueueForNode(e.object, q),
    update: (e, q) => enqueueForNode(e.objectNew, q),
    delete: (e, q) => enqueueForNode(e.object, q),
    generic: () => {},
  };
  // clusterToMachineHealthCheck: InfrastructureReady / ControlPlaneInitialized gate the checks (F63).
  const clusterToMhc: EventHandler = {
    name: 'Cluster to MachineHealthCheck',
    create: (e, q) => enqueueForCluster(e.object, q),
    update: (e, q) => enqueueForCluster(e.objectNew, q),
    delete: () => {},
    generic: () => {},
  };
  function enqueueForCluster(c: KubeObject, q: { add(k: string): void }) {
    for (const mhc of factory.informerFor(MHCS).list({ namespace: c.metadata.namespace }))
      if (mhc.spec?.clusterName === c.metadata.name) q.add(keyOf(mhc));
  }

  const { reconcile, tracker } = withStepMachine(sim, MHC_STEPS, inner);
  const controller = createController(sim, {
    name: MHC_CONTROLLER,
    forResource: MHCS,
    watches: [
      { resource: MACHINES, handler: machineToMhc },
      { resource: NODES, handler: nodeToMhc },
      { resource: CLUSTERS, handler: clusterToMhc },
    ],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller, tracker };
}
