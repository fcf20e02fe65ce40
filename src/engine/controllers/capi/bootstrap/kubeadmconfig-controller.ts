/**
 * The KubeadmConfig controller: bootstrap/kubeadm/internal/controllers/kubeadmconfig_controller.go Reconcile.
 *
 * - Nothing happens until a Machine owns the config (getConfigOwner) and the Cluster's infrastructure is
 *   provisioned (WaitingForClusterInfrastructure).
 * - The first control-plane Machine takes the init lock and gets an init secret (handleClusterNotInitialized);
 *   every other config is a join and waits for the Cluster's ControlPlaneInitialized condition.
 * - The data Secret is named like the config, owned by it (storeBootstrapData); status.dataSecretName and
 *   status.initialization.dataSecretCreated are then set with the Ready and DataSecretAvailable conditions.
 *
 * Simplified: the init lock is in memory (upstream uses a ConfigMap, internal/locking); the cloud-init payload
 * is a placeholder, since no machine ever runs it.
 */
import type { KubeObject } from '../../../api/types.ts';
import { isAlreadyExists } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import type { Reconcile } from '../../../client/reconciler.ts';
import { conditionsOf, isTrue, setCondition } from '../conditions.ts';
import { isDeleting, path } from '../fields.ts';
import { clusterInfrastructureProvisioned } from '../cluster/fields.ts';
import { CLUSTER_NAME_LABEL, isControlPlaneMachine } from '../labels.ts';
import { machineBootstrapConfigRef } from '../machine/fields.ts';
import {
  CLUSTERS,
  KUBEADM_CONFIGS,
  MACHINES,
  SECRETS,
  keyOf,
  ownerRef,
  type CapiDeps,
} from '../runtime/refs.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../runtime/step-machine.ts';

export const KUBEADM_CONFIG_CONTROLLER = 'kubeadmconfig-controller';

export const KUBEADM_CONFIG_STEPS = defineReconcileSteps({
  id: 'kubeadmconfig',
  first: 'fetch',
  listing: [
    'func (r *KubeadmConfigReconciler) Reconcile(ctx, req) (ctrl.Result, error) {',
    '  config := &KubeadmConfig{}; r.Client.Get(ctx, req.NamespacedName, config)',
    '  configOwner, err := bsutil.GetTypedConfigOwner(ctx, r.Client, config)',
    '  if configOwner == nil { return ctrl.Result{}, nil } // no Machine yet',
    '  if config.Status.Initialization.DataSecretCreated { return }',
    '  if !cluster.Status.Initialization.InfrastructureProvisioned {',
    '    conditions.Set(config, DataSecretAvailable=False, WaitingForClusterInfrastructure); return',
    '  }',
    '  if !conditions.IsTrue(cluster, ControlPlaneInitialized) {',
    '    if !configOwner.IsControlPlaneMachine() { return } // joins wait for the control plane',
    '    if !r.KubeadmInitLock.Lock(ctx, cluster, machine) { return RequeueAfter 30s }',
    '    return r.handleClusterNotInitialized(ctx, scope) // init: kubeadm init',
    '  }',
    '  return r.joinWorker(ctx, scope) // or joinControlplane',
    '  // storeBootstrapData: create the Secret, set status.dataSecretName,',
    '  // status.initialization.dataSecretCreated = true, Ready and DataSecretAvailable = True',
    '}',
  ],
  steps: {
    fetch: { next: ['owner'], lines: [2] },
    owner: { next: ['gates'], lines: [3, 4, 5] },
    gates: { next: ['init', 'join', 'wait'], lines: [6, 7, 9, 10] },
    wait: { next: [], lines: [7, 10, 11] },
    init: { next: ['store'], lines: [11, 12] },
    join: { next: ['store'], lines: [14] },
    store: { next: [], lines: [15, 16] },
  },
});

