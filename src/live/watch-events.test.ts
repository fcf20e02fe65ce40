import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/api/types.ts';
import { applyWatchEvent, objectKey, parseWatchLine } from './watch-events.ts';

const pod = (name: string, rv: string, ns = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, resourceVersion: rv },
});

describe('watch events applied to a cache (client-go tools/cache/reflector.go handleWatch)', () => {
  it('ADDED and MODIFIED store, DELETED removes, each moving the resourceVersion', () => {
    const cache = new Map<string, KubeObject>();
    expect(applyWatchEvent(cache, { type: 'ADDED', object: pod('a', '5') })).toEqual({
      kind: 'applied',
      type: 'ADDED',
      rv: '5',
    });
    applyWatchEvent(cache, { type: 'MODIFIED', object: { ...pod('a', '6'), spec: { x: 1 } } });
    expect(cache.get('default/a')?.spec).toEqual({ x: 1 });
    expect(applyWatchEvent(cache, { type: 'DELETED', object: pod('a', '7') })).toMatchObject({ rv: '7' });
    expect(cache.size).toBe(0);
  });

  it('a BOOKMARK moves the resourceVersion and leaves the cache alone', () => {
    const cache = new Map([['default/a', pod('a', '1')]]);
    const r = applyWatchEvent(cache, {
      type: 'BOOKMARK',
      object: { kind: 'Pod', metadata: { resourceVersion: '9' } },
    });
    expect(r).toEqual({ kind: 'bookmark', rv: '9' });
    expect([...cache.keys()]).toEqual(['default/a']);
  });

  it('an ERROR with a 410 Status asks for a relist; another ERROR is an error', () => {
    const cache = new Map<string, KubeObject>();
    const gone = {
      kind: 'Status',
      status: 'Failure',
      code: 410,
      reason: 'Expired',
      message: 'too old resource version',
    };
    expect(applyWatchEvent(cache, { type: 'ERROR', object: gone })).toEqual({
      kind: 'expired',
      message: 'too old resource version',
    });
    expect(applyWatchEvent(cache, { type: 'ERROR', object: { code: 500, message: 'boom' } })).toEqual({
      kind: 'error',
      message: 'boom',
    });
  });

  it('keys namespaced objects by namespace/name and cluster-scoped ones by name (MetaNamespaceKeyFunc)', () => {
    expect(objectKey(pod('a', '1', 'kube-system'))).toBe('kube-system/a');
    expect(objectKey({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } })).toBe('n1');
  });

  it('parseWatchLine rejects what is not a watch event', () => {
    expect(parseWatchLine('{"type":"ADDED","object":{}}').type).toBe('ADDED');
    expect(() => parseWatchLine('nope')).toThrow(/not JSON/);
    expect(() => parseWatchLine('{"type":"SYNC"}')).toThrow(/unknown watch event type/);
  });
});
