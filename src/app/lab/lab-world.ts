/**
 * The lab's worlds: build-world.ts, with the Cluster API controllers loaded the first time a world runs them,
 * so a plain scenario's first screen never downloads them. Which worlds run them is cluster-api-rule.ts's
 * call, the same as the CLI's: build such a world only once labWorldReady says so (after loadClusterApi).
 * Before that buildWorld throws; it never builds a different world.
 */
import {
  buildWorld,
  type CapiControllersFactory,
  type LabWorld,
  type RecordedAction,
} from '../../engine/world/build-world.ts';
import { runsClusterApi } from '../../engine/world/cluster-api-rule.ts';
import { replayTo } from '../../engine/world/replay.ts';
import type { WorldOptions } from '../../engine/world/world-types.ts';

// The loaded module's export, kept as a module keeps its imports: loading twice would give the same function.
let capi: CapiControllersFactory | undefined;
let loading: Promise<void> | undefined;

/** True when createLabWorld(opts) can run now. */
export const labWorldReady = (opts: WorldOptions): boolean => capi !== undefined || !runsClusterApi(opts);

/** Loads the Cluster API controllers once; a failed download (offline before the service worker had it) may be retried. */
export function loadClusterApi(): Promise<void> {
  loading ??= import('../../engine/controllers/capi/capi-controllers.ts').then(
    (m) => {
      capi = m.createCapiControllers;
    },
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

export const createLabWorld = (opts: WorldOptions): LabWorld => buildWorld(opts, { capi });

export const replayLabWorld = (
  opts: WorldOptions,
  actions: readonly RecordedAction[],
  target: { atMs: number } | { events: number },
): LabWorld => replayTo(createLabWorld, opts, actions, target);
