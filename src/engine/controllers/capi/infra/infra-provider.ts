/**
 * The mock infrastructure provider: one controller per infrastructure.cluster.x-k8s.io kind, started the first
 * time an object of that kind appears, modelled on the in-tree in-memory provider
 * (test/infrastructure/inmemory internal/controllers: DevCluster / DevMachine reconcileNormal).
 *
 * - …Cluster kinds are provisioned at once: spec.controlPlaneEndpoint, status.initialization.provisioned, Ready.
 * - …Machine kinds wait for the Cluster infrastructure and the bootstrap data secret (a worker also waits for an
 *   initialized control plane), then "boot a VM" for 10 s + up to 20% (startupDelayMs), then set spec.providerID
 *   and provisioned; the workload cluster's Node appears about 2 s later (inMemoryNode).
 * - The provisioningFailure fault makes chosen (or a random share of) VMs fail: Ready=False, never provisioned.
 *
 * Simplified: the workload cluster's Nodes live in the management API server (there is one API server per
 * world); the in-memory provider's etcd/API-server pods are not simulated.
 */
import type { KubeObject } from '../../../api/types.ts';
import { isAlreadyExists } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import type { Reconcile, ReconcileContext } from '../../../client/reconciler.ts';
import { setCondition, conditionsOf } from '../conditions.ts';
import { deletionMs, isDeleting, path } from '../fields.ts';
import { CLUSTER_NAME_LABEL } from '../labels.ts';
import { machineInfrastructureRef } from '../machine/fields.ts';
import { CLUSTERS, MACHINES, NODES, keyOf, type CapiDeps } from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';
import {
  IN_MEMORY_TIMINGS,
  inMemoryMachineGate,
  inMemoryNode,
  inMemoryProviderID,
  startupDelayMs,
  type InMemoryMachineState,
} from './in-memory.ts';

/** The infrastructure contract's "done": status.initialization.provisioned and Ready True (internal/contract). */
function provisionedStatus(ctx: ReconcileContext, cur: KubeObject): KubeObject {
  const next = ctx.clone(cur);
  next.status = {
    ...(next.status ?? {}),
    initialization: { provisioned: true },
    conditions: setCondition(
      conditionsOf(cur),
      { type: 'Ready', status: 'True', reason: 'Ready' },
      ctx.now(),
      cur.metadata.generation,
    ),
  };
  return next;
}

export const INFRA_FINALIZER = 'infrastructure.cluster.x-k8s.io/mock';

export interface ProvisioningFaults {
  /** Share of new VMs that fail (0..1). */
  rate: number;
  /** Infra machines (namespace/name) or Machines (namespace/name) whose VM fails. */
  names: Set<string>;
}

export interface InfraProviderOptions {
  vmStartupMs?: number;
  nodeStartupMs?: number;
  jitter?: number;
}

export const INFRA_CLUSTER_STEPS = defineReconcileSteps({
  id: 'infra-cluster',
  first: 'fetch',
  listing: [
    'func (r *DevClusterReconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  devCluster := &DevCluster{}; r.Get(ctx, req.NamespacedName, devCluster)',
    '  if !devCluster.DeletionTimestamp.IsZero() {',
    '    return r.reconcileDelete(ctx, devCluster) // remove finalizer',
    '  }',
    '  if devCluster.Spec.ControlPlaneEndpoint.Host == "" {',
    '    devCluster.Spec.ControlPlaneEndpoint = {Host: lbAddress, Port: 6443}',
    '  }',
    '  devCluster.Status.Initialization.Provisioned = true',
    '  return ctrl.Result{}, patchHelper.Patch(ctx, devCluster)',
    '}',
  ],
  steps: {
    fetch: { next: ['delete', 'endpoint', 'status'], lines: [2] },
    delete: { next: [], lines: [3, 4] },
    endpoint: { next: ['status'], lines: [6, 7] },
    status: { next: [], lines: [9, 10] },
  },
});

export const INFRA_MACHINE_STEPS = defineReconcileSteps({
  id: 'infra-machine',
  first: 'fetch',
  listing: [
    'func (r *DevMachineReconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  devMachine := &DevMachine{}; r.Get(ctx, req.NamespacedName, devMachine)',
    '  machine, err := util.GetOwnerMachine(ctx, r.Client, devMachine.ObjectMeta)',
    '  if !devMachine.DeletionTimestamp.IsZero() { return r.reconcileDelete(...) }',
    '  if !cluster.Status.Initialization.InfrastructureProvisioned { return }',
    '  if machine.Spec.Bootstrap.DataSecretName == nil { return } // wait for bootstrap',
    '  if !vmProvisioned(devMachine) {',
    '    return ctrl.Result{RequeueAfter: vmStartup}, nil // VM booting',
    '  }',
    '  devMachine.Spec.ProviderID = calculateProviderID(devMachine)',
    '  devMachine.Status.Initialization.Provisioned = true',
    '  if !nodeProvisioned { return ctrl.Result{RequeueAfter: nodeStartup}, nil }',
    '  workloadClient.Create(ctx, node) // the Node joins the workload cluster',
    '  return ctrl.Result{}, nil',
    '}',
  ],
  steps: {
    fetch: { next: ['owner', 'delete'], lines: [2] },
    owner: { next: ['gates'], lines: [3] },
    delete: { next: [], lines: [4] },
    gates: { next: ['boot', 'provision', 'node'], lines: [5, 6] },
    boot: { next: ['provision'], lines: [7, 8] },
    provision: { next: ['node'], lines: [10, 11] },
    node: { next: [], lines: [12, 13, 14] },
  },
});

