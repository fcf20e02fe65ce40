/**
 * Objects in the version the URL names. The engine stores one version per kind (v1beta2 for Cluster API);
 * a client that asks for another served version (v1beta1) reads it converted with the definition's
 * convertFromStorage, as kube-apiserver converts through its codec for the request's GroupVersion.
 */
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { badRequest } from '../engine/api/status.ts';
import { ApiError, type KubeObject } from '../engine/api/types.ts';

export const apiVersionOf = (group: string, version: string): string =>
  group ? `${group}/${version}` : version;

export const isStorageVersion = (def: ResourceDefinition, version: string): boolean =>
  def.versions[0] === version;

/** The object as a client of `version` sees it (the same object when that is the storage version). */
export function toClientVersion(def: ResourceDefinition, obj: KubeObject, version: string): KubeObject {
  if (isStorageVersion(def, version) || obj.kind !== def.kind) return obj;
  if (!def.convertFromStorage) return { ...obj, apiVersion: apiVersionOf(def.group, version) };
  return def.convertFromStorage(obj, version);
}

/**
 * Checks a request body's apiVersion and kind against the URL (the decoder's GroupVersionKind check) and fills
 * them in when absent, so that the engine converts from the URL's version.
 */
export function checkBodyTypeMeta(
  def: ResourceDefinition,
  body: Record<string, unknown>,
  group: string,
  version: string,
): void {
  const expected = apiVersionOf(group, version);
  if (body.apiVersion === undefined || body.apiVersion === '') body.apiVersion = expected;
  if (body.kind === undefined || body.kind === '') body.kind = def.kind;
  if (body.kind !== def.kind) {
    throw new ApiError(
      badRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`,
      ),
    );
  }
  if (body.apiVersion !== expected) {
    throw new ApiError(
      badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
      ),
    );
  }
}
