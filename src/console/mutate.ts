/**
 * The writing commands: apply, scale, delete and patch. Each checks its input and the target as kubectl and the
 * API server would (and words the failure as they do), then changes the world only through act(), so that every
 * change is recorded and replays. Output lines follow kubectl's printers: `kind.group/name created|configured|
 * unchanged|scaled|patched`, and `kind.group "name" deleted` (k8s.io/kubectl pkg/cmd/delete/delete.go PrintObj).
 */
import { parseAllDocuments } from 'yaml';
import { applyPatchOfType } from '../engine/api/patch-types.ts';
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { resourceIdOf } from '../engine/api/resource.ts';
import { unsupportedMediaType } from '../engine/api/status.ts';
import { ApiError, isApiError, splitApiVersion, type KubeObject } from '../engine/api/types.ts';
import { applyPatchFor, threeWayMergePatch } from '../engine/world/apply-patch.ts';
import type { TargetRef, WorldAction } from '../engine/world/world-types.ts';
import { parseResourceArgs } from './args.ts';
import { invalidMessage, statusMessage } from './errors.ts';
import { flagBool, flagInt, flagString, flagStrings, type FlagSpec, type ParsedFlags } from './flags.ts';
import {
  findObject,
  groupResource,
  kindGroup,
  listObjects,
  notFoundMessage,
  resolveType,
} from './resources.ts';
import { CommandError, type ConsoleTarget, Output } from './types.ts';

export interface WriteContext {
  target: ConsoleTarget;
  namespace: string;
  /** -n was given: an object's own namespace must then agree with it. */
  explicitNamespace: boolean;
  allNamespaces: boolean;
  stdin: string;
}

export const APPLY_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'strings' },
  { name: 'server-side', kind: 'bool' },
  { name: 'validate', kind: 'string' },
];
export const SCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'replicas', kind: 'int' },
  { name: 'current-replicas', kind: 'int' },
];
export const DELETE_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'cascade', kind: 'string' },
  { name: 'wait', kind: 'bool' },
  { name: 'now', kind: 'bool' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
];
export const PATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'patch', short: 'p', kind: 'string' },
  { name: 'type', kind: 'string' },
];

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === Object.keys(rb).length &&
    ka.every((k) => k in rb && deepEqual((a as Record<string, unknown>)[k], rb[k]))
  );
}

/** The action's target, by a kind name the world resolves back to this very definition. */
function targetOf(ctx: WriteContext, def: ResourceDefinition, obj: KubeObject): TargetRef {
  const kind = ctx.target.api.registry.byName(def.kind) === def ? def.kind : resourceIdOf(def);
  const ref: TargetRef = { kind, name: obj.metadata.name ?? '' };
  if (def.scope === 'Namespaced' && obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

function act(ctx: WriteContext, action: WorldAction): void {
  const r = ctx.target.act(action);
  if (!r.ok) throw new CommandError(`error: ${r.error}`);
}

// ---- apply ----

function readManifests(ctx: WriteContext, files: string[]): { source: string; objects: KubeObject[] }[] {
  return files.map((f) => {
    if (f !== '-') throw new CommandError(`error: the path ${JSON.stringify(f)} does not exist`);
    const source = 'STDIN';
    if (ctx.stdin.trim() === '') throw new CommandError('error: no objects passed to apply');
    const objects: KubeObject[] = [];
    for (const doc of parseAllDocuments(ctx.stdin)) {
      const first = doc.errors[0];
      if (first)
        throw new CommandError(
          `error: error parsing ${source}: error converting YAML to JSON: yaml: ${first.message}`,
        );
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value))
        throw new CommandError(`error: error validating "${source}": error validating data: invalid object`);
      const obj = value as KubeObject;
      if (obj.kind === 'List' && Array.isArray(obj.items)) objects.push(...(obj.items as KubeObject[]));
      else objects.push(obj);
    }
    return { source, objects };
  });
}

export function runApply(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  let files = flagStrings(flags, 'filename');
  if (files.length === 0) throw new CommandError('error: must specify one of -f and -k');
  if (files.some((f) => f === '') && ctx.stdin) files = files.map((f) => (f === '' ? '-' : f));
  for (const { source, objects } of readManifests(ctx, files)) {
    if (objects.length === 0) throw new CommandError('error: no objects passed to apply');
    for (const raw of objects) {
      try {
        out.out(applyOne(ctx, source, raw));
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        out.fail(e.message);
      }
    }
  }
}

