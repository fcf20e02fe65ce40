import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { auditDeletions, deletionOrderProblems } from './capi-deletion-audit.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

const MACHINES = 'machines.cluster.x-k8s.io';
// Once the hook is gone nothing holds the deletion: eviction, VM/bootstrap/Node deletion are each one or two
// round trips (the simulated run takes about a second), far below the 20 s drain retry interval.
const DELETION_AFTER_HOOK_MAX_MS = 5_000;

// core/reconcilers/machine/machine_controller.go reconcileDelete (F26, F28, F29): the pre-drain hook holds the
// deletion; once it is removed the Node is cordoned and drained before anything is deleted.
describe('machine-delete-with-drain scenario', () => {
  it('holds on the pre-drain hook, then cordons, evicts the Pods, deletes VM, bootstrap, Node, finalizer', () => {
    const world = createWorld(scenarioWorldOptions('machine-delete-with-drain.yaml'));
    const audit = auditDeletions(world.api);
    world.runUntil(61_000);
    const victim = [...world.api.peek(MACHINES)]
      .filter((m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name'])
      .map((m) => m.metadata.name!)
      .sort()[0]!;
    const nodeName = (
      [...world.api.peek(MACHINES)].find((m) => m.metadata.name === victim)!.status?.nodeRef as {
        name: string;
      }
    ).name;
    // Two workload Pods bound to the victim's Node (there is no scheduler: spec.nodeName says where they run).
    for (const name of ['web-a', 'web-b'])
      world.api.create(
        'pods',
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: 'default' },
          spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
        { actor: 'test' },
      );

    let goneAtMs: number | undefined;
    world.api.onCommit((e) => {
      if (e.type === 'DELETED' && e.obj.kind === 'Machine' && e.obj.metadata.name === victim)
        goneAtMs = world.sim.now();
    });

    world.runUntil(99_999);
    const held = [...world.api.peek(MACHINES)].find((m) => m.metadata.name === victim)!;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(held.metadata.labels?.['lesson.reconcile.lab/victim']).toBe('true');
    expect(
      (held.status?.conditions as { type: string; reason: string }[]).find((c) => c.type === 'Deleting')
        ?.reason,
    ).toBe('WaitingForPreDrainHook');
    expect(
      [...world.api.peek('nodes')].find((n) => n.metadata.name === nodeName)?.spec?.unschedulable,
    ).not.toBe(true);
    expect([...world.api.peek('pods')].filter((p) => p.spec?.nodeName === nodeName)).toHaveLength(2);

    // At 100s the timeline removes the hook annotation through a selector, although the Machine is deleting.
    expect(world.runToConvergence().converged).toBe(true);
    expect(goneAtMs).toBeGreaterThan(100_000);
    // Nothing else holds it: cordon, drain, detach, VM, bootstrap and Node deletion take seconds, not minutes.
    expect(goneAtMs!).toBeLessThan(100_000 + DELETION_AFTER_HOOK_MAX_MS);
    const rec = audit.machines.get(`default/${victim}`)!;
    expect(rec.reasons[0]).toBe('WaitingForPreDrainHook');
    expect(rec.reasons).toContain('DrainingNode');
    expect(rec.at.cordon).toBeDefined();
    expect(rec.at.podEvicted).toBeDefined();
    expect(rec.at.nodeGone).toBeDefined();
    expect(deletionOrderProblems(rec)).toEqual([]);
    expect(audit.machines.size).toBe(1);
    expect([...world.api.peek('pods')].filter((p) => p.spec?.nodeName === nodeName)).toEqual([]);
    const left = [...world.api.peek(MACHINES)].filter(
      (m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name'],
    );
    expect(left.map((m) => m.status?.phase)).toEqual(['Running', 'Running']);
    for (const t of world.capi.trackers.values()) expect(t.violations()).toEqual([]);
  });
});
