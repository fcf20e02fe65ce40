import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { auditDeletions, deletionOrderProblems } from './capi-deletion-audit.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

describe('cluster-delete scenario', () => {
  const world = createWorld(scenarioWorldOptions('cluster-delete.yaml'));
  const audit = auditDeletions(world.api);
  const run = world.runToConvergence();

  it('converges with nothing of the cluster left, and stays converged', () => {
    expect(run.converged).toBe(true);
    for (const r of [
      'clusters.cluster.x-k8s.io',
      'machinedeployments.cluster.x-k8s.io',
      'machinesets.cluster.x-k8s.io',
      'machines.cluster.x-k8s.io',
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
      'kubeadmconfigs.bootstrap.cluster.x-k8s.io',
      'dockermachines.infrastructure.cluster.x-k8s.io',
      'dockerclusters.infrastructure.cluster.x-k8s.io',
    ])
      expect([...world.api.peek(r)].map((o) => o.metadata.name)).toEqual([]);
    world.runUntil(world.sim.now() + 600_000);
    expect(world.isConverged()).toBe(true);
    for (const t of world.capi.trackers.values()) expect(t.violations()).toEqual([]);
  });

  // core/reconcilers/cluster/cluster_controller.go reconcileDelete (F76, D.8): workers, then the control plane,
  // then the infrastructure cluster, then the finalizer.
  it('deletes workers, then the control plane, then the infrastructure, then the Cluster', () => {
    const objs = [...audit.objects.entries()];
    const gone = (prefix: string) =>
      objs.filter(([k]) => k.startsWith(prefix)).map(([, v]) => v.gone ?? Infinity);
    // An object without finalizers goes at once: its delete is the moment it is gone.
    const deleting = (id: string) => audit.objects.get(id)?.deleting ?? audit.objects.get(id)?.gone ?? -1;
    const workerMachines = [...audit.machines.values()].filter((m) => !m.controlPlane && m.clusterDeleting);
    const cpMachines = [...audit.machines.values()].filter((m) => m.controlPlane);
    expect(workerMachines).toHaveLength(2);
    expect(cpMachines).toHaveLength(1);
    const workersGone = Math.max(
      ...gone('MachineDeployment/'),
      ...gone('MachineSet/'),
      ...workerMachines.map((m) => m.at.machineGone ?? Infinity),
    );
    const kcpDeleting = deleting('KubeadmControlPlane/default/demo-control-plane');
    expect(workersGone).toBeLessThan(kcpDeleting);
    const cpGone = Math.max(
      ...gone('KubeadmControlPlane/'),
      ...cpMachines.map((m) => m.at.machineGone ?? Infinity),
    );
    const infraDeleting = deleting('DockerCluster/default/demo');
    expect(cpGone).toBeLessThan(infraDeleting);
    expect(audit.objects.get('DockerCluster/default/demo')!.gone!).toBeLessThan(
      audit.objects.get('Cluster/default/demo')!.gone!,
    );
    expect(audit.clusterReasons.get('Cluster/default/demo')).toEqual([
      'WaitingForWorkersDeletion',
      'WaitingForControlPlaneDeletion',
      'WaitingForInfrastructureDeletion',
    ]);
  });

  // machine_controller.go reconcileDelete (F26) and isDeleteNodeAllowed (F27).
  it('every deleted Machine follows the deletion order; Node steps only outside the Cluster deletion', () => {
    const records = [...audit.machines.values()];
    expect(records).toHaveLength(4);
    expect(records.flatMap(deletionOrderProblems)).toEqual([]);
    const scaledDown = records.filter((m) => !m.clusterDeleting);
    expect(scaledDown).toHaveLength(1);
    // The worker removed by the scale-down went through cordon, drain and Node deletion.
    expect(scaledDown[0]!.at.cordon).toBeDefined();
    expect(scaledDown[0]!.at.nodeGone).toBeDefined();
    expect(scaledDown[0]!.reasons).toContain('DrainingNode');
    // The Cluster's deletion skips them (errClusterIsBeingDeleted): the workload cluster goes away with it.
    for (const m of records.filter((r) => r.clusterDeleting)) {
      expect(m.at.nodeGone).toBeUndefined();
      expect(m.reasons).not.toContain('DrainingNode');
    }
  });
});
