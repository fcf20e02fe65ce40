/**
 * What informers tell their handlers (client-go tools/cache ResourceEventHandler) and what controller-runtime
 * turns that into for event handlers and predicates (pkg/event, pkg/internal/source/event_handler.go).
 * Objects are the cache's own: read them, never mutate them.
 */
import type { KubeObject } from '../api/types.ts';

/**
 * The object a relist found gone, whose deletion the watch never delivered: the last state the cache knew.
 * client-go tools/cache delta_fifo.go DeletedFinalStateUnknown.
 */
export interface DeletedFinalStateUnknown {
  readonly tombstone: true;
  readonly key: string;
  readonly obj: KubeObject | undefined;
}

export function isTombstone(value: unknown): value is DeletedFinalStateUnknown {
  return typeof value === 'object' && value !== null && (value as { tombstone?: unknown }).tombstone === true;
}

/** client-go tools/cache ResourceEventHandler, with every callback optional. */
export interface ResourceEventHandler {
  onAdd?(obj: KubeObject, isInInitialList: boolean): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject | DeletedFinalStateUnknown): void;
}

export interface CreateEvent {
  object: KubeObject;
  isInInitialList: boolean;
}

export interface UpdateEvent {
  objectOld: KubeObject;
  objectNew: KubeObject;
}

export interface DeleteEvent {
  object: KubeObject;
  /** The object came from a DeletedFinalStateUnknown tombstone: it may have changed before it went. */
  deleteStateUnknown: boolean;
}

export interface GenericEvent {
  object: KubeObject;
}
