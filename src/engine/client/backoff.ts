/**
 * The reflector's list/watch retry backoff: apimachinery wait.Backoff{800ms, factor 2, jitter 1.0, cap 30s}
 * .DelayWithReset(clock, 2min), as client-go tools/cache/reflector.go NewReflectorWithOptions builds it
 * (defaultBackoffInit, defaultBackoffMax, defaultBackoffFactor, defaultBackoffJitter, defaultBackoffReset).
 */
import type { Rng } from '../sim/rng.ts';
import type { Clock } from '../sim/scheduler.ts';

export interface BackoffOptions {
  initialMs?: number;
  capMs?: number;
  factor?: number;
  /** Each delay is d + u·jitter·d, u uniform in [0, 1) (wait.Jitter). */
  jitter?: number;
  /** When more than this has passed since the last reset, the next delay starts from the initial one again. */
  resetMs?: number;
}

export interface Backoff {
  /** The next delay to wait, in virtual ms; advances the backoff. */
  next(): number;
}

export function createBackoff(clock: Clock, rng: Rng, opts: BackoffOptions = {}): Backoff {
  const initialMs = opts.initialMs ?? 800;
  const capMs = opts.capMs ?? 30_000;
  const factor = opts.factor ?? 2;
  const jitter = opts.jitter ?? 1;
  const resetMs = opts.resetMs ?? 120_000;
  for (const [what, v] of [
    ['initialMs', initialMs],
    ['capMs', capMs],
    ['factor', factor],
    ['resetMs', resetMs],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`backoff ${what} must be positive, got ${v}`);
  }
  if (!Number.isFinite(jitter) || jitter < 0)
    throw new RangeError(`backoff jitter must be >= 0, got ${jitter}`);
  // reflector.go: Steps = ceil(cap / initial).
  const initialSteps = Math.ceil(capMs / initialMs);
  let duration = initialMs;
  let steps = initialSteps;
  let lastStart = clock.now();

  return {
    // wait/backoff.go (*backoffManager).Step and delay().
    next() {
      const now = clock.now();
      if (now - lastStart > resetMs) {
        duration = initialMs;
        steps = initialSteps;
        lastStart = now;
      }
      let d = duration;
      if (steps >= 1) {
        steps--;
        let nextDuration = duration * factor;
        if (nextDuration > capMs) {
          nextDuration = capMs;
          steps = 0;
        }
        duration = nextDuration;
      }
      if (jitter > 0) d = d + rng.next() * jitter * d;
      return Math.round(d);
    },
  };
}
