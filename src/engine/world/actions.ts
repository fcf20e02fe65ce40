/**
 * What a user action does to the world: the same requests kubectl would send (apply, patch, scale, delete),
 * or a fault armed on the component it names. Every action is checked in full before anything is written, so
 * a bad one throws a clear Error and leaves the world as it was.
 */
import type { MockApiServer } from '../api/server.ts';
import { resourceIdOf } from '../api/resource.ts';
import { isNotFound, type KubeObject } from '../api/types.ts';
import type { Controller } from '../client/controller.ts';
import type { Sim } from '../sim/sim.ts';
import { virtualTimestamp } from '../sim/timestamp.ts';
import { applyPatchFor, withLastApplied } from './apply-patch.ts';
import { pickTarget } from './targets.ts';
import type { FaultSpec, WorldAction } from './world-types.ts';

export interface ActionDeps {
  sim: Sim;
  api: MockApiServer;
  controllers: ReadonlyMap<string, Controller>;
  actor: string;
  /** The mock infrastructure provider's fault switch (Cluster API worlds). */
  provisioningFaults?: { rate: number; names: Set<string> };
  /** Core Nodes' kubelets (controllers/core/node/node-sim.ts): nodeFailure stops one, clearFaults restarts them. */
  nodes?: { failNode(name: string): boolean; recoverNodes(): string[] };
}

const API_FAULTS: ReadonlySet<FaultSpec['type']> = new Set([
  'apiError',
  'apiLatency',
  'watchDrop',
  'watchExpire',
]);

function controllerNamed(deps: ActionDeps, name: string): Controller {
  const c = deps.controllers.get(name);
  if (!c)
    throw new Error(
      `fault: no controller "${name}" (this world runs: ${[...deps.controllers.keys()].join(', ')})`,
    );
  return c;
}

