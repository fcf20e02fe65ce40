/**
 * JSON Merge Patch, RFC 7386 §2 (what kube-apiserver applies for application/merge-patch+json through
 * evanphx/json-patch MergePatch): objects merge key by key, null deletes, anything else (arrays included)
 * replaces. The result is a fresh deep copy; neither input is touched.
 */
import { cloneJson, isPlainObject } from './json.ts';

/** A patch that is not a JSON object: evanphx/json-patch ErrBadJSONPatch, which the apiserver answers with 400. */
export class BadMergePatchError extends Error {
  constructor() {
    super('Invalid JSON Patch');
    this.name = 'BadMergePatchError';
  }
}

// RFC 7386 MergePatch(Target, Patch), applied in place to a private copy of the target.
function mergeInto(out: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const k in patch) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else if (isPlainObject(v)) {
      const cur = out[k];
      const next = isPlainObject(cur) ? cur : {};
      mergeInto(next, v);
      out[k] = next;
    } else out[k] = cloneJson(v);
  }
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? cloneJson(target) : {};
  mergeInto(out, patch);
  return out;
}

/** Applies a merge patch to an object document; throws BadMergePatchError when the patch is not an object. */
export function applyMergePatch<T extends object>(target: T, patch: unknown): T {
  if (!isPlainObject(patch)) throw new BadMergePatchError();
  return merge(target, patch) as T;
}

/** The RFC's own generic form: any JSON target and patch (used by the RFC appendix tests). */
export function mergePatchValue(target: unknown, patch: unknown): unknown {
  return merge(target, patch);
}
