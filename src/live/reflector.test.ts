import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/api/types.ts';
import { createFakeFetch, settle, type Stream } from './fake-fetch.ts';
import { createReflector, resourcePath, type ResourceRef } from './reflector.ts';

const PODS: ResourceRef = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const pod = (name: string, rv: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: rv },
});
const list = (rv: string, items: KubeObject[], cont?: string) => ({
  status: 200,
  json: {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
    items,
  },
});
const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;

function setup(lists: (url: URL) => ReturnType<typeof list> | { status: number; json: unknown }) {
  const ff = createFakeFetch();
  const streams: Stream[] = [];
  const watchUrls: URL[] = [];
  let watchAnswer: (url: URL) => { status: number; json: unknown } | undefined = () => undefined;
  ff.route((url) => {
    if (url.pathname !== '/api/v1/pods') return undefined;
    if (url.searchParams.get('watch') !== 'true') return lists(url);
    watchUrls.push(url);
    return watchAnswer(url) ?? { status: 200, stream: (s) => streams.push(s) };
  });
  const sleeps: number[] = [];
  const r = createReflector({
    base: '/',
    resource: PODS,
    fetch: ff.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { ff, r, streams, watchUrls, sleeps, setWatchAnswer: (f: typeof watchAnswer) => (watchAnswer = f) };
}

describe('reflector over HTTP (client-go tools/cache/reflector.go ListAndWatch)', () => {
  it('builds core and group paths', () => {
    expect(resourcePath('/', PODS)).toBe('/api/v1/pods');
    expect(
      resourcePath('/k8s/', { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet' }),
    ).toBe('/k8s/apis/apps/v1/replicasets');
  });

  it('lists page by page, then watches from the list resourceVersion with bookmarks', async () => {
    const { r, streams, watchUrls } = setup((url) =>
      url.searchParams.get('continue') === 'c1'
        ? list('10', [pod('b', '9')])
        : list('10', [pod('a', '8')], 'c1'),
    );
    r.start();
    await r.synced();
    await settle();
    expect(r.objects().map((o) => o.metadata.name)).toEqual(['a', 'b']);
    const w = watchUrls[0]!;
    expect(w.searchParams.get('resourceVersion')).toBe('10');
    expect(w.searchParams.get('allowWatchBookmarks')).toBe('true');
    // reflector.go: timeoutSeconds = minWatchTimeout (5 min) × (1 + rand)
    expect(w.searchParams.get('timeoutSeconds')).toBe('450');
    streams[0]!.push(line('ADDED', pod('c', '11')) + line('DELETED', pod('a', '12')));
    streams[0]!.push(line('BOOKMARK', { kind: 'Pod', metadata: { resourceVersion: '13' } }));
    await settle();
    expect(r.objects().map((o) => o.metadata.name)).toEqual(['b', 'c']);
    const s = r.snapshot();
    expect(s.resourceVersion).toBe('13');
    expect(s.counts).toMatchObject({ ADDED: 1, DELETED: 1, BOOKMARK: 1, lists: 1, watches: 1, failures: 0 });
    r.stop();
  });

  it('a watch that ends is re-opened from the last resourceVersion, without a relist', async () => {
    const { r, streams, watchUrls } = setup(() => list('10', [pod('a', '8')]));
    r.start();
    await settle();
    streams[0]!.push(line('MODIFIED', pod('a', '20')));
    streams[0]!.close();
    await settle();
    expect(watchUrls.map((u) => u.searchParams.get('resourceVersion'))).toEqual(['10', '20']);
    expect(r.snapshot().counts.lists).toBe(1);
    r.stop();
  });

  it('an ERROR 410 event makes it relist and replace the cache (objects deleted meanwhile disappear)', async () => {
    let lists = 0;
    const { r, streams, watchUrls } = setup(() =>
      ++lists === 1 ? list('10', [pod('a', '8'), pod('b', '9')]) : list('30', [pod('b', '25')]),
    );
    r.start();
    await settle();
    streams[0]!.push(line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' }));
    await settle();
    expect(r.objects().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)).toEqual(['b@25']);
    expect(r.snapshot().counts).toMatchObject({ expired: 1, lists: 2, ERROR: 1, failures: 0 });
    expect(watchUrls.at(-1)!.searchParams.get('resourceVersion')).toBe('30');
    expect(streams[0]!.cancelled).toBe(true);
    r.stop();
  });

  it('a 410 answer to the watch request also relists', async () => {
    let lists = 0;
    const { r, setWatchAnswer, watchUrls } = setup(() => list(String(++lists * 10), []));
    let watches = 0;
    setWatchAnswer(() =>
      ++watches === 1 ? { status: 410, json: { code: 410, reason: 'Expired' } } : undefined,
    );
    r.start();
    await settle();
    expect(r.snapshot().counts).toMatchObject({ expired: 1, lists: 2, failures: 0 });
    expect(watchUrls.map((u) => u.searchParams.get('resourceVersion'))).toEqual(['10', '20']);
    r.stop();
  });

  it('other failures back off exponentially from 800 ms and list again', async () => {
    let n = 0;
    const { r, sleeps } = setup(() =>
      ++n <= 3 ? { status: 500, json: { code: 500, message: 'etcd is down' } } : list('5', [pod('a', '5')]),
    );
    r.start();
    await r.synced();
    expect(sleeps).toEqual([800, 1600, 3200]);
    expect(r.snapshot().counts.failures).toBe(3);
    expect(r.objects()).toHaveLength(1);
    r.stop();
    expect(r.snapshot().state).toBe('stopped');
  });

  it('a garbage line counts as a failure and leads to a relist', async () => {
    let lists = 0;
    const { r, streams } = setup(() => list(String(++lists), [pod('a', '1')]));
    r.start();
    await settle();
    streams[0]!.push('<html>\n');
    await settle();
    const s = r.snapshot();
    expect(s.counts.failures).toBe(1);
    expect(s.lastError).toMatch(/not JSON/);
    expect(s.counts.lists).toBe(2);
    r.stop();
  });
});