function applyOne(ctx: WriteContext, source: string, raw: KubeObject): string {
  if (typeof raw.apiVersion !== 'string' || raw.apiVersion === '')
    throw new CommandError(`error: error validating "${source}": error validating data: apiVersion not set`);
  if (typeof raw.kind !== 'string' || raw.kind === '')
    throw new CommandError(`error: error validating "${source}": error validating data: kind not set`);
  const metadata = (raw.metadata ?? {}) as KubeObject['metadata'];
  const name = metadata.name ?? '';
  const def = ctx.target.api.registry.byKind(raw.apiVersion, raw.kind);
  if (!def) {
    throw new CommandError(
      `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(metadata.namespace ?? '')} from "${source}": no matches for kind ${JSON.stringify(raw.kind)} in version ${JSON.stringify(raw.apiVersion)}\nensure CRDs are installed first`,
    );
  }
  const obj: KubeObject = { ...raw, metadata: { ...metadata } };
  if (def.scope === 'Namespaced') {
    // k8s.io/cli-runtime pkg/resource/mapper.go + apply.go: a manifest's namespace must agree with -n.
    if (metadata.namespace && ctx.explicitNamespace && metadata.namespace !== ctx.namespace)
      throw new CommandError(
        `error: the namespace from the provided object ${JSON.stringify(metadata.namespace)} does not match the namespace ${JSON.stringify(ctx.namespace)}. You must pass '--namespace=${metadata.namespace}' to perform this operation.`,
      );
    obj.metadata.namespace = metadata.namespace ?? ctx.namespace;
  } else delete obj.metadata.namespace;
  const { group, version } = splitApiVersion(raw.apiVersion);
  if (!name) {
    throw new CommandError(
      `error: error when retrieving current configuration of:\nResource: "${group}/${version}, Resource=${def.plural}", GroupVersionKind: "${group}/${version}, Kind=${def.kind}"\nName: "", Namespace: "${obj.metadata.namespace ?? ''}"\nfrom server for: "${source}": resource name may not be empty`,
    );
  }
  const errs = ctx.target.api.validate(resourceIdOf(def), obj);
  if (errs.length > 0) throw new CommandError(invalidMessage(def, name, errs));
  const live = findObject(ctx.target, def, obj.metadata.namespace ?? '', name);
  // apply.go: "unchanged" when the three-way patch is empty, and then nothing is sent.
  if (live && applyPatchFor(obj, live) === undefined) return `${kindGroup(def)}/${name} unchanged`;
  act(ctx, { action: 'apply', objects: [obj] });
  return `${kindGroup(def)}/${name} ${live ? 'configured' : 'created'}`;
}

// ---- scale ----

