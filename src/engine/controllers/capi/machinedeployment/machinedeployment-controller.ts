/**
 * The MachineDeployment controller: core/reconcilers/machinedeployment/machinedeployment_controller.go
 * Reconcile → rolloutRollingUpdate / rolloutOnDelete with the v1.12+ rollout planner (F52–F56), revisions and the
 * machine-template-hash label (F51), the status of machinedeployment_status.go (F58, F59), and cleanupDeployment
 * of complete rollouts' old MachineSets (F57).
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { isNotFound } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, setCondition } from '../conditions.ts';
import { asNumber, isDeleting, nameOf, path } from '../fields.ts';
import {
  CLUSTER_NAME_LABEL,
  MACHINE_DEPLOYMENT_NAME_LABEL,
  MACHINE_DEPLOYMENT_UNIQUE_LABEL,
  REVISION_ANNOTATION,
} from '../labels.ts';
import { CLUSTERS, MACHINE_DEPLOYMENTS, MACHINE_SETS, ownerRef, type CapiDeps } from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import { mdMaxSurge, mdMaxUnavailable, mdReplicas, mdStrategyType } from './fenceposts.ts';
import {
  computeRevisionAnnotations,
  machineSetAnnotationsFromMachineDeployment,
  machineTemplateHashLabelValue,
  newMachineSetName,
} from './revision.ts';
import { planRollout, rolloutViewOf } from './rollout-planner.ts';
import {
  deploymentComplete,
  machineDeploymentAvailableCondition,
  machineDeploymentPhase,
  machineDeploymentReplicaCounters,
  machineSetsToCleanUp,
} from './status.ts';
import { findNewAndOldMachineSets, rolloutFieldsHash } from './template.ts';

export const MACHINE_DEPLOYMENT_CONTROLLER = 'machinedeployment-controller';
const OWNER_INDEX = 'md-owner-uid';

export const MACHINE_DEPLOYMENT_STEPS = defineReconcileSteps({
  id: 'machinedeployment',
  first: 'fetch',
  listing: [
    'func (r *Reconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  md := &MachineDeployment{}; r.Client.Get(ctx, req.NamespacedName, md)',
    '  msList, err := r.getAndAdoptMachineSetsForDeployment(ctx, s)',
    '  newMS, oldMSs, _ := mdutil.FindNewAndOldMachineSets(md, msList, now)',
    '  if newMS == nil { newMS = computeDesiredMachineSet(md) // name + machine-template-hash',
    '    r.Client.Create(ctx, newMS) }',
    '  plan := planRollingUpdate(md, newMS, oldMSs) // or planOnDelete',
    '  for ms, replicas := range plan.scaleIntents { patch ms.Spec.Replicas }',
    '  r.updateStatus(ctx, s) // replicas, available, upToDate, phase, Available',
    '  if mdutil.DeploymentComplete(md, &md.Status) { r.cleanupDeployment(ctx, oldMSs, md) }',
    '}',
  ],
  steps: {
    fetch: { next: ['find', 'status'], lines: [2, 3] },
    find: { next: ['create', 'plan'], lines: [4] },
    create: { next: ['plan'], lines: [5, 6] },
    plan: { next: ['scale', 'status'], lines: [7] },
    scale: { next: ['status'], lines: [8] },
    status: { next: ['cleanup'], lines: [9] },
    cleanup: { next: [], lines: [10] },
  },
});

export function createMachineDeploymentController(deps: CapiDeps): {
  controller: Controller;
  tracker: StepTracker;
} {
  const { sim, informerFactory: factory } = deps;
  factory.informerFor(MACHINE_SETS).addIndexers({
    [OWNER_INDEX]: (ms) => {
      const ref = ms.metadata.ownerReferences?.find(
        (r) => r.controller === true && r.kind === 'MachineDeployment',
      );
      return ref ? [ref.uid] : [];
    },
  });

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    let md = ctx.cache(MACHINE_DEPLOYMENTS).get(req.namespace, req.name);
    if (!md) return;
    // F60 (machinedeployment_controller.go reconcile): a non-controller ownerRef to the Cluster and the
    // cluster-name label, so that the Cluster's deletion finds and deletes the MachineDeployment first.
    const cluster = ctx.cache(CLUSTERS).get(req.namespace, (md.spec?.clusterName as string) ?? '');
    if (
      cluster &&
      !isDeleting(md) &&
      (!(md.metadata.ownerReferences ?? []).some((r) => r.uid === cluster.metadata.uid) ||
        md.metadata.labels?.[CLUSTER_NAME_LABEL] !== cluster.metadata.name)
    ) {
      const refs = (md.metadata.ownerReferences ?? []).filter((r) => r.uid !== cluster.metadata.uid);
      md = yield* ctx.client.patch(MACHINE_DEPLOYMENTS, req.namespace, req.name, 'merge', {
        metadata: {
          ownerReferences: [...refs, ownerRef(cluster, false)],
          labels: { [CLUSTER_NAME_LABEL]: cluster.metadata.name! },
        },
      });
    }
    const msList = ctx.cache(MACHINE_SETS).byIndex(OWNER_INDEX, md.metadata.uid!);
    let current = msList;
    if (!isDeleting(md)) {
      yield ctx.step('find');
      const found = findNewAndOldMachineSets(md, msList, ctx.now());
      let newMS = found.newMS;
      const oldMSs = found.oldMSs;
      const maxSurge = mdStrategyType(md) === 'RollingUpdate' ? mdMaxSurge(md) : 0;
      const maxUnavailable = mdStrategyType(md) === 'RollingUpdate' ? mdMaxUnavailable(md) : 0;
      const replicas = mdReplicas(md);
      const { annotations: revAnn, revision } = computeRevisionAnnotations(newMS, oldMSs);
      const view = newMS ? rolloutViewOf(newMS) : { name: '', specReplicas: 0 };
      let pendingName = '';
      let pendingSuffix = '';
      if (!newMS) {
        const n = newMachineSetName(md.metadata.name!, ctx.rng);
        pendingName = n.name;
        pendingSuffix = n.suffix;
        view.name = n.name;
      }
      yield ctx.step(newMS ? 'plan' : 'create');
      const plan = planRollout({
        md: { replicas, strategy: mdStrategyType(md), maxSurge, maxUnavailable },
        newMS: { ...view, createdMs: newMS ? view.createdMs : ctx.now() },
        oldMSs: oldMSs.map(rolloutViewOf),
      });
      for (const [name, notes] of plan.notes) ctx.log(`${name}: ${notes.join('; ')}`);
      const msAnnotations = machineSetAnnotationsFromMachineDeployment(md, replicas, maxSurge);
      if (!newMS) {
        const hash = machineTemplateHashLabelValue(rolloutFieldsHash(md.spec?.template), pendingSuffix);
        const template = JSON.parse(JSON.stringify(md.spec?.template ?? {})) as Record<string, unknown>;
        const tmeta = (template.metadata as Record<string, unknown> | undefined) ?? {};
        template.metadata = {
          ...tmeta,
          labels: {
            ...((tmeta.labels as Record<string, string>) ?? {}),
            [MACHINE_DEPLOYMENT_UNIQUE_LABEL]: hash,
          },
        };
        const selector = JSON.parse(JSON.stringify(md.spec?.selector ?? {})) as Record<string, unknown>;
        selector.matchLabels = {
          ...((selector.matchLabels as Record<string, string>) ?? {}),
          [MACHINE_DEPLOYMENT_UNIQUE_LABEL]: hash,
        };
        const clusterName = md.spec?.clusterName as string;
        const ms: KubeObject = {
          apiVersion: 'cluster.x-k8s.io/v1beta2',
          kind: 'MachineSet',
          metadata: {
            name: pendingName,
            namespace: req.namespace,
            labels: {
              ...((tmeta.labels as Record<string, string>) ?? {}),
              [MACHINE_DEPLOYMENT_UNIQUE_LABEL]: hash,
              [MACHINE_DEPLOYMENT_NAME_LABEL]: md.metadata.name!,
              [CLUSTER_NAME_LABEL]: clusterName,
            },
            annotations: { ...msAnnotations, ...revAnn },
            ownerReferences: [ownerRef(md, true)],
          },
          spec: {
            clusterName,
            replicas: plan.scaleIntents.get(pendingName) ?? 0,
            selector,
            template,
            ...(md.spec?.deletion ? { deletion: md.spec.deletion } : {}),
          },
        };
        newMS = yield* ctx.client.create(MACHINE_SETS, ms);
        yield ctx.step('plan');
      }
      const writes = [];
      for (const ms of [newMS, ...oldMSs]) {
        const want = plan.scaleIntents.get(nameOf(ms));
        const isNew = ms === newMS;
        const annChanged =
          isNew &&
          (ms.metadata.annotations?.[REVISION_ANNOTATION] !== revision ||
            Object.entries(msAnnotations).some(([k, v]) => ms.metadata.annotations?.[k] !== v));
        if ((want === undefined || want === asNumber(ms.spec?.replicas)) && !annChanged) continue;
        writes.push(
          ctx.client.patch(MACHINE_SETS, req.namespace, nameOf(ms), 'merge', {
            metadata: annChanged ? { annotations: { ...msAnnotations, ...revAnn } } : {},
            ...(want !== undefined ? { spec: { replicas: want } } : {}),
          }),
        );
      }
      if (writes.length > 0) {
        yield ctx.step('scale');
        const results = yield* parallel(writes);
        for (const r of results) if (!r.ok && !isNotFound(r.error)) throw r.error;
      }
      if (md.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
        yield* ctx.client.patch(MACHINE_DEPLOYMENTS, req.namespace, req.name, 'merge', {
          metadata: { annotations: { [REVISION_ANNOTATION]: revision } },
        });
      }
      current = [newMS, ...oldMSs];
    }

    yield ctx.step('status');
    const counters = machineDeploymentReplicaCounters(current);
    const conds = setCondition(
      conditionsOf(md),
      machineDeploymentAvailableCondition(md, counters.availableReplicas),
      ctx.now(),
      md.metadata.generation,
    );
    const status: Record<string, unknown> = {
      ...(md.status ?? {}),
      ...counters,
      phase: machineDeploymentPhase(md, current),
      observedGeneration: md.metadata.generation,
      conditions: conds,
      selector: Object.entries((path(md.spec, 'selector', 'matchLabels') as Record<string, string>) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    };
    if (!jsonEqual(status, md.status ?? {})) {
      const next = ctx.clone(md);
      next.status = status;
      yield* ctx.client.updateStatus(MACHINE_DEPLOYMENTS, next);
    }
    yield ctx.step('cleanup');
    if (
      !isDeleting(md) &&
      deploymentComplete(md, { ...counters, observedGeneration: md.metadata.generation ?? 0 })
    ) {
      const found = findNewAndOldMachineSets(md, msList, ctx.now());
      const victims = machineSetsToCleanUp(found.oldMSs);
      if (victims.length > 0) {
        const results = yield* parallel(
          victims.map((ms) => ctx.client.delete(MACHINE_SETS, req.namespace, nameOf(ms))),
        );
        for (const r of results) if (!r.ok && !isNotFound(r.error)) throw r.error;
      }
    }
    return;
  };

  const { reconcile, tracker } = withStepMachine(sim, MACHINE_DEPLOYMENT_STEPS, inner);
  const controller = createController(sim, {
    name: MACHINE_DEPLOYMENT_CONTROLLER,
    forResource: MACHINE_DEPLOYMENTS,
    owns: [MACHINE_SETS],
    reads: [CLUSTERS],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    maxConcurrentReconciles: 10,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller, tracker };
}
