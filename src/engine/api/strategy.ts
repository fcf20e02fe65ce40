/**
 * What the apiserver's registry strategies do to an object before it is stored: k8s.io/apiserver
 * pkg/registry/rest/create.go BeforeCreate, update.go BeforeUpdate, meta.go Wipe/FillObjectMetaSystemFields, and
 * the per-type PrepareForCreate / PrepareForUpdate / status PrepareForUpdate (apiextensions-apiserver
 * pkg/registry/customresource/strategy.go and status_strategy.go for custom resources; the apps and core
 * strategies for built-ins). These functions mutate the private candidate copy the server made; they never touch
 * a stored object, and every candidate gets its own metadata object because commit stamps resourceVersion on it.
 */
import { jsonEqual } from './json.ts';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';
import type { FieldError, ResourceDefinition } from './resource.ts';
import { badRequest } from './status.ts';
import { ApiError, type KubeObject, type ObjectMeta } from './types.ts';
import { validateObjectMeta, validateObjectMetaUpdate, type NameValidator } from './validation.ts';

export const storageApiVersion = (def: ResourceDefinition): string =>
  def.group ? `${def.group}/${def.versions[0]}` : def.versions[0]!;

export const nameValidatorFor = (def: ResourceDefinition): NameValidator =>
  def.nameFormat === 'dns1123Label' ? nameIsDNSLabel : nameIsDNSSubdomain;

/**
 * Checks apiVersion/kind against the endpoint and brings the object to the storage version, converting with the
 * definition's hook when it was written in another served version (CAPI v1beta1 → v1beta2).
 */
export function normalizeTypeMeta(def: ResourceDefinition, obj: KubeObject): void {
  const storage = storageApiVersion(def);
  if (obj.kind === undefined || obj.kind === '') obj.kind = def.kind;
  else if (obj.kind !== def.kind) {
    throw new ApiError(
      badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`),
    );
  }
  if (obj.apiVersion === undefined || obj.apiVersion === '') {
    obj.apiVersion = storage;
    return;
  }
  if (obj.apiVersion === storage) return;
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = slash < 0 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
  if (group !== def.group || !def.versions.includes(version)) {
    // apimachinery runtime/serializer: the decoder's GroupVersionKind check.
    throw new ApiError(
      badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${storage})`,
      ),
    );
  }
  def.convertToStorage?.(obj, version);
  obj.apiVersion = storage;
}

/**
 * rest.BeforeCreate plus PrepareForCreate: system fields wiped and filled (fact 66), status dropped or set to the
 * type's initial status when it has a status subresource (facts 67, 69), generation 1.
 */
export function prepareForCreate(
  def: ResourceDefinition,
  obj: KubeObject,
  uid: string,
  creationTimestamp: string,
): void {
  const meta = obj.metadata;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  meta.uid = uid;
  meta.creationTimestamp = creationTimestamp;
  if (def.subresources?.status) {
    const initial = def.initialStatus;
    if (initial === 'keep') {
      // the client's status is stored as sent
    } else if (typeof initial === 'function') {
      const status = initial(obj);
      if (status === undefined) delete obj.status;
      else obj.status = status;
    } else delete obj.status;
  }
  if ((def.generationPolicy ?? (def.builtin ? 'spec' : 'nonMetadata')) !== 'none') meta.generation = 1;
}

/** Field errors for a create: ObjectMeta, then the type's own validation. */
export function validateForCreate(def: ResourceDefinition, obj: KubeObject): FieldError[] {
  return [
    ...validateObjectMeta(obj.metadata, def.scope === 'Namespaced', nameValidatorFor(def)),
    ...(def.validate?.(obj) ?? []),
  ];
}

function nonMetadataEqual(a: KubeObject, b: KubeObject): boolean {
  for (const k in a) if (k !== 'metadata' && !jsonEqual(a[k], b[k])) return false;
  for (const k in b) if (k !== 'metadata' && !(k in a) && b[k] !== undefined) return false;
  return true;
}

