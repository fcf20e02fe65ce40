/**
 * Kubernetes objects from YAML, checked the way `kubectl apply` and the API server would check them before
 * anything is stored: a known kind (RESTMapper), the default namespace filled in client-side, then the
 * resource's defaulting and validation. Every problem becomes an issue naming file, document and field.
 */
import type { ApiServer } from '../api/api.ts';
import { fieldErrorBody } from '../api/field-errors.ts';
import {
  resourceIdOf,
  type FieldError,
  type ResourceDefinition,
  type ResourceRegistry,
} from '../api/resource.ts';
import { splitApiVersion, type KubeObject } from '../api/types.ts';
import { formatPath, describeValue, type PathSegment, type ScenarioIssue } from './issues.ts';
import { LIMITS, type ObjectOrigin } from './schema.ts';
import { positionOf, type ParsedYaml } from './yaml-docs.ts';
import type { Document, LineCounter } from 'yaml';

/** How objects are checked: by the API server's own validate when there is one, else by the registry. */
export interface ObjectCheckOptions {
  registry?: ResourceRegistry;
  api?: Pick<ApiServer, 'registry' | 'validate'>;
}

/** Collects objects and issues across every file of one scenario (duplicates are found across files). */
export interface ObjectCollector {
  readonly options: ObjectCheckOptions;
  readonly issues: ScenarioIssue[];
  /** "group/Kind/namespace/name" → where it was first defined. */
  readonly seen: Map<string, string>;
}

/** Objects in creation order, with origins[i] saying where objects[i] was written. */
export interface CollectedObjects {
  objects: KubeObject[];
  origins: ObjectOrigin[];
}

export function createObjectCollector(options: ObjectCheckOptions, issues: ScenarioIssue[]): ObjectCollector {
  return { options, issues, seen: new Map() };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The label in messages: `document 4 (MachineDeployment "demo-md-0")`. */
function labelFor(where: string, value: Record<string, unknown>): string {
  const kind = typeof value.kind === 'string' && value.kind ? value.kind : undefined;
  const meta = isRecord(value.metadata) ? value.metadata : undefined;
  const name = typeof meta?.name === 'string' && meta.name ? meta.name : undefined;
  const gen = typeof meta?.generateName === 'string' && meta.generateName ? meta.generateName : undefined;
  if (kind && name) return `${where} (${kind} "${name}")`;
  if (kind && gen) return `${where} (${kind} generateName "${gen}")`;
  if (kind) return `${where} (${kind})`;
  return where;
}

/** "spec.template.spec.containers[0].name" → ['spec', 'template', 'spec', 'containers', 0, 'name']. */
export function splitFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*"|[^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3].startsWith('"') ? (JSON.parse(m[3]) as string) : m[3]);
  }
  return out;
}

export interface Located {
  doc?: Document.Parsed;
  lines?: LineCounter;
  /** Path of the object inside doc (empty for a whole document). */
  base: PathSegment[];
  /** Added to positions when doc is embedded in a larger file (an `objects: |` block). */
  lineOffset?: number;
  columnOffset?: number;
}

/**
 * Checks one object and returns it (with the default namespace filled in) or undefined after adding issues.
 * origin.where is the place without the object label; the label is added once kind and name are known.
 */
