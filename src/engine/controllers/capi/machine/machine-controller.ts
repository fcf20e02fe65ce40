/**
 * The Machine controller: core/reconcilers/machine/machine_controller.go Reconcile, reconcileNormal
 * (reconcileBootstrap, reconcileInfrastructure, reconcileNode) and reconcileDelete, then updateStatus with the
 * v1beta2 conditions and the phase recomputed on every reconcile (machine_controller_status.go, F1–F10).
 *
 * Bootstrap and infrastructure objects of any kind are read through dynamic watches (external.ObjectTracker);
 * the Machine becomes their controller owner (ensureOwnerReference). The Node is found by providerID
 * (reconcileNode → getNode by the providerID index). Deletion follows nextMachineDeletionStep (F26–F35): pre-drain
 * hooks, cordon, drain (evictions; 20 s retry), volume detach, pre-terminate hooks, infrastructure, bootstrap,
 * Node, finalizer.
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { isNotFound, type OwnerReference } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import { parallel, type Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf } from '../conditions.ts';
import { isDeleting, path } from '../fields.ts';
import { clusterControlPlaneRef } from '../cluster/fields.ts';
import {
  CLUSTER_NAME_LABEL,
  MACHINE_CONTROL_PLANE_NAME_LABEL,
  MACHINE_FINALIZER,
  MACHINE_POOL_NAME_LABEL,
  MACHINE_SET_NAME_LABEL,
  isControlPlaneMachine,
} from '../labels.ts';
import {
  CLUSTERS,
  KCPS,
  MACHINES,
  MACHINE_DEPLOYMENTS,
  MACHINE_SETS,
  NODES,
  PODS,
  controllerOwner,
  createExternalTracker,
  keyOf,
  ownerKeys,
  ownerRef,
  resourceForRef,
  type CapiDeps,
} from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import { nextMachineDeletionStep } from './deletion.ts';
import {
  machineBootstrapConfigRef,
  machineInfrastructureRef,
  machineNodeRefName,
  machineProviderID,
} from './fields.ts';
import { computeMachineStatus } from './status-conditions.ts';

export const MACHINE_CONTROLLER = 'machine-controller';
const PROVIDER_ID_INDEX = 'spec.providerID';
const NODE_NAME_INDEX = 'spec.nodeName';
const CLUSTER_INDEX = 'cluster-name';

export const MACHINE_STEPS = defineReconcileSteps({
  id: 'machine',
  first: 'fetch',
  listing: [
    'func (r *Reconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  m := &Machine{}; r.Client.Get(ctx, req.NamespacedName, m)',
    '  cluster, err := util.GetClusterByName(ctx, r.Client, m.Namespace, m.Spec.ClusterName)',
    '  defer r.updateStatus(ctx, s) // conditions, then setMachinePhaseAndLastUpdated',
    '  if !m.DeletionTimestamp.IsZero() { return r.reconcileDelete(ctx, s) }',
    '  controllerutil.AddFinalizer(m, MachineFinalizer); m.OwnerReferences += cluster',
    '  phases := []func(){r.reconcileBootstrap, r.reconcileInfrastructure, r.reconcileNode}',
    '  // reconcileBootstrap: dataSecretName <- config.status.dataSecretName',
    '  // reconcileInfrastructure: providerID <- infraMachine.spec.providerID',
    '  // reconcileNode: nodeRef <- the Node with that providerID',
    '  return res, kerrors.NewAggregate(errs)',
    '}',
    'func (r *Reconciler) reconcileDelete(ctx, s) (ctrl.Result, error) {',
    '  // pre-drain hooks -> cordon + drain -> volume detach -> pre-terminate hooks',
    '  // -> delete InfraMachine -> delete BootstrapConfig -> delete Node',
    '  controllerutil.RemoveFinalizer(m, MachineFinalizer)',
    '}',
  ],
  steps: {
    fetch: { next: ['setup', 'external', 'bootstrap', 'infrastructure', 'delete', 'status'], lines: [2, 3] },
    setup: { next: ['external', 'bootstrap', 'infrastructure', 'status'], lines: [6] },
    external: { next: ['bootstrap', 'infrastructure', 'node', 'status'], lines: [7] },
    bootstrap: { next: ['infrastructure', 'node', 'status'], lines: [8] },
    infrastructure: { next: ['node', 'status'], lines: [9] },
    node: { next: ['status'], lines: [10] },
    delete: { next: ['delete', 'status'], lines: [5, 13, 14, 15, 16] },
    status: { next: ['node'], lines: [4, 11] },
  },
});

// machine_controller_noderef.go getManagedLabels: Machine labels synced onto its Node.
const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const MANAGED_NODE_LABEL_DOMAINS = ['node-restriction.kubernetes.io', 'node.cluster.x-k8s.io'];
const isManagedNodeLabel = (key: string) => {
  if (key.startsWith(NODE_ROLE_LABEL_PREFIX)) return true;
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return MANAGED_NODE_LABEL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
};

/** The managed labels the Node lacks or has with another value; undefined when it is in step. */
function managedNodeLabels(machine: KubeObject, node: KubeObject): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const have = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(machine.metadata.labels ?? {}))
    if (isManagedNodeLabel(k) && have[k] !== v) (out ??= {})[k] = v;
  return out;
}

