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

/** The scenario the lab opens when the URL names none. */
export const DEFAULT_SCENARIO_ID = 'replicaset';

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
  {
    id: 'bl-03-duplicate-vms',
    file: 'bl-03-duplicate-vms.yaml',
    title: 'Bug lab: an infra controller panics after RunInstances and creates a VM on every retry',
  },
  {
    id: 'bl-06-edge-cleanup',
    file: 'bl-06-edge-cleanup.yaml',
    title: 'Bug lab: a cleanup that needs to see the Pod Terminating leaks its claim',
  },
  {
    id: 'bl-08-no-expectations',
    file: 'bl-08-no-expectations.yaml',
    title: 'Bug lab: a ReplicaSet controller without expectations behind a slow watch over-creates Pods',
  },
  {
    id: 'bl-10-fighting-controllers',
    file: 'bl-10-fighting-controllers.yaml',
    title: 'Bug lab: a GitOps sync and an HPA fight over spec.replicas',
  },
  {
    id: 'bl-11-hpa-flapping',
    file: 'bl-11-hpa-flapping.yaml',
    title: 'Bug lab: an HPA without a scale-down window flaps under a square-wave load',
  },
  {
    id: 'bl-12-deadtime',
    file: 'bl-12-deadtime.yaml',
    title: 'Bug lab: a naive autoscaler with one period of metric deadtime cycles 3, 9, 27, 27, 9, 3',
  },
  {
    id: 'l12-operator',
    file: 'l12-operator.yaml',
    title:
      'Lesson L12: a teaching WebApp operator with three choices (write order, select by UID, expectations)',
  },
]);

export function findBundledScenario(id: string): BundledScenario | undefined {
  return BUNDLED_SCENARIOS.find((s) => s.id === id);
}
