import { describe, expect, it } from 'vitest';
import type { ControllerSnapshot } from '../../engine/client/controller.ts';
import { createWorld } from '../../engine/world/world.ts';
import { activeLines, defaultController, listingFor } from './code-listing.ts';
import { loadLabScenario } from './scenario.ts';

describe('listingFor', () => {
  it('has a line for every step the core controllers report while a world runs', () => {
    const w = createWorld(loadLabScenario('replicaset').options);
    w.act({
      action: 'scale',
      target: { kind: 'ReplicaSet', name: 'web', namespace: 'default' },
      replicas: 1,
    });
    w.runToConvergence();
    const steps = w.sim.trace.all().filter((e) => e.type === 'reconcile.step');
    expect(steps.length).toBeGreaterThan(0);
    for (const e of steps) {
      const listing = listingFor(w, e.controller);
      expect(listing, e.controller).toBeDefined();
      const lines = listing!.stepLines.get(e.step) ?? [];
      expect(lines.length, `${e.controller} ${e.step}`).toBeGreaterThan(0);
      for (const l of lines) expect(listing!.lines[l - 1]).toBeDefined();
    }
  });

  it("reads a Cluster API controller's listing from its step machine", () => {
    const w = createWorld({ seed: 1, clusterApi: true });
    const listing = listingFor(w, 'machineset-controller');
    expect(listing?.lines.length).toBeGreaterThan(3);
    expect(listing?.stepLines.get('fetch')).toBeDefined();
    expect(listingFor(w, 'nothing')).toBeUndefined();
  });
});

describe('activeLines', () => {
  it("maps busy workers' steps to lines and skips idle ones", () => {
    const w = createWorld({ seed: 1 });
    const listing = listingFor(w, 'replicaset-controller')!;
    const snap = {
      workers: [
        { id: 0, key: 'default/web', step: 'create pods', since: 0, waitingOn: undefined },
        { id: 1, key: undefined, step: undefined, since: undefined, waitingOn: undefined },
      ],
    } as unknown as ControllerSnapshot;
    const active = activeLines(listing, snap);
    const lines = listing.stepLines.get('create pods')!;
    expect([...active.keys()]).toEqual(lines);
    expect(active.get(lines[0]!)).toEqual([{ worker: 0, key: 'default/web', step: 'create pods' }]);
  });
});

describe('defaultController', () => {
  it("prefers the controller of the selected object's kind, else the first with a listing", () => {
    const names = ['a', 'replicaset-controller', 'kubelet'];
    const primary = (n: string) => ({ 'replicaset-controller': 'ReplicaSet', kubelet: 'Pod' })[n];
    const has = (n: string) => n !== 'a';
    expect(defaultController(names, 'Pod', primary, has)).toBe('kubelet');
    expect(defaultController(names, undefined, primary, has)).toBe('replicaset-controller');
    expect(defaultController(['a'], 'Pod', primary, has)).toBe('a');
  });
});
