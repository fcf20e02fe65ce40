/**
 * One shared informer per resource per manager, like controller-runtime's informer cache (pkg/cache): every
 * controller of a manager that watches pods shares one LIST+WATCH and one cache. Informers asked for after the
 * factory started start at once, as GetInformer does on a started cache.
 */
import type { ApiServer } from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import type { Sim } from '../sim/sim.ts';
import type { BackoffOptions } from './backoff.ts';
import { createSharedIndexInformer, type InformerSnapshot, type SharedIndexInformer } from './informer.ts';
import type { Transport } from './transport.ts';

/** controller-runtime pkg/cache/cache.go defaultSyncPeriod. */
export const DEFAULT_SYNC_PERIOD_MS = 10 * 60 * 60 * 1000;

export interface InformerFactoryOptions {
  /** The manager's name, prefixed to informer names in the trace: "<name>/<resource>". Default "manager". */
  name?: string;
  /**
   * SyncPeriod: each informer resyncs every resyncMs × a random factor in [0.9, 1.1) from the sim's RNG
   * (pkg/cache/internal/informers.go calculateResyncPeriod). Default 10 h; 0 turns resync off.
   */
  resyncMs?: number;
  /** Restricts every informer to one namespace (cache.Options.DefaultNamespaces). */
  namespace?: string;
  transport?: Transport;
  minWatchTimeoutMs?: number;
  backoff?: BackoffOptions;
}

export interface InformerFactory {
  readonly name: string;
  /** The shared informer for a resource, created on first use. Throws for a resource the server does not serve. */
  informerFor(resource: ResourceId): SharedIndexInformer;
  has(resource: ResourceId): boolean;
  /** Starts every informer, now and later ones. */
  start(): void;
  stop(): void;
  isStarted(): boolean;
  /** Every informer asked about (default: all) has synced. */
  hasSynced(resources?: readonly ResourceId[]): boolean;
  /** Calls fn once every listed informer has synced (starting them if needed); at once if they have. */
  waitForCacheSync(resources: readonly ResourceId[], fn: () => void): void;
  informers(): SharedIndexInformer[];
  snapshot(): InformerSnapshot[];
}

export function createInformerFactory(
  sim: Sim,
  api: ApiServer,
  opts: InformerFactoryOptions = {},
): InformerFactory {
  const name = opts.name ?? 'manager';
  const syncPeriod = opts.resyncMs ?? DEFAULT_SYNC_PERIOD_MS;
  if (!Number.isFinite(syncPeriod) || syncPeriod < 0) {
    throw new RangeError(`resyncMs must be a number of milliseconds >= 0, got ${syncPeriod}`);
  }
  const informers = new Map<ResourceId, SharedIndexInformer>();
  let started = false;
  let stopped = false;

  const informerFor = (resource: ResourceId): SharedIndexInformer => {
    const existing = informers.get(resource);
    if (existing) return existing;
    if (stopped) throw new Error(`informer factory ${name} is stopped`);
    const resyncMs = syncPeriod === 0 ? 0 : Math.round(syncPeriod * (0.9 + sim.rng.next() / 5));
    const informer = createSharedIndexInformer(sim, api, {
      resource,
      name: `${name}/${resource}`,
      resyncMs,
      namespace: opts.namespace,
      transport: opts.transport,
      minWatchTimeoutMs: opts.minWatchTimeoutMs,
      backoff: opts.backoff,
    });
    informers.set(resource, informer);
    if (started) informer.start();
    return informer;
  };

  return {
    name,
    informerFor,
    has: (resource) => informers.has(resource),
    start() {
      if (stopped) throw new Error(`informer factory ${name} was stopped and cannot be started again`);
      if (started) return;
      started = true;
      for (const informer of informers.values()) informer.start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const informer of informers.values()) informer.stop();
    },
    isStarted: () => started && !stopped,
    hasSynced(resources) {
      const list = resources ?? [...informers.keys()];
      return list.every((r) => informers.get(r)?.hasSynced() === true);
    },
    waitForCacheSync(resources, fn) {
      const list = resources.map(informerFor);
      let remaining = list.length;
      if (remaining === 0) {
        fn();
        return;
      }
      for (const informer of list) {
        informer.start();
        informer.whenSynced(() => {
          remaining--;
          if (remaining === 0) fn();
        });
      }
    },
    informers: () => [...informers.values()],
    snapshot: () => [...informers.values()].map((i) => i.snapshot()),
  };
}