export function createMachineController(deps: CapiDeps): {
  controller: Controller;
  tracker: StepTracker;
} {
  const { sim, informerFactory: factory } = deps;
  factory.informerFor(NODES).addIndexers({
    [PROVIDER_ID_INDEX]: (n) => {
      const id = n.spec?.providerID;
      return typeof id === 'string' && id ? [id] : [];
    },
  });
  factory.informerFor(PODS).addIndexers({
    [NODE_NAME_INDEX]: (p) => {
      const n = p.spec?.nodeName;
      return typeof n === 'string' && n ? [n] : [];
    },
  });
  factory.informerFor(MACHINES).addIndexers({
    [PROVIDER_ID_INDEX]: (m) => {
      const id = machineProviderID(m);
      return id ? [id] : [];
    },
    [CLUSTER_INDEX]: (m) => [`${m.metadata.namespace}/${(m.spec?.clusterName as string | undefined) ?? ''}`],
  });

  // eslint-disable-next-line prefer-const -- set once the controller exists; the tracker closes over it first
  let self: Controller | undefined;
  const external = createExternalTracker(
    deps,
    () => self!,
    (o) => ownerKeys(o, 'Machine'),
  );
  const nodeDeleteFailed = new Set<string>();

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const cached = ctx.cache(MACHINES).get(req.namespace, req.name);
    if (!cached) return;
    let m = cached;
    const cluster = ctx.cache(CLUSTERS).get(req.namespace, (m.spec?.clusterName as string) ?? '');
    if (!cluster) {
      if (!isDeleting(m)) return;
    }
    const nsName = m.metadata.namespace;
    const bootstrapRef = machineBootstrapConfigRef(m);
    const infraRef = machineInfrastructureRef(m);
    const bootstrap = bootstrapRef ? external.get(bootstrapRef, nsName) : undefined;
    const infra = infraRef ? external.get(infraRef, nsName) : undefined;
    let requeueAfterMs: number | undefined;
    let deleting: { reason: string; message: string } | undefined;

    if (isDeleting(m)) {
      yield ctx.step('delete');
      const result = yield* reconcileDelete(m, cluster, bootstrap, infra);
      if (result.finished) return;
      m = result.machine;
      deleting = result.deleting;
      requeueAfterMs = result.requeueAfterMs;
    } else {
      if (!cluster) return;
      const needsFinalizer = !m.metadata.finalizers?.includes(MACHINE_FINALIZER);
      // F19 (machine_controller.go shouldAdopt): only a Machine nobody controls, outside any set, pool or
      // control plane, gets the Cluster as owner; otherwise the Cluster's deletion would delete workers under
      // their MachineSet, which would recreate them.
      const needsOwner =
        !controllerOwner(m) &&
        !m.metadata.labels?.[MACHINE_SET_NAME_LABEL] &&
        !m.metadata.labels?.[MACHINE_POOL_NAME_LABEL] &&
        !m.metadata.labels?.[MACHINE_CONTROL_PLANE_NAME_LABEL] &&
        !(m.metadata.ownerReferences ?? []).some((r) => r.kind === 'Cluster');
      const needsLabel = m.metadata.labels?.[CLUSTER_NAME_LABEL] !== cluster.metadata.name;
      if (needsFinalizer || needsOwner || needsLabel) {
        yield ctx.step('setup');
        const next = ctx.clone(m);
        if (needsFinalizer)
          next.metadata.finalizers = [...(next.metadata.finalizers ?? []), MACHINE_FINALIZER];
        if (needsOwner)
          next.metadata.ownerReferences = [
            ...(next.metadata.ownerReferences ?? []),
            ownerRef(cluster, false),
          ];
        if (needsLabel)
          next.metadata.labels = {
            ...(next.metadata.labels ?? {}),
            [CLUSTER_NAME_LABEL]: cluster.metadata.name!,
          };
        m = yield* ctx.client.update(MACHINES, next);
      }
      // ensureOwnerReference on the bootstrap and infrastructure objects (reconcileExternal).
      const adopt = [bootstrap, infra].filter(
        (o): o is KubeObject =>
          !!o &&
          !isDeleting(o) &&
          !(o.metadata.ownerReferences ?? []).some((r) => r.kind === 'Machine' && r.uid === m.metadata.uid),
      );
      if (adopt.length > 0) {
        yield ctx.step('external');
        const calls = adopt.map((o) => {
          const refs: OwnerReference[] = (o.metadata.ownerReferences ?? []).map((r) => ({
            ...r,
            controller: false,
          }));
          refs.push(ownerRef(m, true));
          return ctx.client.patch(
            resourceForRef(deps.api, { apiGroup: o.apiVersion.split('/')[0]!, kind: o.kind })!,
            nsName,
            o.metadata.name!,
            'merge',
            {
              metadata: { ownerReferences: refs },
            },
          );
        });
        yield* parallel(calls);
      }
      const spec: Record<string, unknown> = {};
      const secretName = path(bootstrap?.status, 'dataSecretName');
      if (
        bootstrapRef &&
        typeof secretName === 'string' &&
        path(bootstrap?.status, 'initialization', 'dataSecretCreated') === true &&
        path(m.spec, 'bootstrap', 'dataSecretName') !== secretName
      ) {
        yield ctx.step('bootstrap');
        spec.bootstrap = { ...(m.spec?.bootstrap as object), dataSecretName: secretName };
      }
      const providerID = infra?.spec?.providerID;
      const infraReady = path(infra?.status, 'initialization', 'provisioned') === true;
      if (infraReady && typeof providerID === 'string' && providerID !== machineProviderID(m)) {
        yield ctx.step('infrastructure');
        spec.providerID = providerID;
      }
      if (Object.keys(spec).length > 0) {
        const next = ctx.clone(m);
        next.spec = { ...(next.spec ?? {}), ...spec };
        m = yield* ctx.client.update(MACHINES, next);
      }
    }

    // Status: initialization flags, nodeRef, conditions and phase (updateStatus, deferred upstream).
    yield ctx.step('status');
    const status: Record<string, unknown> = { ...(m.status ?? {}) };
    const init = { ...((status.initialization as Record<string, unknown> | undefined) ?? {}) };
    if (machineBootstrapConfigRef(m) ? path(m.spec, 'bootstrap', 'dataSecretName') !== undefined : true)
      init.bootstrapDataSecretCreated = true;
    if (path(infra?.status, 'initialization', 'provisioned') === true) init.infrastructureProvisioned = true;
    status.initialization = init;
    const pid = machineProviderID(m);
    let node: KubeObject | undefined;
    const nodeRefName = machineNodeRefName(m);
    if (nodeRefName) node = ctx.cache(NODES).get(undefined, nodeRefName);
    else if (pid && !isDeleting(m)) {
      node = ctx.cache(NODES).byIndex(PROVIDER_ID_INDEX, pid)[0];
      if (node) {
        yield ctx.step('node');
        status.nodeRef = { name: node.metadata.name };
        status.nodeInfo = node.status?.nodeInfo;
      }
    }
    if (node && !isDeleting(m)) {
      const labels = managedNodeLabels(m, node);
      if (labels) {
        if (nodeRefName) yield ctx.step('node');
        yield* ctx.client.patch(NODES, undefined, node.metadata.name!, 'merge', { metadata: { labels } });
      }
    }
    const withStatus: KubeObject = { ...m, status };
    const owningMS = ownerKeys(m, 'MachineSet')[0];
    const ms = owningMS
      ? ctx.cache(MACHINE_SETS).get(req.namespace, owningMS.slice(owningMS.indexOf('/') + 1))
      : undefined;
    const mdName = ms?.metadata.ownerReferences?.find((r) => r.kind === 'MachineDeployment')?.name;
    const md = mdName ? ctx.cache(MACHINE_DEPLOYMENTS).get(req.namespace, mdName) : undefined;
    const computed = computeMachineStatus({
      machine: withStatus,
      cluster: cluster ?? {
        apiVersion: '',
        kind: 'Cluster',
        metadata: { deletionTimestamp: m.metadata.deletionTimestamp },
      },
      bootstrapConfig: bootstrap,
      infraMachine: infra,
      node,
      owningMachineSet: ms,
      owningMachineDeployment: md,
      deleting,
      nowMs: ctx.now(),
    });
    status.conditions = computed.conditions;
    status.phase = computed.phase;
    if (computed.lastUpdated) status.lastUpdated = computed.lastUpdated;
    status.observedGeneration = m.metadata.generation;
    if (!jsonEqual(status, m.status ?? {})) {
      const next = ctx.clone(m);
      next.status = status;
      try {
        yield* ctx.client.updateStatus(MACHINES, next);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    const after = [requeueAfterMs, computed.requeueAfterMs].filter((x): x is number => x !== undefined);
    return after.length > 0 ? { requeueAfterMs: Math.min(...after) } : undefined;

    function* reconcileDelete(
      machine: KubeObject,
      cl: KubeObject | undefined,
      bs: KubeObject | undefined,
      im: KubeObject | undefined,
    ) {
      let cur = machine;
      let infraObj = im;
      let bsObj = bs;
      const clusterObj = cl ?? {
        apiVersion: '',
        kind: 'Cluster',
        metadata: { deletionTimestamp: machine.metadata.deletionTimestamp },
      };
      const cpRef = cl ? clusterControlPlaneRef(cl) : undefined;
      const controlPlane = cpRef ? ctx.cache(KCPS).get(req.namespace, cpRef.name) : undefined;
      let activeCP = 0;
      for (const o of ctx
        .cache(MACHINES)
        .byIndex(CLUSTER_INDEX, `${req.namespace}/${(machine.spec?.clusterName as string) ?? ''}`))
        if (isControlPlaneMachine(o) && !isDeleting(o)) activeCP++;
      for (let guard = 0; guard < 12; guard++) {
        const nodeName = machineNodeRefName(cur);
        const node = nodeName ? ctx.cache(NODES).get(undefined, nodeName) : undefined;
        const d = nextMachineDeletionStep({
          machine: cur,
          cluster: clusterObj,
          controlPlane,
          activeControlPlaneMachines: activeCP,
          infraMachine: infraObj,
          bootstrapConfig: bsObj,
          node,
          podsOnNode: node ? ctx.cache(PODS).byIndex(NODE_NAME_INDEX, node.metadata.name!) : [],
          nodeDeleteFailed: nodeDeleteFailed.has(req.key),
          nowMs: ctx.now(),
        });
        yield ctx.step('delete');
        ctx.log(`deletion step ${d.step}: ${d.reason} ${d.message}`);
        const deletingInfo = { reason: d.reason, message: d.message };
        if (Object.keys(d.record).length > 0) {
          const next = ctx.clone(cur);
          next.status = {
            ...(next.status ?? {}),
            deletion: { ...((next.status?.deletion as object) ?? {}), ...d.record },
          };
          cur = yield* ctx.client.updateStatus(MACHINES, next);
        }
        switch (d.step) {
          case 'waitPreDrainHooks':
          case 'waitPreTerminateHooks':
          case 'waitInfrastructureGone':
          case 'waitBootstrapGone':
            return { finished: false, machine: cur, deleting: deletingInfo, requeueAfterMs: undefined };
          case 'waitVolumeDetach':
            return {
              finished: false,
              machine: cur,
              deleting: deletingInfo,
              requeueAfterMs: d.requeueAfterMs,
            };
          case 'cordon': {
            yield* ctx.client.patch(NODES, undefined, d.nodeName!, 'merge', {
              spec: { unschedulable: true },
            });
            return { finished: false, machine: cur, deleting: deletingInfo, requeueAfterMs: 1 };
          }
          case 'drain': {
            const evict = d.drain?.evictNow ?? [];
            if (evict.length > 0) {
              yield* parallel(
                evict.map((p) => ctx.client.delete(PODS, p.metadata.namespace, p.metadata.name!)),
              );
            }
            return {
              finished: false,
              machine: cur,
              deleting: deletingInfo,
              requeueAfterMs: d.requeueAfterMs,
            };
          }
          case 'deleteInfrastructure': {
            const ref = machineInfrastructureRef(cur)!;
            yield* ctx.client.delete(resourceForRef(deps.api, ref)!, req.namespace, ref.name);
            infraObj = undefined;
            return { finished: false, machine: cur, deleting: deletingInfo, requeueAfterMs: undefined };
          }
          case 'deleteBootstrap': {
            const ref = machineBootstrapConfigRef(cur)!;
            yield* ctx.client.delete(resourceForRef(deps.api, ref)!, req.namespace, ref.name);
            bsObj = undefined;
            return { finished: false, machine: cur, deleting: deletingInfo, requeueAfterMs: undefined };
          }
          case 'deleteNode': {
            try {
              yield* ctx.client.delete(NODES, undefined, d.nodeName!);
              nodeDeleteFailed.delete(req.key);
            } catch (e) {
              if (!isNotFound(e)) {
                nodeDeleteFailed.add(req.key);
                throw e;
              }
            }
            return { finished: false, machine: cur, deleting: deletingInfo, requeueAfterMs: 1 };
          }
          case 'removeFinalizer': {
            const next = ctx.clone(cur);
            next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
              (f) => f !== MACHINE_FINALIZER,
            );
            nodeDeleteFailed.delete(req.key);
            yield* ctx.client.update(MACHINES, next);
            return { finished: true, machine: cur, deleting: deletingInfo, requeueAfterMs: undefined };
          }
        }
      }
      return { finished: false, machine: cur, deleting: undefined, requeueAfterMs: 1 };
    }
  };

  // reconcileNode's watch: a Node enqueues the Machine with its providerID (util.NodeToMachine... by index).
  const nodeToMachine: EventHandler = {
    name: 'Node to Machine (providerID)',
    create: (e, q) => enqueueForNode(e.object, q),
    update: (e, q) => enqueueForNode(e.objectNew, q),
    delete: (e, q) => enqueueForNode(e.object, q),
    generic: () => {},
  };
  function enqueueForNode(n: KubeObject, q: { add(k: string): void }) {
    const id = n.spec?.providerID;
    if (typeof id !== 'string' || !id) return;
    for (const m of factory.informerFor(MACHINES).byIndex(PROVIDER_ID_INDEX, id)) q.add(keyOf(m));
  }

  // clusterToMachines (machine_controller.go SetupWithManager): the gates a Machine's status reads changed.
  const clusterToMachines: EventHandler = {
    name: 'Cluster to Machines',
    create: () => {},
    update: (e, q) => {
      const a = e.objectOld;
      const b = e.objectNew;
      const gate = (c: KubeObject) =>
        `${String(path(c.status, 'initialization', 'infrastructureProvisioned'))}/${String(
          conditionsOf(c).find((x) => x.type === 'ControlPlaneInitialized')?.status,
        )}/${c.metadata.deletionTimestamp ?? ''}`;
      if (gate(a) === gate(b)) return;
      for (const m of factory
        .informerFor(MACHINES)
        .byIndex(CLUSTER_INDEX, `${b.metadata.namespace}/${b.metadata.name}`))
        q.add(keyOf(m));
    },
    delete: () => {},
    generic: () => {},
  };

  const { reconcile, tracker } = withStepMachine(sim, MACHINE_STEPS, inner);
  self = createController(sim, {
    name: MACHINE_CONTROLLER,
    forResource: MACHINES,
    watches: [
      { resource: NODES, handler: nodeToMachine },
      { resource: CLUSTERS, handler: clusterToMachines },
    ],
    reads: [MACHINE_SETS, MACHINE_DEPLOYMENTS, KCPS, PODS],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    maxConcurrentReconciles: 10,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller: self, tracker };
}
