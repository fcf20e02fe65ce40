/**
 * A simulation's kernel: one virtual clock with its scheduler, one seeded RNG and one trace.
 * Everything above it (API server, informers, controllers) takes a Sim and never reaches for wall time.
 *
 * @example
 * const sim = createSim({ seed: 42 });
 * sim.scheduler.after(1000, () => sim.trace.emit('sim.note', { message: 'one virtual second' }));
 * sim.scheduler.runUntil(5000);
 */
import { createRng, type Rng } from './rng.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { createTrace, type Trace, type TraceOptions } from './trace.ts';

export interface SimOptions extends TraceOptions {
  seed: number;
}

export interface Sim {
  readonly seed: number;
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  readonly trace: Trace;
  now(): number;
}

export function createSim(opts: SimOptions): Sim {
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const scheduler = createScheduler();
  const trace = createTrace(scheduler, opts);
  return { seed: opts.seed, scheduler, rng: createRng(opts.seed), trace, now: () => scheduler.now() };
}
