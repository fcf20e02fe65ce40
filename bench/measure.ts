/**
 * Wall-clock measurement helpers for the benchmarks. Benchmarks live outside src/engine: they are the one place
 * allowed to read the wall clock, and they only report figures; no test asserts on them.
 */
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** Wall time, and this process's CPU time (user + system), which other load on the machine disturbs less. */
export function timeIt<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Tracks the largest heapUsed seen; call sample() from inside the measured loop every so often. */
export function createHeapSampler() {
  let peak = process.memoryUsage().heapUsed;
  return {
    sample() {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    },
    peakMiB: () => peak / (1024 * 1024),
  };
}

export const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
