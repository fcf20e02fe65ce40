/**
 * The user's actions as a tape that playback runs over. After a seek back, the actions that lie ahead stay on
 * the tape, so playing or seeking forward shows the same future again; acting at that point cuts the tape there
 * (a new branch), as a video editor's overwrite does. Actions replay at the scheduler step where they happened,
 * exactly as world/replay.ts replayTo does, so every path to a moment gives the same world.
 */
import type { LabWorld, RecordedAction } from '../../engine/world/build-world.ts';

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

/** Events run between two looks at the wall-time budget: the look is cheap, an event may not be. */
const SLICE = 16;

/**
 * advanceTo with a wall-time budget: runs events in slices and stops early once `overBudget()` says the
 * frame's share of engine time is spent, leaving the clock on the last event run. Where a run is cut changes
 * nothing that follows (the scheduler runs events in (time, seq) order however the calls slice it), so a
 * budgeted run gives the same trace as advanceTo; it only falls behind wall time. At least one slice runs, so
 * every call makes progress. `reached`: the clock stands at targetMs.
 */
export function advanceWithin(
  world: LabWorld,
  tape: Tape,
  targetMs: number,
  overBudget: () => boolean,
): { applied: number; reached: boolean } {
  const s = world.sim.scheduler;
  let applied = tape.applied;
  for (;;) {
    const next = tape.actions[applied];
    const due = next !== undefined && next.atMs <= targetMs ? next : undefined;
    if (due && s.executed() === due.afterEvents) {
      // Applied one at a time (not applyDue's all-at-this-step) so an action past targetMs waits for its time.
      s.advanceTo(due.atMs);
      world.act(due.action);
      applied++;
      continue;
    }
    if (due) {
      const room = due.afterEvents - s.executed();
      if (room < 0) throw new Error(`replay diverged: event ${due.afterEvents} was passed before its action`);
      const max = Math.min(SLICE, room);
      if (s.runUntil(due.atMs, max) < max)
        throw new Error(`replay diverged: the run ended before event ${due.afterEvents}`);
    } else if (s.runUntil(targetMs, SLICE) < SLICE) {
      // Fewer than a slice means nothing is left before targetMs: runUntil moved the clock there.
      return { applied, reached: true };
    }
    if (overBudget()) return { applied, reached: false };
  }
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