const INFRA_MACHINE_DELETE_MS = 1_000;

const isClusterKind = (kind: string) => kind.endsWith('Cluster');

/** A controller for one infrastructure kind (not a …Template kind). */
export function createInfraController(
  deps: CapiDeps,
  resource: string,
  kind: string,
  faults: ProvisioningFaults,
  opts: InfraProviderOptions = {},
): { controller: Controller; tracker: StepTracker } {
  const { sim } = deps;
  const name = `${kind.toLowerCase()}-controller`;
  if (isClusterKind(kind)) {
    const inner: Reconcile = function* (req, ctx) {
      yield ctx.step('fetch');
      const obj = ctx.cache(resource).get(req.namespace, req.name);
      if (!obj) return;
      if (isDeleting(obj)) {
        yield ctx.step('delete');
        if (obj.metadata.finalizers?.includes(INFRA_FINALIZER)) {
          const next = ctx.clone(obj);
          next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== INFRA_FINALIZER);
          yield* ctx.client.update(resource, next);
        }
        return;
      }
      let cur = obj;
      const host = path(obj.spec, 'controlPlaneEndpoint', 'host');
      if (!host || !obj.metadata.finalizers?.includes(INFRA_FINALIZER)) {
        yield ctx.step('endpoint');
        const next = ctx.clone(obj);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), INFRA_FINALIZER].filter(
          (f, i, a) => a.indexOf(f) === i,
        );
        next.spec = { ...(next.spec ?? {}) };
        if (!host)
          next.spec.controlPlaneEndpoint = { host: `${req.name}-lb.${req.namespace}.sim`, port: 6443 };
        cur = yield* ctx.client.update(resource, next);
      }
      if (path(cur.status, 'initialization', 'provisioned') === true) return;
      yield ctx.step('status');
      yield* ctx.client.updateStatus(resource, provisionedStatus(ctx, cur));
      return;
    };
    const { reconcile, tracker } = withStepMachine(sim, INFRA_CLUSTER_STEPS, inner);
    const controller = createController(sim, {
      name,
      forResource: resource,
      profile: deps.profile,
      reconciler: reconcile,
      informerFactory: deps.informerFactory,
      api: deps.api,
      maxConcurrentReconciles: 10,
      ...(deps.transport ? { transport: deps.transport } : {}),
    });
    return { controller, tracker };
  }

  const vmMs = opts.vmStartupMs ?? IN_MEMORY_TIMINGS.vmStartupMs;
  const nodeMs = opts.nodeStartupMs ?? IN_MEMORY_TIMINGS.nodeStartupMs;
  const jitter = opts.jitter ?? IN_MEMORY_TIMINGS.startupJitter;
  // The "cloud": VMs by infra machine uid, like the in-memory provider's in-memory cloud.
  const vms = new Map<string, InMemoryMachineState & { failed: boolean }>();

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const obj = ctx.cache(resource).get(req.namespace, req.name);
    if (!obj) return;
    if (isDeleting(obj)) {
      yield ctx.step('delete');
      const vm = vms.get(obj.metadata.uid!);
      // Deleting the VM takes a moment, then the finalizer goes.
      const doneAt = (deletionMs(obj) ?? ctx.now()) + INFRA_MACHINE_DELETE_MS;
      if (vm && ctx.now() < doneAt) return { requeueAfterMs: doneAt - ctx.now() };
      vms.delete(obj.metadata.uid!);
      if (obj.metadata.finalizers?.includes(INFRA_FINALIZER)) {
        const next = ctx.clone(obj);
        next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== INFRA_FINALIZER);
        yield* ctx.client.update(resource, next);
      }
      return;
    }
    yield ctx.step('owner');
    const ownerName = obj.metadata.ownerReferences?.find((r) => r.kind === 'Machine')?.name;
    const machine = ownerName ? ctx.cache(MACHINES).get(req.namespace, ownerName) : undefined;
    const clusterName = obj.metadata.labels?.[CLUSTER_NAME_LABEL];
    const cluster = clusterName ? ctx.cache(CLUSTERS).get(req.namespace, clusterName) : undefined;
    // util.GetOwnerMachine: no owner yet means the Machine controller has not adopted it; its update enqueues us.
    if (!machine || !cluster) return;
    yield ctx.step('gates');
    let vm = vms.get(obj.metadata.uid!);
    const provisioned = path(obj.status, 'initialization', 'provisioned') === true;
    const gate = inMemoryMachineGate(
      cluster,
      machine,
      vm ?? { vmDelayMs: 0, nodeDelayMs: 0, ...(provisioned ? { vmProvisionedMs: ctx.now() - nodeMs } : {}) },
      ctx.now(),
    );
    if (gate.gate === 'waitingForClusterInfrastructure' || gate.gate === 'waitingForControlPlaneInitialized')
      return;
    if (gate.gate === 'waitingForBootstrapData') return;
    if (!vm) {
      const failed =
        faults.names.has(req.key) ||
        faults.names.has(`${req.namespace}/${machine.metadata.name}`) ||
        (faults.rate > 0 && ctx.rng.next() < faults.rate);
      vm = {
        vmCreatedMs: ctx.now(),
        vmDelayMs: provisioned ? 0 : startupDelayMs(vmMs, jitter, ctx.rng),
        nodeDelayMs: startupDelayMs(nodeMs, jitter, ctx.rng),
        failed: failed && !provisioned,
        ...(provisioned ? { vmProvisionedMs: ctx.now() } : {}),
      };
      vms.set(obj.metadata.uid!, vm);
    }
    if (!obj.metadata.finalizers?.includes(INFRA_FINALIZER)) {
      yield ctx.step('boot');
      const next = ctx.clone(obj);
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), INFRA_FINALIZER];
      yield* ctx.client.update(resource, next);
      return { requeueAfterMs: 1 };
    }
    const g = inMemoryMachineGate(cluster, machine, vm, ctx.now());
    if (g.gate === 'waitingForVMStartup' || vm.failed) {
      yield ctx.step('boot');
      if (vm.failed) {
        const c = conditionsOf(obj).find((x) => x.type === 'Ready');
        if (c?.reason === 'ProvisioningFailed') return;
        const next = ctx.clone(obj);
        next.status = {
          ...(next.status ?? {}),
          conditions: setCondition(
            conditionsOf(obj),
            {
              type: 'Ready',
              status: 'False',
              reason: 'ProvisioningFailed',
              message: 'VM failed to start (provisioningFailure fault)',
            },
            ctx.now(),
            obj.metadata.generation,
          ),
        };
        yield* ctx.client.updateStatus(resource, next);
        return;
      }
      return { requeueAfterMs: g.requeueAfterMs! };
    }
    let cur = obj;
    if (!provisioned) {
      yield ctx.step('provision');
      vm.vmProvisionedMs ??= ctx.now();
      if (obj.spec?.providerID !== inMemoryProviderID(req.name)) {
        const next = ctx.clone(obj);
        next.spec = { ...(next.spec ?? {}), providerID: inMemoryProviderID(req.name) };
        cur = yield* ctx.client.update(resource, next);
      }
      yield* ctx.client.updateStatus(resource, provisionedStatus(ctx, cur));
    }
    const g2 = inMemoryMachineGate(cluster, machine, vm, ctx.now());
    if (g2.gate === 'waitingForNodeStartup') return { requeueAfterMs: g2.requeueAfterMs! };
    yield ctx.step('node');
    if (ctx.cache(NODES).get(undefined, req.name)) return;
    try {
      yield* ctx.client.create(NODES, inMemoryNode(req.name, machine, ctx.now()));
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    return;
  };

  // DevMachineReconciler watches Machines (util.MachineToInfrastructureMapFunc) and Clusters.
  const machineToInfra: EventHandler = {
    name: `Machine to ${kind}`,
    create: (e, q) => enqueueInfra(e.object, q),
    update: (e, q) => enqueueInfra(e.objectNew, q),
    delete: (e, q) => enqueueInfra(e.object, q),
    generic: () => {},
  };
  function enqueueInfra(m: KubeObject, q: { add(k: string): void }) {
    const ref = machineInfrastructureRef(m);
    if (ref && ref.kind === kind) q.add(`${m.metadata.namespace}/${ref.name}`);
  }
  const clusterToInfra: EventHandler = {
    name: `Cluster to ${kind}`,
    create: (e, q) => enqueueForCluster(e.object, q),
    update: (e, q) => {
      // Only the gates this provider waits on matter.
      const a = e.objectOld;
      const b = e.objectNew;
      if (
        JSON.stringify(a.status?.initialization) !== JSON.stringify(b.status?.initialization) ||
        conditionsOf(a).find((c) => c.type === 'ControlPlaneInitialized')?.status !==
          conditionsOf(b).find((c) => c.type === 'ControlPlaneInitialized')?.status
      )
        enqueueForCluster(b, q);
    },
    delete: () => {},
    generic: () => {},
  };
  function enqueueForCluster(c: KubeObject, q: { add(k: string): void }) {
    const inf = deps.informerFactory.informerFor(resource);
    for (const o of inf.list({ namespace: c.metadata.namespace }))
      if (o.metadata.labels?.[CLUSTER_NAME_LABEL] === c.metadata.name) q.add(keyOf(o));
  }
  const { reconcile, tracker } = withStepMachine(sim, INFRA_MACHINE_STEPS, inner);
  const controller = createController(sim, {
    name,
    forResource: resource,
    watches: [
      { resource: MACHINES, handler: machineToInfra },
      { resource: CLUSTERS, handler: clusterToInfra },
    ],
    reads: [NODES],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    maxConcurrentReconciles: 10,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller, tracker };
}
