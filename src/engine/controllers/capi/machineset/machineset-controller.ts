/**
 * The MachineSet controller: core/reconcilers/machineset/machineset_controller.go Reconcile —
 * getAndAdoptMachinesForMachineSet (F37), reconcileUnhealthyMachines (OwnerRemediated Machines deleted newest
 * first, F45–F46), syncReplicas (F38: create from the templates, the bootstrap and infrastructure objects sharing
 * the Machine's name; delete by deletion order with the name tie-break), then the v1beta2 replica counters
 * (F43) and the 15 s refresh requeue (F44).
 *
 * Like upstream's wait for the cache to observe its own creates and deletes (waitForMachineCreation /
 * waitForMachineDeletion), it does not sync again until the informer has seen them.
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { isNotFound } from '../../../api/types.ts';
import { resourceIdOf } from '../../../api/resource.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, setCondition } from '../conditions.ts';
import { asNumber, isDeleting, path, readRef } from '../fields.ts';
import { CLUSTER_NAME_LABEL } from '../labels.ts';
import {
  MACHINES,
  MACHINE_DEPLOYMENTS,
  MACHINE_SETS,
  createExternalTracker,
  ownerRef,
  resourceForRef,
  type CapiDeps,
} from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import {
  generateFromTemplate,
  machineAnnotationsFromMachineSet,
  machineLabelsFromMachineSet,
  machineNameForMachineSet,
} from './naming.ts';
import { planMachineSetRemediation } from './remediation.ts';
import { createOwnedMachineTracker } from './owned-machines.ts';
import {
  machineSetReplicaCounters,
  machinesForMachineSet,
  replicaCountersRequeueMs,
  selectorAsMap,
  syncReplicasCounted,
} from './selection.ts';

export const MACHINE_SET_CONTROLLER = 'machineset-controller';
const OWNER_INDEX = 'controller-uid';
const ORPHAN = 'orphan:';

export const MACHINE_SET_STEPS = defineReconcileSteps({
  id: 'machineset',
  first: 'fetch',
  listing: [
    'func (r *Reconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  ms := &MachineSet{}; r.Client.Get(ctx, req.NamespacedName, ms)',
    '  machines, err := r.getAndAdoptMachinesForMachineSet(ctx, s) // selector; deleting ones count',
    '  r.reconcileUnhealthyMachines(ctx, s) // OwnerRemediated: delete, newest first',
    '  diff := len(machines) - int(*ms.Spec.Replicas)',
    '  if diff < 0 { // create: BootstrapConfig + InfraMachine from templates, then the Machine',
    '    r.createMachines(ctx, s, -diff)',
    '  } else if diff > 0 { // delete by deletion order, ties broken by name',
    '    r.deleteMachines(ctx, s, getMachinesToDeletePrioritized(machines, diff, order))',
    '  }',
    '  r.updateStatus(ctx, s) // replicas, readyReplicas, availableReplicas, upToDateReplicas',
    '  if readyReplicas != replicas { return ctrl.Result{RequeueAfter: 15 * time.Second}, nil }',
    '}',
  ],
  steps: {
    fetch: { next: ['machines'], lines: [2] },
    machines: { next: ['remediate', 'compare', 'status'], lines: [3] },
    remediate: { next: ['compare', 'status'], lines: [4] },
    compare: { next: ['create', 'delete', 'status'], lines: [5] },
    create: { next: ['status'], lines: [6, 7] },
    delete: { next: ['status'], lines: [8, 9] },
    status: { next: [], lines: [11, 12] },
  },
});

export function createMachineSetController(deps: CapiDeps): { controller: Controller; tracker: StepTracker } {
  const { sim, informerFactory: factory } = deps;
  factory.informerFor(MACHINES).addIndexers({
    [OWNER_INDEX]: (m) => {
      const ref = m.metadata.ownerReferences?.find((r) => r.controller === true);
      return [ref ? ref.uid : `${ORPHAN}${m.metadata.namespace ?? ''}`];
    },
  });
  const owned = createOwnedMachineTracker(factory.informerFor(MACHINES));
  // eslint-disable-next-line prefer-const -- set once the controller exists; the tracker closes over it first
  let self: Controller | undefined;
  // Templates are read from the cache through dynamic watches, like upstream's external.Get.
  const templates = createExternalTracker(
    deps,
    () => self!,
    () => [],
  );
  // Names created or deleted and not yet seen by the cache, per MachineSet.
  const pendingCreates = new Map<string, Set<string>>();
  const pendingDeletes = new Map<string, Set<string>>();

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const ms = ctx.cache(MACHINE_SETS).get(req.namespace, req.name);
    if (!ms) {
      pendingCreates.delete(req.key);
      pendingDeletes.delete(req.key);
      return;
    }
    yield ctx.step('machines');
    const machinesCache = ctx.cache(MACHINES);
    // The Machines it controls are counted by the tally; orphans (rare) are listed. The full list, in the order
    // upstream's List would give, is built only when this reconcile has to choose among the Machines.
    const selector = selectorAsMap(ms.spec?.selector);
    const orphanCandidates = machinesCache.byIndex(OWNER_INDEX, `${ORPHAN}${req.namespace}`);
    const { machines: orphans, adopt } = machinesForMachineSet(ms, orphanCandidates);
    const ownedCounts = { ...owned.counts(ms, selector) };
    const orphanCounts = machineSetReplicaCounters(orphans);
    const machineCount = ownedCounts.replicas + orphans.length;
    const listAll = () =>
      machinesForMachineSet(ms, machinesCache.byIndex(OWNER_INDEX, ms.metadata.uid!).concat(orphanCandidates))
        .machines;
    const machines: readonly KubeObject[] | undefined =
      ownedCounts.ownerRemediatedPending > 0 ||
      orphans.some((m) => conditionsOf(m).some((c) => c.type === 'OwnerRemediated')) ||
      machineCount > (asNumber(ms.spec?.replicas) ?? 0)
        ? listAll()
        : undefined;
    // Expectations, creates half: everything we created is in the cache.
    const creates = pendingCreates.get(req.key);
    if (creates)
      for (const n of creates)
        if (owned.has(ms, selector, `${req.namespace}/${n}`) || orphans.some((m) => m.metadata.name === n))
          creates.delete(n);
    if (adopt.length > 0 && !isDeleting(ms)) {
      yield* parallel(
        adopt.map((m) =>
          ctx.client.patch(MACHINES, req.namespace, m.metadata.name!, 'merge', {
            metadata: { ownerReferences: [...(m.metadata.ownerReferences ?? []), ownerRef(ms, true)] },
          }),
        ),
      );
    }
    // Expectations, deletes half: everything we deleted is deleting or gone.
    const deletes = pendingDeletes.get(req.key);
    if (deletes) {
      for (const n of deletes) {
        const m = machinesCache.get(req.namespace, n);
        if (!m || isDeleting(m)) deletes.delete(n);
      }
    }
    const synced = (creates?.size ?? 0) === 0 && (deletes?.size ?? 0) === 0;
    const mdName = ms.metadata.ownerReferences?.find((r) => r.kind === 'MachineDeployment')?.name;
    const md = mdName ? ctx.cache(MACHINE_DEPLOYMENTS).get(req.namespace, mdName) : undefined;

    if (synced && !isDeleting(ms)) {
      const plan = machines
        ? planMachineSetRemediation(ms, machines, md)
        : { patches: [], clearOwnerRemediated: [], deleteMachines: [] };
      if (plan.patches.length > 0 || plan.clearOwnerRemediated.length > 0) {
        yield ctx.step('remediate');
        const calls = [];
        for (const p of plan.patches) {
          const conds = setCondition(
            conditionsOf(p.machine),
            p.condition,
            ctx.now(),
            p.machine.metadata.generation,
          );
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
        for (const m of plan.clearOwnerRemediated) {
          const conds = conditionsOf(m).filter((c) => c.type !== 'OwnerRemediated');
          calls.push(
            ctx.client.patch(
              MACHINES,
              req.namespace,
              m.metadata.name!,
              'merge',
              { status: { conditions: conds } },
              { subresource: 'status' },
            ),
          );
        }
        yield* parallel(calls);
        if (plan.deleteMachines.length > 0) {
          const set = pendingDeletes.get(req.key) ?? new Set<string>();
          pendingDeletes.set(req.key, set);
          for (const m of plan.deleteMachines) set.add(m.metadata.name!);
          yield* parallel(
            plan.deleteMachines.map((m) => ctx.client.delete(MACHINES, req.namespace, m.metadata.name!)),
          );
        }
      }
      yield ctx.step('compare');
      const decision = syncReplicasCounted(ms, machineCount, () => machines ?? listAll(), ctx.now());
      if (decision.action === 'create') {
        yield ctx.step('create');
        yield* createMachines(ms, decision.count);
      } else if (decision.action === 'delete') {
        const victims = decision.machines.filter((m) => !isDeleting(m));
        if (victims.length > 0) {
          yield ctx.step('delete');
          const set = pendingDeletes.get(req.key) ?? new Set<string>();
          pendingDeletes.set(req.key, set);
          for (const m of victims) set.add(m.metadata.name!);
          const results = yield* parallel(
            victims.map((m) => ctx.client.delete(MACHINES, req.namespace, m.metadata.name!)),
          );
          results.forEach((r, i) => {
            if (!r.ok) set.delete(victims[i]!.metadata.name!);
            if (!r.ok && !isNotFound(r.error)) throw r.error;
          });
        }
      }
    }

    yield ctx.step('status');
    const counters = {
      replicas: ownedCounts.replicas + orphanCounts.replicas,
      readyReplicas: ownedCounts.readyReplicas + orphanCounts.readyReplicas,
      availableReplicas: ownedCounts.availableReplicas + orphanCounts.availableReplicas,
      upToDateReplicas: ownedCounts.upToDateReplicas + orphanCounts.upToDateReplicas,
    };
    const replicas = asNumber(ms.spec?.replicas) ?? 0;
    const status: Record<string, unknown> = {
      ...(ms.status ?? {}),
      ...counters,
      selector: Object.entries((path(ms.spec, 'selector', 'matchLabels') as Record<string, string>) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      observedGeneration: ms.metadata.generation,
    };
    if (!jsonEqual(status, ms.status ?? {})) {
      const next = ctx.clone(ms);
      next.status = status;
      try {
        yield* ctx.client.updateStatus(MACHINE_SETS, next);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    if (!synced) return { requeueAfterMs: 1_000 };
    const after = replicaCountersRequeueMs(
      replicas,
      counters,
      asNumber(ms.spec?.template && path(ms.spec, 'template', 'spec', 'minReadySeconds')) ?? 0,
    );
    return after !== undefined ? { requeueAfterMs: after } : undefined;

    function* createMachines(set: KubeObject, count: number) {
      const spec = (path(set.spec, 'template', 'spec') as Record<string, unknown> | undefined) ?? {};
      const clusterName = (set.spec?.clusterName as string | undefined) ?? (spec.clusterName as string);
      const bootstrapTplRef = readRef(path(spec, 'bootstrap', 'configRef'));
      const infraTplRef = readRef(spec.infrastructureRef);
      if (!infraTplRef)
        throw new Error(`MachineSet ${req.key}: spec.template.spec.infrastructureRef is required`);
      const infraTpl = templates.get(infraTplRef, req.namespace);
      const bootstrapTpl = bootstrapTplRef ? templates.get(bootstrapTplRef, req.namespace) : undefined;
      if (!infraTpl || (bootstrapTplRef && !bootstrapTpl)) {
        // external.Get: the template is not in the cache yet (or missing): try again shortly.
        return;
      }
      const infraRes = resourceForTemplate(infraTpl);
      const bootstrapRes = bootstrapTpl ? resourceForTemplate(bootstrapTpl) : undefined;
      const labels = machineLabelsFromMachineSet(set);
      const annotations = machineAnnotationsFromMachineSet(set);
      const owner = ownerRef(set, false);
      const names: string[] = [];
      for (let i = 0; i < count; i++) names.push(machineNameForMachineSet(set, ctx.rng));
      const pending = pendingCreates.get(req.key) ?? new Set<string>();
      pendingCreates.set(req.key, pending);
      for (const n of names) pending.add(n);
      const common = { namespace: req.namespace, clusterName, labels, annotations, ownerRef: owner };
      if (bootstrapTpl && bootstrapRes) {
        yield* parallel(
          names.map((name) =>
            ctx.client.create(
              bootstrapRes,
              generateFromTemplate({ template: bootstrapTpl, name, ...common }),
            ),
          ),
        );
      }
      yield* parallel(
        names.map((name) =>
          ctx.client.create(infraRes, generateFromTemplate({ template: infraTpl, name, ...common })),
        ),
      );
      const results = yield* parallel(
        names.map((name) => {
          const mspec: Record<string, unknown> = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
          mspec.clusterName = clusterName;
          mspec.infrastructureRef = {
            apiGroup: infraTplRef.apiGroup,
            kind: infraTplRef.kind.replace(/Template$/, ''),
            name,
          };
          if (bootstrapTplRef)
            mspec.bootstrap = {
              configRef: {
                apiGroup: bootstrapTplRef.apiGroup,
                kind: bootstrapTplRef.kind.replace(/Template$/, ''),
                name,
              },
            };
          const machine: KubeObject = {
            apiVersion: 'cluster.x-k8s.io/v1beta2',
            kind: 'Machine',
            metadata: {
              name,
              namespace: req.namespace,
              labels: { ...labels, [CLUSTER_NAME_LABEL]: clusterName },
              annotations,
              ownerReferences: [ownerRef(set, true)],
            },
            spec: mspec,
          };
          return ctx.client.create(MACHINES, machine);
        }),
      );
      results.forEach((r, i) => {
        if (!r.ok) pending.delete(names[i]!);
      });
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) throw failed.error;
    }
  };

  /** The resource of the object a template stamps out, in the template's own API version. */
  const resourceForTemplate = (tpl: KubeObject) => {
    const kind = tpl.kind.replace(/Template$/, '');
    const def = deps.api.registry.byKind(tpl.apiVersion, kind);
    const id = def
      ? resourceIdOf(def)
      : resourceForRef(deps.api, { apiGroup: tpl.apiVersion.split('/')[0]!, kind });
    if (!id) throw new Error(`${kind} is not served (template ${tpl.kind}/${tpl.metadata.name ?? ''})`);
    return id;
  };

  const { reconcile, tracker } = withStepMachine(sim, MACHINE_SET_STEPS, inner);
  self = createController(sim, {
    name: MACHINE_SET_CONTROLLER,
    forResource: MACHINE_SETS,
    owns: [MACHINES],
    reads: [MACHINE_DEPLOYMENTS],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    maxConcurrentReconciles: 10,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller: self, tracker };
}
