/**
 * "Step to quiescence" stops where no controller has work: every queue empty with nothing pending or being
 * processed, no watch event in flight, every informer watching with nothing held back. The world's own
 * isConverged() also waits for the scenario's timeline, which would run a whole scripted story in one press.
 */
import type { LabWorld } from './build-world.ts';

export function isQuiet(world: LabWorld): boolean {
  for (const c of world.controllers.values()) if (!c.isIdle()) return false;
  if (world.api.gcPending() !== 0 || world.api.pendingWatchEvents() !== 0) return false;
  for (const i of world.informers.informers()) {
    const s = i.snapshot();
    if (s.reflector !== 'watching' || s.pending !== 0 || s.pausedUntil !== undefined) return false;
  }
  return true;
}
