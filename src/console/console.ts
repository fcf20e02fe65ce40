/**
 * The in-browser kubectl: one command line (plus pasted stdin) in, kubectl's output and exit code out.
 * Pure: no DOM and no timers. A `get -w` returns a WatchSession the UI drains every frame.
 *
 * @example
 * const r = runKubectl('kubectl scale rs/web --replicas=5', target);
 * r.lines; // [{ text: 'replicaset.apps/web scaled', stream: 'out' }]
 */
import { resourceIdOf } from '../engine/api/resource.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { parseResourceArgs } from './args.ts';
import { describeObject } from './describe.ts';
import { FlagError, flagBool, flagString, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { GET_FLAGS, runGet } from './get.ts';
import {
  APPLY_FLAGS,
  DELETE_FLAGS,
  PATCH_FLAGS,
  runApply,
  runDelete,
  runPatch,
  runScale,
  SCALE_FLAGS,
  type WriteContext,
} from './mutate.ts';
import { findObject, listObjects, notFoundMessage, resolveTypes } from './resources.ts';
import { GET_TABS, tabwrite } from './tabwriter.ts';
import { parseCommandLine, ShellError } from './tokenize.ts';
import { CommandError, type CommandResult, type ConsoleTarget, Output, type WatchSession } from './types.ts';

/** The kubectl this console imitates; the server is the facade's v1.32.0 (src/server/facade.ts). */
export const CLIENT_VERSION = 'v1.32.4';
export const SERVER_VERSION = 'v1.32.0';

const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
];
const ALL_NS: FlagSpec = { name: 'all-namespaces', short: 'A', kind: 'bool' };

interface Command {
  flags: readonly FlagSpec[];
  summary: string;
  run(flags: ParsedFlags, ctx: WriteContext, out: Output): WatchSession | undefined | void;
}

const DESCRIBE_FLAGS: readonly FlagSpec[] = [
  ALL_NS,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'show-events', kind: 'bool' },
];

function runDescribe(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  const { groups } = parseResourceArgs(flags.args);
  if (groups.length === 0)
    throw new CommandError(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
    );
  const selector = flagString(flags, 'selector');
  const blocks: string[] = [];
  for (const g of groups) {
    for (const def of resolveTypes(ctx.target.api.registry, g.type)) {
      let objects: KubeObject[];
      if (g.names.length > 0) {
        objects = [];
        for (const name of g.names) {
          const exact = findObject(ctx.target, def, ctx.namespace, name);
          // describe.go: a name that matches nothing exactly describes every object it prefixes.
          const found = exact
            ? [exact]
            : listObjects(ctx.target, def, { namespace: ctx.namespace }).filter((o) =>
                (o.metadata.name ?? '').startsWith(name),
              );
          if (found.length === 0) out.fail(notFoundMessage(def, name));
          objects.push(...found);
        }
      } else {
        const q = {
          namespace: ctx.allNamespaces ? undefined : ctx.namespace,
          ...(selector ? { labelSelector: selector } : {}),
        };
        objects = listObjects(ctx.target, def, q);
        if (objects.length === 0)
          out.err(
            ctx.allNamespaces || def.scope !== 'Namespaced'
              ? 'No resources found'
              : `No resources found in ${ctx.namespace} namespace.`,
          );
      }
      for (const obj of objects) blocks.push(describeObject(ctx.target, def, obj));
    }
  }
  // describe.go prints "\n\n" between objects.
  if (blocks.length > 0) out.out(blocks.join('\n\n\n'));
}

const API_RESOURCES_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'namespaced', kind: 'bool' },
  { name: 'api-group', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
];

/** kubectl api-resources (pkg/cmd/apiresources/apiresources.go): sorted by group, then name. */
function runApiResources(flags: ParsedFlags, ctx: WriteContext, out: Output): void {
  const format = flagString(flags, 'output') ?? '';
  if (!['', 'wide', 'name'].includes(format))
    throw new CommandError(`error: --output ${format} is not available`);
  const group = flagString(flags, 'api-group');
  const namespaced = flags.values.get('namespaced');
  const defs = [...ctx.target.api.registry.all()]
    .filter((d) => group === undefined || d.group === group)
    .filter((d) => namespaced === undefined || (d.scope === 'Namespaced') === namespaced)
    .sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1));
  if (format === 'name') {
    for (const d of defs) out.out(resourceIdOf(d));
    return;
  }
  const wide = format === 'wide';
  const header = [
    'NAME',
    'SHORTNAMES',
    'APIVERSION',
    'NAMESPACED',
    'KIND',
    ...(wide ? ['VERBS', 'CATEGORIES'] : []),
  ];
  const rows = defs.map((d) =>
    [
      d.plural,
      (d.shortNames ?? []).join(','),
      d.group ? `${d.group}/${d.versions[0]}` : (d.versions[0] ?? 'v1'),
      String(d.scope === 'Namespaced'),
      d.kind,
      ...(wide
        ? ['create,delete,deletecollection,get,list,patch,update,watch', (d.categories ?? []).join(',')]
        : []),
    ].join('\t'),
  );
  const lines = flagBool(flags, 'no-headers') ? rows : [header.join('\t'), ...rows];
  out.out(tabwrite(lines, GET_TABS).join('\n'));
}

