import { describe, expect, it } from 'vitest';
import { configMap, newServer, record } from './testing.ts';
import type { KubeObject } from './types.ts';

const labelled = (name: string, labels: Record<string, string>): KubeObject => ({
  ...configMap(name),
  metadata: { name, namespace: 'default', labels },
});

describe('watch start (fact 98)', () => {
  it('RV "" and "0": synthetic ADDED for every match (in key order), then the changes', () => {
    const { sim, api } = newServer();
    api.create('configmaps', configMap('b'));
    api.create('configmaps', configMap('a'));
    for (const rv of ['', '0', undefined]) {
      const rec = record(api, 'configmaps', rv === undefined ? {} : { resourceVersion: rv });
      sim.scheduler.runUntil(sim.now() + 1);
      expect(rec.lines()).toEqual(['ADDED a@1004', 'ADDED b@1003']);
      rec.stop();
    }
    const rec = record(api, 'configmaps', { resourceVersion: '0' });
    api.patch('configmaps', 'default', 'a', 'merge', { data: { k: 'v' } });
    sim.scheduler.runUntil(sim.now() + 1);
    expect(rec.lines()).toEqual(['ADDED a@1004', 'ADDED b@1003', 'MODIFIED a@1005']);
  });

  it('RV "<n>": only events after n, no synthetic ADDED', () => {
    const { sim, api } = newServer();
    const a = api.create('configmaps', configMap('a'));
    api.create('configmaps', configMap('b'));
    api.delete('configmaps', 'default', 'a');
    const rec = record(api, 'configmaps', { resourceVersion: a.metadata.resourceVersion });
    sim.scheduler.runUntil(1);
    expect(rec.lines()).toEqual(['ADDED b@1004', 'DELETED a@1005']);
  });

  it('events arrive after the write returns, never synchronously', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'configmaps', { resourceVersion: api.currentResourceVersion() });
    api.create('configmaps', configMap('a'));
    expect(rec.events).toHaveLength(0);
    sim.scheduler.step();
    expect(rec.events).toHaveLength(1);
  });
});

describe('410 Expired (fact 99, watch_cache.go)', () => {
  it('a too-old RV gets one ERROR event with the exact Status, then the stream ends with "expired"', () => {
    const { sim, api } = newServer({ watchHistorySize: 3 });
    for (const n of ['a', 'b', 'c', 'd']) api.create('configmaps', configMap(n)); // RVs 1003..1006; history keeps 1004..1006
    const rec = record(api, 'configmaps', { resourceVersion: '1002' });
    sim.scheduler.runUntil(1);
    expect(rec.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'too old resource version: 1002 (1003)',
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
    expect(rec.closed).toEqual(['expired']);
    api.create('configmaps', configMap('e'));
    sim.scheduler.runUntil(2);
    expect(rec.events).toHaveLength(1);
  });

  it('the oldest retained event minus one is still fine', () => {
    const { sim, api } = newServer({ watchHistorySize: 3 });
    for (const n of ['a', 'b', 'c', 'd']) api.create('configmaps', configMap(n));
    const rec = record(api, 'configmaps', { resourceVersion: '1003' });
    sim.scheduler.runUntil(1);
    expect(rec.lines()).toEqual(['ADDED b@1004', 'ADDED c@1005', 'ADDED d@1006']);
  });

  it('a future RV gets an ERROR 504 "Too large resource version" (cacher.go)', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'configmaps', { resourceVersion: '99999' });
    sim.scheduler.runUntil(1);
    expect(rec.events[0]!.object).toMatchObject({
      code: 504,
      reason: 'Timeout',
      message: 'Timeout: Too large resource version: 99999, current: 1002',
    });
    expect(rec.closed).toEqual(['error']);
  });

  it('a resourceVersion that is not a number is a 400 on the watch call', () => {
    const { api } = newServer();
    expect(() => api.watch('configmaps', { resourceVersion: 'abc' }, { onEvent: () => {} })).toThrow(
      /invalid resource version/,
    );
  });
});

