/**
 * What every teaching controller is built from: the same informers, queue profile and transport as the real
 * controllers, so that a bug lab's controller lives by the same rules (latency, faults, caches) as the code it
 * caricatures.
 */
import type { ApiServer } from '../../api/api.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { QueueProfile } from '../../client/profiles.ts';
import type { Transport } from '../../client/transport.ts';
import type { Sim } from '../../sim/sim.ts';

export interface TeachingDeps {
  sim: Sim;
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  transport?: Transport;
}

/** Annotations and labels the teaching controllers read, all under one prefix so none clash with upstream's. */
export const LAB_PREFIX = 'lab.reconcile.dev/';

export type Variant = 'buggy' | 'fixed';
