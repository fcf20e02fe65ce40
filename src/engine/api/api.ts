/**
 * The engine-level contract of the mock kube-apiserver. Calls are synchronous and throw ApiError; virtual
 * latency and injected faults are applied by the caller's transport (see faults), and watch events are
 * delivered through the sim scheduler so that a watcher always sees them after the write, in order.
 */
import type { FieldError, ResourceDefinition, ResourceId, ResourceRegistry } from './resource.ts';
import type { KubeObject, ObjectList, Status } from './types.ts';
import type { WatchEventType } from '../sim/trace.ts';

export interface RequestOptions {
  /** Who is asking: "kubectl", "replicaset-controller", "user", … shown in the trace. */
  actor?: string;
  dryRun?: boolean;
}

export interface ListOptions extends RequestOptions {
  namespace?: string;
  /** String form: "app=web,tier!=db,env in (a,b),!legacy". */
  labelSelector?: string;
  /** "metadata.name=x,metadata.namespace!=y". */
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface PatchOptions extends RequestOptions {
  subresource?: 'status' | 'scale';
  /** Required for apply patches. */
  fieldManager?: string;
  force?: boolean;
}

export interface UpdateOptions extends RequestOptions {
  subresource?: 'status' | 'scale';
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends RequestOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** True when the object is gone; false when it only got a deletionTimestamp (finalizers pending). */
  deleted: boolean;
  /** The object as it now is (deleting) or was (deleted). */
  object: KubeObject;
  /** What the HTTP API returns: a Success Status for custom resources, else the object. */
  response: KubeObject | Status;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** "" or "0": synthetic ADDED for every match first; "<rv>": only events after it, or a 410 ERROR if too old. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** The server closes the watch after this much virtual time. */
  timeoutMs?: number;
  /** Name shown in the trace, e.g. "informer/pods". */
  watcher?: string;
  /** Who is asking, for the api.request trace event (default "user"). */
  actor?: string;
}

export interface WatchEvent {
  type: WatchEventType;
  /** The object (a copy), or for ERROR a Status, or for BOOKMARK an object with only metadata.resourceVersion. */
  object: KubeObject | Status;
}

export interface WatchHandlers {
  onEvent(e: WatchEvent): void;
  /** The stream ended: "timeout", "stopped", "expired" (after an ERROR 410), "dropped" (fault). */
  onClose?(reason: string): void;
}

export interface Watch {
  readonly id: number;
  stop(): void;
}

export interface ApiServer {
  readonly registry: ResourceRegistry;
  /** The newest resourceVersion the server has handed out. */
  currentResourceVersion(): string;

  create(resource: ResourceId, obj: KubeObject, opts?: RequestOptions): KubeObject;
  get(resource: ResourceId, namespace: string | undefined, name: string, opts?: RequestOptions): KubeObject;
  list(resource: ResourceId, opts?: ListOptions): ObjectList;
  /** PUT: the object's metadata.resourceVersion is the precondition (409 Conflict when stale). */
  update(resource: ResourceId, obj: KubeObject, opts?: UpdateOptions): KubeObject;
  patch(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: PatchOptions,
  ): { object: KubeObject; created: boolean };
  delete(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): DeleteResult;
  getScale(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    opts?: RequestOptions,
  ): KubeObject;
  updateScale(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    replicas: number,
    opts?: RequestOptions & { resourceVersion?: string },
  ): KubeObject;
  watch(resource: ResourceId, opts: WatchOptions, handlers: WatchHandlers): Watch;

  /** Defaults and validates without storing: what the YAML editor and the CLI use to reject bad input first. */
  validate(resource: ResourceId, obj: KubeObject): FieldError[];
  /** For the trace, the UI and tests: every stored object of a resource, without copying. Do not mutate. */
  peek(resource: ResourceId): Iterable<KubeObject>;
  definitionFor(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceDefinition;
}

export type { Status };