function describe(action: WorldAction): { what: string; target: string } {
  switch (action.action) {
    case 'apply':
      return {
        what: 'apply',
        target: action.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`).join(','),
      };
    case 'patch':
    case 'scale':
    case 'delete':
      return {
        what: action.action,
        target: `${action.target.kind ?? ''}/${action.target.name ?? JSON.stringify(action.target.selector ?? {})}`,
      };
    case 'fault':
      return { what: 'fault', target: action.fault.type };
    case 'clearFaults':
      return { what: 'clearFaults', target: '*' };
  }
}

/** Applies objects with kubectl-apply semantics: create when missing, else the three-way merge patch. */
function applyObjects(deps: ActionDeps, objects: KubeObject[], onValid: () => void): void {
  const { api, actor } = deps;
  // Validate every object first: a bad document must not leave the others half-applied.
  const plan = objects.map((obj, i) => {
    const def = api.definitionFor(obj);
    const id = resourceIdOf(def);
    const errs = api.validate(id, obj);
    if (errs.length > 0) {
      const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
      throw new Error(
        `apply: object ${i + 1} (${obj.kind} "${name}"): ${errs.map((e) => `${e.field}: ${e.detail}`).join('; ')}`,
      );
    }
    return { obj, id, namespaced: def.scope === 'Namespaced' };
  });
  onValid();
  for (const { obj, id, namespaced } of plan) {
    const ns = namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    const withNs = namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj;
    let live: KubeObject | undefined;
    if (obj.metadata.name) {
      try {
        live = api.get(id, ns, obj.metadata.name, { actor });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    if (!live) {
      api.create(id, withLastApplied(withNs), { actor });
      continue;
    }
    const patch = applyPatchFor(withNs, live);
    if (patch) api.patch(id, ns, obj.metadata.name!, 'merge', patch, { actor });
  }
}

function armFault(deps: ActionDeps, fault: FaultSpec): string {
  const { api, sim } = deps;
  switch (fault.type) {
    case 'apiError':
      api.faults.injectError(fault);
      return `${fault.verb ?? '*'} ${fault.resource ?? '*'} → ${fault.code}`;
    case 'apiLatency':
      api.faults.setLatency(fault);
      return `${fault.ms}ms ± ${fault.jitterMs ?? 0}ms`;
    case 'watchDrop':
      api.faults.setWatchDrop(fault);
      return `${fault.resource ?? '*'} rate ${fault.rate}`;
    case 'watchExpire':
      api.faults.expireWatches();
      return 'every watch';
    case 'staleView':
      controllerNamed(deps, fault.controller).staleView(fault.forMs);
      return `${fault.controller} for ${fault.forMs}ms`;
    case 'controllerCrash':
      controllerNamed(deps, fault.controller).crash();
      return fault.controller;
    case 'reconcileError':
      controllerNamed(deps, fault.controller).injectReconcileErrors(fault.count);
      return `${fault.controller} × ${fault.count}`;
    case 'nodeFailure': {
      // The node stops posting status; the node lifecycle controller marks Ready Unknown
      // (k8s pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth).
      const { object: node } = pickTarget(api, sim.rng, {
        ...fault.target,
        kind: fault.target.kind ?? 'Node',
      });
      // A core Node's kubelet simply stops; the node lifecycle controller notices after its grace period.
      if (deps.nodes?.failNode(node.metadata.name!)) return node.metadata.name!;
      // A Cluster API workload Node has no simulated kubelet: it is marked at once.
      const conditions = ((node.status?.conditions as Record<string, unknown>[] | undefined) ?? []).filter(
        (c) => c.type !== 'Ready',
      );
      const ts = virtualTimestamp(sim.now());
      conditions.push({
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: ts,
        lastTransitionTime: ts,
      });
      api.patch(
        'nodes',
        undefined,
        node.metadata.name!,
        'merge',
        { status: { conditions } },
        {
          actor: 'node-lifecycle-controller',
          subresource: 'status',
        },
      );
      return node.metadata.name!;
    }
    case 'provisioningFailure': {
      const faults = deps.provisioningFaults;
      if (!faults)
        throw new Error(
          'fault provisioningFailure: needs the Cluster API infrastructure provider, which this world does not run',
        );
      const rate = fault.rate ?? (fault.target ? 0 : 1);
      if (!(rate >= 0 && rate <= 1))
        throw new Error(`fault provisioningFailure: rate must be 0..1, got ${rate}`);
      // The next VMs of the chosen Machine (or a share of all new VMs) fail to boot.
      let named = '';
      if (fault.target) {
        const { object } = pickTarget(api, sim.rng, {
          ...fault.target,
          kind: fault.target.kind ?? 'Machine',
        });
        named = `${object.metadata.namespace}/${object.metadata.name}`;
      }
      if (named) faults.names.add(named);
      faults.rate = rate;
      return named
        ? `${named}${rate > 0 ? ` and ${rate * 100}% of new VMs` : ''}`
        : `${rate * 100}% of new VMs`;
    }
  }
}

/** Performs one action now. Throws (changing nothing) when the action cannot apply. */
export function performAction(deps: ActionDeps, action: WorldAction): void {
  const { api, sim, actor } = deps;
  const { what, target } = describe(action);
  switch (action.action) {
    case 'apply':
      applyObjects(deps, action.objects, () => sim.trace.emit('user.action', { action: what, target }));
      return;
    case 'patch': {
      // Deleting objects included: removing a hook annotation or finalizer from one is what a patch is for.
      const { def, object } = pickTarget(api, sim.rng, action.target, { includeDeleting: true });
      sim.trace.emit('user.action', { action: what, target: `${def.kind}/${object.metadata.name}` });
      api.patch(
        resourceIdOf(def),
        object.metadata.namespace,
        object.metadata.name!,
        action.patchType ?? 'merge',
        action.patch,
        { actor },
      );
      return;
    }
    case 'scale': {
      const { def, object } = pickTarget(api, sim.rng, action.target);
      if (!def.subresources?.scale) throw new Error(`scale: ${def.kind} has no scale subresource`);
      sim.trace.emit('user.action', {
        action: what,
        target: `${def.kind}/${object.metadata.name}`,
        detail: `replicas=${action.replicas}`,
      });
      api.updateScale(resourceIdOf(def), object.metadata.namespace, object.metadata.name!, action.replicas, {
        actor,
      });
      return;
    }
    case 'delete': {
      const { def, object } = pickTarget(api, sim.rng, action.target);
      sim.trace.emit('user.action', { action: what, target: `${def.kind}/${object.metadata.name}` });
      api.delete(resourceIdOf(def), object.metadata.namespace, object.metadata.name!, {
        actor,
        ...(action.propagationPolicy ? { propagationPolicy: action.propagationPolicy } : {}),
      });
      return;
    }
    case 'fault': {
      const target = armFault(deps, action.fault);
      // The API server's fault hooks trace themselves when armed; the others are traced here.
      if (!API_FAULTS.has(action.fault.type)) sim.trace.emit('fault', { kind: action.fault.type, target });
      return;
    }
    case 'clearFaults':
      sim.trace.emit('user.action', { action: what, target });
      api.faults.clearAll();
      deps.nodes?.recoverNodes();
      return;
  }
}
