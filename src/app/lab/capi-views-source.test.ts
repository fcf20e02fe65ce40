import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import type { MockApiServer } from '../../engine/api/server.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import { watchCapiView } from './capi-views-source.ts';
import { capiView, type CapiObjects } from './capi-views.ts';
import { loadLabScenario } from './scenario.ts';

const CAPI_GROUP = 'cluster.x-k8s.io';
const INFRA_GROUP = 'infrastructure.cluster.x-k8s.io';
const BOOTSTRAP_GROUP = 'bootstrap.cluster.x-k8s.io';
const CONTROLPLANE_GROUP = 'controlplane.cluster.x-k8s.io';

/** The oracle: every Cluster API object read anew from the API server, sorted into the view's lists. */
function collectCapiObjects(api: MockApiServer): CapiObjects {
  const list = (id: string): KubeObject[] => {
    try {
      return [...api.peek(id)];
    } catch {
      return [];
    }
  };
  const infrastructure: KubeObject[] = [];
  const bootstrapConfigs: KubeObject[] = [];
  for (const def of api.registry.all()) {
    if (def.kind.endsWith('Template')) continue;
    const id = `${def.plural}.${def.group}`;
    if (def.group === INFRA_GROUP) infrastructure.push(...list(id));
    else if (def.group === BOOTSTRAP_GROUP) bootstrapConfigs.push(...list(id));
  }
  return {
    clusters: list(`clusters.${CAPI_GROUP}`),
    controlPlanes: list(`kubeadmcontrolplanes.${CONTROLPLANE_GROUP}`),
    machineDeployments: list(`machinedeployments.${CAPI_GROUP}`),
    machineSets: list(`machinesets.${CAPI_GROUP}`),
    machines: list(`machines.${CAPI_GROUP}`),
    infrastructure,
    bootstrapConfigs,
    nodes: list('nodes'),
  };
}

type Act = Parameters<ReturnType<typeof createWorld>['act']>[0];

/**
 * Runs a scenario with actions at given times and, every virtual second, checks the kept view against one read
 * anew from the API server. Returns how many samples had Cluster API objects.
 */
function checkAgainstFresh(id: string, steps: readonly { at: number; act?: Act }[]) {
  const world = createWorld(loadLabScenario(id).options);
  const source = watchCapiView(world.api);
  let compared = 0;
  for (const step of steps) {
    world.runUntil(step.at);
    if (step.act) world.act(step.act);
    for (let t = step.at; t < step.at + 30_000; t += 1_000) {
      world.runUntil(t);
      const fresh = capiView(collectCapiObjects(world.api));
      const kept = source.current();
      if (fresh.clusters.length + fresh.machines.length + fresh.machineDeployments.length === 0) {
        expect(kept).toBeUndefined();
        continue;
      }
      expect(kept).toEqual(fresh);
      compared++;
    }
  }
  source.dispose();
  return compared;
}

describe('watchCapiView', () => {
  it('equals a view read anew through a scale-up, a rolling update and a scale-down', () => {
    const n = checkAgainstFresh('md-rolling-update', [
      { at: 0 },
      { at: 20_000, act: { action: 'scale', target: { kind: 'MachineDeployment' }, replicas: 12 } },
      { at: 60_000 },
      { at: 120_000, act: { action: 'scale', target: { kind: 'MachineDeployment' }, replicas: 2 } },
    ]);
    expect(n).toBeGreaterThan(100);
  });

  it('equals a view read anew while a cluster is deleted, down to no Cluster API object at all', () => {
    const world = createWorld(loadLabScenario('capi-quickstart').options);
    const source = watchCapiView(world.api);
    world.runUntil(120_000);
    expect(source.current()?.machines.length).toBeGreaterThan(0);
    world.act({ action: 'delete', target: { kind: 'Cluster' } });
    let sawEmpty = false;
    for (let t = 121_000; t < 900_000; t += 1_000) {
      world.runUntil(t);
      const fresh = capiView(collectCapiObjects(world.api));
      const kept = source.current();
      if (kept === undefined) {
        sawEmpty = true;
        expect(fresh.clusters.length + fresh.machines.length + fresh.machineDeployments.length).toBe(0);
      } else expect(kept).toEqual(fresh);
    }
    expect(sawEmpty).toBe(true);
  });

  it('keeps the lists nothing was written to, so panels reading them can skip a frame', () => {
    const world = createWorld(loadLabScenario('md-rolling-update').options);
    const source = watchCapiView(world.api);
    world.runUntil(300_000);
    const before = source.current();
    expect(before).toBeDefined();
    // A Machine annotation touches the machines list only.
    const m = before!.machines[0]!;
    world.act({
      action: 'patch',
      target: { kind: 'Machine', namespace: m.ref.namespace ?? 'default', name: m.name },
      patch: { metadata: { annotations: { 'lab/touched': 'yes' } } },
    });
    const after = source.current();
    expect(after).not.toBe(before);
    expect(after!.machines).not.toBe(before!.machines);
    expect(after!.machineDeployments).toBe(before!.machineDeployments);
    expect(after!.clusters).toBe(before!.clusters);
    expect(after!.machines.filter((v, i) => v !== before!.machines[i]).map((v) => v.name)).toEqual([m.name]);
  });

  it('reads the objects a world already holds when it starts watching', () => {
    const world = createWorld(loadLabScenario('capi-quickstart').options);
    world.runUntil(60_000);
    const source = watchCapiView(world.api);
    expect(source.current()).toEqual(capiView(collectCapiObjects(world.api)));
  });
});
