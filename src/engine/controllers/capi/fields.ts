/**
 * Small typed readers for the plain-JSON objects the API server stores. CAPI objects are read with their
 * v1beta2 field names (the API server converts v1beta1 input before storing). Readers never throw and never
 * copy: a missing or mistyped field reads as undefined.
 */
import type { KubeObject } from '../../api/types.ts';
import { virtualMsFromTimestamp } from '../../sim/timestamp.ts';

export type Json = Record<string, unknown>;

export function asRecord(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Reads obj.a.b.c; undefined as soon as a step is not an object. */
export function path(obj: unknown, ...keys: string[]): unknown {
  let cur: unknown = obj;
  for (const k of keys) {
    const r = asRecord(cur);
    if (!r) return undefined;
    cur = r[k];
  }
  return cur;
}

/** A metav1.Time string as virtual ms; undefined when absent or unparsable. */
export function timeMs(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = virtualMsFromTimestamp(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

export function creationMs(obj: KubeObject): number | undefined {
  return timeMs(obj.metadata.creationTimestamp);
}

export function deletionMs(obj: KubeObject): number | undefined {
  return timeMs(obj.metadata.deletionTimestamp);
}

/** metav1 DeletionTimestamp.IsZero() negated. */
export function isDeleting(obj: KubeObject): boolean {
  return typeof obj.metadata.deletionTimestamp === 'string' && obj.metadata.deletionTimestamp !== '';
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** A contract-versioned reference ({apiGroup, kind, name}); IsDefined() means a name is set. */
export interface ObjectRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export function readRef(v: unknown): ObjectRef | undefined {
  const r = asRecord(v);
  const name = asString(r?.name);
  if (!r || !name) return undefined;
  return { apiGroup: asString(r.apiGroup) ?? '', kind: asString(r.kind) ?? '', name };
}

/**
 * Creation-time ordering with the name as tie-break: util/collections machinesByCreationTimestamp.Less and
 * mdutil MachineSetsByCreationTimestamp.Less. Objects without a timestamp sort first (Go's zero time).
 */
export function compareByCreation(a: KubeObject, b: KubeObject): number {
  const ta = creationMs(a) ?? Number.NEGATIVE_INFINITY;
  const tb = creationMs(b) ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareNames(nameOf(a), nameOf(b));
}

/** Go string comparison (byte order), which is what every upstream name tie-break uses. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
