/**
 * Showing an earlier moment again: rebuild the world from its options and re-apply the user's actions at the
 * very scheduler step where each happened. The run is deterministic, so this reproduces the trace exactly
 * (the algorithm-visualizer approach: to go back, reset and re-apply).
 */
import type { LabWorld, RecordedAction } from './build-world.ts';
import type { WorldOptions } from './world-types.ts';

/**
 * A fresh world at virtual time t (or after a given number of events) with the recorded actions up to then.
 * createWorld is world.ts createWorld, or the lab's, which loads the Cluster API controllers on demand.
 */
export function replayTo(
  createWorld: (opts: WorldOptions) => LabWorld,
  opts: WorldOptions,
  actions: readonly RecordedAction[],
  target: { atMs: number } | { events: number },
): LabWorld {
  const world = createWorld(opts);
  const s = world.sim.scheduler;
  const stop = (a: RecordedAction) =>
    'atMs' in target ? a.atMs > target.atMs : a.afterEvents > target.events;
  for (const a of actions) {
    if (stop(a)) break;
    while (s.executed() < a.afterEvents) {
      if (!s.step()) throw new Error(`replay diverged: the run ended before event ${a.afterEvents}`);
    }
    s.advanceTo(a.atMs);
    world.act(a.action);
  }
  if ('atMs' in target) world.runUntil(target.atMs);
  else while (s.executed() < target.events && s.step());
  return world;
}
