import { describe, expect, it } from 'vitest';
import { loadedLabEngine, loadLabEngine } from './lab-engine.ts';

describe('loadLabEngine', () => {
  it('loads once, and then hands out the same engine at once', async () => {
    expect(loadedLabEngine()).toBeUndefined();
    const engine = await loadLabEngine();
    expect(loadedLabEngine()).toBe(engine);
    expect(await loadLabEngine()).toBe(engine);
    const store = engine.createLabStore(engine.loadLabScenario('replicaset'));
    store.getState().stepToQuiescence();
    expect(store.getState().snap.replicaSets[0]?.ready).toBe(3);
  });
});
