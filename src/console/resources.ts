/**
 * Resource types as kubectl names them, resolved through the engine's registry (plural, singular, short
 * name, kind, optionally group-qualified, as kubectl's RESTMapper does), and objects read from the store.
 * Reads use peek rather than get/list: a console read must not write trace events or draw from the seeded
 * RNG (a rate-based API fault does), or a replay of the recorded actions would no longer match the run.
 */
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { resourceIdOf } from '../engine/api/resource.ts';
import { getPath } from '../engine/api/json-path.ts';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../engine/api/selectors.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { CommandError, type ConsoleTarget } from './types.ts';

type Registry = ConsoleTarget['api']['registry'];

/** One type, or the types of a category ("all", "cluster-api"), as `kubectl get` expands it. */
export function resolveTypes(registry: Registry, name: string): ResourceDefinition[] {
  const def = registry.byName(name);
  if (def) return [def];
  const lower = name.toLowerCase();
  const inCategory = registry.all().filter((d) => d.categories?.includes(lower));
  if (inCategory.length > 0) return inCategory;
  throw new CommandError(`error: the server doesn't have a resource type ${JSON.stringify(name)}`);
}

export function resolveType(registry: Registry, name: string): ResourceDefinition {
  const def = registry.byName(name);
  if (!def) throw new CommandError(`error: the server doesn't have a resource type ${JSON.stringify(name)}`);
  return def;
}

/** "replicaset.apps", "pod": how kubectl prefixes names (`-o name`, `created`, `scaled`). */
export const kindGroup = (def: ResourceDefinition): string =>
  def.group ? `${def.kind.toLowerCase()}.${def.group}` : def.kind.toLowerCase();

/** "replicasets.apps", "pods": the GroupResource in the server's messages. */
export const groupResource = (def: ResourceDefinition): string => resourceIdOf(def);

/** "/v1, Resource=pods", "apps/v1, Resource=replicasets": schema.GroupVersionResource.String. */
export const gvrString = (def: ResourceDefinition): string =>
  `${def.group}/${def.versions[0] ?? 'v1'}, Resource=${def.plural}`;

/** errors.go NewNotFound's message, as kubectl prints it. */
export const notFoundMessage = (def: ResourceDefinition, name: string): string =>
  `Error from server (NotFound): ${groupResource(def)} ${JSON.stringify(name)} not found`;

export interface Query {
  /** undefined: every namespace. Ignored for cluster-scoped types. */
  namespace: string | undefined;
  labelSelector?: string;
  fieldSelector?: string;
}

const byKey = (a: KubeObject, b: KubeObject): number => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** A predicate for the query; throws kubectl's BadRequest wording for a bad selector. */
export function matcher(def: ResourceDefinition, q: Query): (obj: KubeObject) => boolean {
  try {
    const labels = q.labelSelector ? parseLabelSelector(q.labelSelector) : undefined;
    const fields = q.fieldSelector ? parseFieldSelector(q.fieldSelector) : undefined;
    const allowed = new Set(['metadata.name', 'metadata.namespace', ...(def.selectableFields ?? [])]);
    for (const t of fields?.terms ?? []) {
      if (!allowed.has(t.field)) throw new SelectorError(`field label not supported: ${t.field}`);
    }
    const namespace = def.scope === 'Namespaced' ? q.namespace : undefined;
    return (obj) => {
      if (namespace !== undefined && obj.metadata.namespace !== namespace) return false;
      if (labels && !matchesLabels(labels, obj.metadata.labels)) return false;
      if (fields && !matchesFields(fields, (f) => String(getPath(obj, `.${f}`) ?? ''))) return false;
      return true;
    };
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    throw new CommandError(
      `Error from server (BadRequest): Unable to find ${JSON.stringify(gvrString(def))} that match label selector ${JSON.stringify(q.labelSelector ?? '')}, field selector ${JSON.stringify(q.fieldSelector ?? '')}: ${e.message}`,
    );
  }
}

/** The stored objects the query selects, in the API server's list order (namespace/name). */
export function listObjects(target: ConsoleTarget, def: ResourceDefinition, q: Query): KubeObject[] {
  const match = matcher(def, q);
  const out: KubeObject[] = [];
  for (const obj of target.api.peek(resourceIdOf(def))) if (match(obj)) out.push(obj);
  return out.sort(byKey);
}

export function findObject(
  target: ConsoleTarget,
  def: ResourceDefinition,
  namespace: string,
  name: string,
): KubeObject | undefined {
  const ns = def.scope === 'Namespaced' ? namespace : undefined;
  for (const obj of target.api.peek(resourceIdOf(def))) {
    if (obj.metadata.name === name && (ns === undefined || obj.metadata.namespace === ns)) return obj;
  }
  return undefined;
}
