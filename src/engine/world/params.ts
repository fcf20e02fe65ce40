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
  /** BL-12: how many sync periods the naive autoscaler's metric lags behind its own writes. */
  naiveAutoscalerDeadtime: number;
  /** BL-03: how many times the teaching infra controller panics right after RunInstances. */
  cloudPanics: number;
  /** L12: how many times the teaching WebApp operator panics between its two credentials writes. */
  operatorCrashes: number;
}

/**
 * Bug-lab switches: which variant of a controller runs. 'off' (the default of the teaching controllers) means
 * the controller is not registered at all, so scenarios that do not ask for it run exactly as before.
 */
export interface WorldVariants {
  /** BL-08: 'off' makes the real ReplicaSet controller skip its expectations check (a teaching bug). */
  replicaSetExpectations: 'on' | 'off';
  /** BL-10: a GitOps sync loop that re-applies a manifest with (buggy) or without (fixed) spec.replicas. */
  gitopsSync: 'off' | 'buggy' | 'fixed';
  /** BL-12: a naive autoscaler with full gain (buggy) or half gain (fixed). */
  naiveAutoscaler: 'off' | 'buggy' | 'fixed';
  /** BL-06: claim cleanup acting on the terminating state it may never see (buggy) or on levels (fixed). */
  claimCleanup: 'off' | 'buggy' | 'fixed';
  /** BL-03: an infra controller that creates cloud VMs blindly (buggy) or looks them up by tag first (fixed). */
  cloudMachines: 'off' | 'buggy' | 'fixed';
  /** L12: registers the teaching WebApp operator ('on'); its three choices follow, each defaulting to the right one. */
  webappOperator: 'off' | 'on';
  /** L12: persist the credentials' name before creating them (record-first) or after (act-first). */
  operatorWriteOrder: 'record-first' | 'act-first';
  /** L12: a WebApp's Pods are those its ownerReference UID controls (uid) or any with its app label (label). */
  operatorSelectBy: 'uid' | 'label';
  /** L12: the operator waits to see its own creates and deletes (on) or trusts a lagging cache (off). */
  operatorExpectations: 'on' | 'off';
}

export type AllWorldParams = WorldParams & WorldVariants;

const DEFAULTS: WorldParams = {
  apiLatencyMs: 2,
  watchLatencyMs: 1,
  resyncMs: DEFAULT_SYNC_PERIOD_MS,
  podStartDelayMs: DEFAULT_POD_START_DELAY_MS,
  replicaSetWorkers: 5,
  naiveAutoscalerDeadtime: 1,
  cloudPanics: 3,
  operatorCrashes: 0,
};

const VARIANT_DEFAULTS: WorldVariants = {
  replicaSetExpectations: 'on',
  gitopsSync: 'off',
  naiveAutoscaler: 'off',
  claimCleanup: 'off',
  cloudMachines: 'off',
  webappOperator: 'off',
  operatorWriteOrder: 'record-first',
  operatorSelectBy: 'uid',
  operatorExpectations: 'on',
};

const VARIANTS: { [K in keyof WorldVariants]: readonly WorldVariants[K][] } = {
  replicaSetExpectations: ['on', 'off'],
  gitopsSync: ['off', 'buggy', 'fixed'],
  naiveAutoscaler: ['off', 'buggy', 'fixed'],
  claimCleanup: ['off', 'buggy', 'fixed'],
  cloudMachines: ['off', 'buggy', 'fixed'],
  webappOperator: ['off', 'on'],
  operatorWriteOrder: ['record-first', 'act-first'],
  operatorSelectBy: ['uid', 'label'],
  operatorExpectations: ['on', 'off'],
};

const INTEGERS: readonly (keyof WorldParams)[] = [
  'replicaSetWorkers',
  'naiveAutoscalerDeadtime',
  'cloudPanics',
  'operatorCrashes',
];

const LIMITS: Record<keyof WorldParams, [number, number]> = {
  apiLatencyMs: [0, 60_000],
  watchLatencyMs: [0, 60_000],
  resyncMs: [0, 30 * 24 * 3_600_000],
  podStartDelayMs: [0, 3_600_000],
  replicaSetWorkers: [1, 64],
  naiveAutoscalerDeadtime: [0, 4],
  cloudPanics: [0, 10],
  operatorCrashes: [0, 10],
};

export function readParams(input: Record<string, number | string | boolean>): AllWorldParams {
  const out: AllWorldParams = { ...DEFAULTS, ...VARIANT_DEFAULTS };
  for (const [name, value] of Object.entries(input)) {
    if (name in VARIANTS) {
      const key = name as keyof WorldVariants;
      const allowed = VARIANTS[key] as readonly string[];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        throw new Error(`params.${name}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      }
      (out as unknown as Record<string, string>)[key] = value;
      continue;
    }
    if (!(name in DEFAULTS)) {
      const known = [...Object.keys(DEFAULTS), ...Object.keys(VARIANTS)].join(', ');
      throw new Error(`params.${name}: unknown parameter (known: ${known})`);
    }
    const key = name as keyof WorldParams;
    const [min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new Error(`params.${name}: must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    if (INTEGERS.includes(key) && !Number.isInteger(value)) {
      throw new Error(`params.${name}: must be a whole number, got ${value}`);
    }
    out[key] = value;
  }
  return out;
}
