import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import { auditDeletions, deletionOrderProblems } from './capi-deletion-audit.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

const MACHINES = 'machines.cluster.x-k8s.io';
const MHCS = 'machinehealthchecks.cluster.x-k8s.io';

type Cond = { type: string; status: string; reason?: string };
const cond = (o: KubeObject, type: string) =>
  (o.status?.conditions as Cond[] | undefined)?.find((c) => c.type === type);
const workers = (w: LabWorld) =>
  [...w.api.peek(MACHINES)].filter((m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name']);

/** Every OwnerRemediated reason each Machine carried, in order, and who deleted Machines. */
function watchRemediation(world: LabWorld) {
  const ownerRemediated = new Map<string, string[]>();
  const healthCheck = new Map<string, string[]>();
  world.api.onCommit((e) => {
    if (e.obj.kind !== 'Machine') return;
    const name = e.obj.metadata.name!;
    for (const [type, into] of [
      ['OwnerRemediated', ownerRemediated],
      ['HealthCheckSucceeded', healthCheck],
    ] as const) {
      const c = cond(e.obj, type);
      const list = into.get(name) ?? [];
      const v = c ? `${c.status}/${c.reason ?? ''}` : undefined;
      if (v && list.at(-1) !== v) list.push(v);
      if (list.length) into.set(name, list);
    }
  });
  const deleters = () =>
    world.sim.trace
      .all()
      .filter(
        (e) =>
          e.type === 'api.request' &&
          (e as { verb?: string }).verb === 'delete' &&
          (e as { resource?: string }).resource === MACHINES,
      )
      .map((e) => (e as { actor?: string }).actor);
  return { ownerRemediated, healthCheck, deleters };
}

describe('mhc-remediation scenario', () => {
  it('the MHC marks the failed worker, the MachineSet deletes it and a replacement comes up Running', () => {
    const world = createWorld(scenarioWorldOptions('mhc-remediation.yaml'));
    const audit = auditDeletions(world.api);
    const seen = watchRemediation(world);
    world.runUntil(59_000);
    const before = workers(world).map((m) => m.metadata.name!);
    expect(before).toHaveLength(3);
    expect(world.runToConvergence().converged).toBe(true);

    const after = workers(world);
    expect(after).toHaveLength(3);
    expect(after.every((m) => m.status?.phase === 'Running')).toBe(true);
    const removed = before.filter((n) => !after.some((m) => m.metadata.name === n));
    expect(removed).toHaveLength(1);
    const victim = removed[0]!;
    // machinehealthcheck_targets.go needsRemediation (F66) then patchUnhealthyTargets (F70), then the
    // MachineSet's reconcileUnhealthyMachines (F45): WaitingForRemediation -> MachineDeleting.
    // (Once its Node is deleted during the Machine's deletion, the MHC reports NodeDeleted.)
    expect(seen.healthCheck.get(victim)!.slice(0, 2)).toEqual([
      'True/HealthCheckSucceeded',
      'False/UnhealthyNode',
    ]);
    expect(seen.ownerRemediated.get(victim)).toEqual([
      'False/WaitingForRemediation',
      'False/MachineDeleting',
    ]);
    // The MHC never deletes (F70): only the MachineSet deleted a Machine.
    expect(seen.deleters()).toEqual(['machineset-controller']);
    // Not before the Node had been Unknown for more than 300 s (fault at 60 s).
    expect(audit.objects.get(`Machine/default/${victim}`)!.deleting).toBeDefined();
    const rec = audit.machines.get(`default/${victim}`)!;
    expect(deletionOrderProblems(rec)).toEqual([]);
    expect(rec.at.nodeGone).toBeDefined();

    const mhc = [...world.api.peek(MHCS)][0]!;
    expect(mhc.status).toMatchObject({ expectedMachines: 3, currentHealthy: 3, remediationsAllowed: 1 });
    expect(mhc.metadata.ownerReferences?.map((r) => r.kind)).toEqual(['Cluster']);
    world.runUntil(world.sim.now() + 900_000);
    expect(world.isConverged()).toBe(true);
    for (const t of world.capi.trackers.values()) expect(t.violations()).toEqual([]);
  });

  it('remediation waits for the 300 s timeout: nothing is marked before', () => {
    const world = createWorld(scenarioWorldOptions('mhc-remediation.yaml'));
    const seen = watchRemediation(world);
    world.runUntil(60_000 + 300_000);
    expect([...seen.ownerRemediated.values()]).toEqual([]);
    world.runUntil(60_000 + 302_000);
    expect([...seen.ownerRemediated.values()].map((l) => l[0])).toEqual(['False/WaitingForRemediation']);
  });

  // machinehealthcheck_controller.go isAllowedRemediation (F68, F69): with unhealthyLessThanOrEqualTo 1 and two
  // unhealthy workers, HealthCheckSucceeded is still written but OwnerRemediated is not, and nothing is deleted.
  it('short-circuits when more workers are unhealthy than unhealthyLessThanOrEqualTo allows', () => {
    const world = createWorld(scenarioWorldOptions('mhc-remediation.yaml', { MAX_UNHEALTHY: '1' }));
    const seen = watchRemediation(world);
    world.runUntil(59_000);
    const names = workers(world).map((m) => m.metadata.name!);
    // The timeline fails one worker Node at 60 s; fail the other two as well.
    for (const m of workers(world)) {
      const node = (m.status?.nodeRef as { name: string }).name;
      world.act({ action: 'fault', fault: { type: 'nodeFailure', target: { kind: 'Node', name: node } } });
    }
    // Pending timers count as not healthy, so the MHC short-circuits at once and asks for no requeue (F69);
    // upstream it looks again on the next event or resync. Poke it after the 300 s timeout.
    world.runUntil(59_000 + 310_000);
    world.act({
      action: 'patch',
      target: { kind: 'MachineHealthCheck', name: 'demo-md-0-unhealthy' },
      patch: { metadata: { labels: { poke: 'after-timeout' } } },
    });
    // Not "converged" afterwards: the MachineSet keeps polling its not-ready Machines (15 s requeue).
    world.runUntil(59_000 + 600_000);
    expect(workers(world).map((m) => m.metadata.name!)).toEqual(names);
    expect([...seen.ownerRemediated.values()]).toEqual([]);
    expect([...seen.healthCheck.values()].map((l) => l.at(-1))).toEqual(Array(3).fill('False/UnhealthyNode'));
    const mhc = [...world.api.peek(MHCS)][0]!;
    expect(mhc.status).toMatchObject({ expectedMachines: 3, currentHealthy: 0, remediationsAllowed: 0 });
    expect(cond(mhc, 'RemediationAllowed')).toMatchObject({ status: 'False', reason: 'TooManyUnhealthy' });
    expect(seen.deleters()).toEqual([]);
  });
});
