import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import { createWorld } from '../../engine/world/world.ts';
import { auditDeletions, deletionOrderProblems } from './capi-deletion-audit.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

const MACHINES = 'machines.cluster.x-k8s.io';
const KCP_NAME_LABEL = 'cluster.x-k8s.io/control-plane-name';
// api/core/v1beta2/machine_phase_types.go: the order phases move in (F1–F6).
const ORDER = ['Pending', 'Provisioning', 'Provisioned', 'Running', 'Deleting'];

const controlPlane = (ms: Iterable<KubeObject>) => [...ms].filter((m) => m.metadata.labels?.[KCP_NAME_LABEL]);
const phaseOf = (m: KubeObject | undefined) => (m?.status?.phase as string | undefined) ?? 'Pending';

// controlplane/kubeadm/internal/controllers/controller.go reconcile (rollout before scaling), scale.go
// scaleUpControlPlane / scaleDownControlPlane (one Machine per reconcile, preflightChecks wait for deleting and
// unhealthy Machines) and update.go rollingUpdate (maxSurge 1: scale up while Machines < replicas + 1, else
// delete the oldest outdated Machine, selectMachineForInPlaceUpdateOrScaleDown): truth F78.
describe('kcp-rollout scenario', () => {
  it('rolls 3 control-plane Machines one at a time with maxSurge 1 and converges on the new version', () => {
    const world = createWorld(scenarioWorldOptions('kcp-rollout.yaml'));
    const audit = auditDeletions(world.api);
    const problems: string[] = [];
    const created: string[] = [];
    const deleted: string[] = [];
    const ops: string[] = [];
    let maxMachines = 0;
    world.api.onCommit((e) => {
      if (e.obj.kind !== 'Machine' || !e.obj.metadata.labels?.[KCP_NAME_LABEL]) return;
      const name = e.obj.metadata.name!;
      if (e.type === 'ADDED') {
        created.push(name);
        ops.push(`+${name}`);
      }
      if (e.obj.metadata.deletionTimestamp && !e.prev?.metadata.deletionTimestamp) {
        deleted.push(name);
        ops.push(`-${name}`);
      }
      if (e.type !== 'DELETED') {
        const from = ORDER.indexOf(phaseOf(e.prev));
        const to = ORDER.indexOf(phaseOf(e.obj));
        if (to < from) problems.push(`${name}: ${phaseOf(e.prev)} -> ${phaseOf(e.obj)}`);
      }
      const cp = controlPlane(world.api.peek(MACHINES));
      maxMachines = Math.max(maxMachines, cp.length);
      if (cp.length > 4) problems.push(`${world.sim.now()}: ${cp.length} control-plane Machines`);
      // One operation at a time: a Machine not yet Running is being created, one with a deletionTimestamp is
      // being deleted; never two of those together.
      const busy = cp.filter((m) => m.metadata.deletionTimestamp || phaseOf(m) !== 'Running');
      if (busy.length > 1)
        problems.push(`${world.sim.now()}: ${busy.map((m) => m.metadata.name).join(', ')} in flight`);
    });

    world.runUntil(119_000);
    const before = controlPlane(world.api.peek(MACHINES));
    expect(before.map((m) => [m.spec?.version, phaseOf(m)])).toEqual([
      ['v1.34.0', 'Running'],
      ['v1.34.0', 'Running'],
      ['v1.34.0', 'Running'],
    ]);
    const oldByAge = [...created];
    expect(deleted).toEqual([]);

    expect(world.runToConvergence().converged).toBe(true);
    expect(problems).toEqual([]);
    expect(maxMachines).toBe(4);
    // A new Machine first, then the oldest outdated one goes, three times.
    const newOnes = created.slice(3);
    expect(newOnes).toHaveLength(3);
    expect(deleted).toEqual(oldByAge);
    expect(ops.slice(3)).toEqual([0, 1, 2].flatMap((i) => [`+${newOnes[i]}`, `-${oldByAge[i]}`]));
    expect(audit.machines.size).toBe(3);
    for (const rec of audit.machines.values()) expect(deletionOrderProblems(rec)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      expect(audit.objects.get(`Machine/default/${newOnes[i]}`)).toBeUndefined();
      const gone = audit.objects.get(`Machine/default/${oldByAge[i]}`)!;
      expect(gone.gone).toBeGreaterThan(gone.deleting!);
    }

    const after = controlPlane(world.api.peek(MACHINES));
    expect(after.map((m) => m.metadata.name).sort()).toEqual([...newOnes].sort());
    expect(after.every((m) => m.spec?.version === 'v1.35.0' && phaseOf(m) === 'Running')).toBe(true);
    const kcp = [...world.api.peek('kubeadmcontrolplanes.controlplane.cluster.x-k8s.io')][0]!;
    expect(kcp.status).toMatchObject({ replicas: 3, readyReplicas: 3, upToDateReplicas: 3 });
    world.runUntil(world.sim.now() + 600_000);
    expect(world.isConverged()).toBe(true);
    expect(controlPlane(world.api.peek(MACHINES))).toHaveLength(3);
    for (const t of world.capi.trackers.values()) expect(t.violations()).toEqual([]);
  });
});
