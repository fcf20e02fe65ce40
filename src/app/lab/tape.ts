/**
 * The user's actions as a tape that playback runs over. After a seek back, the actions that lie ahead stay on
 * the tape, so playing or seeking forward shows the same future again; acting at that point cuts the tape there
 * (a new branch), as a video editor's overwrite does. Actions replay at the scheduler step where they happened,
 * exactly as world/replay.ts replayTo does, so every path to a moment gives the same world.
 */
import type { LabWorld, RecordedAction } from '../../engine/world/world.ts';

export interface Tape {
  readonly actions: readonly RecordedAction[];
  /** How many of them the current world has applied. */
  readonly applied: number;
}

/** Applies the next tape action when the world stands exactly where it was recorded. Returns the new count. */
function applyDue(world: LabWorld, tape: Tape): number {
  let applied = tape.applied;
  const s = world.sim.scheduler;
  for (;;) {
    const next = tape.actions[applied];
    if (!next || next.afterEvents !== s.executed()) return applied;
    s.advanceTo(next.atMs);
    world.act(next.action);
    applied++;
  }
}

/** Runs the world up to virtual time targetMs, applying tape actions on the way. Returns the new applied count. */
export function advanceTo(world: LabWorld, tape: Tape, targetMs: number): number {
  const s = world.sim.scheduler;
  let applied = tape.applied;
  for (;;) {
    const next = tape.actions[applied];
    if (!next || next.atMs > targetMs) break;
    while (s.executed() < next.afterEvents) {
      if (!s.step()) throw new Error(`replay diverged: the run ended before event ${next.afterEvents}`);
    }
    if (s.executed() > next.afterEvents)
      throw new Error(`replay diverged: event ${next.afterEvents} was passed before its action`);
    applied = applyDue(world, { actions: tape.actions, applied });
  }
  if (targetMs > s.now()) world.runUntil(targetMs);
  return applied;
}

/** Runs one scheduler event (after any tape action due first). */
export function stepOnce(world: LabWorld, tape: Tape): { applied: number; ran: boolean } {
  const applied = applyDue(world, tape);
  return { applied, ran: world.step() };
}

/** Number of tape actions a replay to targetMs applies (replayTo stops at the first one after it). */
export function appliedAt(actions: readonly RecordedAction[], targetMs: number): number {
  let n = 0;
  while (n < actions.length && actions[n]!.atMs <= targetMs) n++;
  return n;
}
