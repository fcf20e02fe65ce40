/**
 * The REST facade: kube-apiserver's HTTP surface (§3.2 of the client-go/apiserver truth table) over an
 * engine ApiServer, enough for real kubectl v1.32 and @kubernetes/client-node. Every request is answered with
 * JSON or a Status, never a crash: each handler is wrapped and an unexpected error is a 500 InternalError.
 * The engine is single-threaded and synchronous, so a request runs between two scheduler steps of the world;
 * onWrite lets serve mode deliver the resulting watch events at once.
 *
 * @example
 * const world = createWorld({ seed: 1 });
 * const handler = createFacade(world.api, { now: () => world.sim.now() });
 * http.createServer(handler).listen(6443, '127.0.0.1');
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ApiServer, DeleteOptions, PatchType, PropagationPolicy } from '../engine/api/api.ts';
import { PROPAGATION_POLICIES } from '../engine/api/deletion.ts';
import { fieldNotSupported } from '../engine/api/field-errors.ts';
import { isPlainObject } from '../engine/api/json.ts';
import { applyPatchOfType } from '../engine/api/patch-types.ts';
import { resourceIdOf, type ResourceDefinition } from '../engine/api/resource.ts';
import {
  badRequest,
  failureStatus,
  genericUnprocessable,
  internalError,
  invalid,
  methodNotSupported,
  resourceNotServed,
  unsupportedMediaType,
} from '../engine/api/status.ts';
import { ApiError, isApiError, type KubeObject, type ObjectList, type Status } from '../engine/api/types.ts';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregatedDiscovery,
} from './discovery.ts';
import {
  boolParam,
  DEFAULT_MAX_BODY_BYTES,
  intParam,
  mediaType,
  readBody,
  sendJson,
  sendStatus,
  stringParam,
} from './http-io.ts';
import { openApiGroupVersion, openApiRoot } from './openapi.ts';
import { routeOf, type ResourceRoute } from './routes.ts';
import { TABLE_CONTENT_TYPE, toTable, wantsTable, type IncludeObject } from './table.ts';
import { checkBodyTypeMeta, isStorageVersion, toClientVersion } from './versions.ts';
import { startWatchStream, type WatchStream } from './watch-stream.ts';

export interface FacadeOptions {
  /** Virtual now in ms (world.sim.now): ages in Tables are virtual. */
  now: () => number;
  /** host:port for the legacy APIVersions answer. */
  serverAddress?: () => string;
  /** Called after every write that reached the engine, so the runtime can deliver watch events promptly. */
  onWrite?: () => void;
  /** Non-API paths (the UI, the trace stream): return true when handled. */
  fallback?: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
  maxBodyBytes?: number;
  /** Called with a one-line description of every unexpected (500) error. */
  onError?: (message: string) => void;
}

export interface Facade {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Open HTTP watch streams. */
  openWatches(): number;
  /** Ends every open watch stream (server shutdown). */
  closeWatches(): void;
}

/** The kube-apiserver version this facade claims (the recordings' /version answer). */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: 'reconcile-lab',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const API_PREFIXES = ['api', 'apis', 'openapi', 'version', 'healthz', 'readyz', 'livez'];

const BODY_TYPES = ['application/json', 'application/yaml'];
const PATCH_MEDIA: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};
const CR_PATCH_MEDIA = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];
const FIELD_VALIDATION = ['', 'Ignore', 'Warn', 'Strict'];

/** The trace's actor: the product of the User-Agent ("kubectl/v1.32.4 (linux/amd64) …" → "kubectl"). */
export function actorOf(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split(/[/\s]/)[0] ?? '';
  const clean = product.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40);
  return clean || 'http';
}

const fail = (s: Status): never => {
  throw new ApiError(s);
};

function toStatus(e: unknown): Status {
  if (isApiError(e)) return e.status;
  return internalError(e instanceof Error ? e.message : String(e));
}

/** The request body as JSON (or YAML, which is a superset), or a 400 the way the decoder words it. */
function decodeBody(buf: Buffer, media: string, kind: string): unknown {
  const text = buf.toString('utf8');
  if (text.trim() === '') fail(badRequest('the body of the request was empty'));
  try {
    if (media === 'application/yaml' || media === 'application/apply-patch+yaml') return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return fail(
      badRequest(
        media.includes('yaml')
          ? `error decoding YAML: ${why}`
          : `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${why}`,
      ),
    );
  }
}

