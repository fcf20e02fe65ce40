import { describe, expect, it } from 'vitest';
import { configMap, newServer, record } from './testing.ts';
import { isApiError, type Status } from './types.ts';

function statusOf(fn: () => unknown): Status | undefined {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.status;
    throw e;
  }
  return undefined;
}

const faultEvents = (sim: { trace: { all(): readonly unknown[] } }) =>
  sim.trace.all().filter((e) => (e as { type: string }).type === 'fault') as {
    kind: string;
    target: string;
    detail?: string;
  }[];

describe('apiError fault', () => {
  it('fails the next N matching requests with the proper Status, then disarms; nothing changes', () => {
    const { sim, api } = newServer();
    api.faults.injectError({ verb: 'create', resource: 'configmaps', code: 500, count: 2 });
    const rv = api.currentResourceVersion();
    expect(statusOf(() => api.create('configmaps', configMap('a')))).toMatchObject({
      code: 500,
      reason: 'InternalError',
      message: 'Internal error occurred: injected fault',
    });
    expect(statusOf(() => api.create('configmaps', configMap('a')))?.code).toBe(500);
    expect(api.currentResourceVersion()).toBe(rv);
    expect(statusOf(() => api.create('configmaps', configMap('a')))).toBeUndefined();
    expect(faultEvents(sim).map((f) => `${f.kind} ${f.target} ${f.detail}`)).toEqual([
      'apiError create configmaps code=500 count=2',
      'apiError create configmaps default/a injected 500',
      'apiError create configmaps default/a injected 500',
    ]);
  });

  it('matches resources by any name kubectl accepts and leaves other verbs alone', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a'));
    api.faults.injectError({ verb: 'update', resource: 'cm', code: 409 });
    expect(statusOf(() => api.get('configmaps', 'default', 'a'))).toBeUndefined();
    expect(statusOf(() => api.update('configmaps', configMap('a')))).toMatchObject({
      reason: 'Conflict',
      code: 409,
    });
    expect(statusOf(() => api.update('configmaps', configMap('a')))?.code).toBe(409);
    api.faults.clearAll();
    expect(statusOf(() => api.update('configmaps', configMap('a')))).toBeUndefined();
  });

  it('a rate draws from the seeded RNG: the same seed fails the same requests', () => {
    const run = () => {
      const { api } = newServer({ seed: 11 });
      api.create('configmaps', configMap('a'));
      api.faults.injectError({ resource: 'configmaps', verb: 'get', code: 429, rate: 0.5 });
      return Array.from(
        { length: 20 },
        () => statusOf(() => api.get('configmaps', 'default', 'a'))?.code ?? 200,
      );
    };
    const a = run();
    expect(a).toEqual(run());
    expect(a).toContain(429);
    expect(a).toContain(200);
  });

  it('rejects bad fault specs', () => {
    const { api } = newServer();
    expect(() => api.faults.injectError({ code: 200 })).toThrow(/400-599/);
    expect(() => api.faults.injectError({ code: 500, rate: 2 })).toThrow(/between 0 and 1/);
    expect(() => api.faults.setWatchDrop({ rate: -1 })).toThrow(/between 0 and 1/);
  });
});

describe('apiLatency fault', () => {
  it('latencyFor returns ms ± jitter for matching calls and 0 otherwise', () => {
    const { api } = newServer();
    expect(api.faults.latencyFor('get', 'pods')).toBe(0);
    api.faults.setLatency({ ms: 200, jitterMs: 50 });
    const samples = Array.from({ length: 50 }, () => api.faults.latencyFor('get', 'pods'));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...samples)).toBeLessThanOrEqual(250);
    expect(new Set(samples).size).toBeGreaterThan(1);
    const h = api.faults.setLatency({ ms: 5, resource: 'configmaps' });
    expect(api.faults.latencyFor('list', 'configmaps')).toBe(5);
    h.clear();
    expect(api.faults.latencyFor('list', 'configmaps')).toBeGreaterThanOrEqual(150);
  });
});

describe('watch faults', () => {
  it('watchDrop silently drops events to matching watchers and traces each drop', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'configmaps', {
      resourceVersion: api.currentResourceVersion(),
      watcher: 'informer/cm',
    });
    api.faults.setWatchDrop({ resource: 'configmaps', rate: 1 });
    api.create('configmaps', configMap('a'));
    sim.scheduler.runUntil(1);
    expect(rec.events).toEqual([]);
    expect(faultEvents(sim).at(-1)).toMatchObject({
      kind: 'watchDrop',
      target: 'informer/cm',
      detail: 'ADDED default/a rv=1003',
    });
  });

  it('watchExpire: every watch gets ERROR 410 and closes; resuming from an old RV fails too', () => {
    const { sim, api } = newServer();
    api.create('configmaps', configMap('a'));
    const rec = record(api, 'configmaps', { resourceVersion: '0' });
    api.create('configmaps', configMap('b'));
    sim.scheduler.runUntil(1);
    api.faults.expireWatches();
    sim.scheduler.runUntil(2);
    expect(rec.lines()).toEqual(['ADDED a@1003', 'ADDED b@1004', 'ERROR 410']);
    expect(rec.closed).toEqual(['expired']);
    expect((rec.events[2]!.object as Status).message).toBe('too old resource version: 1004 (1004)');
    const old = record(api, 'configmaps', { resourceVersion: '1003' });
    const fresh = record(api, 'configmaps', { resourceVersion: api.currentResourceVersion() });
    sim.scheduler.runUntil(3);
    expect(old.lines()).toEqual(['ERROR 410']);
    expect((old.events[0]!.object as Status).message).toBe('too old resource version: 1003 (1004)');
    expect(fresh.closed).toEqual([]);
    api.create('configmaps', configMap('c'));
    sim.scheduler.runUntil(4);
    expect(fresh.lines()).toEqual(['ADDED c@1005']);
  });

  it('dropWatches ends streams with "dropped"', () => {
    const { api } = newServer();
    const rec = record(api, 'configmaps', {});
    const other = record(api, 'pods', {});
    api.faults.dropWatches('configmaps');
    expect(rec.closed).toEqual(['dropped']);
    expect(other.closed).toEqual([]);
  });
});
