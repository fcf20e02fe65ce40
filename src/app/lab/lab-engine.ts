/**
 * The engine's side of the lab, loaded as its own chunk right after the first screen starts drawing: lab
 * stores, the worlds they run and the bundled scenarios. Until it arrives the default lab shows the build's
 * first frame (first-frame.ts); any other start waits for it.
 */
import type { createLabStore } from './lab-store.ts';
import type { labWorldReady, loadClusterApi } from './lab-world.ts';
import type { loadLabScenario } from './scenario.ts';

export interface LabEngine {
  createLabStore: typeof createLabStore;
  loadLabScenario: typeof loadLabScenario;
  labWorldReady: typeof labWorldReady;
  loadClusterApi: typeof loadClusterApi;
}

let engine: LabEngine | undefined;
let loading: Promise<LabEngine> | undefined;

/** The engine if it has loaded, so a lab opened later starts in the same render. */
export const loadedLabEngine = (): LabEngine | undefined => engine;

/** Loads the engine once; a failed download (offline before the service worker had it) may be retried. */
export function loadLabEngine(): Promise<LabEngine> {
  loading ??= Promise.all([import('./lab-store.ts'), import('./scenario.ts'), import('./lab-world.ts')]).then(
    ([store, scenario, world]) =>
      (engine = {
        createLabStore: store.createLabStore,
        loadLabScenario: scenario.loadLabScenario,
        labWorldReady: world.labWorldReady,
        loadClusterApi: world.loadClusterApi,
      }),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** Loads the Cluster API controllers (lab-world.ts) after the engine. */
export const loadClusterApiChunk = (): Promise<void> => loadLabEngine().then((e) => e.loadClusterApi());
