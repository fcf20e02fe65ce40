/**
 * Cluster API benchmark (issue 3): N worker Machines from zero to Running through the full chain — the
 * MachineDeployment creates a MachineSet, the MachineSet clones KubeadmConfigs and DockerMachines and creates the
 * Machines, KubeadmConfig writes the bootstrap Secret, the mock provider provisions the VM (10 s ± 20%) and the
 * Node, the Machine controller sets nodeRef and phase Running, and the MachineSet and MachineDeployment report
 * every replica available. One control-plane Machine comes up first, as in a real cluster.
 */
import type { KubeObject } from '../src/engine/api/types.ts';
import { createWorld } from '../src/engine/world/world.ts';
import { createHeapSampler, round, timeIt, type Figure } from './measure.ts';

const INFRA = 'infrastructure.cluster.x-k8s.io';
const ns = 'default';

/** The in-repo quickstart's objects (src/lessons/scenarios/capi-quickstart.yaml) with `workers` replicas. */
export function quickstartObjects(workers: number, name = 'demo'): KubeObject[] {
  const infraTemplate = (n: string): KubeObject => ({
    apiVersion: `${INFRA}/v1beta2`,
    kind: 'DockerMachineTemplate',
    metadata: { name: n, namespace: ns },
    spec: { template: { spec: {} } },
  });
  return [
    { apiVersion: `${INFRA}/v1beta2`, kind: 'DockerCluster', metadata: { name, namespace: ns }, spec: {} },
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name, namespace: ns },
      spec: {
        infrastructureRef: { apiGroup: INFRA, kind: 'DockerCluster', name },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: `${name}-control-plane`,
        },
      },
    },
    infraTemplate(`${name}-control-plane`),
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: `${name}-control-plane`, namespace: ns },
      spec: {
        replicas: 1,
        version: 'v1.34.0',
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: INFRA,
              kind: 'DockerMachineTemplate',
              name: `${name}-control-plane`,
            },
          },
        },
        kubeadmConfigSpec: {},
      },
    },
    infraTemplate(`${name}-md-0`),
    {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmConfigTemplate',
      metadata: { name: `${name}-md-0`, namespace: ns },
      spec: { template: { spec: {} } },
    },
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: `${name}-md-0`, namespace: ns },
      spec: {
        clusterName: name,
        replicas: workers,
        template: {
          spec: {
            clusterName: name,
            version: 'v1.34.0',
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'KubeadmConfigTemplate',
                name: `${name}-md-0`,
              },
            },
            infrastructureRef: { apiGroup: INFRA, kind: 'DockerMachineTemplate', name: `${name}-md-0` },
          },
        },
      },
    },
  ];
}

export interface CapiRun {
  converged: boolean;
  wallMs: number;
  cpuMs: number;
  virtualMs: number;
  runningWorkers: number;
  availableReplicas: number;
  events: number;
  peakHeapMiB: number;
}

/** Runs the quickstart with `workers` workers until converged (or 2 h virtual); no trace kept. */
export function runCapiQuickstart(workers: number): CapiRun {
  const heap = createHeapSampler();
  const world = createWorld({ seed: 1, keepTrace: false, objects: quickstartObjects(workers) });
  let steps = 0;
  const { ms, cpuMs, result } = timeIt(() => {
    const deadline = 2 * 3_600_000;
    while (!world.isConverged() && world.sim.now() < deadline) {
      if (!world.step()) break;
      if (++steps % 5000 === 0) heap.sample();
    }
    heap.sample();
    return world.isConverged();
  });
  let running = 0;
  for (const m of world.api.peek('machines.cluster.x-k8s.io'))
    if (m.metadata.labels?.['cluster.x-k8s.io/deployment-name'] && m.status?.phase === 'Running') running++;
  const md = [...world.api.peek('machinedeployments.cluster.x-k8s.io')][0];
  return {
    converged: result,
    wallMs: ms,
    cpuMs,
    virtualMs: world.sim.now(),
    runningWorkers: running,
    availableReplicas: (md?.status?.availableReplicas as number | undefined) ?? 0,
    events: world.sim.scheduler.executed(),
    peakHeapMiB: heap.peakMiB(),
  };
}

export function capiScenario(workers: number): Figure[] {
  const r = runCapiQuickstart(workers);
  if (!r.converged) throw new Error(`Cluster API quickstart with ${workers} workers did not converge`);
  if (r.runningWorkers !== workers || r.availableReplicas !== workers)
    throw new Error(
      `expected ${workers} Running workers, got ${r.runningWorkers} (MachineDeployment available: ${r.availableReplicas})`,
    );
  const label = `capi ${workers.toLocaleString('en-US')} worker machines`;
  return [
    { name: `${label}: wall time`, value: round(r.wallMs), unit: 'ms' },
    { name: `${label}: cpu time`, value: round(r.cpuMs), unit: 'ms' },
    { name: `${label}: virtual time`, value: round(r.virtualMs / 1000, 2), unit: 's' },
    {
      name: `${label}: machines running per wall second`,
      value: Math.round(workers / (r.wallMs / 1000)),
      unit: 'machines/s',
    },
    { name: `${label}: scheduler events`, value: r.events, unit: 'events' },
    { name: `${label}: peak heap`, value: round(r.peakHeapMiB), unit: 'MiB' },
  ];
}