function runVersion(flags: ParsedFlags, _ctx: WriteContext, out: Output): void {
  out.out(`Client Version: ${CLIENT_VERSION}`);
  out.out('Kustomize Version: v5.5.0');
  if (!flagBool(flags, 'client')) out.out(`Server Version: ${SERVER_VERSION}`);
}

const COMMANDS: Record<string, Command> = {
  get: {
    flags: [ALL_NS, ...GET_FLAGS],
    summary: 'Display one or many resources',
    run: (f, c, o) => runGet(f, c, o),
  },
  describe: {
    flags: DESCRIBE_FLAGS,
    summary: 'Show details of a specific resource or group of resources',
    run: runDescribe,
  },
  apply: {
    flags: APPLY_FLAGS,
    summary: 'Apply a configuration to a resource by file name or stdin',
    run: runApply,
  },
  scale: {
    flags: SCALE_FLAGS,
    summary: 'Set a new size for a deployment, replica set, or machine deployment',
    run: runScale,
  },
  delete: {
    flags: [ALL_NS, ...DELETE_FLAGS],
    summary: 'Delete resources by resource names or label selector',
    run: runDelete,
  },
  patch: { flags: PATCH_FLAGS, summary: 'Update fields of a resource', run: runPatch },
  'api-resources': {
    flags: API_RESOURCES_FLAGS,
    summary: 'Print the supported API resources on the server',
    run: runApiResources,
  },
  version: {
    flags: [{ name: 'client', kind: 'bool' }],
    summary: 'Print the client and server version information',
    run: runVersion,
  },
};

export function helpText(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name}\t${c.summary}`);
  return [
    'kubectl controls the simulated cluster in this page. Changes are recorded and replay with the scenario.',
    '',
    'Commands:',
    ...tabwrite(rows, { minWidth: 0, padding: 3 }),
    '',
    'Examples:',
    '  kubectl get pods -w',
    '  kubectl scale rs/web --replicas=5',
    '  kubectl apply -f - <<EOF   (then paste YAML, end with EOF)',
    '  kubectl patch rs web --type merge -p \'{"metadata":{"labels":{"tier":"web"}}}\'',
    '',
    'Flags: -n NAMESPACE, -A, -l SELECTOR, --field-selector, -o wide|name|yaml|json, -w.',
  ].join('\n');
}

/** Runs one console input: a kubectl command line, optionally followed by pasted stdin. */
export function runKubectl(input: string, target: ConsoleTarget): CommandResult {
  const out = new Output();
  let words: string[];
  let stdin: string;
  try {
    ({ words, stdin } = parseCommandLine(input));
  } catch (e) {
    if (!(e instanceof ShellError)) throw e;
    out.err(`bash: ${e.message}`);
    return { lines: out.lines, exitCode: 2 };
  }
  if (words.length === 0) return { lines: [], exitCode: 0 };
  const [program, verb, ...rest] = words;
  if (program !== 'kubectl' && program !== 'k') {
    out.err(`bash: ${program}: command not found (this console runs kubectl only; try "kubectl help")`);
    return { lines: out.lines, exitCode: 127 };
  }
  if (verb === undefined || verb === 'help' || verb === '-h' || verb === '--help') {
    out.out(helpText());
    return { lines: out.lines, exitCode: 0 };
  }
  const cmd = COMMANDS[verb];
  if (!cmd) {
    out.err(`error: unknown command ${JSON.stringify(verb)} for "kubectl"`);
    out.err(`Run 'kubectl help' for the commands this console knows.`);
    return { lines: out.lines, exitCode: 1 };
  }
  let watch: WatchSession | undefined;
  try {
    let flags: ParsedFlags;
    try {
      flags = parseFlags(rest, [...GLOBAL_FLAGS, ...cmd.flags]);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      throw new CommandError(`Error: ${e.message}\nSee 'kubectl ${verb} --help' for usage.`);
    }
    if (flagBool(flags, 'help')) {
      out.out(
        `${cmd.summary}.\n\nFlags: ${cmd.flags.map((f) => (f.short ? `-${f.short}, --${f.name}` : `--${f.name}`)).join('  ')}`,
      );
      return { lines: out.lines, exitCode: 0 };
    }
    const namespace = flagString(flags, 'namespace');
    const ctx: WriteContext = {
      target,
      namespace: namespace ?? 'default',
      explicitNamespace: namespace !== undefined,
      allNamespaces: flagBool(flags, 'all-namespaces'),
      stdin,
    };
    watch = cmd.run(flags, ctx, out) ?? undefined;
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    out.fail(e.message);
  }
  const result: CommandResult = { lines: out.lines, exitCode: out.failed ? 1 : 0 };
  if (watch) result.watch = watch;
  return result;
}