function checkDryRun(q: URLSearchParams, kind: string): boolean {
  const values = q.getAll('dryRun');
  // meta/v1/validation ValidateDryRun: "All" is the only value (fact 90).
  for (const v of values) {
    if (v !== 'All') {
      fail(invalid({ group: 'meta.k8s.io', kind }, '', [fieldNotSupported('dryRun', [v], ['All'])]));
    }
  }
  const fv = stringParam(q, 'fieldValidation');
  if (fv !== undefined && !FIELD_VALIDATION.includes(fv)) {
    fail(
      invalid({ group: 'meta.k8s.io', kind }, '', [
        fieldNotSupported('fieldValidation', fv, ['Ignore', 'Warn', 'Strict']),
      ]),
    );
  }
  return values.length > 0;
}

function includeObjectParam(q: URLSearchParams): IncludeObject {
  const v = stringParam(q, 'includeObject') ?? '';
  if (v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'None' || v === 'Object') return v;
  return fail(
    badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`),
  );
}

/** Built-in list items go out without kind and apiVersion, as the real server sends them (fact 91). */
function listItem(def: ResourceDefinition, obj: KubeObject): unknown {
  if (!def.builtin) return obj;
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return rest;
}

export function createFacade(api: ApiServer, opts: FacadeOptions): Facade {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const watches = new Set<WatchStream>();
  const registry = api.registry;

  const wrote = () => {
    try {
      opts.onWrite?.();
    } catch (e) {
      opts.onError?.(`onWrite: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // ---- resource endpoints ----

  const respondObject = (
    res: ServerResponse,
    route: ResourceRoute,
    obj: KubeObject | Status,
    code: number,
    accept: string | undefined,
    q: URLSearchParams,
  ) => {
    if (obj.kind === 'Status') return sendJson(res, code, obj);
    const o = toClientVersion(route.def, obj as KubeObject, route.version);
    if (wantsTable(accept) && o.kind === route.def.kind) {
      return sendJson(
        res,
        code,
        toTable(route.def, [o], opts.now(), {
          include: includeObjectParam(q),
          resourceVersion: o.metadata.resourceVersion,
        }),
        TABLE_CONTENT_TYPE,
      );
    }
    sendJson(res, code, o);
  };

  const listOptions = (route: ResourceRoute, q: URLSearchParams, actor: string) => {
    const o = {
      actor,
      namespace: route.namespace,
      labelSelector: stringParam(q, 'labelSelector'),
      fieldSelector: stringParam(q, 'fieldSelector'),
      resourceVersion: stringParam(q, 'resourceVersion'),
      limit: intParam(q, 'limit'),
      continue: stringParam(q, 'continue'),
    };
    const match = stringParam(q, 'resourceVersionMatch');
    if (match !== undefined && match !== '') {
      // internalversion/validation ValidateListOptions (fact 93).
      if (!['NotOlderThan', 'Exact'].includes(match))
        fail(
          invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [
            fieldNotSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']),
          ]),
        );
      if (!o.resourceVersion)
        fail(
          invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [
            {
              type: 'FieldValueForbidden',
              field: 'resourceVersionMatch',
              detail: 'resourceVersionMatch is forbidden unless resourceVersion is provided',
            },
          ]),
        );
      if (o.continue)
        fail(
          invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [
            {
              type: 'FieldValueForbidden',
              field: 'resourceVersionMatch',
              detail: 'resourceVersionMatch is forbidden when continue is provided',
            },
          ]),
        );
    }
    return o;
  };

  const handleList = (
    res: ServerResponse,
    route: ResourceRoute,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    const id = resourceIdOf(route.def);
    const list: ObjectList = api.list(id, listOptions(route, q, actor));
    const items = list.items.map((o) => toClientVersion(route.def, o, route.version));
    if (wantsTable(accept)) {
      return sendJson(
        res,
        200,
        toTable(route.def, items, opts.now(), { include: includeObjectParam(q), listMeta: list.metadata }),
        TABLE_CONTENT_TYPE,
      );
    }
    sendJson(res, 200, {
      kind: list.kind,
      apiVersion: route.group ? `${route.group}/${route.version}` : route.version,
      metadata: list.metadata,
      items: items.map((o) => listItem(route.def, o)),
    });
  };

  const handleWatch = (
    res: ServerResponse,
    route: ResourceRoute,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    if (route.name !== undefined)
      fail(methodNotSupported({ group: route.def.group, resource: route.def.plural }, 'watch'));
    const lo = listOptions(route, q, actor);
    if (boolParam(q, 'sendInitialEvents') === true) {
      // internalversion/validation validateWatchOptions with the WatchList gate treated as off (fact 101).
      fail(
        invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [
          {
            type: 'FieldValueForbidden',
            field: 'sendInitialEvents',
            detail: 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
          },
        ]),
      );
    }
    const timeoutSeconds = intParam(q, 'timeoutSeconds');
    const stream = startWatchStream(
      api,
      res,
      {
        def: route.def,
        resource: resourceIdOf(route.def),
        version: route.version,
        clientTimeout: timeoutSeconds !== undefined && timeoutSeconds > 0,
        watch: {
          namespace: lo.namespace,
          labelSelector: lo.labelSelector,
          fieldSelector: lo.fieldSelector,
          resourceVersion: lo.resourceVersion,
          allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks') === true,
          ...(timeoutSeconds ? { timeoutMs: timeoutSeconds * 1000 } : {}),
          watcher: `${actor}/${route.def.plural}`,
          actor,
        },
        ...(wantsTable(accept) ? { table: { include: includeObjectParam(q), now: opts.now } } : {}),
      },
      () => watches.delete(stream),
    );
    watches.add(stream);
  };

  /** Parses a POST/PUT body into an object of the URL's kind and version. */
  const objectBody = (req: IncomingMessage, body: Buffer, route: ResourceRoute): Record<string, unknown> => {
    const media = mediaType(req.headers['content-type']) || 'application/json';
    if (!BODY_TYPES.includes(media)) fail(unsupportedMediaType([...BODY_TYPES]));
    const kind = route.subresource === 'scale' ? 'Scale' : route.def.kind;
    const obj = decodeBody(body, media, kind);
    if (!isPlainObject(obj))
      return fail(
        badRequest(`the object provided is unrecognized (must be of type ${kind}): not a JSON object`),
      );
    if (obj.metadata !== undefined && !isPlainObject(obj.metadata))
      fail(
        badRequest(
          `the object provided is unrecognized (must be of type ${kind}): metadata must be an object`,
        ),
      );
    return obj;
  };

  const checkNamespace = (route: ResourceRoute, obj: Record<string, unknown>) => {
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    obj.metadata = meta;
    if (route.def.scope !== 'Namespaced') return;
    if (meta.namespace === undefined || meta.namespace === '') meta.namespace = route.namespace;
    else if (meta.namespace !== route.namespace)
      fail(
        badRequest('the namespace of the provided object does not match the namespace sent on the request'),
      );
  };

  const handleCreate = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    body: Buffer,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    if (route.name !== undefined)
      fail(methodNotSupported({ group: route.def.group, resource: route.def.plural }, 'create'));
    if (route.def.scope === 'Namespaced' && route.namespace === undefined)
      fail(methodNotSupported({ group: route.def.group, resource: route.def.plural }, 'create'));
    const dryRun = checkDryRun(q, 'CreateOptions');
    const obj = objectBody(req, body, route);
    checkBodyTypeMeta(route.def, obj, route.group, route.version);
    checkNamespace(route, obj);
    const created = api.create(resourceIdOf(route.def), obj as KubeObject, { actor, dryRun });
    if (!dryRun) wrote();
    respondObject(res, route, created, 201, accept, q);
  };

  const handleUpdate = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    body: Buffer,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    const name = route.name!;
    const dryRun = checkDryRun(q, 'UpdateOptions');
    const obj = objectBody(req, body, route);
    const id = resourceIdOf(route.def);
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    obj.metadata = meta;
    if (meta.name === undefined || meta.name === '') meta.name = name;
    else if (meta.name !== name)
      fail(
        badRequest(
          `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`,
        ),
      );
    if (route.subresource === 'scale') {
      // PUT /scale: the Scale's resourceVersion is a precondition (fact 118). kubectl sends no Content-Type (fact 116).
      if (obj.kind !== undefined && obj.kind !== 'Scale')
        fail(
          badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (Scale)`),
        );
      const spec: Record<string, unknown> = isPlainObject(obj.spec) ? obj.spec : {};
      // The engine validates the number (422 for a non-integer or negative count).
      const replicas = (spec.replicas ?? 0) as number;
      const scale = api.updateScale(id, route.namespace, name, replicas, {
        actor,
        dryRun,
        ...(typeof meta.resourceVersion === 'string' ? { resourceVersion: meta.resourceVersion } : {}),
      });
      if (!dryRun) wrote();
      return sendJson(res, 200, scale);
    }
    checkBodyTypeMeta(route.def, obj, route.group, route.version);
    checkNamespace(route, obj);
    const updated = api.update(id, obj as KubeObject, {
      actor,
      dryRun,
      ...(route.subresource === 'status' ? { subresource: 'status' as const } : {}),
    });
    if (!dryRun) wrote();
    respondObject(res, route, updated, 200, accept, q);
  };

  const handlePatch = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    body: Buffer,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    const name = route.name!;
    const media = mediaType(req.headers['content-type']);
    const type = PATCH_MEDIA[media];
    const crTypes =
      route.def.builtin || route.subresource === 'scale' ? Object.keys(PATCH_MEDIA) : CR_PATCH_MEDIA;
    // customresource_handler.go supportedTypes: no strategic merge patch for custom resources (fact 88).
    if (!type || !crTypes.includes(media)) fail(unsupportedMediaType(crTypes));
    const dryRun = checkDryRun(q, 'PatchOptions');
    const force = boolParam(q, 'force');
    const fieldManager = stringParam(q, 'fieldManager');
    const patch = decodeBody(body, media, route.def.kind);
    const id = resourceIdOf(route.def);
    const subresource = route.subresource as 'status' | 'scale' | undefined;
    const popts = {
      actor,
      dryRun,
      ...(subresource ? { subresource } : {}),
      ...(fieldManager !== undefined ? { fieldManager } : {}),
      ...(force !== undefined ? { force } : {}),
    };
    if (type === 'apply' && isPlainObject(patch))
      checkBodyTypeMeta(route.def, patch, route.group, route.version);
    if (subresource === 'scale' || isStorageVersion(route.def, route.version)) {
      const out = api.patch(id, route.namespace, name, type!, patch, popts);
      if (!dryRun) wrote();
      if (subresource === 'scale') return sendJson(res, 200, out.object);
      return respondObject(res, route, out.object, out.created ? 201 : 200, accept, q);
    }
    // Another served version: the patch applies to the object as this version shows it (the apiserver patches
    // in the request's version, then converts for storage).
    let current: KubeObject | undefined;
    try {
      current = api.get(id, route.namespace, name, { actor });
    } catch (e) {
      if (!(isApiError(e) && e.code === 404 && type === 'apply' && !subresource)) throw e;
    }
    if (!current) {
      const out = api.patch(id, route.namespace, name, 'apply', patch, popts);
      if (!dryRun) wrote();
      return respondObject(res, route, out.object, 201, accept, q);
    }
    const view = toClientVersion(route.def, current, route.version);
    const patched = applyPatchOfType(route.def, view, type!, patch);
    if (!isPlainObject(patched) || !isPlainObject(patched.metadata))
      fail(genericUnprocessable('the patched document is not an object with metadata'));
    const p = patched as KubeObject;
    if (p.metadata.name !== name)
      fail(
        badRequest(
          `the name of the object (${p.metadata.name ?? ''}) does not match the name on the URL (${name})`,
        ),
      );
    p.metadata.resourceVersion ??= current.metadata.resourceVersion;
    const updated = api.update(id, p, {
      actor,
      dryRun,
      ...(subresource === 'status' ? { subresource } : {}),
    });
    if (!dryRun) wrote();
    respondObject(res, route, updated, 200, accept, q);
  };

  const deleteOptions = (
    req: IncomingMessage,
    body: Buffer,
    q: URLSearchParams,
    actor: string,
  ): { opts: DeleteOptions; orphanFalse: boolean } => {
    const dryRun = checkDryRun(q, 'DeleteOptions');
    const opts: DeleteOptions = { actor, dryRun };
    let orphanFalse = false;
    let policy = stringParam(q, 'propagationPolicy');
    let orphan = boolParam(q, 'orphanDependents');
    if (body.length > 0 && body.toString('utf8').trim() !== '') {
      const media = mediaType(req.headers['content-type']) || 'application/json';
      if (!BODY_TYPES.includes(media)) fail(unsupportedMediaType([...BODY_TYPES]));
      const b = decodeBody(body, media, 'DeleteOptions');
      if (!isPlainObject(b))
        fail(badRequest('the object provided is unrecognized (must be of type DeleteOptions)'));
      const d = b as Record<string, unknown>;
      if (d.propagationPolicy !== undefined && d.propagationPolicy !== null)
        policy = String(d.propagationPolicy);
      if (typeof d.orphanDependents === 'boolean') orphan = d.orphanDependents;
      if (Array.isArray(d.dryRun) && d.dryRun.length > 0) {
        if (d.dryRun.some((v) => v !== 'All'))
          fail(
            invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
              fieldNotSupported('dryRun', d.dryRun, ['All']),
            ]),
          );
        opts.dryRun = true;
      }
      if (isPlainObject(d.preconditions)) {
        const pre: { uid?: string; resourceVersion?: string } = {};
        if (typeof d.preconditions.uid === 'string') pre.uid = d.preconditions.uid;
        if (typeof d.preconditions.resourceVersion === 'string')
          pre.resourceVersion = d.preconditions.resourceVersion;
        opts.preconditions = pre;
      }
    }
    if (policy !== undefined && orphan !== undefined) {
      // meta/v1/validation ValidateDeleteOptions
      fail(
        invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
          {
            type: 'FieldValueInvalid',
            field: 'propagationPolicy',
            value: policy,
            detail: 'orphanDependents and deletionPropagation cannot be both set',
          },
        ]),
      );
    }
    if (orphan !== undefined) {
      policy = orphan ? 'Orphan' : 'Background';
      orphanFalse = !orphan;
    }
    if (policy !== undefined) {
      if (!PROPAGATION_POLICIES.includes(policy as PropagationPolicy))
        fail(
          invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
            fieldNotSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']),
          ]),
        );
      opts.propagationPolicy = policy as PropagationPolicy;
    }
    return { opts, orphanFalse };
  };

  const handleDelete = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    body: Buffer,
    q: URLSearchParams,
    accept: string | undefined,
    actor: string,
  ) => {
    const id = resourceIdOf(route.def);
    const { opts: dopts, orphanFalse } = deleteOptions(req, body, q, actor);
    if (route.name === undefined) {
      // deletecollection: every match, one by one; the answer is the list of what was deleted.
      const list = api.list(id, { ...listOptions(route, q, actor), limit: undefined, continue: undefined });
      const items: unknown[] = [];
      for (const o of list.items) {
        const r = api.delete(id, o.metadata.namespace, o.metadata.name ?? '', dopts);
        items.push(listItem(route.def, toClientVersion(route.def, r.object, route.version)));
      }
      if (!dopts.dryRun) wrote();
      return sendJson(res, 200, {
        kind: route.def.listKind,
        apiVersion: route.group ? `${route.group}/${route.version}` : route.version,
        metadata: { resourceVersion: api.currentResourceVersion() },
        items,
      });
    }
    const result = api.delete(id, route.namespace, route.name, dopts);
    if (!dopts.dryRun) wrote();
    // endpoints/handlers/delete.go DeleteResource: 202 only for a deferred delete with orphanDependents=false.
    const code = !result.deleted && orphanFalse ? 202 : 200;
    respondObject(res, route, result.response, code, accept, q);
  };

  const handleResource = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    body: Buffer,
    q: URLSearchParams,
  ) => {
    const accept = req.headers.accept;
    const actor = actorOf(req.headers['user-agent']);
    const method = req.method ?? 'GET';
    const id = resourceIdOf(route.def);
    const gr = { group: route.def.group, resource: route.def.plural };
    switch (method) {
      case 'GET':
        if (route.name === undefined) {
          if (boolParam(q, 'watch') === true) return handleWatch(res, route, q, accept, actor);
          return handleList(res, route, q, accept, actor);
        }
        if (boolParam(q, 'watch') === true) return fail(methodNotSupported(gr, 'watch'));
        if (route.subresource === 'scale')
          return sendJson(res, 200, api.getScale(id, route.namespace, route.name, { actor }));
        return respondObject(res, route, api.get(id, route.namespace, route.name, { actor }), 200, accept, q);
      case 'POST':
        return handleCreate(req, res, route, body, q, accept, actor);
      case 'PUT':
        if (route.name === undefined) return fail(methodNotSupported(gr, 'update'));
        return handleUpdate(req, res, route, body, q, accept, actor);
      case 'PATCH':
        if (route.name === undefined) return fail(methodNotSupported(gr, 'patch'));
        return handlePatch(req, res, route, body, q, accept, actor);
      case 'DELETE':
        if (route.subresource !== undefined) return fail(methodNotSupported(gr, 'delete'));
        return handleDelete(req, res, route, body, q, accept, actor);
      default:
        return fail(methodNotSupported(gr, method.toLowerCase()));
    }
  };

  // ---- everything else ----

  const handleGet = (req: IncomingMessage, res: ServerResponse, route: ReturnType<typeof routeOf>) => {
    const accept = req.headers.accept;
    switch (route.type) {
      case 'version':
        return sendJson(res, 200, SERVER_VERSION);
      case 'healthz':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('ok');
      case 'apiVersions':
        if (wantsAggregatedDiscovery(accept))
          return sendJson(res, 200, aggregatedDiscovery(registry, 'core'), AGGREGATED_DISCOVERY_CONTENT_TYPE);
        return sendJson(res, 200, apiVersions(opts.serverAddress?.() ?? '127.0.0.1'));
      case 'apiGroups':
        if (wantsAggregatedDiscovery(accept))
          return sendJson(
            res,
            200,
            aggregatedDiscovery(registry, 'named'),
            AGGREGATED_DISCOVERY_CONTENT_TYPE,
          );
        return sendJson(res, 200, apiGroupList(registry));
      case 'apiGroup':
        return sendJson(res, 200, apiGroupDoc(registry, route.group));
      case 'resourceList':
        return sendJson(res, 200, apiResourceList(registry, route.group, route.version));
      case 'openapiV3Root':
        return sendJson(res, 200, openApiRoot(registry));
      case 'openapiV3Doc':
        return sendJson(res, 200, openApiGroupVersion(registry, route.group, route.version));
      case 'openapiV2':
        // kubectl tolerates a 404 here and falls back to its compiled-in patch metadata (fact 111).
        return sendStatus(res, resourceNotServed());
      default:
        return sendStatus(res, resourceNotServed());
    }
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const pathname = qi < 0 ? url : url.slice(0, qi);
    const q = new URLSearchParams(qi < 0 ? '' : url.slice(qi + 1));
    const first = pathname.split('/').filter(Boolean)[0] ?? '';
    if (!API_PREFIXES.includes(first) && opts.fallback?.(req, res, pathname)) return;
    const route = routeOf(pathname, registry);
    const method = req.method ?? 'GET';
    if (route.type !== 'resource') {
      if (method !== 'GET' && method !== 'HEAD')
        return sendStatus(
          res,
          failureStatus(
            405,
            'MethodNotAllowed',
            `the server does not allow this method on the requested resource`,
          ),
        );
      if (route.type === 'trace') return sendStatus(res, resourceNotServed());
      return handleGet(req, res, route);
    }
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
    const body = hasBody ? await readBody(req, maxBody) : Buffer.alloc(0);
    if (!hasBody) req.resume();
    handleResource(req, res, route, body, q);
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    const onFailure = (e: unknown) => {
      const status = toStatus(e);
      if (status.code >= 500 && !isApiError(e))
        opts.onError?.(
          `${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
      try {
        if (res.headersSent) res.end();
        else sendStatus(res, status);
      } catch {
        res.destroy();
      }
    };
    try {
      dispatch(req, res).catch(onFailure);
    } catch (e) {
      onFailure(e);
    }
  }) as Facade;
  handler.openWatches = () => watches.size;
  handler.closeWatches = () => {
    for (const w of [...watches]) w.stop();
  };
  return handler;
}
