/**
 * kubectl's client-side apply for the engine: create when missing, otherwise a three-way JSON merge patch
 * from the last-applied configuration (original), the manifest (modified) and the live object (current).
 * Mirrors kubectl's apply path for custom resources (k8s.io/kubectl pkg/cmd/apply/patcher.go
 * (*Patcher).patchSimple → jsonmergepatch.CreateThreeWayJSONMergePatch): fields the user removed from the
 * manifest since the last apply are deleted; fields only controllers set are left alone.
 */
import type { KubeObject } from '../api/types.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The merge patch that turns current into modified for every field modified sets, and deletes (null) the
 * fields original had but modified dropped. Lists are replaced whole, as JSON merge patch does.
 */
export function threeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
): Record<string, Json> {
  const patch: Record<string, Json> = {};
  const o = isObject(original) ? original : {};
  const m = isObject(modified) ? modified : {};
  const c = isObject(current) ? current : {};
  for (const [k, mv] of Object.entries(m)) {
    const cv = c[k];
    if (isObject(mv) && isObject(cv)) {
      const sub = threeWayMergePatch(o[k], mv, cv);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!deepEqual(mv, cv)) {
      patch[k] = mv;
    }
  }
  for (const k of Object.keys(o)) {
    if (!(k in m) && k in c) patch[k] = null;
  }
  return patch;
}

/** The manifest as kubectl records it in the last-applied annotation (without that annotation itself). */
export function lastAppliedOf(manifest: KubeObject): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as KubeObject;
  const ann = copy.metadata.annotations;
  if (ann) {
    delete ann[LAST_APPLIED_ANNOTATION];
    if (Object.keys(ann).length === 0) delete copy.metadata.annotations;
  }
  return JSON.stringify(copy);
}

/** The object to create: the manifest plus its last-applied annotation. */
export function withLastApplied(manifest: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(manifest)) as KubeObject;
  copy.metadata.annotations = {
    ...copy.metadata.annotations,
    [LAST_APPLIED_ANNOTATION]: lastAppliedOf(manifest),
  };
  return copy;
}

/** The patch kubectl apply sends for an existing object, or undefined when it would print "unchanged". */
export function applyPatchFor(manifest: KubeObject, live: KubeObject): Record<string, Json> | undefined {
  const previous = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  let original: unknown = {};
  if (previous) {
    try {
      original = JSON.parse(previous);
    } catch {
      original = {};
    }
  }
  const modified = JSON.parse(JSON.stringify(withLastApplied(manifest))) as unknown;
  const patch = threeWayMergePatch(original, modified, live);
  // kubectl leaves these to the server: a manifest never owns them.
  delete patch.status;
  return Object.keys(patch).length === 0 ? undefined : patch;
}
