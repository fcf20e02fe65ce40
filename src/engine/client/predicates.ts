/**
 * controller-runtime predicates (pkg/predicate/predicate.go): filters that run before an event handler, where any
 * false drops the event. A missing function lets the event through, as TypedFuncs does.
 */
import type { CreateEvent, DeleteEvent, GenericEvent, UpdateEvent } from './events.ts';

export interface Predicate {
  /** Shown in the UI when it drops an event. */
  readonly name: string;
  create?(e: CreateEvent): boolean;
  update?(e: UpdateEvent): boolean;
  delete?(e: DeleteEvent): boolean;
  generic?(e: GenericEvent): boolean;
}

/** predicate.Funcs: only the functions given filter; the others pass everything. */
export function funcsPredicate(fns: Omit<Predicate, 'name'> & { name?: string }): Predicate {
  return { ...fns, name: fns.name ?? 'Funcs' };
}

/**
 * Update passes only when metadata.generation changed, so status-only writes and resyncs are dropped; create,
 * delete and generic pass. predicate.go TypedGenerationChangedPredicate.Update.
 */
export function generationChangedPredicate(): Predicate {
  return {
    name: 'GenerationChanged',
    update: (e) =>
      e.objectOld !== undefined &&
      e.objectNew !== undefined &&
      e.objectNew.metadata.generation !== e.objectOld.metadata.generation,
  };
}

/** Update passes only when resourceVersion changed, which drops resyncs. predicate.go TypedResourceVersionChangedPredicate.Update. */
export function resourceVersionChangedPredicate(): Predicate {
  return {
    name: 'ResourceVersionChanged',
    update: (e) =>
      e.objectOld !== undefined &&
      e.objectNew !== undefined &&
      e.objectNew.metadata.resourceVersion !== e.objectOld.metadata.resourceVersion,
  };
}

// reflect.DeepEqual on two map[string]string: a nil map and an empty one differ.
function sameStringMap(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
  return true;
}

/** Update passes only when labels changed. predicate.go TypedLabelChangedPredicate.Update. */
export function labelChangedPredicate(): Predicate {
  return {
    name: 'LabelChanged',
    update: (e) =>
      e.objectOld !== undefined &&
      e.objectNew !== undefined &&
      !sameStringMap(e.objectOld.metadata.labels, e.objectNew.metadata.labels),
  };
}

/** Update passes only when annotations changed. predicate.go TypedAnnotationChangedPredicate.Update. */
export function annotationChangedPredicate(): Predicate {
  return {
    name: 'AnnotationChanged',
    update: (e) =>
      e.objectOld !== undefined &&
      e.objectNew !== undefined &&
      !sameStringMap(e.objectOld.metadata.annotations, e.objectNew.metadata.annotations),
  };
}

type Kind = 'create' | 'update' | 'delete' | 'generic';
type EventOf<K extends Kind> = K extends 'create'
  ? CreateEvent
  : K extends 'update'
    ? UpdateEvent
    : K extends 'delete'
      ? DeleteEvent
      : GenericEvent;

/** Runs one predicate on one event; a predicate without that function lets it through. */
export function passes<K extends Kind>(p: Predicate, kind: K, e: EventOf<K>): boolean {
  const fn = p[kind] as ((e: EventOf<K>) => boolean) | undefined;
  return fn === undefined ? true : fn.call(p, e);
}

/** The first predicate that drops the event, or undefined when all pass. */
export function firstRejecting<K extends Kind>(
  predicates: readonly Predicate[],
  kind: K,
  e: EventOf<K>,
): Predicate | undefined {
  for (const p of predicates) if (!passes(p, kind, e)) return p;
  return undefined;
}

/** predicate.And: every predicate must pass. */
export function and(...predicates: Predicate[]): Predicate {
  return {
    name: `And(${predicates.map((p) => p.name).join(', ')})`,
    create: (e) => predicates.every((p) => passes(p, 'create', e)),
    update: (e) => predicates.every((p) => passes(p, 'update', e)),
    delete: (e) => predicates.every((p) => passes(p, 'delete', e)),
    generic: (e) => predicates.every((p) => passes(p, 'generic', e)),
  };
}

/** predicate.Or: at least one predicate must pass. */
export function or(...predicates: Predicate[]): Predicate {
  return {
    name: `Or(${predicates.map((p) => p.name).join(', ')})`,
    create: (e) => predicates.some((p) => passes(p, 'create', e)),
    update: (e) => predicates.some((p) => passes(p, 'update', e)),
    delete: (e) => predicates.some((p) => passes(p, 'delete', e)),
    generic: (e) => predicates.some((p) => passes(p, 'generic', e)),
  };
}

/** predicate.Not. */
export function not(predicate: Predicate): Predicate {
  return {
    name: `Not(${predicate.name})`,
    create: (e) => !passes(predicate, 'create', e),
    update: (e) => !passes(predicate, 'update', e),
    delete: (e) => !passes(predicate, 'delete', e),
    generic: (e) => !passes(predicate, 'generic', e),
  };
}