describe('filters and transitions (cacher.go convertToWatchEvent)', () => {
  it('an object whose labels stop matching arrives as DELETED with its previous state and the new RV', () => {
    const { sim, api } = newServer();
    api.create('configmaps', labelled('a', { app: 'web' }));
    const rec = record(api, 'configmaps', { labelSelector: 'app=web', resourceVersion: '0' });
    const moved = api.patch('configmaps', 'default', 'a', 'merge', {
      metadata: { labels: { app: 'db' } },
    }).object;
    const back = api.patch('configmaps', 'default', 'a', 'merge', {
      metadata: { labels: { app: 'web' } },
    }).object;
    sim.scheduler.runUntil(1);
    expect(rec.lines()).toEqual([
      'ADDED a@1003',
      `DELETED a@${moved.metadata.resourceVersion}`,
      `ADDED a@${back.metadata.resourceVersion}`,
    ]);
    expect((rec.events[1]!.object as KubeObject).metadata.labels).toEqual({ app: 'web' });
  });

  it('filters by namespace and by field (kubectl get <name> -w uses metadata.name=)', () => {
    const { sim, api } = newServer();
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    const rec = record(api, 'configmaps', {
      namespace: 'default',
      fieldSelector: 'metadata.name=a',
      resourceVersion: '0',
    });
    api.create('configmaps', configMap('a', {}, 'other'));
    api.create('configmaps', configMap('b'));
    api.create('configmaps', configMap('a'));
    sim.scheduler.runUntil(1);
    expect(rec.lines()).toEqual(['ADDED a@1006']);
  });

  it('DELETED carries the last state with the deletion resourceVersion (fact 96)', () => {
    const { sim, api } = newServer();
    const a = api.create('configmaps', configMap('a', { k: 'v' }));
    const rec = record(api, 'configmaps', { resourceVersion: a.metadata.resourceVersion });
    api.delete('configmaps', 'default', 'a');
    sim.scheduler.runUntil(1);
    expect(rec.events[0]).toEqual({
      type: 'DELETED',
      object: { ...a, metadata: { ...a.metadata, resourceVersion: '1004' } },
    });
  });

  it('watchers share one copy of an event by default, never the stored object', () => {
    const { sim, api } = newServer();
    const r1 = record(api, 'configmaps', { resourceVersion: '0' });
    const r2 = record(api, 'configmaps', { resourceVersion: '0' });
    api.create('configmaps', configMap('a', { k: 'v' }));
    sim.scheduler.runUntil(1);
    expect(r1.events[0]!.object).toBe(r2.events[0]!.object);
    expect(r1.events[0]!.object).not.toBe([...api.peek('configmaps')][0]);
    (r1.events[0]!.object as KubeObject).data = { hacked: 'yes' };
    expect(api.get('configmaps', 'default', 'a').data).toEqual({ k: 'v' });
  });

  it('isolateWatchCopies gives each watcher its own copy', () => {
    const { sim, api } = newServer({ isolateWatchCopies: true });
    const r1 = record(api, 'configmaps', { resourceVersion: '0' });
    const r2 = record(api, 'configmaps', { resourceVersion: '0' });
    api.create('configmaps', configMap('a', { k: 'v' }));
    sim.scheduler.runUntil(1);
    (r1.events[0]!.object as KubeObject).data = { hacked: 'yes' };
    expect((r2.events[0]!.object as KubeObject).data).toEqual({ k: 'v' });
    expect(api.get('configmaps', 'default', 'a').data).toEqual({ k: 'v' });
  });
});

describe('delivery timing, bookmarks and timeouts', () => {
  it('watchLatencyMs delays every event and keeps per-watcher FIFO order', () => {
    const { sim, api } = newServer({ watchLatencyMs: 100 });
    const seen: [number, string][] = [];
    api.watch(
      'configmaps',
      { resourceVersion: api.currentResourceVersion() },
      {
        onEvent: (e) => seen.push([sim.now(), `${e.type} ${(e.object as KubeObject).metadata.name}`]),
      },
    );
    api.create('configmaps', configMap('a'));
    sim.scheduler.runUntil(30);
    api.create('configmaps', configMap('b'));
    api.delete('configmaps', 'default', 'a');
    sim.scheduler.runUntil(1000);
    expect(seen).toEqual([
      [100, 'ADDED a'],
      [130, 'ADDED b'],
      [130, 'DELETED a'],
    ]);
  });

  it('BOOKMARK every bookmarkIntervalMs, only with allowWatchBookmarks, carrying only the RV (fact 97)', () => {
    const { sim, api } = newServer({ bookmarkIntervalMs: 60_000 });
    const withB = record(api, 'configmaps', { resourceVersion: '0', allowWatchBookmarks: true });
    const without = record(api, 'configmaps', { resourceVersion: '0' });
    sim.scheduler.runUntil(30_000);
    api.create('configmaps', configMap('a'));
    sim.scheduler.runUntil(125_000);
    expect(withB.lines()).toEqual(['ADDED a@1003', 'BOOKMARK @1003', 'BOOKMARK @1003']);
    expect(withB.events[1]!.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1003' },
    });
    expect(without.lines()).toEqual(['ADDED a@1003']);
  });

  it('timeoutMs closes the watch with "timeout" (fact 100); a bookmark comes 2 s before the deadline', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'configmaps', {
      resourceVersion: '0',
      timeoutMs: 10_000,
      allowWatchBookmarks: true,
    });
    sim.scheduler.runUntil(9_999);
    expect(rec.closed).toEqual([]);
    expect(rec.lines()).toEqual(['BOOKMARK @1002']);
    sim.scheduler.runUntil(10_000);
    expect(rec.closed).toEqual(['timeout']);
    expect(api.openWatches()).toBe(0);
  });

  it('without timeoutMs the server closes after a random [minRequestTimeout, 2x) (get.go handleWatch)', () => {
    const { sim, api } = newServer({ minRequestTimeoutMs: 1_800_000 });
    const closedAt: number[] = [];
    for (let i = 0; i < 20; i++)
      api.watch('configmaps', {}, { onEvent: () => {}, onClose: () => closedAt.push(sim.now()) });
    sim.scheduler.runUntil(4_000_000);
    expect(closedAt).toHaveLength(20);
    expect(Math.min(...closedAt)).toBeGreaterThanOrEqual(1_800_000);
    expect(Math.max(...closedAt)).toBeLessThan(3_600_000);
  });

  it('stop() ends delivery, reports "stopped" and traces watch.start / watch.event / watch.end', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'configmaps', { resourceVersion: '0', watcher: 'informer/configmaps' });
    api.create('configmaps', configMap('a'));
    sim.scheduler.runUntil(1);
    rec.stop();
    api.create('configmaps', configMap('b'));
    sim.scheduler.runUntil(2);
    expect(rec.lines()).toEqual(['ADDED a@1003']);
    expect(rec.closed).toEqual(['stopped']);
    const types = sim.trace
      .all()
      .filter((e) => e.type.startsWith('watch.'))
      .map((e) => `${e.type} ${(e as { watcher: string }).watcher}`);
    expect(types).toEqual([
      'watch.start informer/configmaps',
      'watch.event informer/configmaps',
      'watch.end informer/configmaps',
    ]);
  });
});
