import { describe, expect, it } from 'vitest';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { LabWorld, RecordedAction } from '../../engine/world/build-world.ts';
import { advanceTo, advanceWithin } from './tape.ts';
import { loadLabScenario } from './scenario.ts';

const options = loadLabScenario('replicaset').options;
const jsonl = (w: LabWorld) => traceToJsonl(w.sim.trace.all());

/** A tape recorded by a first world: scale to 6 at 1.5 s, then to 2 at 4 s. */
function recordTape(): RecordedAction[] {
  const w = createWorld(options);
  w.runUntil(1_500);
  w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 6 });
  w.runUntil(4_000);
  w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 2 });
  return [...w.actions];
}

describe('advanceWithin', () => {
  it('cut into one slice per call, gives the same trace and tape count as advanceTo', () => {
    const actions = recordTape();
    const whole = createWorld(options);
    const wholeApplied = advanceTo(whole, { actions, applied: 0 }, 20_000);

    const sliced = createWorld(options);
    let applied = 0;
    let calls = 0;
    for (;;) {
      calls++;
      const r = advanceWithin(sliced, { actions, applied }, 20_000, () => true);
      applied = r.applied;
      if (r.reached) break;
      expect(sliced.sim.now()).toBeLessThanOrEqual(20_000);
    }
    expect(calls).toBeGreaterThan(5);
    expect(applied).toBe(wholeApplied);
    expect(applied).toBe(2);
    expect(sliced.sim.now()).toBe(20_000);
    expect(jsonl(sliced)).toBe(jsonl(whole));
  });

  it('stops on the last event run when the budget is spent, and leaves an action past the target waiting', () => {
    const actions = recordTape();
    const w = createWorld(options);
    const r = advanceWithin(w, { actions, applied: 0 }, 1_000, () => true);
    expect(r).toEqual({ applied: 0, reached: false });
    expect(w.sim.scheduler.executed()).toBeGreaterThan(0);
    const rest = advanceWithin(w, { actions, applied: 0 }, 1_000, () => false);
    expect(rest).toEqual({ applied: 0, reached: true });
    expect(w.sim.now()).toBe(1_000);
  });
});
