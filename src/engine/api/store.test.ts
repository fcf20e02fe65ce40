import { describe, expect, it } from 'vitest';
import { createObjectStore } from './store.ts';
import type { KubeObject } from './types.ts';

const obj = (name: string, uid: string, owners: string[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    uid,
    ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o, uid: o })),
  },
});

describe('object store', () => {
  it('stamps consecutive resourceVersions and keeps a bounded history (watch_cache.go ring)', () => {
    const s = createObjectStore({ initialRv: 100, historySize: 2 });
    s.commit('configmaps', 'ADDED', 'a', obj('a', 'ua'));
    s.commit('configmaps', 'ADDED', 'b', obj('b', 'ub'));
    const e = s.commit('configmaps', 'ADDED', 'c', obj('c', 'uc'));
    expect(e.rv).toBe(103);
    expect(s.get('configmaps', 'c')!.metadata.resourceVersion).toBe('103');
    expect(s.oldestAvailableRv()).toBe(102);
    expect(s.eventsAfter(101).map((x) => x.key)).toEqual(['b', 'c']);
    expect(s.eventsAfter(102).map((x) => x.key)).toEqual(['c']);
  });

  it('DELETED keeps the last state, re-stamped with the deletion revision, and leaves the stored object alone', () => {
    const s = createObjectStore({ initialRv: 1, historySize: 10 });
    const a = obj('a', 'ua');
    s.commit('configmaps', 'ADDED', 'a', a);
    const d = s.commit('configmaps', 'DELETED', 'a', a, a);
    expect(d.obj.metadata.resourceVersion).toBe('3');
    expect(a.metadata.resourceVersion).toBe('2');
    expect(s.get('configmaps', 'a')).toBeUndefined();
    expect(s.byUid('ua')).toBeUndefined();
  });

  it('indexes dependents by owner uid and follows ownerReference changes', () => {
    const s = createObjectStore({ initialRv: 1, historySize: 10 });
    const p1 = obj('p', 'up', ['o1']);
    s.commit('configmaps', 'ADDED', 'p', p1);
    expect([...s.dependentsOf('o1')]).toEqual(['up']);
    const p2 = obj('p', 'up', ['o2']);
    s.commit('configmaps', 'MODIFIED', 'p', p2, p1);
    expect([...s.dependentsOf('o1')]).toEqual([]);
    expect([...s.dependentsOf('o2')]).toEqual(['up']);
  });

  it('keeps keys sorted as etcd lists them, and compaction empties the history', () => {
    const s = createObjectStore({ initialRv: 1, historySize: 10 });
    for (const k of ['ns/b', 'ns/a', 'a/z']) s.commit('configmaps', 'ADDED', k, obj(k, k));
    expect(s.sortedKeys('configmaps')).toEqual(['a/z', 'ns/a', 'ns/b']);
    s.compact();
    expect(s.eventsAfter(0)).toEqual([]);
    expect(s.oldestAvailableRv()).toBe(s.currentRv() + 1);
  });

  it('rejects bad sizes', () => {
    expect(() => createObjectStore({ initialRv: 1, historySize: 0 })).toThrow(/positive integer/);
  });
});