/** customresource/strategy.go PrepareForUpdate and the apps strategies: whether generation moves. */
function bumpGeneration(def: ResourceDefinition, obj: KubeObject, old: KubeObject): void {
  const policy = def.generationPolicy ?? (def.builtin ? 'spec' : 'nonMetadata');
  let changed: boolean;
  switch (policy) {
    case 'none':
      return;
    case 'nonMetadata':
      changed = !nonMetadataEqual(obj, old);
      break;
    case 'spec':
      changed =
        !jsonEqual(obj.spec, old.spec) ||
        (def.generationOnAnnotations === true &&
          !jsonEqual(obj.metadata.annotations, old.metadata.annotations));
      break;
  }
  if (changed) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
}

/** rest.BeforeUpdate: what a client cannot change through an update, whatever it sends. */
function keepSystemFields(meta: ObjectMeta, old: ObjectMeta): void {
  if (old.generation === undefined) delete meta.generation;
  else meta.generation = old.generation;
  if (!meta.uid && old.uid) meta.uid = old.uid;
  if (old.creationTimestamp) meta.creationTimestamp = old.creationTimestamp;
  if (old.deletionTimestamp) meta.deletionTimestamp = old.deletionTimestamp;
  if (old.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
    meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
  }
}

/**
 * A main-endpoint update (PUT or PATCH without subresource): status comes from storage when the type has a
 * status subresource (fact 67), then generation follows the type's rule (facts 67, 69).
 */
export function prepareForUpdate(def: ResourceDefinition, obj: KubeObject, old: KubeObject): void {
  keepSystemFields(obj.metadata, old.metadata);
  if (def.subresources?.status) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (def.kind === 'Namespace' && def.group === '') {
    // namespace/strategy.go PrepareForUpdate: spec.finalizers change only through /finalize.
    obj.spec = { ...(obj.spec ?? {}), finalizers: old.spec?.finalizers };
    if (obj.spec.finalizers === undefined) delete obj.spec.finalizers;
  }
  bumpGeneration(def, obj, old);
}

/**
 * A /status update. Custom resources take only status from the request (status_strategy.go, fact 68); built-ins
 * keep the stored spec and the metadata fields their status strategy protects (fact 69).
 */
export function prepareForStatusUpdate(
  def: ResourceDefinition,
  req: KubeObject,
  old: KubeObject,
): KubeObject {
  if (!def.builtin) {
    const obj: KubeObject = { ...old, metadata: { ...old.metadata } };
    if (req.status === undefined) delete obj.status;
    else obj.status = req.status;
    return obj;
  }
  const obj = req;
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = old.spec;
  for (const f of def.statusUpdateKeeps ?? []) {
    if (old.metadata[f] === undefined) delete obj.metadata[f];
    else (obj.metadata as Record<string, unknown>)[f] = old.metadata[f];
  }
  keepSystemFields(obj.metadata, old.metadata);
  return obj;
}

/** Field errors for an update: ObjectMeta (create and update rules), then the type's validation with old. */
export function validateForUpdate(def: ResourceDefinition, obj: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMeta(obj.metadata, def.scope === 'Namespaced', () => []),
    // rest/update.go validateCommonFields runs both; the shared checks run once here (their errors would repeat).
    ...validateObjectMetaUpdate(obj.metadata, old.metadata, 'metadata', false),
    ...(def.validate?.(obj, old) ?? []),
  ];
}

/**
 * store.go ShouldDeleteDuringUpdate (fact 78): the last finalizer of a deleting object is gone and its grace
 * period is over, so the update becomes the delete. Namespaces also wait for spec.finalizers
 * (namespace storage ShouldDeleteNamespaceDuringUpdate).
 */
export function shouldDeleteDuringUpdate(def: ResourceDefinition, obj: KubeObject, old: KubeObject): boolean {
  if ((obj.metadata.finalizers?.length ?? 0) > 0) return false;
  if (!old.metadata.deletionTimestamp) return false;
  if ((old.metadata.deletionGracePeriodSeconds ?? 0) !== 0) return false;
  if (def.kind === 'Namespace' && def.group === '') {
    const f = obj.spec?.finalizers;
    if (Array.isArray(f) && f.length > 0) return false;
  }
  return true;
}
