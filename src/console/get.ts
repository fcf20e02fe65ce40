/**
 * `kubectl get` (k8s.io/kubectl pkg/cmd/get/get.go): tables, `-o wide|name|yaml|json`, selectors, `-A`,
 * several types at once, and `-w`, which prints one row per change with the table's column widths.
 */
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { resourceIdOf } from '../engine/api/resource.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { parseResourceArgs } from './args.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import { asList, nameLine, tableLines, toJson, toYaml, type TableOptions } from './printers.ts';
import { findObject, listObjects, matcher, notFoundMessage, resolveTypes, type Query } from './resources.ts';
import { GET_TABS, tabwrite } from './tabwriter.ts';
import { CommandError, type ConsoleTarget, type OutputLine, Output, type WatchSession } from './types.ts';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'watch-only', kind: 'bool' },
  { name: 'output-watch-events', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'show-labels', kind: 'bool' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'ignore-not-found', kind: 'bool' },
];

const FORMATS = ['', 'wide', 'name', 'yaml', 'json'];
// kubectl's own list (get.go PrintFlags.AllowedFormats), for the error message.
const KUBECTL_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Where a watch's lines go until the UI drains them; a UI that never drains keeps only the newest. */
const WATCH_BUFFER_LINES = 5000;

export interface GetContext {
  target: ConsoleTarget;
  namespace: string;
  allNamespaces: boolean;
}

/** printers.NoResourcesFoundMessage */
function noResources(def: ResourceDefinition | undefined, ctx: GetContext): string {
  return !ctx.allNamespaces && def?.scope === 'Namespaced'
    ? `No resources found in ${ctx.namespace} namespace.`
    : 'No resources found';
}

function checkFormat(format: string): void {
  if (FORMATS.includes(format)) return;
  if (KUBECTL_FORMATS.split(',').includes(format))
    throw new CommandError(
      `error: the in-browser console does not support -o ${format}; use -o yaml or -o json`,
    );
  throw new CommandError(
    `error: unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${KUBECTL_FORMATS}`,
  );
}

export function runGet(flags: ParsedFlags, ctx: GetContext, out: Output): WatchSession | undefined {
  const format = flagString(flags, 'output') ?? '';
  checkFormat(format);
  const { groups, single } = parseResourceArgs(flags.args);
  if (groups.length === 0) {
    throw new CommandError(
      [
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
        '',
        'error: Required resource not specified.',
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
        "See 'kubectl get -h' for help and examples",
      ].join('\n'),
    );
  }
  const byName = groups.some((g) => g.names.length > 0);
  if (ctx.allNamespaces && byName)
    throw new CommandError('error: a resource cannot be retrieved by name across all namespaces');
  const watch = flagBool(flags, 'watch') || flagBool(flags, 'watch-only');
  const q: Query = {
    namespace: ctx.allNamespaces ? undefined : ctx.namespace,
    ...(flagString(flags, 'selector') !== undefined ? { labelSelector: flagString(flags, 'selector')! } : {}),
    ...(flagString(flags, 'field-selector') !== undefined
      ? { fieldSelector: flagString(flags, 'field-selector')! }
      : {}),
  };

  // Resolve every type first: kubectl maps all arguments before it sends a request.
  const resolved = groups.flatMap((g) =>
    resolveTypes(ctx.target.api.registry, g.type).map((def) => ({ def, names: g.names })),
  );
  if (watch && resolved.length > 1)
    throw new CommandError('error: you may only specify a single resource type');

  const found: { def: ResourceDefinition; objects: KubeObject[] }[] = [];
  const errors: string[] = [];
  for (const { def, names } of resolved) {
    if (names.length === 0) {
      found.push({ def, objects: listObjects(ctx.target, def, q) });
      continue;
    }
    const objects: KubeObject[] = [];
    for (const name of names) {
      const obj = findObject(ctx.target, def, ctx.namespace, name);
      if (obj) objects.push(obj);
      else if (!flagBool(flags, 'ignore-not-found')) errors.push(notFoundMessage(def, name));
    }
    found.push({ def, objects });
  }

  const nonEmpty = found.filter((f) => f.objects.length > 0);
  const tableOpts: TableOptions = {
    wide: format === 'wide',
    allNamespaces: ctx.allNamespaces,
    withKind: nonEmpty.length > 1,
    showLabels: flagBool(flags, 'show-labels'),
    ...(watch && flagBool(flags, 'output-watch-events') ? { eventType: 'ADDED' } : {}),
  };
  const remembered: number[] = [];
  const noHeaders = flagBool(flags, 'no-headers');
  const now = ctx.target.now();

  if (!flagBool(flags, 'watch-only')) {
    if (format === 'yaml' || format === 'json') {
      const all = nonEmpty.flatMap((f) => f.objects);
      if (single && all.length === 1) out.out(format === 'yaml' ? toYaml(all[0]) : toJson(all[0]));
      else if (all.length > 0 || errors.length === 0)
        out.out(format === 'yaml' ? toYaml(asList(all)) : toJson(asList(all)));
    } else if (format === 'name') {
      for (const f of nonEmpty) for (const o of f.objects) out.out(nameLine(f.def, o));
    } else {
      nonEmpty.forEach((f, i) => {
        if (i > 0) out.out('');
        const { header, rows } = tableLines(f.def, f.objects, now, tableOpts);
        out.out(
          tabwrite(noHeaders ? rows : [header, ...rows], GET_TABS, watch ? remembered : undefined).join('\n'),
        );
      });
    }
  }
  if (nonEmpty.length === 0 && errors.length === 0 && !byName && format !== 'yaml' && format !== 'json')
    out.err(noResources(resolved[0]?.def, ctx));
  for (const e of errors) out.fail(e);

  if (!watch || out.failed) return undefined;
  const { def, names } = resolved[0]!;
  return startWatch(ctx, def, q, names, {
    format,
    tableOpts,
    remembered,
    headerPrinted: noHeaders || (nonEmpty.length > 0 && !flagBool(flags, 'watch-only')),
    events: flagBool(flags, 'output-watch-events'),
  });
}

