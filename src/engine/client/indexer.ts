/**
 * The informer cache: objects keyed "namespace/name" (client-go tools/cache ObjectName.String) with secondary
 * indexes (tools/cache thread_safe_store.go). The "namespace" index is always there, as controller-runtime
 * installs it (pkg/cache/internal/informers.go, cache.NamespaceIndex).
 */
import type { KubeObject } from '../api/types.ts';

/** Index values an object is filed under, e.g. its owner's name. */
export type IndexFunc = (obj: KubeObject) => string[];

export const NAMESPACE_INDEX = 'namespace';

/** client-go tools/cache MetaNamespaceIndexFunc: [namespace], "" for cluster-scoped objects. */
export const metaNamespaceIndexFunc: IndexFunc = (obj) => [obj.metadata.namespace ?? ''];

export interface Indexer {
  get(key: string): KubeObject | undefined;
  /** Every object, in the order keys were first stored. */
  list(): KubeObject[];
  keys(): string[];
  readonly size: number;
  /** Stores obj under key, updating every index; returns the object it replaced. */
  set(key: string, obj: KubeObject): KubeObject | undefined;
  /** Removes key; returns the object it held. */
  delete(key: string): KubeObject | undefined;
  /** Adds indexes and files every stored object under them. Throws if a name is taken, changing nothing. */
  addIndexers(indexers: Record<string, IndexFunc>): void;
  hasIndex(name: string): boolean;
  /** Objects filed under value in the named index. Throws for an unknown index. */
  byIndex(name: string, value: string): KubeObject[];
  /** Keys filed under value in the named index. */
  indexKeys(name: string, value: string): string[];
  /** Values the named index currently holds. */
  indexValues(name: string): string[];
}

export function createIndexer(): Indexer {
  const items = new Map<string, KubeObject>();
  const funcs = new Map<string, IndexFunc>([[NAMESPACE_INDEX, metaNamespaceIndexFunc]]);
  // value → (key → object): byIndex hands out the objects without a second lookup per key.
  const indices = new Map<string, Map<string, Map<string, KubeObject>>>([[NAMESPACE_INDEX, new Map()]]);

  const file = (name: string, fn: IndexFunc, key: string, obj: KubeObject) => {
    const index = indices.get(name)!;
    for (const v of fn(obj)) {
      let set = index.get(v);
      if (!set) index.set(v, (set = new Map()));
      set.set(key, obj);
    }
  };

  const unfile = (name: string, fn: IndexFunc, key: string, obj: KubeObject) => {
    const index = indices.get(name)!;
    for (const v of fn(obj)) {
      const set = index.get(v);
      if (!set) continue;
      set.delete(key);
      if (set.size === 0) index.delete(v);
    }
  };

  const indexOf = (name: string) => {
    const index = indices.get(name);
    if (!index) throw new Error(`index "${name}" does not exist`);
    return index;
  };

  return {
    get: (key) => items.get(key),
    list: () => [...items.values()],
    keys: () => [...items.keys()],
    get size() {
      return items.size;
    },
    set(key, obj) {
      const old = items.get(key);
      for (const [name, fn] of funcs) {
        if (old) unfile(name, fn, key, old);
        file(name, fn, key, obj);
      }
      items.set(key, obj);
      return old;
    },
    delete(key) {
      const old = items.get(key);
      if (!old) return undefined;
      for (const [name, fn] of funcs) unfile(name, fn, key, old);
      items.delete(key);
      return old;
    },
    addIndexers(indexers) {
      const names = Object.keys(indexers);
      for (const name of names) {
        if (funcs.has(name)) throw new Error(`indexer conflict: index "${name}" already exists`);
        if (typeof indexers[name] !== 'function') throw new Error(`index "${name}" needs an index function`);
      }
      // File everything into fresh indexes first, so a throwing index function leaves the indexer as it was.
      const built = new Map<string, Map<string, Map<string, KubeObject>>>();
      for (const name of names) {
        const fn = indexers[name]!;
        const index = new Map<string, Map<string, KubeObject>>();
        for (const [key, obj] of items) {
          for (const v of fn(obj)) {
            let set = index.get(v);
            if (!set) index.set(v, (set = new Map()));
            set.set(key, obj);
          }
        }
        built.set(name, index);
      }
      for (const name of names) {
        funcs.set(name, indexers[name]!);
        indices.set(name, built.get(name)!);
      }
    },
    hasIndex: (name) => funcs.has(name),
    byIndex(name, value) {
      const set = indexOf(name).get(value);
      return set ? [...set.values()] : [];
    },
    indexKeys: (name, value) => [...(indexOf(name).get(value)?.keys() ?? [])],
    indexValues: (name) => [...indexOf(name).keys()],
  };
}
