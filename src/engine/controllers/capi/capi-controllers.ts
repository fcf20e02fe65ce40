/**
 * The Cluster API controllers of a world, composed: Cluster, KubeadmControlPlane, MachineDeployment,
 * MachineSet, Machine, KubeadmConfig, MachineHealthCheck, and the mock infrastructure provider, whose controllers start the first
 * time an object of a new infrastructure kind is committed. Kinds that exist but are not simulated get a
 * `sim.note` naming them, once per kind, and the rest runs.
 */
import type { MockApiServer } from '../../api/server.ts';
import type { Controller } from '../../client/controller.ts';
import { createKubeadmConfigController } from './bootstrap/kubeadmconfig-controller.ts';
import { createClusterController } from './cluster/cluster-controller.ts';
import {
  createInfraController,
  type InfraProviderOptions,
  type ProvisioningFaults,
} from './infra/infra-provider.ts';
import { createKcpController } from './kcp/kcp-controller.ts';
import { createMachineController } from './machine/machine-controller.ts';
import { createMachineDeploymentController } from './machinedeployment/machinedeployment-controller.ts';
import { createMachineSetController } from './machineset/machineset-controller.ts';
import { createMachineHealthCheckController } from './mhc/mhc-controller.ts';
import { resourceForRef, type CapiDeps } from './runtime/refs.ts';
import type { StepTracker } from './runtime/step-machine.ts';

const INFRA_GROUP = 'infrastructure.cluster.x-k8s.io';

/** Kinds registered by the API server whose controllers this build does not run. */
export const NOT_SIMULATED: Readonly<Record<string, string>> = {
  ClusterClass: 'ClusterClass (managed topologies)',
  ClusterResourceSet: 'ClusterResourceSet (addon delivery)',
  ClusterResourceSetBinding: 'ClusterResourceSetBinding (addon delivery)',
  MachinePool: 'MachinePool',
  KubeadmControlPlaneTemplate: 'KubeadmControlPlaneTemplate (only used by ClusterClass)',
};

export interface CapiControllers {
  /** Step trackers by controller name, for the UI's per-worker state and code pane. */
  readonly trackers: ReadonlyMap<string, StepTracker>;
  /** "not simulated" messages emitted so far, for the CLI summary. */
  readonly notes: readonly string[];
  readonly provisioningFaults: ProvisioningFaults;
}

export function createCapiControllers(
  deps: CapiDeps & { api: MockApiServer },
  add: (c: Controller) => void,
  opts: InfraProviderOptions = {},
): CapiControllers {
  const trackers = new Map<string, StepTracker>();
  const notes: string[] = [];
  const provisioningFaults: ProvisioningFaults = { rate: 0, names: new Set() };
  const register = ({ controller, tracker }: { controller: Controller; tracker: StepTracker }) => {
    trackers.set(controller.name, tracker);
    add(controller);
    return controller;
  };
  register(createClusterController(deps));
  register(createKcpController(deps));
  register(createMachineDeploymentController(deps));
  register(createMachineSetController(deps));
  register(createMachineController(deps));
  register(createKubeadmConfigController(deps));
  register(createMachineHealthCheckController(deps));

  const servedInfra = new Set<string>();
  const noted = new Set<string>();
  deps.api.onCommit((e) => {
    if (e.type !== 'ADDED') return;
    const kind = e.obj.kind;
    const group = e.obj.apiVersion.split('/')[0];
    if (NOT_SIMULATED[kind] && !noted.has(kind)) {
      noted.add(kind);
      // One line a learner can read in the CLI summary or the UI: what is missing, and that the rest runs.
      const message = `not simulated: ${NOT_SIMULATED[kind]}; ${kind} ${e.key} is stored but nothing acts on it, the rest of the scenario runs`;
      notes.push(message);
      deps.sim.trace.emit('sim.note', { message });
      return;
    }
    if (group !== INFRA_GROUP || kind.endsWith('Template') || servedInfra.has(kind)) return;
    servedInfra.add(kind);
    const resource = resourceForRef(deps.api, { apiGroup: INFRA_GROUP, kind });
    if (!resource) return;
    // Started after the commit returns, as a provider's manager would pick the CRD up.
    deps.sim.scheduler.after(
      0,
      () => register(createInfraController(deps, resource, kind, provisioningFaults, opts)).start(),
      `start ${kind} provider`,
    );
  });
  return { trackers, notes, provisioningFaults };
}
