/**
 * What one watch event does to a reflector's cache, as a pure function: ADDED and MODIFIED store the object,
 * DELETED removes it, BOOKMARK only moves the resourceVersion on, and ERROR carries a Status. A 410 (Expired or
 * Gone) means the resourceVersion fell out of the server's window and the reflector must list again
 * (client-go tools/cache/reflector.go (*Reflector).handleWatch returns the Status as an error, and
 * ListAndWatch relists when apierrors.IsResourceExpired / IsGone).
 */
import type { KubeObject, Status } from '../engine/api/types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WireWatchEvent {
  type: WatchEventType;
  object: unknown;
}

export type EventOutcome =
  | { kind: 'applied'; type: 'ADDED' | 'MODIFIED' | 'DELETED'; rv: string }
  | { kind: 'bookmark'; rv: string }
  | { kind: 'expired'; message: string }
  | { kind: 'error'; message: string };

const TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** The cache key client-go uses (tools/cache/store.go MetaNamespaceKeyFunc): "namespace/name" or "name". */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

/** Parses one line of a watch stream; throws a clear error for anything that is not a watch event. */
export function parseWatchLine(line: string): WireWatchEvent {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new SyntaxError(`a watch line is not JSON: ${line.slice(0, 80)}`);
  }
  if (typeof v !== 'object' || v === null) throw new SyntaxError('a watch line is not an object');
  const { type, object } = v as { type?: unknown; object?: unknown };
  if (typeof type !== 'string' || !TYPES.has(type))
    throw new SyntaxError(`unknown watch event type ${JSON.stringify(type)}`);
  return { type: type as WatchEventType, object };
}

function isObject(v: unknown): v is KubeObject {
  if (typeof v !== 'object' || v === null) return false;
  const meta = (v as { metadata?: unknown }).metadata;
  return typeof meta === 'object' && meta !== null && typeof (meta as { name?: unknown }).name === 'string';
}

function rvOf(v: unknown): string {
  const meta = (v as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return typeof meta?.resourceVersion === 'string' ? meta.resourceVersion : '';
}

export function isExpiredStatus(s: Partial<Status> | undefined): boolean {
  return s?.code === 410 || s?.reason === 'Expired' || s?.reason === 'Gone';
}

/** Applies a watch event to cache (mutated in place). */
export function applyWatchEvent(cache: Map<string, KubeObject>, e: WireWatchEvent): EventOutcome {
  if (e.type === 'ERROR') {
    const s = (e.object ?? undefined) as Partial<Status> | undefined;
    const message = typeof s?.message === 'string' ? s.message : 'the watch reported an error';
    return isExpiredStatus(s) ? { kind: 'expired', message } : { kind: 'error', message };
  }
  if (e.type === 'BOOKMARK') return { kind: 'bookmark', rv: rvOf(e.object) };
  if (!isObject(e.object)) return { kind: 'error', message: `a ${e.type} event without an object` };
  const key = objectKey(e.object);
  if (e.type === 'DELETED') cache.delete(key);
  else cache.set(key, e.object);
  return { kind: 'applied', type: e.type, rv: rvOf(e.object) };
}