export function createKubeadmConfigController(deps: CapiDeps): {
  controller: Controller;
  tracker: StepTracker;
} {
  const { sim } = deps;
  // internal/locking control_plane_init_mutex.go: one init per Cluster, held by the config's Machine.
  const initLocks = new Map<string, string>();

  const inner: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const config = ctx.cache(KUBEADM_CONFIGS).get(req.namespace, req.name);
    if (!config || isDeleting(config)) return;
    yield ctx.step('owner');
    const ownerName = config.metadata.ownerReferences?.find((r) => r.kind === 'Machine')?.name;
    const machine = ownerName ? ctx.cache(MACHINES).get(req.namespace, ownerName) : undefined;
    if (!machine) return;
    if (path(config.status, 'initialization', 'dataSecretCreated') === true) return;
    const clusterName = config.metadata.labels?.[CLUSTER_NAME_LABEL] ?? (machine.spec?.clusterName as string);
    const cluster = ctx.cache(CLUSTERS).get(req.namespace, clusterName);
    if (!cluster) return;
    yield ctx.step('gates');
    const cp = isControlPlaneMachine(machine);
    const initialized = isTrue(conditionsOf(cluster), 'ControlPlaneInitialized');
    const clusterKey = keyOf(cluster);
    let waitReason: string | undefined;
    if (!clusterInfrastructureProvisioned(cluster)) waitReason = 'WaitingForClusterInfrastructure';
    else if (!initialized && !cp) waitReason = 'WaitingForControlPlaneInitialization';
    else if (!initialized) {
      const holder = initLocks.get(clusterKey);
      if (holder !== undefined && holder !== machine.metadata.uid)
        waitReason = 'WaitingForControlPlaneInitialization';
    }
    if (waitReason) {
      yield ctx.step('wait');
      const cur = conditionsOf(config).find((c) => c.type === 'DataSecretAvailable');
      if (cur?.reason === waitReason) return;
      const next = ctx.clone(config);
      next.status = {
        ...(next.status ?? {}),
        conditions: setCondition(
          conditionsOf(config),
          { type: 'DataSecretAvailable', status: 'False', reason: waitReason },
          ctx.now(),
          config.metadata.generation,
        ),
      };
      yield* ctx.client.updateStatus(KUBEADM_CONFIGS, next);
      return;
    }
    let format = 'join';
    if (!initialized) {
      yield ctx.step('init');
      initLocks.set(clusterKey, machine.metadata.uid!);
      format = 'init';
    } else {
      yield ctx.step('join');
      if (initLocks.get(clusterKey) === machine.metadata.uid) initLocks.delete(clusterKey);
    }
    yield ctx.step('store');
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: config.metadata.name!,
        namespace: config.metadata.namespace!,
        labels: { [CLUSTER_NAME_LABEL]: clusterName },
        ownerReferences: [ownerRef(config, true)],
      },
      type: 'cluster.x-k8s.io/secret',
      data: { format: btoaAscii('cloud-config'), value: btoaAscii(`#cloud-config kubeadm ${format}`) },
    } as KubeObject;
    try {
      yield* ctx.client.create(SECRETS, secret);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    const next = ctx.clone(config);
    let conds = setCondition(
      conditionsOf(config),
      { type: 'DataSecretAvailable', status: 'True', reason: 'Available' },
      ctx.now(),
      config.metadata.generation,
    );
    conds = setCondition(
      conds,
      { type: 'Ready', status: 'True', reason: 'Ready' },
      ctx.now(),
      config.metadata.generation,
    );
    next.status = {
      ...(next.status ?? {}),
      dataSecretName: config.metadata.name,
      initialization: { dataSecretCreated: true },
      conditions: conds,
    };
    yield* ctx.client.updateStatus(KUBEADM_CONFIGS, next);
    return;
  };

  const machineToConfig: EventHandler = {
    name: 'Machine to KubeadmConfig',
    create: (e, q) => enqueueConfig(e.object, q),
    update: (e, q) => enqueueConfig(e.objectNew, q),
    delete: () => {},
    generic: () => {},
  };
  function enqueueConfig(m: KubeObject, q: { add(k: string): void }) {
    const ref = machineBootstrapConfigRef(m);
    if (ref?.kind === 'KubeadmConfig') q.add(`${m.metadata.namespace}/${ref.name}`);
  }
  // ClusterToKubeadmConfigs: every config of the Cluster, when the gates it waits on change.
  const clusterToConfigs: EventHandler = {
    name: 'Cluster to KubeadmConfigs',
    create: () => {},
    update: (e, q) => {
      const a = e.objectOld;
      const b = e.objectNew;
      if (
        clusterInfrastructureProvisioned(a) === clusterInfrastructureProvisioned(b) &&
        isTrue(conditionsOf(a), 'ControlPlaneInitialized') ===
          isTrue(conditionsOf(b), 'ControlPlaneInitialized')
      )
        return;
      for (const c of deps.informerFactory
        .informerFor(KUBEADM_CONFIGS)
        .list({ namespace: b.metadata.namespace }))
        if (c.metadata.labels?.[CLUSTER_NAME_LABEL] === b.metadata.name) q.add(keyOf(c));
    },
    delete: () => {},
    generic: () => {},
  };

  const { reconcile, tracker } = withStepMachine(sim, KUBEADM_CONFIG_STEPS, inner);
  const controller = createController(sim, {
    name: KUBEADM_CONFIG_CONTROLLER,
    forResource: KUBEADM_CONFIGS,
    watches: [
      { resource: MACHINES, handler: machineToConfig },
      { resource: CLUSTERS, handler: clusterToConfigs },
    ],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    maxConcurrentReconciles: 10,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return { controller, tracker };
}

/** base64 of an ASCII string, without Node's Buffer (the engine runs in the browser too). */
function btoaAscii(s: string): string {
  return globalThis.btoa(s);
}