export function runScale(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  const replicas = flagInt(flags, 'replicas');
  if (replicas === undefined) throw new CommandError('error: required flag(s) "replicas" not set');
  // k8s.io/kubectl pkg/cmd/scale/scale.go Validate
  if (replicas < 0)
    throw new CommandError(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  const { groups } = parseResourceArgs(flags.args);
  if (groups.length === 0 || groups.every((g) => g.names.length === 0))
    throw new CommandError('error: resource(s) were provided, but no name was specified');
  const current = flagInt(flags, 'current-replicas');
  for (const g of groups) {
    const def = resolveType(ctx.target.api.registry, g.type);
    for (const name of g.names) {
      const obj = findObject(ctx.target, def, ctx.namespace, name);
      if (!obj) {
        out.fail(`error: no objects passed to scale ${groupResource(def)} ${JSON.stringify(name)} not found`);
        continue;
      }
      const sub = def.subresources?.scale;
      if (!sub) {
        out.fail('Error from server (NotFound): the server could not find the requested resource');
        continue;
      }
      if (current !== undefined) {
        const spec = (obj.spec ?? {}) as Record<string, unknown>;
        const have = typeof spec.replicas === 'number' ? spec.replicas : 0;
        // k8s.io/kubectl pkg/scale/scale.go ScalePrecondition.validate
        if (have !== current) {
          out.fail(`error: Expected replicas to be ${current}, was ${have}`);
          continue;
        }
      }
      act(ctx, { action: 'scale', target: targetOf(ctx, def, obj), replicas });
      out.out(`${kindGroup(def)}/${name} scaled`);
    }
  }
}

// ---- delete ----

const CASCADE: Record<string, 'Background' | 'Foreground' | 'Orphan'> = {
  background: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
};

export function runDelete(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  const cascade = flagString(flags, 'cascade') ?? 'background';
  const policy = CASCADE[cascade];
  if (!policy)
    throw new CommandError(
      `error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`,
    );
  const { groups } = parseResourceArgs(flags.args);
  if (groups.length === 0) {
    throw new CommandError(
      [
        'error: You must provide one or more resources by argument or filename.',
        'Example resource specifications include:',
        "   '-f rsrc.yaml'",
        "   '--filename=rsrc.json'",
        "   '<resource> <name>'",
        "   '<resource>'",
      ].join('\n'),
    );
  }
  const selector = flagString(flags, 'selector');
  const everything = flagBool(flags, 'all');
  const byName = groups.some((g) => g.names.length > 0);
  if (!byName && selector === undefined && !everything)
    throw new CommandError('error: resource(s) were provided, but no name was specified');
  let deleted = 0;
  for (const g of groups) {
    const def = resolveType(ctx.target.api.registry, g.type);
    let objects: KubeObject[];
    if (g.names.length > 0) {
      objects = [];
      for (const name of g.names) {
        const obj = findObject(ctx.target, def, ctx.namespace, name);
        if (obj) objects.push(obj);
        else if (!flagBool(flags, 'ignore-not-found')) out.fail(notFoundMessage(def, name));
      }
    } else {
      const q = {
        namespace: ctx.allNamespaces ? undefined : ctx.namespace,
        ...(selector ? { labelSelector: selector } : {}),
      };
      objects = listObjects(ctx.target, def, q);
    }
    for (const obj of objects) {
      act(ctx, {
        action: 'delete',
        target: targetOf(ctx, def, obj),
        ...(policy !== 'Background' ? { propagationPolicy: policy } : {}),
      });
      deleted++;
      out.out(`${kindGroup(def)} ${JSON.stringify(obj.metadata.name ?? '')} deleted`);
    }
  }
  if (deleted === 0 && !byName) out.err('No resources found');
}

// ---- patch ----

const CR_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

const PATCH_TYPES: Record<string, 'json' | 'merge' | 'strategic'> = {
  json: 'json',
  merge: 'merge',
  strategic: 'strategic',
};

export function runPatch(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  const typeName = flagString(flags, 'type') ?? 'strategic';
  const type = PATCH_TYPES[typeName];
  if (!type)
    throw new CommandError(
      `error: --type must be one of [json merge strategic], not ${JSON.stringify(typeName)}`,
    );
  const text = flagString(flags, 'patch');
  if (text === undefined || text === '')
    throw new CommandError(
      'error: must specify --patch or --patch-file containing the contents of the patch',
    );
  const { groups } = parseResourceArgs(flags.args);
  const g = groups[0];
  if (!g || g.names.length === 0)
    throw new CommandError('error: resource(s) were provided, but no name was specified');
  // patch.go: the patch may be YAML or JSON (yaml.ToJSON).
  const doc = parseAllDocuments(text);
  const docs = Array.isArray(doc) ? doc : [doc];
  const bad = docs[0]?.errors[0];
  if (bad || docs.length !== 1)
    throw new CommandError(
      `error: unable to parse ${JSON.stringify(text)}: yaml: ${bad?.message ?? 'more than one document'}`,
    );
  const patch = docs[0]!.toJS() as unknown;
  const def = resolveType(ctx.target.api.registry, g.type);
  for (const name of g.names) {
    const live = findObject(ctx.target, def, ctx.namespace, name);
    if (!live) {
      out.fail(notFoundMessage(def, name));
      continue;
    }
    let result: KubeObject;
    try {
      // apiextensions-apiserver customresource_handler.go: custom resources take no strategic merge patch.
      if (type === 'strategic' && !def.builtin) throw new ApiError(unsupportedMediaType(CR_PATCH_TYPES));
      result = applyPatchOfType(def, live, type, patch);
    } catch (e) {
      if (!isApiError(e)) throw e;
      out.fail(statusMessage(e.status));
      continue;
    }
    if (deepEqual(result, live)) {
      out.out(`${kindGroup(def)}/${name} patched (no change)`);
      continue;
    }
    const errs = ctx.target.api.validate(resourceIdOf(def), result);
    if (errs.length > 0) {
      out.fail(invalidMessage(def, name, errs));
      continue;
    }
    // The world records merge and JSON patches; a strategic one is recorded as the merge patch of its result.
    const action: WorldAction =
      type === 'strategic'
        ? {
            action: 'patch',
            target: targetOf(ctx, def, live),
            patch: threeWayMergePatch(live, result, live),
            patchType: 'merge',
          }
        : { action: 'patch', target: targetOf(ctx, def, live), patch, patchType: type };
    act(ctx, action);
    out.out(`${kindGroup(def)}/${name} patched`);
  }
}
