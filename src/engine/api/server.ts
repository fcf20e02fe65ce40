/**
 * The mock kube-apiserver: the ApiServer contract (api.ts) over the object store, the watch hub, admission
 * (defaulting + validation), faults and the garbage collector. Calls are synchronous and throw ApiError with the
 * Status a real client would get; every call emits api.request then api.response in the trace.
 *
 * @example
 * const sim = createSim({ seed: 1 });
 * const api = createApiServer(sim, { registry: createRegistry([...coreResources(), ...appsResources()]) });
 * const cm = api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } });
 * api.watch('configmaps', { namespace: 'default', resourceVersion: cm.metadata.resourceVersion }, { onEvent: console.log });
 * api.patch('configmaps', 'default', 'c', 'merge', { data: { k: 'v' } });
 * sim.scheduler.runUntil(1000); // the watcher sees MODIFIED
 */
import type {
  ApiServer,
  DeleteOptions,
  DeleteResult,
  PatchOptions,
  PatchType,
  RequestOptions,
  UpdateOptions,
  Watch,
  WatchHandlers,
  WatchOptions,
} from './api.ts';
import { finalizersForDelete, markAsDeleting, PROPAGATION_POLICIES } from './deletion.ts';
import { createFaults, type ApiFaults, type FaultsInternal } from './faults.ts';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired } from './field-errors.ts';
import { createGarbageCollector, type GarbageCollector } from './garbage-collector.ts';
import { getPath, setPath } from './json-path.ts';
import { applyPatchOfType } from './patch-types.ts';
import { cloneJson, cloneJsonInput, isPlainObject, jsonEqual, NonJsonError, shareUnchanged } from './json.ts';
import { createNamespaceController, type NamespaceController } from './namespace-controller.ts';
import { createRegistry } from './registry.ts';
import {
  resourceIdOf,
  type FieldError,
  type ResourceDefinition,
  type ResourceId,
  type ResourceRegistry,
} from './resource.ts';
import { coreResources, SYSTEM_NAMESPACES } from './resources/core.ts';
import { appsResources } from './resources/apps.ts';
import { scaleOf, validateScaleReplicas } from './scale.ts';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type FieldSelector,
  type LabelSelector,
} from './selectors.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  deleteSuccess,
  expired,
  forbidden,
  generateNameConflict,
  genericUnprocessable,
  invalid,
  notFound,
  resourceNotServed,
  timeout,
  unknownError,
  unsupportedMediaType,
  type GroupResource,
} from './status.ts';
import { createObjectStore, type StoredEvent } from './store.ts';
import {
  normalizeTypeMeta,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
  shouldDeleteDuringUpdate,
  storageApiVersion,
  validateForCreate,
  validateForUpdate,
} from './strategy.ts';
import {
  ApiError,
  objectKey,
  type KubeObject,
  type ObjectList,
  type ObjectMeta,
  type Status,
} from './types.ts';
import { GO_UINT64_ZERO } from './validation.ts';
import { createWatchHub } from './watch-hub.ts';
import type { Sim } from '../sim/sim.ts';
import { virtualTimestamp } from '../sim/timestamp.ts';

export interface ApiServerOptions {
  /** Defaults to a registry with the core/v1 and apps/v1 kinds. */
  registry?: ResourceRegistry;
  /** Events kept for watch resumption (the watch cache window). Default 10,000. */
  watchHistorySize?: number;
  /** Virtual delay between a write and its watch events. Default 0 (still delivered after the write returns). */
  watchLatencyMs?: number;
  /**
   * Every watcher gets its own copy of each event object. Default false: the watchers of one write share one
   * copy (never the stored object), to be treated as read-only, like the objects client-go handlers receive.
   */
  isolateWatchCopies?: boolean;
  /** The garbage collector's delay per step, in virtual ms. Default 50. */
  gcDelayMs?: number;
  /** Run the garbage collector and the namespace controller (kube-controller-manager's). Default true. */
  garbageCollector?: boolean;
  /** BOOKMARK period for watches that allow them. Default 60 s (cacher.go defaultBookmarkFrequency). */
  bookmarkIntervalMs?: number;
  /**
   * Watches without timeoutMs close after a random [min, 2·min) (fact 100). Default 30 min; 0 keeps them open.
   */
  minRequestTimeoutMs?: number;
  /** The resourceVersion counter's start. Default 1000. */
  initialResourceVersion?: number;
  /** Namespaces that exist from the start. Default ["default", "kube-system"]. */
  namespaces?: string[];
}

export interface MockApiServer extends ApiServer {
  readonly faults: ApiFaults;
  /** Called after every committed write (after watchers were offered it). Returns an unsubscribe function. */
  onCommit(fn: (e: StoredEvent) => void): () => void;
  /** Open watches, for the UI and tests. */
  openWatches(): number;
  /** Watch events written but not yet delivered: a world is not quiescent while any are in flight. */
  pendingWatchEvents(): number;
  /** Work the garbage collector and the namespace controller still have queued (0 when idle or disabled). */
  gcPending(): number;
}

