import { describe, expect, it } from 'vitest';
import { createFakeFetch, settle, type Stream } from './fake-fetch.ts';
import { createRemoteSource, watchPlan } from './remote-source.ts';
import { createTraceFollower, parseTraceLine, pushBounded } from './trace-follower.ts';

describe('remote source', () => {
  it('runs one reflector per discovered resource and publishes their caches by kind', async () => {
    const ff = createFakeFetch();
    const streams: Stream[] = [];
    ff.route((u) =>
      u.pathname === '/api/v1'
        ? { status: 200, json: { resources: [{ name: 'pods', kind: 'Pod' }] } }
        : u.pathname === '/apis'
          ? { status: 200, json: { groups: [] } }
          : undefined,
    );
    ff.route((u) => {
      if (u.pathname !== '/api/v1/pods') return undefined;
      if (u.searchParams.get('watch')) return { status: 200, stream: (s) => streams.push(s) };
      return {
        status: 200,
        json: {
          metadata: { resourceVersion: '3' },
          items: [{ kind: 'Pod', metadata: { name: 'p', namespace: 'd' } }],
        },
      };
    });
    const source = createRemoteSource({ base: '/', fetch: ff.fetch, sleep: async () => {} });
    let changes = 0;
    source.subscribe(() => changes++);
    source.start();
    await source.synced();
    await settle();
    expect(source.snapshot().byKind.Pod?.map((p) => p.metadata.name)).toEqual(['p']);
    streams[0]!.push(
      `${JSON.stringify({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'q', namespace: 'd', resourceVersion: '4' } } })}\n`,
    );
    await settle();
    const snap = source.snapshot();
    expect(snap.state).toBe('running');
    expect(snap.byKind.Pod).toHaveLength(2);
    expect(snap.watchEvents).toBe(1);
    expect(changes).toBeGreaterThan(1);
    expect(source.snapshot()).toBe(snap);
    source.stop();
  });

  it('reports a discovery failure and retries', async () => {
    const ff = createFakeFetch();
    const source = createRemoteSource({ base: '/', fetch: ff.fetch, sleep: () => new Promise(() => {}) });
    source.start();
    await settle();
    expect(source.snapshot()).toMatchObject({
      state: 'backoff',
      error: expect.stringMatching(/api\/v1 answered 404/),
    });
    source.stop();
  });
});

describe('trace follower', () => {
  it('keeps the newest events in a bounded ring and counts dropped ones', async () => {
    const ff = createFakeFetch();
    ff.route((u) =>
      u.pathname === '/reconcile-lab/trace'
        ? {
            status: 200,
            stream: (s) => {
              const lines = [1, 2, 3, 4, 5].map((i) =>
                JSON.stringify({ seq: i, t: i * 10, type: 'queue.done' }),
              );
              s.push(`${lines.join('\n')}\n{"type":"trace.dropped","count":7}\nnot json\n`);
            },
          }
        : undefined,
    );
    const f = createTraceFollower({ base: '/', fetch: ff.fetch, keep: 3 });
    f.start();
    await settle();
    const s = f.snapshot();
    expect(s.recent.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(s.dropped).toBe(7);
    expect(s.received).toBe(5);
    expect(ff.urls[0]).toBe('/reconcile-lab/trace?recent=1');
    f.stop();
  });

  it('pushBounded and parseTraceLine', () => {
    expect(pushBounded([1, 2], [3, 4], 3)).toEqual([2, 3, 4]);
    expect(parseTraceLine('{"type":"x"}')).toBeUndefined();
    expect(parseTraceLine('{"type":"trace.dropped","count":2}')).toEqual({ type: 'trace.dropped', count: 2 });
  });
});

describe('watch budget (a browser holds at most 6 HTTP/1.1 connections per origin)', () => {
  it('watches resources with objects first, then the empty ones, in order', () => {
    expect([...watchPlan([false, true, false, true, true], 2)]).toEqual([1, 3]);
    expect([...watchPlan([false, true, false], 2)].sort()).toEqual([0, 1]);
    expect(watchPlan([true], 0).size).toBe(0);
  });

  it('polls the resources beyond the budget instead of watching them', async () => {
    const ff = createFakeFetch();
    ff.route((u) =>
      u.pathname === '/api/v1'
        ? {
            status: 200,
            json: {
              resources: [
                { name: 'nodes', kind: 'Node' },
                { name: 'pods', kind: 'Pod' },
              ],
            },
          }
        : u.pathname === '/apis'
          ? { status: 200, json: { groups: [] } }
          : undefined,
    );
    ff.route((u) => {
      if (u.searchParams.get('watch')) return { status: 200, stream: () => {} };
      const items = u.pathname.endsWith('/pods') ? [{ kind: 'Pod', metadata: { name: 'p' } }] : [];
      return { status: 200, json: { metadata: { resourceVersion: '1' }, items } };
    });
    const source = createRemoteSource({
      base: '/',
      fetch: ff.fetch,
      sleep: () => new Promise(() => {}),
      maxWatches: 1,
    });
    source.start();
    await source.synced();
    await settle();
    const states = Object.fromEntries(source.snapshot().resources.map((r) => [r.resource.plural, r.state]));
    expect(states).toEqual({ nodes: 'polling', pods: 'watching' });
    expect(ff.urls.filter((u) => u.includes('watch=true')).every((u) => u.startsWith('/api/v1/pods'))).toBe(
      true,
    );
    source.stop();
  });
});
