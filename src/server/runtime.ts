/**
 * Serve mode's clock: advances a world's virtual time with wall time (× speed) on Node timers, outside the
 * engine. HTTP requests run between ticks (Node is single-threaded), so every write lands between two scheduler
 * events; kick() then delivers what the write scheduled for "now" (its watch events) without waiting for the
 * next tick. When the engine falls behind, virtual time slows down instead of jumping ahead in a burst.
 */
import type { Scheduler } from '../engine/sim/scheduler.ts';

export interface RuntimeOptions {
  /** Virtual ms per wall ms; "max" runs as fast as the engine can. Default 1. */
  speed?: number | 'max';
  /** Wall ms between ticks. Default 20. */
  tickMs?: number;
  /** Scheduler events per tick at most, so that HTTP requests are served in between. Default 20,000. */
  maxEventsPerTick?: number;
  /** Wall clock in ms (tests pass a fake one). Default Date.now. */
  wallNow?: () => number;
  /** Called when a scheduler event throws; the runtime stops (the world is in an unknown state). */
  onError?: (e: unknown) => void;
}

export interface Runtime {
  start(): void;
  stop(): void;
  readonly running: boolean;
  /** Runs what is due at the current virtual time (soon, coalesced), e.g. after an HTTP write. */
  kick(): void;
  /** Runs one tick now (what the timer does); returns the number of events run. */
  tick(): number;
  setSpeed(speed: number | 'max'): void;
  speed(): number | 'max';
}

export function parseSpeed(text: string): number | 'max' {
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 1e6)
    throw new RangeError(
      `speed must be a number > 0 (at most 1000000) or "max", got ${JSON.stringify(text)}`,
    );
  return n;
}

export function createRuntime(scheduler: Scheduler, opts: RuntimeOptions = {}): Runtime {
  const wallNow = opts.wallNow ?? (() => Date.now());
  const tickMs = opts.tickMs ?? 20;
  const maxEvents = opts.maxEventsPerTick ?? 20_000;
  if (!(tickMs > 0)) throw new RangeError(`tickMs must be > 0, got ${tickMs}`);
  if (!(maxEvents >= 1)) throw new RangeError(`maxEventsPerTick must be >= 1, got ${maxEvents}`);
  let speed: number | 'max' = opts.speed ?? 1;
  if (speed !== 'max') parseSpeed(String(speed));
  let timer: ReturnType<typeof setInterval> | undefined;
  let kicked = false;
  let failed = false;
  // Virtual time = baseVirtual + (wall - baseWall) × speed.
  let baseWall = wallNow();
  let baseVirtual = scheduler.now();

  const rebase = () => {
    baseWall = wallNow();
    baseVirtual = scheduler.now();
  };

  const guarded = (fn: () => number): number => {
    if (failed) return 0;
    try {
      return fn();
    } catch (e) {
      failed = true;
      runtime.stop();
      opts.onError?.(e);
      return 0;
    }
  };

  const tick = (): number =>
    guarded(() => {
      if (speed === 'max') {
        const next = scheduler.peekTime();
        // Nothing scheduled: time still passes (at 1 virtual second per tick) so that ages move.
        const target = next === undefined ? scheduler.now() + 1000 : Math.max(next, scheduler.now());
        const n = scheduler.runUntil(target + 1000, maxEvents);
        rebase();
        return n;
      }
      const target = baseVirtual + (wallNow() - baseWall) * speed;
      const n = scheduler.runUntil(Math.floor(target), maxEvents);
      // Behind (the per-tick budget ran out): continue from here rather than catching up in a burst.
      if (scheduler.now() < Math.floor(target)) rebase();
      return n;
    });

  const runtime: Runtime = {
    start() {
      if (timer) return;
      failed = false;
      rebase();
      timer = setInterval(tick, tickMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    get running() {
      return timer !== undefined;
    },
    kick() {
      if (kicked) return;
      kicked = true;
      setImmediate(() => {
        kicked = false;
        guarded(() => scheduler.runUntil(scheduler.now(), maxEvents));
      });
    },
    tick,
    setSpeed(s) {
      if (s !== 'max') parseSpeed(String(s));
      rebase();
      speed = s;
    },
    speed: () => speed,
  };
  return runtime;
}
