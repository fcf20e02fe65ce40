/**
 * Strategic merge patch for the built-in kinds (apimachinery pkg/util/strategicpatch/patch.go), SIMPLIFIED:
 * instead of reading patchStrategy/patchMergeKey tags from Go types it uses a small table of the lists a learner
 * meets (containers and env by name, ports by containerPort, conditions by type, ...). Lists not in the table
 * are replaced whole, as SMP does for lists without a patch strategy. Directives are honoured and never stored:
 * `$patch: replace|delete|merge`, `$setElementOrder/<list>`, `$retainKeys`, `$deleteFromPrimitiveList/<list>`.
 * Simplification: `$setElementOrder` puts the listed elements first, in that order, then the others as they were
 * (upstream interleaves server-only elements by their old positions).
 */
import { cloneJson, isPlainObject } from './json.ts';

/** patchMergeKey of the built-in lists, by field name (k8s.io/api core/v1, apps/v1, meta/v1 types.go tags). */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  conditions: 'type',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  addresses: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Primitive lists with patchStrategy "merge": set union (metav1.ObjectMeta.Finalizers). */
const PRIMITIVE_MERGE_LISTS = new Set(['metadata.finalizers']);

/** A patch SMP cannot interpret; the apiserver answers 400 BadRequest (patch.go interpretStrategicMergePatchError). */
export class StrategicMergePatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategicMergePatchError';
  }
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

/** Copies a patch value for storage, dropping every `$` directive key and `$patch` list markers. */
export function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      if (isPlainObject(x) && DIRECTIVE in x && Object.keys(x).length === 1) continue;
      out.push(stripDirectives(x));
    }
    return out;
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) {
    if (k.startsWith('$')) continue;
    const x = v[k];
    if (x === null || x === undefined) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

const DELETE = Symbol('delete');

function keyOf(item: unknown, mergeKey: string): unknown {
  return isPlainObject(item) ? item[mergeKey] : undefined;
}

function reorder(list: unknown[], order: unknown[], keyFn: (x: unknown) => unknown): unknown[] {
  const rank = new Map<unknown, number>();
  order.forEach((o, i) => rank.set(keyFn(o) ?? o, i));
  const listed: unknown[] = [];
  const rest: unknown[] = [];
  for (const x of list) (rank.has(keyFn(x)) ? listed : rest).push(x);
  listed.sort((a, b) => rank.get(keyFn(a))! - rank.get(keyFn(b))!);
  return [...listed, ...rest];
}

function mergeList(orig: unknown[], patch: unknown[], mergeKey: string, path: string): unknown[] {
  if (patch.some((x) => isPlainObject(x) && x[DIRECTIVE] === 'replace')) {
    return stripDirectives(
      patch.filter((x) => !(isPlainObject(x) && x[DIRECTIVE] === 'replace')),
    ) as unknown[];
  }
  const out = orig.slice();
  for (const p of patch) {
    if (!isPlainObject(p))
      throw new StrategicMergePatchError(`${path}: list of maps expected, found ${JSON.stringify(p)}`);
    const key = p[mergeKey];
    if (key === undefined) {
      throw new StrategicMergePatchError(
        `map: ${JSON.stringify(p)} does not contain declared merge key: ${mergeKey}`,
      );
    }
    const idx = out.findIndex((o) => keyOf(o, mergeKey) === key);
    if (p[DIRECTIVE] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(out[idx], p, path);
      if (merged === DELETE) out.splice(idx, 1);
      else out[idx] = merged;
    } else out.push(stripDirectives(p));
  }
  return out;
}

function mergeMap(
  orig: unknown,
  patch: Record<string, unknown>,
  path: string,
): Record<string, unknown> | typeof DELETE {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return DELETE;
  if (directive === 'replace') return stripDirectives(patch) as Record<string, unknown>;
  if (directive !== undefined && directive !== 'merge') {
    throw new StrategicMergePatchError(
      `unknown patch type: ${JSON.stringify(directive)} in map: ${path || '<root>'}`,
    );
  }
  const out: Record<string, unknown> = isPlainObject(orig) ? orig : {};
  const orders: [string, unknown[]][] = [];
  const deletions: [string, unknown[]][] = [];
  for (const k in patch) {
    const v = patch[k];
    if (v === undefined) continue;
    if (k.startsWith(SET_ORDER)) {
      if (!Array.isArray(v)) throw new StrategicMergePatchError('invalid type for $setElementOrder list');
      orders.push([k.slice(SET_ORDER.length), v]);
      continue;
    }
    if (k.startsWith(DELETE_PRIMITIVE)) {
      if (!Array.isArray(v)) throw new StrategicMergePatchError('invalid type for $deleteFromPrimitiveList');
      deletions.push([k.slice(DELETE_PRIMITIVE.length), v]);
      continue;
    }
    if (k.startsWith('$')) continue;
    const childPath = path ? `${path}.${k}` : k;
    if (v === null) {
      delete out[k];
    } else if (isPlainObject(v)) {
      const merged = mergeMap(out[k], v, childPath);
      if (merged === DELETE) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      const cur = Array.isArray(out[k]) ? (out[k] as unknown[]) : [];
      const mergeKey = MERGE_KEYS[k];
      if (PRIMITIVE_MERGE_LISTS.has(childPath)) {
        const seen = new Set(cur);
        out[k] = [...cur, ...v.filter((x) => !seen.has(x) && !(isPlainObject(x) && DIRECTIVE in x))];
      } else if (mergeKey && v.every((x) => isPlainObject(x))) {
        out[k] = mergeList(cur, v, mergeKey, childPath);
      } else {
        out[k] = stripDirectives(v);
      }
    } else {
      out[k] = v;
    }
  }
  for (const [k, values] of deletions) {
    const cur = out[k];
    if (Array.isArray(cur)) out[k] = cur.filter((x) => !values.includes(x));
  }
  for (const [k, order] of orders) {
    const cur = out[k];
    if (!Array.isArray(cur)) continue;
    const mergeKey = MERGE_KEYS[k];
    out[k] = reorder(cur, order, mergeKey ? (x) => keyOf(x, mergeKey) ?? x : (x) => x);
  }
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new StrategicMergePatchError('invalid type for $retainKeys');
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

/** Applies a strategic merge patch to a copy of doc (a built-in object) and returns it. */
export function applyStrategicMergePatch<T extends object>(doc: T, patch: unknown): T {
  if (!isPlainObject(patch)) throw new StrategicMergePatchError('Invalid JSON document');
  const merged = mergeMap(cloneJson(doc), patch, '');
  if (merged === DELETE)
    throw new StrategicMergePatchError('a strategic merge patch cannot delete the whole object');
  return merged as T;
}
