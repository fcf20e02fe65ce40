/**
 * Resolving an action's target (DESIGN.md §2): by name, or by kind + label selector + pick, where "first"
 * is the first by namespace/name and "random" draws from the run's seeded RNG.
 *
 * Objects that are already deleting (deletionTimestamp set) are skipped by selectors unless the caller asks
 * for them: a `delete`/`scale`/fault with `pick` means "one of the live ones", while `patch` matches like
 * `kubectl patch/annotate -l`, which does not filter terminating objects (the way to release a deletion hook
 * or a finalizer). A target by name always finds the object, deleting or not.
 */
import type { ApiServer } from '../api/api.ts';
import type { ResourceDefinition } from '../api/resource.ts';
import { resourceIdOf } from '../api/resource.ts';
import type { KubeObject } from '../api/types.ts';
import type { Rng } from '../sim/rng.ts';
import type { TargetRef } from './world-types.ts';

export function definitionForKind(api: ApiServer, kind: string | undefined): ResourceDefinition {
  if (!kind) throw new Error('target: kind is required');
  const def = api.registry.byKindName(kind) ?? api.registry.byName(kind);
  if (!def) throw new Error(`target: unknown kind "${kind}"`);
  return def;
}

const byNamespacedName = (a: KubeObject, b: KubeObject) => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export interface TargetOptions {
  /** Let a selector match objects that have a deletionTimestamp (default false; names always match). */
  includeDeleting?: boolean;
}

/** Every object the target names, sorted by namespace/name. Throws a clear error when none match. */
export function resolveTargets(
  api: ApiServer,
  target: TargetRef,
  options: TargetOptions = {},
): { def: ResourceDefinition; objects: KubeObject[] } {
  const def = definitionForKind(api, target.kind);
  const id = resourceIdOf(def);
  const namespace =
    def.scope === 'Namespaced' ? (target.namespace ?? (target.name ? 'default' : undefined)) : undefined;
  let objects: KubeObject[] = [];
  for (const obj of api.peek(id)) {
    if (obj.metadata.deletionTimestamp && !target.name && !options.includeDeleting) continue;
    if (namespace !== undefined && obj.metadata.namespace !== namespace) continue;
    if (target.name !== undefined && obj.metadata.name !== target.name) continue;
    if (target.selector) {
      const labels = obj.metadata.labels ?? {};
      if (!Object.entries(target.selector).every(([k, v]) => labels[k] === v)) continue;
    }
    objects.push(obj);
  }
  objects = objects.sort(byNamespacedName);
  if (objects.length === 0) {
    const what = target.name
      ? `${def.kind} "${target.name}"`
      : `${options.includeDeleting ? '' : 'live (not deleting) '}${def.kind} matching ${JSON.stringify(target.selector ?? {})}`;
    throw new Error(`target: no ${what}${namespace ? ` in namespace "${namespace}"` : ''}`);
  }
  return { def, objects };
}

/** One object: the named one, or the pick among the matches. */
export function pickTarget(
  api: ApiServer,
  rng: Rng,
  target: TargetRef,
  options: TargetOptions = {},
): { def: ResourceDefinition; object: KubeObject } {
  const { def, objects } = resolveTargets(api, target, options);
  const object = target.pick === 'random' ? rng.pick(objects)! : objects[0]!;
  return { def, object };
}
