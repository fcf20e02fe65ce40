import { describe, expect, it } from 'vitest';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

const MACHINES = 'machines.cluster.x-k8s.io';
// api/core/v1beta2/machine_phase_types.go: the order phases move in (F1–F6).
const ORDER = ['Pending', 'Provisioning', 'Provisioned', 'Running', 'Deleting'];

interface Watched {
  world: LabWorld;
  phaseRegressions: string[];
  deletionOrder: Map<string, string[]>;
}

/** Records every Machine phase change and the order objects named like a Machine disappear. */
function watch(file: string, set: Record<string, string> = {}): Watched {
  const world = createWorld(scenarioWorldOptions(file, set));
  const phaseRegressions: string[] = [];
  const deletionOrder = new Map<string, string[]>();
  world.api.onCommit((e) => {
    if (e.obj.kind === 'Machine' && e.type !== 'DELETED') {
      const from = ORDER.indexOf((e.prev?.status?.phase as string) ?? 'Pending');
      const to = ORDER.indexOf((e.obj.status?.phase as string) ?? 'Pending');
      if (to < from)
        phaseRegressions.push(`${e.key}: ${String(e.prev?.status?.phase)} -> ${String(e.obj.status?.phase)}`);
    }
    if (e.type === 'DELETED') {
      const name = e.obj.metadata.name!;
      const list = deletionOrder.get(name) ?? [];
      list.push(e.obj.kind);
      deletionOrder.set(name, list);
    }
  });
  return { world, phaseRegressions, deletionOrder };
}

const list = (w: LabWorld, resource: string) => [...w.api.peek(resource)];

const noIllegalSteps = (w: LabWorld) => {
  for (const t of w.capi.trackers.values()) expect(t.violations()).toEqual([]);
};

describe('Cluster API controllers, headless scenario runs', () => {
  it('the shared clusterctl fixture (v1beta2, Dev infrastructure) runs to a Running cluster', () => {
    const { world, phaseRegressions } = watch('capi-quickstart-fixture.yaml');
    expect(world.runToConvergence().converged).toBe(true);
    const machines = list(world, MACHINES);
    expect(machines).toHaveLength(4);
    expect(machines.every((m) => m.status?.phase === 'Running')).toBe(true);
    expect(list(world, 'clusters.cluster.x-k8s.io')[0]!.status?.phase).toBe('Provisioned');
    expect(phaseRegressions).toEqual([]);
    noIllegalSteps(world);
  });

  it('the in-repo quickstart (Docker kinds) comes up and stays converged', () => {
    const { world, phaseRegressions } = watch('capi-quickstart.yaml', { WORKERS: '5' });
    const r = world.runToConvergence();
    expect(r.converged).toBe(true);
    const md = list(world, 'machinedeployments.cluster.x-k8s.io')[0]!;
    expect(md.status?.availableReplicas).toBe(5);
    // Every worker's VM took 10 s plus up to 20% (in-memory provider startup jitter), then ~2 s to a Node.
    for (const n of list(world, 'nodes')) expect(String(n.spec?.providerID)).toMatch(/^in-memory:\/\//);
    world.runUntil(world.sim.now() + 600_000);
    expect(world.isConverged()).toBe(true);
    expect(phaseRegressions).toEqual([]);
    noIllegalSteps(world);
  });

  it('md-rolling-update keeps machines <= replicas + maxSurge and available >= replicas - maxUnavailable', () => {
    const { world, phaseRegressions } = watch('md-rolling-update.yaml');
    const violations: string[] = [];
    let rolled = false;
    world.api.onCommit(() => {
      if (world.sim.now() < 60_000) return;
      const workers = list(world, MACHINES).filter(
        (m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name'],
      );
      const available = workers.filter(
        (m) =>
          !m.metadata.deletionTimestamp &&
          (m.status?.conditions as { type: string; status: string }[] | undefined)?.some(
            (c) => c.type === 'Available' && c.status === 'True',
          ),
      ).length;
      // truth F52/F54: replicas 3, maxSurge 1, maxUnavailable 0.
      if (workers.length > 4) violations.push(`${world.sim.now()}: ${workers.length} machines`);
      if (available < 3) violations.push(`${world.sim.now()}: ${available} available`);
    });
    expect(world.runToConvergence().converged).toBe(true);
    const workers = list(world, MACHINES).filter(
      (m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name'],
    );
    rolled = workers.every((m) => m.spec?.version === 'v1.35.0');
    expect(rolled).toBe(true);
    expect(workers).toHaveLength(3);
    expect(violations).toEqual([]);
    // The old MachineSet is deleted once the rollout is complete (F57).
    expect(list(world, 'machinesets.cluster.x-k8s.io')).toHaveLength(1);
    expect(phaseRegressions).toEqual([]);
    noIllegalSteps(world);
  });

  it('md-scale scales up and down and converges', () => {
    const { world } = watch('md-scale.yaml');
    expect(world.runToConvergence().converged).toBe(true);
    expect(
      list(world, MACHINES).filter((m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name']),
    ).toHaveLength(2);
    noIllegalSteps(world);
  });

  it('is deterministic: same seed, same trace', () => {
    const run = () => {
      const w = createWorld(scenarioWorldOptions('capi-quickstart.yaml'));
      w.runToConvergence();
      return traceToJsonl(w.sim.trace.all());
    };
    expect(run()).toBe(run());
  });

  it('names what is not simulated and runs the rest', () => {
    const opts = scenarioWorldOptions('capi-quickstart.yaml');
    opts.objects = [
      ...(opts.objects ?? []),
      {
        apiVersion: 'addons.cluster.x-k8s.io/v1beta2',
        kind: 'ClusterResourceSet',
        metadata: { name: 'crs', namespace: 'default' },
        spec: {
          clusterSelector: { matchLabels: { cni: 'demo' } },
          resources: [{ kind: 'ConfigMap', name: 'cni' }],
        },
      },
    ];
    const world = createWorld(opts);
    expect(world.runToConvergence().converged).toBe(true);
    expect(world.capi.notes).toEqual([
      'not simulated: ClusterResourceSet (addon delivery); ClusterResourceSet default/crs is stored but nothing acts on it, the rest of the scenario runs',
    ]);
  });
});
