/**
 * Opens a permalink's exact moment in a lab store: from t = 0 it plays forward to each recorded action at the
 * very scheduler event where it happened, acts, and ends on the moment's event count and time. Only the store's
 * public moves are used (seek forward, step, act), so the tape, the markers and the desired-vs-ready series
 * come out as they were built the first time, and the screen matches the one that was shared.
 */
import type { LabStore } from './lab-store.ts';
import type { PermalinkTape } from './permalink.ts';

export type RestoreResult = { ok: true } | { ok: false; error: string };

/** Steps inside one millisecond past this many are not a moment anyone stopped on by hand. */
const MAX_STEPS_IN_ONE_MS = 100_000;

/**
 * Brings the world to `events` executed at virtual time `atMs`. A paused lab stands either at the end of a
 * millisecond (it played or seeked there) or just after an event (it stepped), so: run everything before the
 * millisecond, step through it up to the count, then move the clock on if nothing at atMs was left to run.
 */
function reach(store: LabStore, events: number, atMs: number): string | undefined {
  const s = () => store.getState();
  if (s().snap.executed > events || s().snap.t > atMs) return 'the moment lies before the previous one';
  if (atMs >= 1 && s().snap.t < atMs - 1) s().seek(atMs - 1);
  for (let i = 0; s().snap.executed < events; i++) {
    const before = s().snap.executed;
    if (i > MAX_STEPS_IN_ONE_MS) return `event ${events} is not within ${atMs} ms`;
    s().step();
    if (s().snap.engineError) return s().snap.engineError;
    if (s().snap.executed === before) return `the run ended before event ${events}`;
    if (s().snap.t > atMs) return `event ${events} does not happen by ${atMs} ms`;
  }
  if (s().snap.t < atMs) s().seek(atMs);
  const { executed, t } = s().snap;
  if (executed !== events || t !== atMs)
    return `the run does not stand at event ${events} at ${atMs} ms (it is at event ${executed}, ${t} ms)`;
  return undefined;
}

/** Resets the lab and replays the tape to (tape.events, t). On any failure the lab is reset and the reason returned. */
export function restoreMoment(store: LabStore, tape: PermalinkTape, t: number): RestoreResult {
  const s = () => store.getState();
  s().reset();
  const fail = (error: string): RestoreResult => {
    s().reset();
    return { ok: false, error };
  };
  for (const [i, rec] of tape.actions.entries()) {
    const problem = reach(store, rec.afterEvents, rec.atMs);
    if (problem) return fail(`action ${i + 1}: ${problem}`);
    const r = s().act(rec.action);
    if (!r.ok) return fail(`action ${i + 1}: ${r.error}`);
  }
  const problem = reach(store, tape.events, t);
  return problem ? fail(problem) : { ok: true };
}
