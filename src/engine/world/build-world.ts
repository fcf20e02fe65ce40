/**
 * A running world: one sim, one API server, the shared informers and the controllers, and the scenario's
 * timeline. Everything happens on the sim's scheduler, so a world is a pure function of its options and of the
 * user actions applied to it (and of when, counted in scheduler events): see replay.ts.
 *
 * This module does not import the Cluster API controllers: a caller hands them in as a plugin, so the browser
 * can load them on demand. world.ts createWorld always hands them in.
 */
import { createRegistry } from '../api/registry.ts';
import { resourceIdOf } from '../api/resource.ts';
import { appsResources } from '../api/resources/apps.ts';
import { autoscalingResources } from '../api/resources/autoscaling.ts';
import { apiVersionLookupFromRegistry } from '../api/conversion/capi-v1beta1.ts';
import { capiResources } from '../api/resources/capi.ts';
import { infrastructureResolver } from '../api/resources/capi-infrastructure.ts';
import { coreResources } from '../api/resources/core.ts';
import { coordinationResources } from '../api/resources/coordination.ts';
import { createApiServer, type MockApiServer } from '../api/server.ts';
import type { Controller } from '../client/controller.ts';
import {
  createInformerFactory,
  DEFAULT_SYNC_PERIOD_MS,
  type InformerFactory,
} from '../client/informer-factory.ts';
import { createLatencyTransport } from '../client/transport.ts';
import { createKubeletSim, DEFAULT_POD_START_DELAY_MS, KUBELET } from '../controllers/core/kubelet-sim.ts';
import { createNodeSim, type NodeSim } from '../controllers/core/node/node-sim.ts';
import { createDeploymentController } from '../controllers/core/deployment/deployment-controller.ts';
import { createReplicaSetController } from '../controllers/core/replicaset-controller.ts';
import { createHpaController } from '../controllers/core/hpa/hpa-controller.ts';
import { hasSettledRule, isSettled, phaseOf } from '../controllers/core/settled.ts';
import type { CapiControllers } from '../controllers/capi/capi-controllers.ts';
import type { CapiDeps } from '../controllers/capi/runtime/refs.ts';
import { hasCapiSettledRule, isCapiSettled } from '../controllers/capi/settled.ts';
import {
  createTeachingControllers,
  type TeachingControllers,
} from '../controllers/teaching/teaching-controllers.ts';
import { createSim, type Sim } from '../sim/sim.ts';
import { performAction } from './actions.ts';
import { isClusterApiVersion, runsClusterApi } from './cluster-api-rule.ts';
import { readParams } from './params.ts';
import type { World, WorldAction, WorldOptions, WorldSummary } from './world-types.ts';

/** DESIGN.md §2: `until: converged` gives up after 2 h of virtual time. */
export const DEFAULT_CONVERGENCE_TIMEOUT_MS = 2 * 3_600_000;

export interface RecordedAction {
  /** Scheduler events run before the action: replaying at the same count reproduces the run exactly. */
  afterEvents: number;
  atMs: number;
  action: WorldAction;
}

export interface LabWorld extends World {
  readonly api: MockApiServer;
  readonly controllers: ReadonlyMap<string, Controller>;
  /** The controllers' shared informers (kube-controller-manager's cache). */
  readonly informers: InformerFactory;
  /** User actions applied with act(), in order: with the options, all a replay needs. */
  readonly actions: readonly RecordedAction[];
  /** The Cluster API controllers' step trackers and "not simulated" notes. */
  readonly capi: CapiControllers;
  /** Core Nodes: their kubelets, the node lifecycle controller and the scheduler (idle without Nodes). */
  readonly nodes: NodeSim;
  /** The bug labs' teaching controllers' outside state (BL-03's mock cloud), when a param started one. */
  readonly teaching: TeachingControllers;
  /** Timeline actions not yet run. */
  pendingTimeline(): number;
}

/** Builds the Cluster API controllers into a world: capi-controllers.ts createCapiControllers. */
export type CapiControllersFactory = (
  deps: CapiDeps & { api: MockApiServer },
  add: (c: Controller) => void,
) => CapiControllers;

/** Controller sets loaded by the caller: what a world may run, not what it must (cluster-api-rule.ts decides). */
export interface WorldPlugins {
  /** Needed to build a world that runs Cluster API: world.ts createWorld always passes it. */
  capi?: CapiControllersFactory | undefined;
}

