import { describe, expect, it } from 'vitest';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { createWorld } from '../../engine/world/world.ts';
import { createLabWorld, labWorldReady, loadClusterApi, replayLabWorld } from './lab-world.ts';
import { loadLabScenario } from './scenario.ts';

// One file, one module instance: the tests run in order, the first ones before the chunk is loaded.
describe("the lab's worlds", () => {
  const plain = loadLabScenario('replicaset').options;
  const capi = loadLabScenario('capi-quickstart').options;

  it('builds a plain scenario at once, with the trace the CLI gets', () => {
    expect(labWorldReady(plain)).toBe(true);
    const a = createLabWorld(plain);
    const b = createWorld(plain);
    a.runUntil(30_000);
    b.runUntil(30_000);
    expect(traceToJsonl(a.sim.trace.all())).toBe(traceToJsonl(b.sim.trace.all()));
  });

  it('refuses a Cluster API scenario until its controllers are loaded, then matches the CLI', async () => {
    expect(labWorldReady(capi)).toBe(false);
    expect(() => createLabWorld(capi)).toThrow(/not loaded/);
    await loadClusterApi();
    expect(labWorldReady(capi)).toBe(true);
    const a = createLabWorld(capi);
    const b = createWorld(capi);
    a.runUntil(60_000);
    b.runUntil(60_000);
    expect(traceToJsonl(a.sim.trace.all())).toBe(traceToJsonl(b.sim.trace.all()));
    expect(a.capi.trackers.size).toBeGreaterThan(0);
  });

  it('replays to an earlier moment the same way', () => {
    const a = createLabWorld(capi);
    a.runUntil(40_000);
    const again = replayLabWorld(capi, a.actions, { atMs: 40_000 });
    expect(traceToJsonl(again.sim.trace.all())).toBe(traceToJsonl(a.sim.trace.all()));
  });
});
