/**
 * Field-level checks the CAPI webhooks and CRD schemas share, with apimachinery's wording so that a 422 from
 * the simulator reads like one from a real management cluster.
 */
import { fieldInvalid, fieldNotSupported, fieldTooLong } from '../field-errors.ts';
import { isPlainObject } from '../json.ts';
import type { FieldError } from '../resource.ts';
// The simulator-wide replica cap (apps/v1 uses the same); upstream CAPI has no maximum, and no minimum
// for MachineDeployment/MachineSet replicas either.
import { MAX_REPLICAS } from './apps.ts';

export type JsonObject = Record<string, unknown>;

/** The object at parent[key], created when absent or null; undefined when something else is there. */
export function ensureRecord(parent: JsonObject, key: string): JsonObject | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    const created: JsonObject = {};
    parent[key] = created;
    return created;
  }
  return isPlainObject(v) ? v : undefined;
}

/** Follows a path of object keys; undefined when any step is missing or not an object. */
export function getPath(obj: unknown, ...keys: string[]): unknown {
  let cur = obj;
  for (const k of keys) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** The CRD schema's type error: `spec.replicas in body must be of type integer: "string"`. */
export function wrongType(field: string, value: unknown, type: string): FieldError {
  return fieldInvalid(field, value, `${field} in body must be of type ${type}: "${jsonTypeName(value)}"`);
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
}

/** A CRD `format: int32` field with `minimum`: the schema's type and bound errors. */
export function checkInt32(field: string, v: unknown, minimum?: number): FieldError[] {
  if (v === undefined) return [];
  if (!isInt32(v)) return [wrongType(field, v, 'integer')];
  if (minimum !== undefined && v < minimum) {
    return [fieldInvalid(field, v, `${field} in body should be greater than or equal to ${minimum}`)];
  }
  return [];
}

/** A CRD string field with optional length bounds (apiextensions counts bytes). */
export function checkString(field: string, v: unknown, minLength?: number, maxLength?: number): FieldError[] {
  if (v === undefined) return [];
  if (typeof v !== 'string') return [wrongType(field, v, 'string')];
  const len = utf8Length(v);
  if (minLength !== undefined && len < minLength) {
    return [fieldInvalid(field, v, `${field} in body should be at least ${minLength} chars long`)];
  }
  if (maxLength !== undefined && len > maxLength) return [fieldTooLong(field, maxLength)];
  return [];
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function checkEnum(field: string, v: unknown, allowed: readonly string[]): FieldError[] {
  if (v === undefined) return [];
  if (typeof v !== 'string') return [wrongType(field, v, 'string')];
  return allowed.includes(v) ? [] : [fieldNotSupported(field, v, allowed)];
}

/** A `map[string]string` such as labels or matchLabels. */
export function checkStringMap(field: string, v: unknown): FieldError[] {
  if (v === undefined || v === null) return [];
  if (!isPlainObject(v)) return [wrongType(field, v, 'object')];
  const errs: FieldError[] = [];
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') errs.push(wrongType(`${field}.${k}`, val, 'string'));
  }
  return errs;
}

// Semantic Versioning 2.0.0, as github.com/blang/semver/v4 Parse accepts it (no "v", no leading zeros).
const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function isSemver(s: string): boolean {
  return SEMVER_RE.test(s);
}

/** major.minor of a "vX.Y.Z" version, as semver.ParseTolerant reads it; undefined when unparsable. */
export function majorMinor(version: string): { major: number; minor: number } | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/**
 * The version checks every CAPI webhook repeats (core/webhooks/admission/machine.go validate, machineset.go,
 * machinedeployment.go, controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go
 * validateKubeadmControlPlaneSpec): "must start with v", then a semantic version after the "v".
 */
export function versionErrors(field: string, version: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!version.startsWith('v')) errs.push(fieldInvalid(field, version, 'must start with v'));
  if (!isSemver(version.startsWith('v') ? version.slice(1) : version)) {
    errs.push(fieldInvalid(field, version, 'must be a valid semantic version'));
  }
  return errs;
}

/** Prepends the "v" the webhooks tolerate missing (`normalizedVersion := "v" + version`). */
export function normalizeVersion(holder: JsonObject, key: string): void {
  const v = holder[key];
  if (typeof v === 'string' && v !== '' && !v.startsWith('v')) holder[key] = `v${v}`;
}

/** An intstr.IntOrString as JSON decodes it: a whole number or a string. */
export type IntOrString = number | string;

export function isIntOrString(v: unknown): v is IntOrString {
  return typeof v === 'string' || isInt32(v);
}

/**
 * apimachinery util/intstr GetScaledValueFromIntOrPercent's error for a value, or undefined when it scales:
 * ints always do; strings only as "<int>%".
 */
export function intOrPercentError(v: IntOrString): string | undefined {
  if (typeof v === 'number') return undefined;
  if (!v.endsWith('%')) return 'invalid value for IntOrString: invalid type: string is not a percentage';
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) {
    return `invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`;
  }
  return undefined;
}

/** intstr IntOrString.IntValue(): strings go through Atoi and read 0 when they are not plain integers. */
export function intOrStringIntValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/**
 * The replica checks this simulator adds everywhere: a whole number, not negative, and not above MAX_REPLICAS.
 * (kube-apiserver's autoscaling/v1 Scale validation has the same "greater than or equal to 0" wording.)
 */
export function replicaErrors(field: string, v: unknown): FieldError[] {
  if (v === undefined) return [];
  if (!isInt32(v)) return [wrongType(field, v, 'integer')];
  if (v < 0) return [fieldInvalid(field, v, 'must be greater than or equal to 0')];
  if (v > MAX_REPLICAS) {
    return [
      fieldInvalid(field, v, `must be less than or equal to ${MAX_REPLICAS} (a limit of this simulator)`),
    ];
  }
  return [];
}