/**
 * The stand-in for the Cluster API controllers in a world that does not run them: no trackers, no provisioning
 * faults. A Cluster API object is stored and nothing acts on it, as in a cluster that has the CRDs but where
 * `clusterctl init` never ran; one note says so the first time, so a learner who applies one is not left
 * wondering.
 */
function idleClusterApi(sim: Sim, api: MockApiServer): CapiControllers {
  const notes: string[] = [];
  api.onCommit((e) => {
    if (notes.length > 0 || e.type !== 'ADDED' || !isClusterApiVersion(e.obj.apiVersion)) return;
    const message = `not running: the Cluster API controllers (this scenario started without Cluster API objects); ${e.obj.kind} ${e.key} is stored but nothing acts on it`;
    notes.push(message);
    sim.trace.emit('sim.note', { message });
  });
  return { trackers: new Map(), notes, provisioningFaults: { rate: 0, names: new Set() } };
}

/**
 * A world with the controllers this build always runs, plus the Cluster API controllers when
 * runsClusterApi(opts) says the world runs them. Synchronous; throws, building nothing, when it needs a plugin
 * the caller did not load, so a browser world can never silently differ from the CLI's.
 */
export function buildWorld(opts: WorldOptions, plugins: WorldPlugins): LabWorld {
  const clusterApi = runsClusterApi(opts);
  const capiFactory = plugins.capi;
  if (clusterApi && !capiFactory)
    throw new Error(
      'this world runs the Cluster API controllers, but they were not loaded: pass plugins.capi',
    );
  const params = readParams(opts.params ?? {});
  const profile = opts.profile ?? 'classic';
  const sim = createSim({ seed: opts.seed, keepAll: opts.keepTrace ?? true });

  const registry = createRegistry([...coreResources(), ...appsResources()]);
  for (const def of coordinationResources()) registry.register(def);
  for (const def of autoscalingResources()) registry.register(def);
  for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) }))
    registry.register(def);
  registry.addResolver(infrastructureResolver);

  const api = createApiServer(sim, { registry, watchLatencyMs: params.watchLatencyMs });

  // Every request of a controller takes a little virtual time, as a real round trip does; faults add to it.
  const transport = createLatencyTransport(sim, (verb, resource) => {
    const base = params.apiLatencyMs > 0 ? sim.rng.jitter(params.apiLatencyMs, 0.5) : 0;
    return base + api.faults.latencyFor(verb, resource);
  });
  const factory = createInformerFactory(sim, api, {
    name: 'kube-controller-manager',
    resyncMs: params.resyncMs,
    transport,
  });

  const controllers = new Map<string, Controller>();
  const add = (c: Controller) => controllers.set(c.name, c);
  add(
    createReplicaSetController(sim, {
      api,
      informerFactory: factory,
      profile,
      transport,
      workers: params.replicaSetWorkers,
      // Bug lab BL-08's teaching switch; 'on' (upstream behavior) unless a lesson turns it off.
      expectations: params.replicaSetExpectations === 'on',
    }),
  );
  // Registered before the scenario's objects are applied, so that it sees their Nodes and Pods.
  const nodes = createNodeSim(sim, api, { requeuePod: (key) => controllers.get(KUBELET)?.enqueue(key) });
  add(createDeploymentController(sim, { api, informerFactory: factory, profile, transport }));
  add(
    createKubeletSim(sim, {
      canStart: nodes.canStart,
      api,
      informerFactory: factory,
      profile,
      transport,
      startDelayMs: params.podStartDelayMs,
    }),
  );
  add(createHpaController(sim, { api, informerFactory: factory, profile, transport, load: opts.load ?? [] }));
  const capi =
    clusterApi && capiFactory
      ? capiFactory({ sim, api, informerFactory: factory, profile, transport }, add)
      : idleClusterApi(sim, api);
  // Bug labs' teaching controllers: registered only when a param asks for one.
  const teaching = createTeachingControllers(
    { sim, api, informerFactory: factory, profile, transport },
    params,
    add,
  );
  for (const c of controllers.values()) c.start();
  factory.start();

  const actor = 'user';
  const deps = { sim, api, controllers, actor, provisioningFaults: capi.provisioningFaults, nodes };
  const recorded: RecordedAction[] = [];
  let timelineLeft = 0;

  // object.phase: the trace's record of every phase change, whoever wrote it,
  // from the scenario's own objects at t=0 on.
  api.onCommit((e) => {
    const to = e.type === 'DELETED' ? 'Deleted' : phaseOf(e.obj);
    const from = e.prev ? phaseOf(e.prev) : '';
    if (from !== to) sim.trace.emit('object.phase', { kind: e.obj.kind, key: e.key, from, to });
  });

  // Objects of the scenario are applied at t=0 as one kubectl apply.
  if (opts.objects && opts.objects.length > 0) {
    performAction({ ...deps, actor: 'kubectl' }, { action: 'apply', objects: opts.objects });
  }
  for (const { atMs, action } of opts.timeline ?? []) {
    timelineLeft++;
    sim.scheduler.at(
      atMs,
      () => {
        timelineLeft--;
        performAction({ ...deps, actor: 'kubectl' }, action);
      },
      `timeline ${action.action}`,
    );
  }

  let conflicts = 0;
  sim.trace.subscribe((ev) => {
    if (ev.type === 'api.response' && ev.code === 409 && ev.reason === 'Conflict') conflicts++;
  });

  const controllersIdle = () => {
    for (const c of controllers.values()) if (!c.isIdle()) return false;
    // A watch event still in flight, or an informer that is relisting, backing off or paused, will wake a
    // controller later: the world is not quiet yet.
    if (api.gcPending() !== 0 || api.pendingWatchEvents() !== 0) return false;
    // A staleView pause holds notifications back: they too will wake a controller when it ends.
    return factory.informers().every((i) => {
      const s = i.snapshot();
      return s.reflector === 'watching' && s.pending === 0 && s.pausedUntil === undefined;
    });
  };

  const objectsSettled = () => {
    for (const def of api.registry.all()) {
      const gvk = { apiVersion: `${def.group ? `${def.group}/` : ''}${def.versions[0]}`, kind: def.kind };
      // Settled rules compose: core's table and Cluster API's.
      if (!hasSettledRule(gvk) && !hasCapiSettledRule(gvk)) continue;
      for (const obj of api.peek(resourceIdOf(def))) if (!isSettled(obj) || !isCapiSettled(obj)) return false;
    }
    return true;
  };

  const isConverged = () => timelineLeft === 0 && controllersIdle() && nodes.isIdle() && objectsSettled();

  const world: LabWorld = {
    sim,
    api,
    profile,
    controllers,
    informers: factory,
    actions: recorded,
    capi,
    nodes,
    teaching,
    pendingTimeline: () => timelineLeft,
    step: () => sim.scheduler.step(),
    runUntil(t) {
      sim.scheduler.runUntil(t);
    },
    runToConvergence(timeoutMs = DEFAULT_CONVERGENCE_TIMEOUT_MS) {
      const deadline = sim.now() + timeoutMs;
      for (;;) {
        if (isConverged()) return { converged: true, atMs: sim.now() };
        const next = sim.scheduler.peekTime();
        if (next === undefined || next > deadline) {
          sim.scheduler.runUntil(deadline);
          return isConverged() ? { converged: true, atMs: sim.now() } : { converged: false, atMs: null };
        }
        sim.scheduler.step();
      }
    },
    isConverged,
    act(action) {
      const entry = { afterEvents: sim.scheduler.executed(), atMs: sim.now(), action };
      performAction(deps, action);
      recorded.push(entry);
    },
    summary(): WorldSummary {
      const objects: WorldSummary['objects'] = {};
      for (const def of api.registry.all()) {
        for (const obj of api.peek(resourceIdOf(def))) {
          const row = (objects[def.kind] ??= { total: 0 } as WorldSummary['objects'][string]);
          row.total++;
          const phase = phaseOf(obj);
          row[phase] = (row[phase] ?? 0) + 1;
        }
      }
      let reconciles = 0;
      let requeues = 0;
      for (const c of controllers.values()) {
        const s = c.stats();
        reconciles += s.reconciles;
        requeues += s.requeues + s.requeueAfters + s.errors;
      }
      const converged = isConverged();
      return {
        converged,
        convergedAtMs: converged ? sim.now() : null,
        endMs: sim.now(),
        objects,
        counts: { events: sim.trace.size(), reconciles, requeues, conflicts },
      };
    },
  };
  return world;
}

export { DEFAULT_POD_START_DELAY_MS, DEFAULT_SYNC_PERIOD_MS };
