import { describe, expect, it } from 'vitest';
import { createSim } from '../sim/sim.ts';
import { createInformerFactory, DEFAULT_SYNC_PERIOD_MS } from './informer-factory.ts';
import { createTestApi } from './testing/test-api.ts';

describe('informer factory (controller-runtime pkg/cache)', () => {
  it('shares one informer per resource and names it after the manager', () => {
    const sim = createSim({ seed: 1 });
    const api = createTestApi(sim);
    const f = createInformerFactory(sim, api, { name: 'capi' });
    const a = f.informerFor('pods');
    expect(f.informerFor('pods')).toBe(a);
    expect(a.name).toBe('capi/pods');
    expect(f.has('nodes')).toBe(false);
    expect(() => f.informerFor('nope')).toThrow(/unknown resource/);
  });

  it('each informer resyncs every SyncPeriod × [0.9, 1.1) (informers.go calculateResyncPeriod); 0 turns resync off', () => {
    const sim = createSim({ seed: 2 });
    const api = createTestApi(sim);
    const f = createInformerFactory(sim, api);
    for (const r of ['pods', 'nodes', 'replicasets.apps', 'widgets.example.com']) {
      const p = f.informerFor(r).resyncPeriodMs;
      expect(p).toBeGreaterThanOrEqual(0.9 * DEFAULT_SYNC_PERIOD_MS);
      expect(p).toBeLessThan(1.1 * DEFAULT_SYNC_PERIOD_MS);
    }
    expect(createInformerFactory(sim, api, { resyncMs: 0 }).informerFor('pods').resyncPeriodMs).toBe(0);
    expect(() => createInformerFactory(sim, api, { resyncMs: -5 })).toThrow(/resyncMs/);
  });

  it('waitForCacheSync calls back once every listed informer has synced; informers made after start() start at once', () => {
    const sim = createSim({ seed: 3 });
    const api = createTestApi(sim);
    api.faults.setLatency({ ms: 300, verb: 'list', resource: 'pods' });
    api.faults.setLatency({ ms: 700, verb: 'list', resource: 'nodes' });
    const f = createInformerFactory(sim, api);
    f.start();
    let doneAt = -1;
    f.waitForCacheSync(['pods', 'nodes'], () => (doneAt = sim.now()));
    expect(f.informerFor('nodes').isStarted()).toBe(true);
    sim.scheduler.runUntil(500);
    expect(doneAt).toBe(-1);
    expect(f.hasSynced(['pods'])).toBe(true);
    sim.scheduler.runUntil(1000);
    expect(doneAt).toBe(700);
    expect(f.hasSynced()).toBe(true);
    expect(f.snapshot().map((s) => [s.name, s.synced])).toEqual([
      ['manager/pods', true],
      ['manager/nodes', true],
    ]);
    f.stop();
    expect(api.openWatches()).toBe(0);
    expect(() => f.informerFor('widgets.example.com')).toThrow(/stopped/);
  });
});
