/**
 * The scenarios that ship with the app, by id. The CLI resolves `npm run sim -- <id>` to
 * src/lessons/scenarios/<file>; the browser can import the same files with Vite's `?raw`.
 */

export interface BundledScenario {
  readonly id: string;
  /** File name in src/lessons/scenarios/. */
  readonly file: string;
  readonly title: string;
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = Object.freeze([
  {
    id: 'replicaset',
    file: 'replicaset.yaml',
    title: 'A ReplicaSet keeps 3 Pods: one is deleted, then it is scaled to 5',
  },
  {
    id: 'replicaset-10k',
    file: 'replicaset-10k.yaml',
    title: 'One ReplicaSet with 10,000 replicas (the benchmark scene)',
  },
]);

export function findBundledScenario(id: string): BundledScenario | undefined {
  return BUNDLED_SCENARIOS.find((s) => s.id === id);
}
