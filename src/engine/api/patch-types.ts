/**
 * One patch, applied by its type, with the API server's errors for a bad one (as kube-apiserver's
 * pkg/endpoints/handlers/patch.go applyPatch does per patch type): a malformed patch is 400 BadRequest, a JSON
 * patch whose operation cannot apply is 422. Used by the server and by the REST facade, which applies patches
 * to a client's API version before the server stores them.
 */
import type { PatchType } from './api.ts';
import { applyJsonPatch, JsonPatchApplyError, JsonPatchDecodeError } from './json-patch.ts';
import { applyMergePatch, BadMergePatchError } from './merge-patch.ts';
import type { ResourceDefinition } from './resource.ts';
import { badRequest, genericUnprocessable } from './status.ts';
import { applyStrategicMergePatch, StrategicMergePatchError } from './strategic-merge-patch.ts';
import { ApiError, type KubeObject } from './types.ts';

export function applyPatchOfType(
  def: ResourceDefinition,
  base: KubeObject,
  type: PatchType,
  patch: unknown,
): KubeObject {
  try {
    switch (type) {
      case 'merge':
        return applyMergePatch(base, patch);
      case 'json':
        return applyJsonPatch(base, patch);
      case 'strategic':
        return applyStrategicMergePatch(base, patch);
      case 'apply':
        // SIMPLIFIED server-side apply: the applied configuration merged into the live object.
        return def.builtin ? applyStrategicMergePatch(base, patch) : applyMergePatch(base, patch);
    }
  } catch (e) {
    if (
      e instanceof BadMergePatchError ||
      e instanceof JsonPatchDecodeError ||
      e instanceof StrategicMergePatchError
    ) {
      throw new ApiError(badRequest(e.message));
    }
    if (e instanceof JsonPatchApplyError) throw new ApiError(genericUnprocessable(e.message));
    throw e;
  }
  throw new ApiError(badRequest(`unknown patch type ${JSON.stringify(type)}`));
}
