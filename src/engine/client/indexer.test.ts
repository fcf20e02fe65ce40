import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createIndexer, NAMESPACE_INDEX } from './indexer.ts';

const pod = (ns: string | undefined, name: string, node?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name },
  spec: node ? { nodeName: node } : {},
});

const byNode = { byNode: (o: KubeObject) => (o.spec?.nodeName ? [String(o.spec.nodeName)] : []) };

describe('indexer (client-go tools/cache thread_safe_store.go)', () => {
  it('keeps the namespace index (controller-runtime installs cache.NamespaceIndex) up to date on set and delete', () => {
    const ix = createIndexer();
    ix.set('a/p1', pod('a', 'p1'));
    ix.set('b/p2', pod('b', 'p2'));
    ix.set('n1', pod(undefined, 'n1'));
    expect(ix.byIndex(NAMESPACE_INDEX, 'a').map((o) => o.metadata.name)).toEqual(['p1']);
    expect(ix.indexKeys(NAMESPACE_INDEX, '')).toEqual(['n1']);
    ix.delete('a/p1');
    expect(ix.byIndex(NAMESPACE_INDEX, 'a')).toEqual([]);
    expect(ix.indexValues(NAMESPACE_INDEX)).toEqual(['b', '']);
    expect(ix.size).toBe(2);
  });

  it('files existing objects under an index added later and refiles them when they change', () => {
    const ix = createIndexer();
    ix.set('a/p1', pod('a', 'p1', 'n1'));
    ix.set('a/p2', pod('a', 'p2'));
    ix.addIndexers(byNode);
    expect(ix.indexKeys('byNode', 'n1')).toEqual(['a/p1']);
    ix.set('a/p2', pod('a', 'p2', 'n1'));
    ix.set('a/p1', pod('a', 'p1', 'n2'));
    expect(ix.indexKeys('byNode', 'n1')).toEqual(['a/p2']);
    expect(ix.indexKeys('byNode', 'n2')).toEqual(['a/p1']);
  });

  it('rejects a duplicate index or a throwing index function without changing anything', () => {
    const ix = createIndexer();
    ix.set('a/p1', pod('a', 'p1'));
    expect(() => ix.addIndexers({ [NAMESPACE_INDEX]: () => [] })).toThrow(/conflict/);
    expect(() =>
      ix.addIndexers({
        good: () => ['x'],
        bad: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow(/boom/);
    expect(ix.hasIndex('good')).toBe(false);
    expect(() => ix.byIndex('missing', 'x')).toThrow(/does not exist/);
  });
});
