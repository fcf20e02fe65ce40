import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { scenarioRunOptions } from '../../engine/scenario/schema.ts';
import { createWorld } from '../../engine/world/world.ts';
import { SCENARIO_DIR } from './capi-test-scenarios.ts';

const RS = 'replicasets.apps';

function loadWorld() {
  const probe = createWorld({ seed: 0, keepTrace: false });
  const p = path.join(SCENARIO_DIR, 'hpa-square-wave.yaml');
  const files = {
    readFile: (f: string) => readFileSync(f, 'utf8'),
    resolvePath: (_: string, r: string) => r,
  };
  const s = parseScenario(readFileSync(p, 'utf8'), p, { files, api: probe.api });
  return createWorld(scenarioRunOptions(s, { keepTrace: false }));
}

// horizontal.go reconcileAutoscaler with the default behavior (autoscaling/v2 defaults.go): scale-up limited to
// max(+4, +100%) per 15 s, scale-down only once every recommendation of the last 300 s is low.
describe('hpa-square-wave scenario', () => {
  it('scales up within two syncs, holds through the low phase, and scales down 300 s after the last high sample', () => {
    const world = loadWorld();
    const changes: [number, number][] = [];
    world.api.onCommit((e) => {
      if (e.obj.kind !== 'ReplicaSet' || e.type === 'DELETED') return;
      const before = e.prev?.spec?.replicas;
      const after = e.obj.spec?.replicas as number;
      if (before !== undefined && before !== after) changes.push([world.sim.now(), after]);
    });
    const result = world.runToConvergence();
    expect(result.converged).toBe(true);

    // The load goes high at 60 s: 2 → 6 at the first sync after it (15 s period), → 10 (max) at the next.
    expect(changes.map(([, r]) => r)).toEqual([6, 10, 2]);
    const [up1, up2, down] = changes.map(([t]) => t) as [number, number, number];
    expect(up1).toBeGreaterThanOrEqual(60_000);
    expect(up1).toBeLessThan(60_000 + 15_000);
    expect(up2 - up1).toBeGreaterThanOrEqual(15_000);
    expect(up2 - up1).toBeLessThan(16_000);
    // The load drops for good at 420 s; the last high recommendation was the last sync before it.
    expect(down - 420_000).toBeGreaterThanOrEqual(300_000 - 15_000);
    expect(down).toBeLessThan(420_000 + 300_000 + 1_000);
    // The 2-minute low phase (180–300 s) changed nothing: no flapping.
    expect(changes.some(([t]) => t > 180_000 && t < 420_000 + 280_000)).toBe(false);

    const rs = world.api.get(RS, 'default', 'web');
    expect(rs.spec?.replicas).toBe(2);
    const hpa = world.api.get('horizontalpodautoscalers.autoscaling', 'default', 'web');
    expect(hpa.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50 } } }],
    });
    const conds = Object.fromEntries(
      (hpa.status?.conditions as { type: string; status: string }[]).map((c) => [c.type, c.status]),
    );
    expect(conds).toEqual({ AbleToScale: 'True', ScalingActive: 'True', ScalingLimited: 'False' });
  });

  it('stays converged: the next sync periods change nothing', () => {
    const world = loadWorld();
    world.runToConvergence();
    const rv = world.api.get(RS, 'default', 'web').metadata.resourceVersion;
    world.runUntil(world.sim.now() + 120_000);
    expect(world.isConverged()).toBe(true);
    expect(world.api.get(RS, 'default', 'web').metadata.resourceVersion).toBe(rv);
  });
});
