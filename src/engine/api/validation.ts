/**
 * ObjectMeta validation as kube-apiserver runs it for every type: apimachinery pkg/api/validation/objectmeta.go
 * (ValidateObjectMetaAccessor on create, ValidateObjectMetaAccessorUpdate on update) and
 * pkg/apis/meta/v1/validation/validation.go (labels, label selectors). Maps are walked in insertion order.
 */
import {
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  fieldTooLong,
  goRepr,
} from './field-errors.ts';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names.ts';
import type { FieldError } from './resource.ts';
import type { ObjectMeta, OwnerReference } from './types.ts';
import { isPlainObject, jsonEqual } from './json.ts';

export type NameValidator = (name: string, prefix: boolean) => string[];

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

// api/validation/generic.go ValidateNonnegativeField
export function validateNonnegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldInvalid(field, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

// meta/v1/validation ValidateLabelName
export function validateLabelName(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((m) => fieldInvalid(field, key, m));
}

// meta/v1/validation ValidateLabels
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isPlainObject(labels))
    return [fieldInvalid(field, labels, 'must be a map of string keys to string values')];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, field));
    if (typeof v !== 'string') {
      errs.push(fieldInvalid(`${field}[${k}]`, v, 'label values must be strings'));
      continue;
    }
    for (const m of isValidLabelValue(v)) errs.push(fieldInvalid(field, v, m));
  }
  return errs;
}

