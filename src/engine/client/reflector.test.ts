import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createSim } from '../sim/sim.ts';
import { createReflector, type ReflectorSink } from './reflector.ts';
import { configMap, createTestApi, describeRequests, recordRequests, widget } from './testing/test-api.ts';

const CM = 'configmaps';

function setup(opts: { pageSize?: number; bookmarkIntervalMs?: number } = {}) {
  const sim = createSim({ seed: 3 });
  const server = createTestApi(sim, { bookmarkIntervalMs: opts.bookmarkIntervalMs });
  const { api, requests } = recordRequests(sim, server);
  const log: string[] = [];
  const name = (o: KubeObject) => o.metadata.name;
  const sink: ReflectorSink = {
    replace: (items, rv) => log.push(`replace [${items.map(name).join(',')}] @${rv}`),
    add: (o) => log.push(`add ${name(o)}`),
    update: (o) => log.push(`update ${name(o)}`),
    delete: (o) => log.push(`delete ${name(o)}`),
  };
  const reflector = createReflector(sim, api, sink, {
    name: 'test/configmaps',
    resource: CM,
    pageSize: opts.pageSize,
  });
  const calls = () => describeRequests(requests, CM);
  return { sim, api: server, requests, log, reflector, calls };
}

// client-go tools/cache/reflector.go (facts 50–55).
describe('Reflector', () => {
  it('facts 50–51: first LIST at RV "0" paged by 500, then WATCH from the list RV with bookmarks and a 5–10 min timeout', () => {
    const { sim, api, log, reflector, requests, calls } = setup();
    const a = api.create(CM, configMap('a'));
    const rv = a.metadata.resourceVersion!;
    reflector.start();
    sim.scheduler.runUntil(10);
    expect(calls()).toEqual(['list rv=0 limit=500', `watch rv=${rv}`]);
    const watch = requests[1]!.opts as { allowWatchBookmarks?: boolean; timeoutMs?: number };
    expect(watch.allowWatchBookmarks).toBe(true);
    expect(watch.timeoutMs! % 1000).toBe(0);
    expect(watch.timeoutMs!).toBeGreaterThanOrEqual(300_000);
    expect(watch.timeoutMs!).toBeLessThan(600_000);
    expect(log).toEqual([`replace [a] @${rv}`]);
    expect(reflector.lastSyncResourceVersion()).toBe(rv);
    expect(reflector.phase()).toBe('watching');
  });

  it('follows continue tokens page by page, without a resourceVersion after the first page (tools/pager)', () => {
    const { sim, api, log, reflector, calls } = setup({ pageSize: 2 });
    for (const n of ['a', 'b', 'c', 'd', 'e']) api.create(CM, configMap(n));
    reflector.start();
    sim.scheduler.runUntil(10);
    expect(calls().slice(0, 3)).toEqual([
      'list rv=0 limit=2',
      'list rv=- limit=2 continue',
      'list rv=- limit=2 continue',
    ]);
    expect(log[0]).toBe(`replace [a,b,c,d,e] @${api.currentResourceVersion()}`);
  });

  it('fact 52: watch events reach the sink in order and advance the RV; a BOOKMARK only advances the RV', () => {
    const { sim, api, log, reflector } = setup({ bookmarkIntervalMs: 1000 });
    reflector.start();
    sim.scheduler.runUntil(10);
    api.create(CM, configMap('a'));
    api.patch(CM, 'default', 'a', 'merge', { data: { k: 'v2' } });
    api.delete(CM, 'default', 'a');
    const deletedAt = api.currentResourceVersion();
    sim.scheduler.runUntil(20);
    expect(log.slice(1)).toEqual(['add a', 'update a', 'delete a']);
    expect(reflector.lastSyncResourceVersion()).toBe(deletedAt);
    api.create('widgets.example.com', widget('w'));
    sim.scheduler.runUntil(1010);
    expect(reflector.lastSyncResourceVersion()).toBe(api.currentResourceVersion());
    expect(log).toHaveLength(4);
  });

  it('fact 53: a normal stream end re-watches at once from the last RV, without a relist', () => {
    const { sim, api, reflector, requests, calls } = setup();
    reflector.start();
    sim.scheduler.runUntil(5000);
    const a = api.create(CM, configMap('a'));
    sim.scheduler.runUntil(6000);
    api.faults.dropWatches(CM);
    sim.scheduler.runUntil(6000);
    expect(calls().slice(2)).toEqual([`watch rv=${a.metadata.resourceVersion}`]);
    expect(requests.at(-1)!.at).toBe(6000);
    expect(reflector.stats().lists).toBe(1);
  });

  it('a watch that ends within a second with no events is a "very short watch": back to listing after the backoff', () => {
    const { sim, api, reflector, calls } = setup();
    reflector.start();
    sim.scheduler.runUntil(10);
    api.faults.dropWatches(CM);
    sim.scheduler.runUntil(700);
    expect(calls()).toHaveLength(2);
    sim.scheduler.runUntil(2000);
    const rv = reflector.lastSyncResourceVersion();
    expect(calls().slice(2)).toEqual([`list rv=${rv}`, `watch rv=${rv}`]);
    expect(reflector.stats().lastError).toMatch(/very short watch/);
  });

  it('fact 54: an ERROR 410 ends the watch; after the backoff it relists at the last RV with no limit, then watches from the new RV', () => {
    const { sim, api, reflector, requests, calls } = setup();
    api.create(CM, configMap('a'));
    reflector.start();
    sim.scheduler.runUntil(5000);
    const lastRv = reflector.lastSyncResourceVersion();
    api.create(CM, configMap('b'));
    api.faults.expireWatches();
    sim.scheduler.runUntil(5000 + 1600);
    expect(calls().slice(2)).toEqual([`list rv=${lastRv}`, `watch rv=${api.currentResourceVersion()}`]);
    const relistAfter = requests[2]!.at - 5000;
    expect(relistAfter).toBeGreaterThanOrEqual(800);
    expect(relistAfter).toBeLessThan(1600);
  });

  it('fact 54: a relist that itself gets 410 retries at once with RV "" (a quorum read)', () => {
    const { sim, api, reflector, calls } = setup();
    reflector.start();
    sim.scheduler.runUntil(5000);
    const lastRv = reflector.lastSyncResourceVersion();
    api.faults.injectError({ verb: 'list', resource: CM, code: 410, count: 1 });
    api.faults.expireWatches();
    sim.scheduler.runUntil(10_000);
    expect(calls().slice(2)).toEqual([`list rv=${lastRv}`, 'list rv= limit=500', `watch rv=${lastRv}`]);
  });

  it('fact 55: a 429 on opening the watch backs off and re-watches without relisting; other errors relist', () => {
    const { sim, api, reflector, calls } = setup();
    api.faults.injectError({ verb: 'watch', resource: CM, code: 429, count: 1 });
    reflector.start();
    sim.scheduler.runUntil(10);
    const rv = reflector.lastSyncResourceVersion();
    expect(calls()).toEqual(['list rv=0 limit=500', `watch rv=${rv}`]);
    expect(reflector.phase()).toBe('backoff');
    sim.scheduler.runUntil(2000);
    expect(calls().slice(2)).toEqual([`watch rv=${rv}`]);
    expect(reflector.phase()).toBe('watching');
    sim.scheduler.runUntil(5000);
    api.faults.injectError({ verb: 'watch', resource: CM, code: 500, count: 1 });
    api.faults.dropWatches(CM);
    sim.scheduler.runUntil(60_000);
    expect(calls().slice(3, 5)).toEqual([`watch rv=${rv}`, `list rv=${rv}`]);
  });

  it('a failed LIST retries after a growing backoff', () => {
    const { sim, api, reflector, requests } = setup();
    api.faults.injectError({ verb: 'list', resource: CM, code: 500, count: 2 });
    reflector.start();
    sim.scheduler.runUntil(10_000);
    const lists = requests.filter((r) => r.verb === 'list').map((r) => r.at);
    expect(lists).toHaveLength(3);
    expect(lists[1]! - lists[0]!).toBeGreaterThanOrEqual(800);
    expect(lists[2]! - lists[1]!).toBeGreaterThanOrEqual(1600);
    expect(reflector.stats().errors).toBe(2);
    expect(reflector.phase()).toBe('watching');
  });

  it('list latency from the server faults delays the LIST (and so the sync) by that much', () => {
    const { sim, api, log, reflector } = setup();
    api.faults.setLatency({ ms: 300, verb: 'list' });
    reflector.start();
    sim.scheduler.runUntil(299);
    expect(log).toEqual([]);
    sim.scheduler.runUntil(300);
    expect(log).toHaveLength(1);
  });

  it('stop() closes the watch and makes no more requests; relist() lists from RV "0" again', () => {
    const { sim, api, reflector, requests, calls } = setup();
    reflector.start();
    sim.scheduler.runUntil(10);
    reflector.relist();
    sim.scheduler.runUntil(20);
    const rv = reflector.lastSyncResourceVersion();
    expect(calls()).toEqual([
      'list rv=0 limit=500',
      `watch rv=${rv}`,
      'list rv=0 limit=500',
      `watch rv=${rv}`,
    ]);
    expect(api.openWatches()).toBe(1);
    reflector.stop();
    expect(api.openWatches()).toBe(0);
    sim.scheduler.runUntil(1_000_000);
    expect(requests).toHaveLength(4);
    expect(reflector.phase()).toBe('stopped');
  });
});
