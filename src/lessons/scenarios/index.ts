/**
 * The scenarios that ship with the app, by id. The CLI resolves `npm run sim -- <id>` to
 * src/lessons/scenarios/<file>; the browser can import the same files with Vite's `?raw`.
 */

export interface BundledScenario {
  readonly id: string;
  /** File name in src/lessons/scenarios/. */
  readonly file: string;
  readonly title: string;
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = Object.freeze([
  {
    id: 'replicaset',
    file: 'replicaset.yaml',
    title: 'A ReplicaSet keeps 3 Pods: one is deleted, then it is scaled to 5',
  },
  {
    id: 'replicaset-10k',
    file: 'replicaset-10k.yaml',
    title: 'One ReplicaSet with 10,000 replicas (the benchmark scene)',
  },
  {
    id: 'deployment-rollout',
    file: 'deployment-rollout.yaml',
    title: 'A Deployment of 4 rolls to a new image with maxSurge 25% and maxUnavailable 25%',
  },
  {
    id: 'capi-quickstart',
    file: 'capi-quickstart.yaml',
    title: 'A Cluster API cluster comes up: KubeadmControlPlane, MachineDeployment, Machines, Nodes',
  },
  {
    id: 'md-scale',
    file: 'md-scale.yaml',
    title: 'The MachineDeployment is scaled up, then down',
  },
  {
    id: 'md-rolling-update',
    file: 'md-rolling-update.yaml',
    title: 'A version bump rolls the workers with maxSurge 1, maxUnavailable 0',
  },
  {
    id: 'machine-delete-with-drain',
    file: 'machine-delete-with-drain.yaml',
    title: 'A worker Machine is deleted: pre-drain hook, cordon, drain, then the rest of the deletion order',
  },
  {
    id: 'mhc-remediation',
    file: 'mhc-remediation.yaml',
    title: 'A Node goes Unknown: the MachineHealthCheck marks the Machine and its MachineSet replaces it',
  },
  {
    id: 'kcp-rollout',
    file: 'kcp-rollout.yaml',
    title: 'A KubeadmControlPlane version bump rolls 3 control-plane Machines one at a time with maxSurge 1',
  },
  {
    id: 'node-failure',
    file: 'node-failure.yaml',
    title: 'A Node fails: Ready=Unknown after the grace period, its Pods evicted after 300s and rescheduled',
  },
  {
    id: 'cluster-delete',
    file: 'cluster-delete.yaml',
    title: 'The Cluster is deleted: workers, then the control plane, then the infrastructure',
  },
  {
    id: 'hpa-square-wave',
    file: 'hpa-square-wave.yaml',
    title: 'An HPA under a square-wave load: fast scale-up, scale-down after the 300 s window',
  },
]);

export function findBundledScenario(id: string): BundledScenario | undefined {
  return BUNDLED_SCENARIOS.find((s) => s.id === id);
}