interface WatchPrint {
  format: string;
  tableOpts: TableOptions;
  remembered: number[];
  headerPrinted: boolean;
  events: boolean;
}

/**
 * Prints a row for every committed change to a matching object, as kubectl's watch does with the events of
 * `GET …?watch=true&resourceVersion=<list RV>` (get.go watch). A change that moves an object out of the
 * selection prints it once more, as the watch cache's DELETED for a filter transition does (cacher.go).
 */
function startWatch(
  ctx: GetContext,
  def: ResourceDefinition,
  q: Query,
  names: readonly string[],
  p: WatchPrint,
): WatchSession {
  const id = resourceIdOf(def);
  const match = matcher(def, q);
  const nameOk = (o: KubeObject) => names.length === 0 || names.includes(o.metadata.name ?? '');
  const scopeOk = (o: KubeObject) =>
    def.scope !== 'Namespaced' || ctx.allNamespaces || o.metadata.namespace === ctx.namespace;
  let buffer: OutputLine[] = [];
  let headerPrinted = p.headerPrinted;
  const push = (text: string) => {
    for (const t of text.split('\n')) buffer.push({ text: t, stream: 'out' });
    if (buffer.length > WATCH_BUFFER_LINES) buffer = buffer.slice(-WATCH_BUFFER_LINES);
  };
  const unsubscribe = ctx.target.api.onCommit((e) => {
    if (e.resource !== id || !nameOk(e.obj) || !scopeOk(e.obj)) return;
    const now = match(e.obj);
    const before = e.prev !== undefined && match(e.prev);
    if (!now && !before) return;
    let type: string = e.type;
    if (e.type === 'MODIFIED' && now && !before) type = 'ADDED';
    if (e.type === 'MODIFIED' && !now && before) type = 'DELETED';
    if (p.format === 'name') push(nameLine(def, e.obj));
    else if (p.format === 'yaml') push(`---\n${toYaml(e.obj)}`);
    else if (p.format === 'json') push(toJson(e.obj));
    else {
      const opts = p.events ? { ...p.tableOpts, eventType: type } : p.tableOpts;
      const { header, rows } = tableLines(def, [e.obj], ctx.target.now(), opts);
      const lines = headerPrinted ? rows : [header, ...rows];
      headerPrinted = true;
      push(tabwrite(lines, GET_TABS, p.remembered).join('\n'));
    }
  });
  let stopped = false;
  return {
    drain() {
      const out = buffer;
      buffer = [];
      return out;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };
}
