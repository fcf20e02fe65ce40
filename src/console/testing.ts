/** A console wired to a lab store over a bundled scenario, as the UI wires it: for tests. */
import { createLabStore, type LabStore } from '../app/lab/lab-store.ts';
import { loadLabScenario } from '../app/lab/scenario.ts';
import type { ConsoleTarget } from './types.ts';

export function consoleTarget(store: LabStore): ConsoleTarget {
  return {
    api: store.getState().world().api,
    now: () => store.getState().world().sim.now(),
    act: (a) => store.getState().act(a),
  };
}

/** The replicaset scenario run until it is quiet, and a console over it. */
export function settledLab(scenario = 'replicaset'): { store: LabStore; target: ConsoleTarget } {
  const store = createLabStore(loadLabScenario(scenario));
  store.getState().stepToQuiescence();
  return { store, target: consoleTarget(store) };
}

/** Runs the world on for ms of virtual time. */
export function advance(store: LabStore, ms: number): void {
  const w = store.getState().world();
  store.getState().seek(w.sim.now() + ms);
}

export const text = (lines: readonly { text: string }[]): string => lines.map((l) => l.text).join('\n');