const metaOf = (obj: unknown): ObjectMeta | undefined =>
  isPlainObject(obj) && isPlainObject(obj.metadata) ? (obj.metadata as ObjectMeta) : undefined;

const CR_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];
const CORE_NAMESPACES: GroupResource = { group: '', resource: 'namespaces' };

/** Parses a resourceVersion parameter: undefined for "" and "0" (any / most recent), else the number. */
function parseRv(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  if (!/^\d+$/.test(rv)) {
    throw new ApiError(
      badRequest(
        `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
      ),
    );
  }
  return Number(rv);
}

function encodeContinue(rv: number, start: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const bin = atob(token);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const v = JSON.parse(new TextDecoder().decode(bytes)) as { v?: string; rv?: number; start?: string };
    if (v.v !== 'meta.k8s.io/v1' || typeof v.rv !== 'number' || typeof v.start !== 'string')
      throw new Error('bad');
    return { rv: v.rv, start: v.start };
  } catch {
    throw new ApiError(
      badRequest(
        `continue key is not valid: ${JSON.stringify(token)} is not a continue token from this server`,
      ),
    );
  }
}

export function createApiServer(sim: Sim, opts: ApiServerOptions = {}): MockApiServer {
  const registry = opts.registry ?? createRegistry([...coreResources(), ...appsResources()]);
  const num = (v: number | undefined, dflt: number, what: string, min = 0): number => {
    const n = v ?? dflt;
    if (!Number.isFinite(n) || n < min) throw new RangeError(`${what} must be a number >= ${min}, got ${v}`);
    return n;
  };
  const latencyMs = num(opts.watchLatencyMs, 0, 'watchLatencyMs');
  const gcDelayMs = num(opts.gcDelayMs, 50, 'gcDelayMs');
  const store = createObjectStore({
    initialRv: num(opts.initialResourceVersion, 1000, 'initialResourceVersion'),
    historySize: num(opts.watchHistorySize, 10_000, 'watchHistorySize', 1),
  });
  const listeners = new Set<(e: StoredEvent) => void>();
  let reqCounter = 0;

  // Resolved names are remembered: definitions are never unregistered, and this runs on every call.
  const resolved = new Map<string, { def: ResourceDefinition; id: ResourceId }>();
  const resolveId = (resource: string): { def: ResourceDefinition; id: ResourceId } | undefined => {
    let hit = resolved.get(resource);
    if (!hit) {
      const def = registry.byId(resource) ?? registry.byName(resource);
      if (!def) return undefined;
      hit = { def, id: resourceIdOf(def) };
      resolved.set(resource, hit);
    }
    return hit;
  };
  const resolve = (resource: string): ResourceDefinition | undefined => resolveId(resource)?.def;

  // A kind served on demand (an infrastructure provider's) exists once something asked for it by kind: let
  // the first create or update of such an object be that ask.
  const primeKind = (resource: string, obj: unknown) => {
    if (typeof resource !== 'string' || resolveId(resource) || !isPlainObject(obj)) return;
    if (typeof obj.apiVersion === 'string' && typeof obj.kind === 'string')
      registry.byKind(obj.apiVersion, obj.kind);
  };

  // The closures below reach hub lazily; it exists by the time any fault fires.
  const faults: FaultsInternal = createFaults(sim, {
    expireWatches: () => {
      hub.expireAll();
      store.compact();
    },
    dropWatches: (match) =>
      hub.dropAll((resource) => {
        const def = registry.byId(resource);
        return def !== undefined && match(def);
      }),
    resolve,
  });

  const hub = createWatchHub(sim, store, {
    latencyMs,
    isolateCopies: opts.isolateWatchCopies === true,
    bookmarkIntervalMs: num(opts.bookmarkIntervalMs, 60_000, 'bookmarkIntervalMs', 1),
    minRequestTimeoutMs: num(opts.minRequestTimeoutMs, 1_800_000, 'minRequestTimeoutMs'),
    shouldDrop: (w, e, key) =>
      e.type !== 'BOOKMARK' &&
      e.type !== 'ERROR' &&
      faults.dropWatchEvent(
        w.name,
        w.def,
        () => `${e.type} ${key} rv=${e.object.metadata?.resourceVersion ?? ''}`,
      ),
  });
  // metav1.Time has whole seconds: format once per virtual second.
  let stampSecond = -1;
  let stamp = '';
  const now = () => {
    const s = Math.floor(sim.now() / 1000);
    if (s !== stampSecond) {
      stampSecond = s;
      stamp = virtualTimestamp(s * 1000);
    }
    return stamp;
  };
  const grOf = (def: ResourceDefinition): GroupResource => ({ group: def.group, resource: def.plural });
  const gkOf = (def: ResourceDefinition) => ({ group: def.group, kind: def.kind });
  const fail = (s: Status): never => {
    throw new ApiError(s);
  };

  const commit = (
    resource: ResourceId,
    type: StoredEvent['type'],
    key: string,
    obj: KubeObject,
    prev?: KubeObject,
  ) => {
    const e = store.commit(resource, type, key, obj, prev);
    hub.publish(e);
    for (const l of listeners) l(e);
    return e;
  };

  // ---- request framing: trace, faults, error mapping ----

  interface Framed<T> {
    result: T;
    code: number;
    rv: string;
  }

  const call = <T>(
    verb: string,
    resource: string,
    namespace: string | undefined,
    name: string,
    o: RequestOptions | undefined,
    subresource: string | undefined,
    fn: (def: ResourceDefinition, id: ResourceId, ns: string) => Framed<T>,
  ): T => {
    const reqId = ++reqCounter;
    const actor = o?.actor ?? 'user';
    const hit = typeof resource === 'string' ? resolveId(resource) : undefined;
    const def = hit?.def;
    const id = hit ? hit.id : String(resource);
    const ns = def?.scope === 'Cluster' ? '' : (namespace ?? '');
    const req = { verb, resource: id, namespace: ns, name, actor, reqId };
    sim.trace.emit('api.request', subresource ? { ...req, subresource } : req);
    const respond = (code: number, reason: string, rv: string) =>
      sim.trace.emit('api.response', {
        reqId,
        code,
        reason,
        rv,
        verb,
        resource: id,
        namespace: ns,
        name,
        actor,
      });
    try {
      if (!def) fail(resourceNotServed());
      const injected = faults.errorFor(verb, id, def!, ns, name);
      if (injected) fail(injected);
      const out = fn(def!, id, ns);
      respond(out.code, '', out.rv);
      return out.result;
    } catch (e) {
      let err = e;
      if (e instanceof NonJsonError) err = new ApiError(badRequest(`invalid object: ${e.message}`));
      else if (e instanceof SelectorError) err = new ApiError(badRequest(e.message));
      if (err instanceof ApiError) {
        respond(err.code, err.reason, '');
        throw err;
      }
      respond(500, 'InternalError', '');
      throw e;
    }
  };

  const requireName = (name: string | undefined): string => {
    if (typeof name !== 'string' || name === '') fail(badRequest('resource name may not be empty'));
    return name!;
  };

  const requireNamespace = (def: ResourceDefinition, ns: string) => {
    if (def.scope === 'Namespaced' && !ns) {
      fail(
        badRequest(
          `a namespace is required for the namespaced resource ${JSON.stringify(resourceIdOf(def))}`,
        ),
      );
    }
  };

  const privateCopy = (obj: unknown, what: string): KubeObject => {
    if (!isPlainObject(obj)) fail(badRequest(`${what} must be a JSON object`));
    const o = cloneJsonInput(obj) as KubeObject;
    if (o.metadata === undefined) o.metadata = {};
    if (!isPlainObject(o.metadata)) fail(badRequest(`${what}: metadata must be an object`));
    return o;
  };

  // ---- create ----

  // plugin/pkg/admission/namespace/lifecycle: content needs a live namespace.
  const admitNamespace = (def: ResourceDefinition, ns: string | undefined, name: string) => {
    if (def.scope !== 'Namespaced' || !ns) return;
    const nsObj = store.get('namespaces', ns);
    if (!nsObj) fail(notFound(CORE_NAMESPACES, ns));
    if (nsObj!.metadata.deletionTimestamp) {
      fail(
        forbidden(
          grOf(def),
          name,
          `unable to create new content in namespace ${ns} because it is being terminated`,
        ),
      );
    }
  };

  const doCreate = (
    def: ResourceDefinition,
    id: ResourceId,
    obj: KubeObject,
    dryRun: boolean,
  ): KubeObject => {
    normalizeTypeMeta(def, obj);
    const meta = obj.metadata;
    // etcd3 store.Create: a plain error, which the handler reports as a reason-less 500.
    if (meta.resourceVersion)
      fail(unknownError('resourceVersion should not be set on objects to be created'));
    if (def.scope === 'Cluster') delete meta.namespace;
    def.defaulting?.(obj);
    prepareForCreate(def, obj, sim.rng.uuid(), now());
    admitNamespace(def, meta.namespace, meta.name ?? meta.generateName ?? '');
    let generated = false;
    if (!meta.name && meta.generateName) {
      // registry/rest/create.go + store.Create: a random 5-character suffix, retried on collision.
      for (let i = 0; i < 8; i++) {
        meta.name = meta.generateName + sim.rng.suffix(5);
        generated = true;
        if (!store.get(id, objectKey(meta.namespace, meta.name))) break;
      }
    }
    const errs = validateForCreate(def, obj);
    if (errs.length) fail(invalid(gkOf(def), meta.name ?? '', errs));
    const key = objectKey(meta.namespace, meta.name!);
    if (store.get(id, key))
      fail(generated ? generateNameConflict(grOf(def), meta.name!) : alreadyExists(grOf(def), meta.name!));
    if (dryRun) return cloneJson(obj);
    commit(id, 'ADDED', key, obj);
    return cloneJson(obj);
  };

  // ---- update (PUT, and every patch after the patch is applied) ----

  type UpdateMode = 'main' | 'status';

  const doUpdate = (
    def: ResourceDefinition,
    id: ResourceId,
    req: KubeObject,
    mode: UpdateMode,
    dryRun: boolean,
  ): KubeObject => {
    const name = requireName(req.metadata.name);
    if (def.scope === 'Cluster') delete req.metadata.namespace;
    else requireNamespace(def, req.metadata.namespace ?? '');
    const key = objectKey(req.metadata.namespace, name);
    const existing = store.get(id, key);
    if (!existing) fail(notFound(grOf(def), name));
    const old = existing!;
    // store.go Update: optimistic concurrency on the request's resourceVersion (facts 73-75).
    const reqRv = req.metadata.resourceVersion;
    if (!reqRv) {
      if (!def.builtin) {
        // The Invalid error names the resource in its Kind field (store.go: "we should fill the Resource").
        fail(
          invalid({ group: def.group, kind: def.plural }, name, [
            fieldInvalid('metadata.resourceVersion', GO_UINT64_ZERO, 'must be specified for an update'),
          ]),
        );
      }
    } else if (reqRv !== old.metadata.resourceVersion) {
      fail(conflict(grOf(def), name));
    }
    def.defaulting?.(req);
    let obj: KubeObject;
    if (mode === 'status') obj = prepareForStatusUpdate(def, req, old);
    else {
      prepareForUpdate(def, req, old);
      obj = req;
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    const errs = validateForUpdate(def, obj, old);
    if (errs.length) fail(invalid(gkOf(def), name, errs));
    if (shouldDeleteDuringUpdate(def, obj, old)) {
      // store.go deleteWithoutFinalizers: watchers get DELETED with the stored state, the caller the update.
      if (!dryRun) commit(id, 'DELETED', key, old, old);
      return cloneJson(obj);
    }
    // etcd3 store.go GuaranteedUpdate: identical bytes write nothing, bump nothing, send nothing (fact 76).
    // The comparison also lets the new version share every unchanged subtree with the stored one.
    if (shareUnchanged(obj, old, 2, 'metadata')) return cloneJson(old);
    if (dryRun) return cloneJson(obj);
    commit(id, 'MODIFIED', key, obj, old);
    return cloneJson(obj);
  };

  // ---- scale ----

  const scaleSub = (def: ResourceDefinition) => {
    const sub = def.subresources?.scale;
    if (!sub) fail(resourceNotServed());
    return sub!;
  };

  const doUpdateScale = (
    def: ResourceDefinition,
    id: ResourceId,
    ns: string,
    name: string,
    replicas: unknown,
    rv: string | undefined,
    dryRun: boolean,
  ): KubeObject => {
    const sub = scaleSub(def);
    const errs = validateScaleReplicas(replicas);
    if (errs.length) fail(invalid({ group: 'autoscaling', kind: 'Scale' }, name, errs));
    const existing = store.get(id, objectKey(ns || undefined, name));
    if (!existing) fail(notFound(grOf(def), name));
    // etcd.go scaleUpdatedObjectInfo: a Scale's resourceVersion is a precondition on the object.
    if (rv && rv !== existing!.metadata.resourceVersion) fail(conflict(grOf(def), name));
    const obj = cloneJson(existing!);
    setPath(obj as Record<string, unknown>, sub.specReplicasPath, replicas);
    const updated = doUpdate(def, id, obj, 'main', dryRun);
    return scaleOf(updated, sub);
  };

  // ---- patch ----

  const applyPatch = applyPatchOfType;

  // patch.go: the patched object must still be the same object.
  const checkPatched = (def: ResourceDefinition, patched: unknown, ns: string, name: string): KubeObject => {
    if (!isPlainObject(patched) || !isPlainObject(patched.metadata)) {
      fail(genericUnprocessable('the patched document is not an object with metadata'));
    }
    const obj = patched as KubeObject;
    if (obj.metadata.name !== name) {
      fail(
        badRequest(
          `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`,
        ),
      );
    }
    if (def.scope === 'Namespaced' && (obj.metadata.namespace ?? '') !== ns) {
      fail(
        badRequest('the namespace of the provided object does not match the namespace sent on the request'),
      );
    }
    normalizeTypeMeta(def, obj);
    return obj;
  };

  const validatePatchOptions = (type: PatchType, o: PatchOptions | undefined) => {
    const errs: FieldError[] = [];
    // meta/v1/validation ValidatePatchOptions (fact 89)
    if (type === 'apply') {
      if (!o?.fieldManager) errs.push(fieldRequired('fieldManager', 'is required for apply patch'));
    } else if (o?.force !== undefined) {
      errs.push(fieldForbidden('force', 'may not be specified for non-apply patch'));
    }
    if (o?.fieldManager && o.fieldManager.length > 128) {
      errs.push({
        type: 'FieldValueTooLong',
        field: 'fieldManager',
        value: '',
        detail: 'may not be more than 128 bytes',
      });
    }
    if (errs.length) fail(invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs));
  };

  // ---- list / watch filters ----

  const fieldValue = (obj: KubeObject, field: string): string => {
    if (field === 'metadata.name') return obj.metadata.name ?? '';
    if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
    const v = getPath(obj, `.${field}`);
    return v === undefined || v === null ? '' : String(v);
  };

  const parseSelectors = (def: ResourceDefinition, labelSelector?: string, fieldSelector?: string) => {
    const labels: LabelSelector | undefined = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields: FieldSelector | undefined = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
    for (const t of fields?.terms ?? []) {
      if (t.field === 'metadata.name' || t.field === 'metadata.namespace') continue;
      if (def.selectableFields?.includes(t.field)) continue;
      // core/v1 conversion.go field label functions for built-ins; runtime DefaultMetaV1FieldSelectorConversion for CRs.
      fail(
        badRequest(
          def.builtin
            ? `field label not supported: ${t.field}`
            : `${JSON.stringify(t.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
        ),
      );
    }
    return { labels, fields };
  };

  const makeFilter = (
    def: ResourceDefinition,
    ns: string,
    labels?: LabelSelector,
    fields?: FieldSelector,
  ) => {
    const byNs = def.scope === 'Namespaced' && ns !== '';
    return (obj: KubeObject): boolean =>
      (!byNs || obj.metadata.namespace === ns) &&
      (!labels || matchesLabels(labels, obj.metadata.labels)) &&
      (!fields || matchesFields(fields, (f) => fieldValue(obj, f)));
  };

  // ---- the GC's and namespace controller's view ----

  const lookupByUid = (uid: string): { def: ResourceDefinition; obj: KubeObject } | undefined => {
    const at = store.byUid(uid);
    if (!at) return undefined;
    const def = registry.byId(at.resource);
    const obj = store.get(at.resource, at.key);
    return def && obj ? { def, obj } : undefined;
  };

  const server: MockApiServer = {
    registry,
    faults,

    currentResourceVersion: () => String(store.currentRv()),

    create(resource, obj, o) {
      primeKind(resource, obj);
      const m = metaOf(obj);
      const name = m?.name ?? m?.generateName ?? '';
      return call('create', resource, m?.namespace, name, o, undefined, (def, id) => {
        const created = doCreate(def, id, privateCopy(obj, 'the object'), o?.dryRun === true);
        return { result: created, code: 201, rv: created.metadata.resourceVersion ?? '' };
      });
    },

    get(resource, namespace, name, o) {
      return call('get', resource, namespace, name, o, undefined, (def, id, ns) => {
        requireName(name);
        requireNamespace(def, ns);
        const obj = store.get(id, objectKey(ns || undefined, name));
        if (!obj) fail(notFound(grOf(def), name));
        return { result: cloneJson(obj!), code: 200, rv: obj!.metadata.resourceVersion ?? '' };
      });
    },

    list(resource, o) {
      return call('list', resource, o?.namespace, '', o, undefined, (def, id, ns) => {
        const { labels, fields } = parseSelectors(def, o?.labelSelector, o?.fieldSelector);
        const requested = parseRv(o?.resourceVersion);
        const current = store.currentRv();
        if (requested !== undefined && requested > current) {
          fail(timeout(`Too large resource version: ${requested}, current: ${current}`, 1));
        }
        if (o?.limit !== undefined && !(Number.isInteger(o.limit) && o.limit >= 0)) {
          fail(badRequest(`limit must be a non-negative integer, got ${o.limit}`));
        }
        let listRv = current;
        let start = '';
        if (o?.continue) {
          const token = decodeContinue(o.continue);
          if (token.rv < store.oldestAvailableRv() - 1) {
            fail(
              expired(
                'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
              ),
            );
          }
          listRv = token.rv;
          start = token.start;
        }
        const filter = makeFilter(def, ns, labels, fields);
        const limit = o?.limit && o.limit > 0 ? o.limit : Infinity;
        const items: KubeObject[] = [];
        let lastKey = '';
        let more = false;
        let remaining = 0;
        const keys = store.sortedKeys(id);
        // The page starts after the continue token's key (a binary search in the sorted keys).
        let lo = 0;
        if (start) {
          let hi = keys.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (keys[mid]! <= start) lo = mid + 1;
            else hi = mid;
          }
        }
        for (let i = lo; i < keys.length; i++) {
          const obj = store.get(id, keys[i]!)!;
          if (!filter(obj)) continue;
          if (items.length >= limit) {
            more = true;
            remaining++;
            continue;
          }
          items.push(cloneJson(obj));
          lastKey = keys[i]!;
        }
        const list: ObjectList = {
          apiVersion: storageApiVersion(def),
          kind: def.listKind,
          metadata: { resourceVersion: String(listRv) },
          items,
        };
        if (more) {
          // SIMPLIFIED paging: every page reports the first page's RV, but items are read at the current state.
          list.metadata.continue = encodeContinue(listRv, lastKey);
          // etcd can count what is left only when nothing is filtered (ListMeta.remainingItemCount).
          if (!labels && !fields && !(def.scope === 'Namespaced' && ns))
            list.metadata.remainingItemCount = remaining;
        }
        return { result: list, code: 200, rv: String(listRv) };
      });
    },

    update(resource, obj, o?: UpdateOptions) {
      primeKind(resource, obj);
      const m = metaOf(obj);
      const name = m?.name ?? '';
      return call('update', resource, m?.namespace, name, o, o?.subresource, (def, id, nsResolved) => {
        const dryRun = o?.dryRun === true;
        if (o?.subresource === 'scale') {
          const scale = privateCopy(obj, 'the Scale');
          const replicas = isPlainObject(scale.spec) ? (scale.spec.replicas ?? 0) : 0;

          const result = doUpdateScale(
            def,
            id,
            nsResolved,
            requireName(name),
            replicas,
            scale.metadata.resourceVersion,
            dryRun,
          );
          return { result, code: 200, rv: result.metadata.resourceVersion ?? '' };
        }
        if (o?.subresource === 'status' && !def.subresources?.status) fail(resourceNotServed());
        const req = privateCopy(obj, 'the object');
        normalizeTypeMeta(def, req);
        const result = doUpdate(def, id, req, o?.subresource === 'status' ? 'status' : 'main', dryRun);
        return { result, code: 200, rv: result.metadata.resourceVersion ?? '' };
      });
    },

    patch(resource, namespace, name, type, patch, o) {
      return call<{ object: KubeObject; created: boolean }>(
        'patch',
        resource,
        namespace,
        name,
        o,
        o?.subresource,
        (def, id, ns) => {
          requireName(name);
          requireNamespace(def, ns);
          const dryRun = o?.dryRun === true;
          if (!['merge', 'json', 'strategic', 'apply'].includes(type)) {
            fail(
              unsupportedMediaType(
                def.builtin ? [...CR_PATCH_TYPES, 'application/strategic-merge-patch+json'] : CR_PATCH_TYPES,
              ),
            );
          }
          // customresource_handler.go supportedTypes: custom resources take no strategic merge patch (fact 88).
          if (type === 'strategic' && !def.builtin && o?.subresource !== 'scale')
            fail(unsupportedMediaType(CR_PATCH_TYPES));
          validatePatchOptions(type, o);
          const patchCopy = cloneJsonInput(patch);
          const key = objectKey(ns || undefined, name);
          const existing = store.get(id, key);

          if (o?.subresource === 'scale') {
            const sub = scaleSub(def);
            if (!existing) fail(notFound(grOf(def), name));
            const patchedScale = applyPatch(
              def,
              scaleOf(existing!, sub),
              type === 'apply' ? 'merge' : type,
              patchCopy,
            );
            const spec = isPlainObject(patchedScale.spec) ? patchedScale.spec : {};
            const result = doUpdateScale(
              def,
              id,
              ns,
              name,
              spec.replicas ?? 0,
              patchedScale.metadata?.resourceVersion,
              dryRun,
            );
            return {
              result: { object: result, created: false },
              code: 200,
              rv: result.metadata.resourceVersion ?? '',
            };
          }
          if (o?.subresource === 'status' && !def.subresources?.status) fail(resourceNotServed());

          if (!existing) {
            // store.go Update with forceAllowCreate: an apply to a missing object creates it (fact 89).
            if (type !== 'apply' || o?.subresource) fail(notFound(grOf(def), name));
            const obj = privateCopy(patchCopy, 'the applied configuration');
            obj.metadata.name = name;
            if (def.scope === 'Namespaced') obj.metadata.namespace = ns;
            const created = doCreate(def, id, obj, dryRun);
            return {
              result: { object: created, created: true },
              code: 201,
              rv: created.metadata.resourceVersion ?? '',
            };
          }
          if (type === 'apply') {
            if (!isPlainObject(patchCopy))
              fail(badRequest('error decoding YAML: an apply patch must be an object'));
            const applied = patchCopy as Record<string, unknown>;
            if (!applied.apiVersion || !applied.kind) {
              fail(badRequest('invalid object type: apiVersion and kind must be set in an apply patch'));
            }
          }
          const patched = checkPatched(def, applyPatch(def, existing!, type, patchCopy), ns, name);
          const result = doUpdate(def, id, patched, o?.subresource === 'status' ? 'status' : 'main', dryRun);
          return {
            result: { object: result, created: false },
            code: 200,
            rv: result.metadata.resourceVersion ?? '',
          };
        },
      );
    },

    delete(resource, namespace, name, o?: DeleteOptions) {
      return call('delete', resource, namespace, name, o, undefined, (def, id, ns) => {
        requireName(name);
        requireNamespace(def, ns);
        const dryRun = o?.dryRun === true;
        if (o?.propagationPolicy !== undefined && !PROPAGATION_POLICIES.includes(o.propagationPolicy)) {
          // meta/v1/validation ValidateDeleteOptions
          fail(
            invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
              fieldNotSupported('propagationPolicy', o.propagationPolicy, [
                'Foreground',
                'Background',
                'Orphan',
                'nil',
              ]),
            ]),
          );
        }
        const key = objectKey(ns || undefined, name);
        const existing = store.get(id, key);
        if (!existing) fail(notFound(grOf(def), name));
        const old = existing!;
        // rest/delete.go BeforeDelete: preconditions name the Kind, not the resource.
        const kindGr = { group: def.group, resource: def.kind };
        const pre = o?.preconditions;
        if (pre?.uid !== undefined && pre.uid !== old.metadata.uid) {
          fail(
            conflict(
              kindGr,
              name,
              `the UID in the precondition (${pre.uid}) does not match the UID in record (${old.metadata.uid}). The object might have been deleted and then recreated`,
            ),
          );
        }
        if (pre?.resourceVersion !== undefined && pre.resourceVersion !== old.metadata.resourceVersion) {
          fail(
            conflict(
              kindGr,
              name,
              `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion}). The object might have been modified`,
            ),
          );
        }
        const isNamespace = def.group === '' && def.kind === 'Namespace';
        if (isNamespace && SYSTEM_NAMESPACES.includes(name)) {
          fail(forbidden(grOf(def), name, 'this namespace may not be deleted'));
        }
        const finalizers = finalizersForDelete(old.metadata.finalizers ?? [], o?.propagationPolicy);
        const nsFinalizers =
          isNamespace && Array.isArray(old.spec?.finalizers) ? old.spec!.finalizers.length : 0;
        if (finalizers.length > 0 || nsFinalizers > 0) {
          // store.go updateForGracefulDeletionAndFinalizers + markAsDeleting (facts 77, 80).
          let next = markAsDeleting(old, finalizers, now());
          if (finalizers.length === 0) delete next.metadata.finalizers;
          if (isNamespace) next = { ...next, status: { ...(old.status ?? {}), phase: 'Terminating' } };
          if (jsonEqual(next, old)) {
            const same = cloneJson(old);
            return {
              result: { deleted: false, object: same, response: cloneJson(old) },
              code: 200,
              rv: old.metadata.resourceVersion ?? '',
            };
          }
          if (!dryRun) commit(id, 'MODIFIED', key, next, old);
          return {
            result: { deleted: false, object: cloneJson(next), response: cloneJson(next) },
            code: 200,
            rv: next.metadata.resourceVersion ?? '',
          };
        }
        // Nothing holds it: gone now (fact 81 for the response shape).
        let rv = old.metadata.resourceVersion ?? '';
        if (!dryRun) rv = String(commit(id, 'DELETED', key, old, old).rv);
        const object = cloneJson(old);
        const response: KubeObject | Status = def.returnDeletedObject
          ? cloneJson(old)
          : deleteSuccess(grOf(def), name, old.metadata.uid ?? '');
        const result: DeleteResult = { deleted: true, object, response };
        return { result, code: 200, rv };
      });
    },

    getScale(resource, namespace, name, o) {
      return call('get', resource, namespace, name, o, 'scale', (def, id, ns) => {
        requireName(name);
        const sub = scaleSub(def);
        const obj = store.get(id, objectKey(ns || undefined, name));
        if (!obj) fail(notFound(grOf(def), name));
        const scale = scaleOf(obj!, sub);
        return { result: scale, code: 200, rv: scale.metadata.resourceVersion ?? '' };
      });
    },

    updateScale(resource, namespace, name, replicas, o) {
      return call('update', resource, namespace, name, o, 'scale', (def, id, ns) => {
        requireName(name);
        requireNamespace(def, ns);
        const scale = doUpdateScale(def, id, ns, name, replicas, o?.resourceVersion, o?.dryRun === true);
        return { result: scale, code: 200, rv: scale.metadata.resourceVersion ?? '' };
      });
    },

    watch(resource, o: WatchOptions, handlers: WatchHandlers): Watch {
      if (!handlers || typeof handlers.onEvent !== 'function')
        throw new TypeError('watch needs handlers.onEvent');
      return call(
        'watch',
        resource,
        o?.namespace,
        '',
        { actor: o?.actor ?? 'user' },
        undefined,
        (def, id, ns) => {
          const { labels, fields } = parseSelectors(def, o?.labelSelector, o?.fieldSelector);
          const fromRv = parseRv(o?.resourceVersion);
          if (o?.timeoutMs !== undefined && !(Number.isFinite(o.timeoutMs) && o.timeoutMs >= 0)) {
            fail(badRequest(`timeoutMs must be a non-negative number, got ${o.timeoutMs}`));
          }
          const w = hub.start({
            resource: id,
            def,
            filter: makeFilter(def, ns, labels, fields),
            fromRv,
            opts: o ?? {},
            handlers,
          });
          return { result: w, code: 200, rv: String(store.currentRv()) };
        },
      );
    },

    validate(resource, obj) {
      const def = resolve(resource);
      if (!def) throw new ApiError(resourceNotServed());
      let o: KubeObject;
      try {
        o = privateCopy(obj, 'the object');
        normalizeTypeMeta(def, o);
      } catch (e) {
        if (e instanceof ApiError) return [fieldInvalid('apiVersion', obj?.apiVersion ?? '', e.message)];
        if (e instanceof NonJsonError) return [fieldInvalid(e.path || 'object', null, e.message)];
        throw e;
      }
      if (def.scope === 'Cluster') delete o.metadata.namespace;
      def.defaulting?.(o);
      prepareForCreate(def, o, 'validate', now());
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}xxxxx`;
      return validateForCreate(def, o);
    },

    *peek(resource) {
      const def = resolve(resource);
      if (!def) throw new ApiError(resourceNotServed());
      yield* store.values(resourceIdOf(def));
    },

    definitionFor(obj) {
      const def = registry.byKind(obj.apiVersion, obj.kind);
      if (!def) {
        // kubectl's RESTMapper error for a kind the server does not serve.
        throw new ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}`,
          reason: 'NotFound',
          code: 404,
        });
      }
      return def;
    },

    onCommit(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },

    openWatches: () => hub.openCount(),
    pendingWatchEvents: () => hub.pendingDeliveries(),
    gcPending: () => (gc?.pending() ?? 0) + (nsController?.pending() ?? 0),
  };

  let gc: GarbageCollector | undefined;
  let nsController: NamespaceController | undefined;
  if (opts.garbageCollector !== false) {
    const host = {
      api: server,
      sim,
      delayMs: gcDelayMs,
      onCommit: server.onCommit,
      byUid: lookupByUid,
      dependentsOf: (uid: string) => {
        const out: { def: ResourceDefinition; obj: KubeObject }[] = [];
        for (const d of store.dependentsOf(uid)) {
          const x = lookupByUid(d);
          if (x) out.push(x);
        }
        return out;
      },
      getByCoordinates: (apiVersion: string, kind: string, namespace: string | undefined, name: string) => {
        const def = registry.byKind(apiVersion, kind);
        if (!def) return undefined;
        const obj = store.get(
          resourceIdOf(def),
          objectKey(def.scope === 'Namespaced' ? namespace : undefined, name),
        );
        return obj ? { def, obj } : undefined;
      },
    };
    gc = createGarbageCollector(host);
    nsController = createNamespaceController({
      api: server,
      sim,
      delayMs: gcDelayMs,
      onCommit: server.onCommit,
      registry,
      namespace: (name) => store.get('namespaces', name),
      contentOf: (ns) => {
        const out: { def: ResourceDefinition; obj: KubeObject }[] = [];
        for (const def of registry.all()) {
          if (def.scope !== 'Namespaced') continue;
          for (const obj of store.values(resourceIdOf(def)))
            if (obj.metadata.namespace === ns) out.push({ def, obj });
        }
        return out;
      },
      finalize: (name) => {
        const reqId = ++reqCounter;
        const actor = 'namespace-controller';
        const base = { verb: 'update', resource: 'namespaces', namespace: '', name, actor };
        sim.trace.emit('api.request', { ...base, reqId, subresource: 'finalize' });
        const old = store.get('namespaces', name);
        if (!old || !old.metadata.deletionTimestamp) {
          sim.trace.emit('api.response', { ...base, reqId, code: 404, reason: 'NotFound', rv: '' });
          return;
        }
        const next: KubeObject = {
          ...old,
          metadata: { ...old.metadata },
          spec: { ...(old.spec ?? {}), finalizers: [] },
        };
        const e =
          (old.metadata.finalizers?.length ?? 0) === 0
            ? commit('namespaces', 'DELETED', name, old, old)
            : commit('namespaces', 'MODIFIED', name, next, old);
        sim.trace.emit('api.response', { ...base, reqId, code: 200, reason: '', rv: String(e.rv) });
      },
    });
  }

  for (const ns of opts.namespaces ?? ['default', 'kube-system']) {
    server.create(
      'namespaces',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { actor: 'kube-apiserver' },
    );
  }

  return server;
}
