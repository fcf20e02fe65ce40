/**
 * How a DELETE turns into finalizers and a deletionTimestamp: k8s.io/apiserver
 * pkg/registry/generic/registry/store.go shouldOrphanDependents, shouldDeleteDependents,
 * deletionFinalizersForGarbageCollection and markAsDeleting (facts 77, 80, 82).
 */
import type { PropagationPolicy } from './api.ts';
import type { KubeObject } from './types.ts';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from './validation.ts';

// Precedence (fact 82): an explicit propagationPolicy, then the object's existing GC finalizers, then the
// type's default, which is "not orphan" for every type served here (custom resources and apps/v1 alike).
function shouldOrphan(finalizers: readonly string[], policy: PropagationPolicy | undefined): boolean {
  if (policy === 'Orphan') return true;
  if (policy === 'Background' || policy === 'Foreground') return false;
  for (const f of finalizers) {
    if (f === FINALIZER_ORPHAN) return true;
    if (f === FINALIZER_FOREGROUND) return false;
  }
  return false;
}

function shouldDeleteDependents(
  finalizers: readonly string[],
  policy: PropagationPolicy | undefined,
): boolean {
  if (policy === 'Foreground') return true;
  if (policy === 'Background' || policy === 'Orphan') return false;
  for (const f of finalizers) {
    if (f === FINALIZER_FOREGROUND) return true;
    if (f === FINALIZER_ORPHAN) return false;
  }
  return false;
}

/** The finalizers the object should carry for this delete; the existing list when nothing changes. */
export function finalizersForDelete(
  finalizers: readonly string[],
  policy: PropagationPolicy | undefined,
): string[] {
  const out = finalizers.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND);
  if (shouldOrphan(finalizers, policy)) out.push(FINALIZER_ORPHAN);
  if (shouldDeleteDependents(finalizers, policy)) out.push(FINALIZER_FOREGROUND);
  const before = new Set(finalizers);
  const same = before.size === new Set(out).size && out.every((f) => before.has(f));
  return same ? [...finalizers] : out;
}

/**
 * store.go markAsDeleting (fact 77): a new object (own metadata) with deletionTimestamp set once, grace period 0,
 * and generation + 1 the first time when the type has a generation.
 */
export function markAsDeleting(obj: KubeObject, finalizers: string[], nowTimestamp: string): KubeObject {
  const meta = { ...obj.metadata, finalizers };
  if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1;
  if (!meta.deletionTimestamp) meta.deletionTimestamp = nowTimestamp;
  meta.deletionGracePeriodSeconds = 0;
  return { ...obj, metadata: meta };
}

export const PROPAGATION_POLICIES: readonly PropagationPolicy[] = ['Background', 'Foreground', 'Orphan'];
