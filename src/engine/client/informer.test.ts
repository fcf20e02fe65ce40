import { describe, expect, it } from 'vitest';
import { createSim } from '../sim/sim.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { isTombstone, type ResourceEventHandler } from './events.ts';
import { createSharedIndexInformer, type SharedIndexInformer } from './informer.ts';
import { configMap, createTestApi, recordRequests } from './testing/test-api.ts';

const CM = 'configmaps';

function recordingHandler(informer: SharedIndexInformer, log: string[]): ResourceEventHandler {
  return {
    onAdd: (o, initial) => log.push(`add ${o.metadata.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (a, b) =>
      log.push(
        `update ${b.metadata.name}${a.metadata.resourceVersion === b.metadata.resourceVersion ? ' (same rv)' : ''}` +
          // Handlers see the cache after the update.
          (informer.get(b.metadata.namespace, b.metadata.name!) === b ? '' : ' STALE'),
      ),
    onDelete: (o) => log.push(isTombstone(o) ? `delete ${o.key} (tombstone)` : `delete ${o.metadata.name}`),
  };
}

function setup(resyncMs = 0) {
  const sim = createSim({ seed: 5 });
  const server = createTestApi(sim, { namespaces: ['default', 'other'] });
  const { api, requests } = recordRequests(sim, server);
  const informer = createSharedIndexInformer(sim, api, { resource: CM, name: 'mgr/configmaps', resyncMs });
  const log: string[] = [];
  informer.addEventHandler(recordingHandler(informer, log));
  const lists = () => requests.filter((r) => r.verb === 'list').length;
  return { sim, api: server, informer, log, lists };
}

// client-go tools/cache/shared_informer.go, controller.go processDeltas, the_real_fifo.go (facts 56–62).
describe('SharedIndexInformer', () => {
  it('delivers the initial list as adds with isInInitialList, syncs, then delivers watch events in order', () => {
    const { sim, api, informer, log } = setup();
    api.create(CM, configMap('a'));
    api.create(CM, configMap('b'));
    let syncedAt = -1;
    informer.whenSynced(() => (syncedAt = sim.now()));
    informer.start();
    expect(informer.hasSynced()).toBe(false);
    sim.scheduler.runUntil(10);
    expect(syncedAt).toBe(0);
    api.patch(CM, 'default', 'a', 'merge', { data: { k: 'v2' } });
    api.create(CM, configMap('c'));
    api.delete(CM, 'default', 'b');
    sim.scheduler.runUntil(20);
    expect(log).toEqual(['add a (initial)', 'add b (initial)', 'update a', 'add c', 'delete b']);
    expect(informer.keys()).toEqual(['default/a', 'default/c']);
    expect(informer.lastSyncResourceVersion()).toBe(api.currentResourceVersion());
  });

  it('facts 54, 56–57: after a 410 the relist is diffed into tombstone deletes first, then updates and adds', () => {
    const { sim, api, informer, log } = setup();
    for (const n of ['a', 'b', 'c']) api.create(CM, configMap(n));
    const lastB = api.get(CM, 'default', 'b');
    const tombstones: unknown[] = [];
    informer.addEventHandler({ onDelete: (o) => tombstones.push(isTombstone(o) ? o.obj : undefined) });
    informer.start();
    sim.scheduler.runUntil(5000);
    api.faults.dropWatches(CM);
    api.delete(CM, 'default', 'b');
    api.patch(CM, 'default', 'c', 'merge', { data: { k: 'v9' } });
    api.create(CM, configMap('d'));
    api.faults.expireWatches();
    sim.scheduler.runUntil(10_000);
    expect(log.slice(3)).toEqual(['delete default/b (tombstone)', 'update c', 'add d']);
    expect(tombstones).toEqual([lastB]);
    expect(informer.keys()).toEqual(['default/a', 'default/c', 'default/d']);
    const lists = sim.trace.all().filter((e): e is TraceEvent<'informer.list'> => e.type === 'informer.list');
    expect(lists.map((e) => e.items)).toEqual([3, 3]);
    expect(lists[1]!.rv).toBe(api.currentResourceVersion());
  });

  it('fact 53: a re-watch after a normal close replays what happened meanwhile, with no relist and no tombstones', () => {
    const { sim, api, informer, log, lists } = setup();
    api.create(CM, configMap('a'));
    informer.start();
    sim.scheduler.runUntil(5000);
    api.faults.dropWatches(CM);
    api.delete(CM, 'default', 'a');
    sim.scheduler.runUntil(6000);
    expect(log).toEqual(['add a (initial)', 'delete a']);
    expect(lists()).toBe(1);
  });

  it('facts 43, 59, 62: resync delivers Update(old == new) for every cached object without any API request; min 1 s', () => {
    const { sim, api, informer, log, lists } = setup(60_000);
    api.create(CM, configMap('a'));
    api.create(CM, configMap('b'));
    informer.start();
    sim.scheduler.runUntil(59_999);
    expect(log).toEqual(['add a (initial)', 'add b (initial)']);
    const requestsBefore = sim.trace.counts()['api.request'];
    sim.scheduler.runUntil(60_000);
    expect(log.slice(2)).toEqual(['update a (same rv)', 'update b (same rv)']);
    expect(sim.trace.counts()['api.request']).toBe(requestsBefore);
    expect(lists()).toBe(1);
    const syncs = sim.trace.all().filter((e) => e.type === 'informer.update' && e.op === 'sync');
    expect(syncs).toHaveLength(2);
    const fast = createSharedIndexInformer(sim, api, { resource: CM, resyncMs: 200 });
    expect(fast.resyncPeriodMs).toBe(1000);
    expect(() => createSharedIndexInformer(sim, api, { resource: CM, resyncMs: -1 })).toThrow(/resyncMs/);
  });

  it('a relist that finds an object unchanged treats it as a sync and tells no handler (shared_informer.go OnUpdate isSync)', () => {
    const { sim, api, informer, log, lists } = setup();
    api.create(CM, configMap('a'));
    informer.start();
    sim.scheduler.runUntil(10);
    let relisted = -1;
    informer.relist(() => (relisted = sim.now()));
    sim.scheduler.runUntil(20);
    expect(log).toEqual(['add a (initial)']);
    expect(lists()).toBe(2);
    expect(relisted).toBe(10);
  });

  it('fact 61: a handler added to a running informer first gets a synthetic initial add for every cached object', () => {
    const { sim, api, informer } = setup();
    api.create(CM, configMap('a'));
    api.create(CM, configMap('b'));
    informer.start();
    sim.scheduler.runUntil(10);
    const late: string[] = [];
    const reg = informer.addEventHandler(recordingHandler(informer, late));
    expect(late).toEqual(['add a (initial)', 'add b (initial)']);
    expect(reg.hasSynced()).toBe(true);
    reg.remove();
    api.create(CM, configMap('c'));
    sim.scheduler.runUntil(20);
    expect(late).toHaveLength(2);
  });

  it('staleView: pause() holds watch notifications back so the cache lags, then applies them in order', () => {
    const { sim, api, informer, log } = setup();
    informer.start();
    sim.scheduler.runUntil(1000);
    informer.pause(5000);
    api.create(CM, configMap('a'));
    const patched = api.patch(CM, 'default', 'a', 'merge', { data: { k: 'v2' } }).object;
    sim.scheduler.runUntil(5999);
    expect(informer.get('default', 'a')).toBeUndefined();
    expect(informer.snapshot()).toMatchObject({ pausedUntil: 6000, pending: 2 });
    sim.scheduler.runUntil(6000);
    expect(informer.get('default', 'a')?.metadata.resourceVersion).toBe(patched.metadata.resourceVersion);
    expect(log).toEqual(['add a', 'update a']);
    expect(informer.pausedUntil()).toBeUndefined();
    expect(() => informer.pause(-1)).toThrow(/duration/);
  });

  it('serves cache reads by namespace index, label selector and custom indexers', () => {
    const { sim, api, informer } = setup();
    api.create(CM, configMap('a', { app: 'web' }));
    api.create(CM, configMap('b', { app: 'db' }));
    api.create(CM, configMap('c', { app: 'web' }, 'other'));
    informer.addIndexers({ byApp: (o) => [o.metadata.labels?.app ?? ''] });
    informer.start();
    sim.scheduler.runUntil(10);
    const names = (objs: { metadata: { name?: string } }[]) => objs.map((o) => o.metadata.name);
    expect(names(informer.list({ namespace: 'default' }))).toEqual(['a', 'b']);
    expect(names(informer.list({ labelSelector: 'app=web' }))).toEqual(['a', 'c']);
    expect(names(informer.list({ namespace: 'default', labelSelector: { app: 'db' } }))).toEqual(['b']);
    expect(names(informer.byIndex('byApp', 'web'))).toEqual(['a', 'c']);
    expect(() => informer.list({ labelSelector: 'a b c' })).toThrow();
  });

  it('emits informer.update trace events for adds, updates and deletes', () => {
    const { sim, api, informer } = setup();
    informer.start();
    sim.scheduler.runUntil(10);
    const a = api.create(CM, configMap('a'));
    api.delete(CM, 'default', 'a');
    const deletedAt = api.currentResourceVersion();
    sim.scheduler.runUntil(20);
    const updates = sim.trace
      .all()
      .filter((e): e is TraceEvent<'informer.update'> => e.type === 'informer.update')
      .map((e) => `${e.informer} ${e.kind} ${e.key} ${e.rv} ${e.op}`);
    expect(updates).toEqual([
      `mgr/configmaps ConfigMap default/a ${a.metadata.resourceVersion} add`,
      `mgr/configmaps ConfigMap default/a ${deletedAt} delete`,
    ]);
  });

  it('stop() ends the watch and cannot be undone; unknown resources are rejected', () => {
    const { sim, api, informer } = setup();
    informer.start();
    sim.scheduler.runUntil(10);
    informer.stop();
    expect(api.openWatches()).toBe(0);
    expect(() => informer.start()).toThrow(/cannot be started again/);
    expect(() => createSharedIndexInformer(sim, api, { resource: 'nope' })).toThrow(
      /unknown resource "nope"/,
    );
  });
});