export function checkObject(
  value: unknown,
  origin: ObjectOrigin,
  collector: ObjectCollector,
  located: Located = { base: [] },
  out: CollectedObjects,
): void {
  const add = (where: string, path: PathSegment[] | string, message: string) => {
    const segs = typeof path === 'string' ? splitFieldPath(path) : path;
    const found =
      located.doc && located.lines
        ? positionOf(located.doc, located.lines, [...located.base, ...segs])
        : undefined;
    const pos = found && {
      line: found.line + (located.lineOffset ?? 0),
      column: found.column + (located.columnOffset ?? 0),
    };
    const pathText = typeof path === 'string' ? path : formatPath(path);
    collector.issues.push({
      file: origin.file,
      where,
      ...(pathText ? { path: pathText } : {}),
      message,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
  };

  if (!isRecord(value)) {
    add(
      origin.where,
      [],
      `must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${describeValue(value)}`,
    );
    return;
  }
  const where = labelFor(origin.where, value);
  const { apiVersion, kind } = value;
  let ok = true;
  if (apiVersion === undefined || apiVersion === '') {
    add(where, ['apiVersion'], 'Required value');
    ok = false;
  } else if (typeof apiVersion !== 'string') {
    add(where, ['apiVersion'], `must be a string, got ${describeValue(apiVersion)}`);
    ok = false;
  }
  if (kind === undefined || kind === '') {
    add(where, ['kind'], 'Required value');
    ok = false;
  } else if (typeof kind !== 'string') {
    add(where, ['kind'], `must be a string, got ${describeValue(kind)}`);
    ok = false;
  }
  if (!ok) return;

  // kubectl's resource builder flattens v1 List (and any *List with items) into its items.
  if ((kind as string).endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) =>
      checkObject(
        item,
        { ...origin, where: `${origin.where} items[${i}]` },
        collector,
        { ...located, base: [...located.base, 'items', i] },
        out,
      ),
    );
    return;
  }

  const metadata = value.metadata;
  if (!isRecord(metadata)) {
    add(
      where,
      ['metadata'],
      metadata === undefined ? 'Required value' : `must be a mapping, got ${describeValue(metadata)}`,
    );
    return;
  }
  const name = metadata.name;
  if (
    (name === undefined || name === '') &&
    (metadata.generateName === undefined || metadata.generateName === '')
  ) {
    // apimachinery api/validation/objectmeta.go ValidateObjectMetaAccessor.
    add(where, ['metadata', 'name'], 'Required value: name or generateName is required');
    return;
  }
  for (const f of ['name', 'generateName', 'namespace'] as const) {
    if (metadata[f] !== undefined && typeof metadata[f] !== 'string') {
      add(where, ['metadata', f], `must be a string, got ${describeValue(metadata[f])}`);
      ok = false;
    }
  }
  if (!ok) return;

  const registry = collector.options.api?.registry ?? collector.options.registry;
  let def: ResourceDefinition | undefined;
  if (registry) {
    def = registry.byKind(apiVersion as string, kind as string);
    if (!def) {
      // k8s.io/apimachinery pkg/api/meta/errors.go (*NoKindMatchError).Error, as kubectl prints it.
      add(where, [], `no matches for kind "${kind as string}" in version "${apiVersion as string}"`);
      return;
    }
  }
  const obj = value as KubeObject;
  // kubectl fills the namespace from the context ("default") for namespaced kinds before sending
  // (cli-runtime pkg/resource/builder.go NamespaceParam(...).DefaultNamespace()).
  if (def?.scope === 'Namespaced' && !obj.metadata.namespace) obj.metadata.namespace = 'default';

  const fieldErrors = def ? validateWith(collector.options, def, obj) : [];
  for (const e of fieldErrors) add(where, e.field, fieldErrorBody(e));
  const spec = obj.spec;
  // The simulator's own cap, for kinds whose validation does not already reject the number.
  if (
    isRecord(spec) &&
    typeof spec.replicas === 'number' &&
    spec.replicas > LIMITS.maxReplicas &&
    !fieldErrors.some((e) => e.field === 'spec.replicas')
  ) {
    add(
      where,
      ['spec', 'replicas'],
      `must be at most ${LIMITS.maxReplicas} in a scenario, got ${spec.replicas}`,
    );
  }

  if (typeof name === 'string' && name) {
    const group = def?.group ?? splitApiVersion(apiVersion as string).group;
    const key = `${group}/${kind as string}/${obj.metadata.namespace ?? ''}/${name}`;
    const first = collector.seen.get(key);
    if (first) add(where, [], `${kind as string} "${name}" is already defined in ${first}`);
    else collector.seen.set(key, `${origin.file}: ${where}`);
  }
  out.objects.push(obj);
  out.origins.push({ ...origin, where });
}

function validateWith(options: ObjectCheckOptions, def: ResourceDefinition, obj: KubeObject): FieldError[] {
  // Validation defaults in place; the scenario keeps the object as written and the API server defaults on create.
  const copy = structuredClone(obj);
  try {
    if (options.api) return options.api.validate(resourceIdOf(def), copy);
    def.defaulting?.(copy);
    return def.validate?.(copy) ?? [];
  } catch (e) {
    return [{ type: 'FieldValueInvalid', field: '', detail: e instanceof Error ? e.message : String(e) }];
  }
}

/** Every object in a parsed multi-document YAML; empty documents are skipped, as kubectl does. */
export function collectDocuments(
  parsed: ParsedYaml,
  file: string,
  wherePrefix: string,
  collector: ObjectCollector,
  out: CollectedObjects,
  offsets: { lineOffset?: number; columnOffset?: number } = {},
): void {
  parsed.docs.forEach((doc, i) => {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const where = `${wherePrefix}document ${i + 1}`;
    checkObject(
      value,
      { file, document: i + 1, where },
      collector,
      { doc, lines: parsed.lines, base: [], ...offsets },
      out,
    );
  });
}
