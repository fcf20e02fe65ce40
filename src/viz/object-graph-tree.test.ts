import { describe, expect, it } from 'vitest';
import { createWorld } from '../engine/world/world.ts';
import { watchCapiView } from '../app/lab/capi-views-source.ts';
import { loadLabScenario } from '../app/lab/scenario.ts';
import { createObjectGraphCache, objectGraphModel, type ObjectGraphModel } from './object-graph-model.ts';

/** What a model draws and answers, as plain data. */
function drawn(m: ObjectGraphModel, ids: readonly string[]) {
  return {
    rows: m.rows,
    links: m.links,
    size: [m.width, m.height, m.statusX, m.machineCount],
    nav: ids.map((id) => [m.ownerOf(id), m.dependentsOf(id)]),
  };
}

/**
 * Runs a scenario with actions at given times and, at every sample, checks that a tree kept across frames
 * draws exactly what a tree built anew from that frame's view draws.
 */
function checkAgainstFresh(
  id: string,
  steps: readonly { at: number; act?: Parameters<ReturnType<typeof createWorld>['act']>[0] }[],
) {
  const world = createWorld(loadLabScenario(id).options);
  const source = watchCapiView(world.api);
  const kept = createObjectGraphCache();
  let compared = 0;
  for (const step of steps) {
    world.runUntil(step.at);
    if (step.act) world.act(step.act);
    for (let t = step.at; t < step.at + 20_000; t += 1_000) {
      world.runUntil(t);
      const view = source.current();
      if (!view) continue;
      const machine = view.machines[view.machines.length - 1];
      const opts = { toggled: new Set(['group:MachineSet']), selectedId: machine?.id };
      const ids = [machine?.id ?? '', ...view.machineSets.map((s) => s.id), ...view.nodes.map((n) => n.id)];
      expect(drawn(objectGraphModel(view, opts, kept), ids)).toEqual(
        drawn(objectGraphModel(view, opts), ids),
      );
      compared++;
    }
  }
  return compared;
}

describe('createGraphTree kept across frames', () => {
  it('draws what a fresh tree draws through a scale-up and a rolling update', () => {
    const n = checkAgainstFresh('md-rolling-update', [
      { at: 0 },
      { at: 20_000, act: { action: 'scale', target: { kind: 'MachineDeployment' }, replicas: 12 } },
      { at: 60_000 },
      { at: 120_000, act: { action: 'scale', target: { kind: 'MachineDeployment' }, replicas: 2 } },
    ]);
    expect(n).toBeGreaterThan(50);
  });

  it('draws what a fresh tree draws while a cluster is deleted, owners first gone', () => {
    const n = checkAgainstFresh('capi-quickstart', [
      { at: 0 },
      { at: 60_000, act: { action: 'delete', target: { kind: 'Cluster' } } },
      { at: 80_000 },
    ]);
    expect(n).toBeGreaterThan(15);
  });
});