// objectmeta.go ValidateAnnotations: keys are qualified names compared case-insensitively; 256 KiB in total.
export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isPlainObject(annotations)) {
    return [fieldInvalid(field, annotations, 'must be a map of string keys to string values')];
  }
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldInvalid(field, k, m));
    if (typeof v !== 'string')
      errs.push(fieldInvalid(`${field}[${k}]`, v, 'annotation values must be strings'));
    else size += k.length + v.length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(fieldTooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

// objectmeta.go ValidateOwnerReferences / validateOwnerReference
export function validateOwnerReferences(refs: unknown, field: string): FieldError[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [fieldInvalid(field, refs, 'must be a list of owner references')];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const raw of refs) {
    if (!isPlainObject(raw)) {
      errs.push(fieldInvalid(field, raw, 'must be an owner reference object'));
      continue;
    }
    const ref = raw as Partial<OwnerReference>;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(fieldInvalid(`${field}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(fieldInvalid(`${field}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(fieldInvalid(`${field}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(fieldInvalid(`${field}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') {
      errs.push(fieldInvalid(field, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          fieldInvalid(
            field,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

// objectmeta.go ValidateFinalizers
export function validateFinalizers(finalizers: unknown, field: string): FieldError[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [fieldInvalid(field, finalizers, 'must be a list of strings')];
  const errs: FieldError[] = [];
  let orphan = false;
  let foreground = false;
  for (const f of finalizers) {
    if (typeof f !== 'string') {
      errs.push(fieldInvalid(field, f, 'finalizers must be strings'));
      continue;
    }
    for (const m of isQualifiedName(f)) errs.push(fieldInvalid(field, f, m));
    if (f === FINALIZER_ORPHAN) orphan = true;
    if (f === FINALIZER_FOREGROUND) foreground = true;
  }
  if (orphan && foreground) {
    errs.push(
      fieldInvalid(
        field,
        finalizers,
        `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`,
      ),
    );
  }
  return errs;
}

/**
 * objectmeta.go ValidateObjectMetaAccessor. requiresNamespace follows the type's scope; the server clears the
 * namespace of cluster-scoped objects before this runs (rest/create.go BeforeCreate), so the Forbidden case
 * only shows in validate().
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  requiresNamespace: boolean,
  nameFn: NameValidator,
  field = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const m of nameFn(meta.generateName, true))
      errs.push(fieldInvalid(`${field}.generateName`, meta.generateName, m));
  }
  if (!meta.name) errs.push(fieldRequired(`${field}.name`, 'name or generateName is required'));
  else for (const m of nameFn(meta.name, false)) errs.push(fieldInvalid(`${field}.name`, meta.name, m));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(fieldRequired(`${field}.namespace`));
    else
      for (const m of nameIsDNSLabel(meta.namespace, false))
        errs.push(fieldInvalid(`${field}.namespace`, meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(fieldForbidden(`${field}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(meta.generation, `${field}.generation`));
  errs.push(...validateLabels(meta.labels, `${field}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${field}.annotations`));
  errs.push(...validateOwnerReferences(meta.ownerReferences, `${field}.ownerReferences`));
  errs.push(...validateFinalizers(meta.finalizers, `${field}.finalizers`));
  return errs;
}

function immutable(newVal: unknown, oldVal: unknown, field: string): FieldError[] {
  return jsonEqual(newVal ?? null, oldVal ?? null)
    ? []
    : [fieldInvalid(field, newVal, FIELD_IMMUTABLE_ERROR_MSG)];
}

/**
 * objectmeta.go ValidateObjectMetaAccessorUpdate: no new finalizers while deleting (fact 79), generation never
 * decreases, identity and deletion fields are immutable. The resourceVersion check is the store's (fact 74).
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta,
  old: ObjectMeta,
  field = 'metadata',
  /** false when the caller already ran validateObjectMeta on meta (labels, annotations, owners, finalizers). */
  includeCommon = true,
): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const had = new Set(old.finalizers ?? []);
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !had.has(f)).sort();
    if (extra.length) {
      errs.push(
        fieldForbidden(
          `${field}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra
            .map((f) => JSON.stringify(f))
            .join(', ')}}`,
        ),
      );
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(fieldInvalid(`${field}.generation`, meta.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...immutable(meta.name, old.name, `${field}.name`));
  errs.push(...immutable(meta.namespace, old.namespace, `${field}.namespace`));
  errs.push(...immutable(meta.uid, old.uid, `${field}.uid`));
  errs.push(...immutable(meta.creationTimestamp, old.creationTimestamp, `${field}.creationTimestamp`));
  errs.push(...immutable(meta.deletionTimestamp, old.deletionTimestamp, `${field}.deletionTimestamp`));
  errs.push(
    ...immutable(
      meta.deletionGracePeriodSeconds,
      old.deletionGracePeriodSeconds,
      `${field}.deletionGracePeriodSeconds`,
    ),
  );
  if (includeCommon) {
    errs.push(...validateLabels(meta.labels, `${field}.labels`));
    errs.push(...validateAnnotations(meta.annotations, `${field}.annotations`));
    errs.push(...validateOwnerReferences(meta.ownerReferences, `${field}.ownerReferences`));
    errs.push(...validateFinalizers(meta.finalizers, `${field}.finalizers`));
  }
  return errs;
}

/** Go's %#v of a uint64 zero, as store.go reports a missing resourceVersion on update (fact 74). */
export const GO_UINT64_ZERO = goRepr('0x0');

// meta/v1/validation ValidateLabelSelector / ValidateLabelSelectorRequirement
export function validateLabelSelector(sel: unknown, field: string): FieldError[] {
  if (sel === undefined || sel === null) return [];
  if (!isPlainObject(sel)) return [fieldInvalid(field, sel, 'must be a label selector object')];
  const errs = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  const exprs = sel.matchExpressions;
  if (exprs === undefined || exprs === null) return errs;
  if (!Array.isArray(exprs))
    return [...errs, fieldInvalid(`${field}.matchExpressions`, exprs, 'must be a list')];
  exprs.forEach((raw, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (!isPlainObject(raw)) {
      errs.push(fieldInvalid(f, raw, 'must be a label selector requirement'));
      return;
    }
    const values = Array.isArray(raw.values) ? (raw.values as unknown[]) : [];
    switch (raw.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errs.push(fieldRequired(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            fieldForbidden(
              `${f}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(fieldInvalid(`${f}.operator`, raw.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(typeof raw.key === 'string' ? raw.key : '', `${f}.key`));
    values.forEach((v, j) => {
      if (typeof v !== 'string') errs.push(fieldInvalid(`${f}.values[${j}]`, v, 'must be a string'));
      else for (const m of isValidLabelValue(v)) errs.push(fieldInvalid(`${f}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** Reports a list field whose entries must be unique by a key (e.g. container names). */
export function validateUniqueBy(
  items: readonly Record<string, unknown>[],
  key: string,
  field: string,
): FieldError[] {
  const seen = new Set<unknown>();
  const errs: FieldError[] = [];
  items.forEach((it, i) => {
    const v = it[key];
    if (v === undefined || v === '') return;
    if (seen.has(v)) errs.push(fieldDuplicate(`${field}[${i}].${key}`, v));
    seen.add(v);
  });
  return errs;
}
