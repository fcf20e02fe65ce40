/**
 * The knobs a scenario or lesson may turn (`params:` in a scenario, `--set` does variables not params). Unknown
 * names and out-of-range values are errors, so a typo never silently runs the defaults.
 */
import { DEFAULT_SYNC_PERIOD_MS } from '../client/informer-factory.ts';
import { DEFAULT_POD_START_DELAY_MS } from '../controllers/core/kubelet-sim.ts';

export interface WorldParams {
  /** Mean virtual round trip of a controller's API request (± 50%). */
  apiLatencyMs: number;
  /** Delay between a write and its watch events. */
  watchLatencyMs: number;
  /** Informer resync period (controller-runtime SyncPeriod, default 10 h); 0 turns resync off. */
  resyncMs: number;
  podStartDelayMs: number;
  /** kube-controller-manager --concurrent-replicaset-syncs. */
  replicaSetWorkers: number;
}

const DEFAULTS: WorldParams = {
  apiLatencyMs: 2,
  watchLatencyMs: 1,
  resyncMs: DEFAULT_SYNC_PERIOD_MS,
  podStartDelayMs: DEFAULT_POD_START_DELAY_MS,
  replicaSetWorkers: 5,
};

const LIMITS: Record<keyof WorldParams, [number, number]> = {
  apiLatencyMs: [0, 60_000],
  watchLatencyMs: [0, 60_000],
  resyncMs: [0, 30 * 24 * 3_600_000],
  podStartDelayMs: [0, 3_600_000],
  replicaSetWorkers: [1, 64],
};

export function readParams(input: Record<string, number | string | boolean>): WorldParams {
  const out = { ...DEFAULTS };
  for (const [name, value] of Object.entries(input)) {
    if (!(name in DEFAULTS)) {
      throw new Error(`params.${name}: unknown parameter (known: ${Object.keys(DEFAULTS).join(', ')})`);
    }
    const key = name as keyof WorldParams;
    const [min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new Error(`params.${name}: must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    if (key === 'replicaSetWorkers' && !Number.isInteger(value)) {
      throw new Error(`params.${name}: must be a whole number, got ${value}`);
    }
    out[key] = value;
  }
  return out;
}
