/**
 * `kubectl describe` with kubectl's generic describer, the one it uses for every custom resource
 * (k8s.io/kubectl pkg/describe/describe.go genericDescriber.Describe, printUnstructuredContent, smartLabelFor):
 * Name, Namespace, Labels and Annotations, then every other field with keys sorted and camelCase split into
 * words, then Events. Built-in kinds get the same generic view here (kubectl has hand-written describers
 * for them, which this console does not reproduce).
 */
import type { ResourceDefinition } from '../engine/api/resource.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { LAST_APPLIED_ANNOTATION } from '../engine/world/apply-patch.ts';
import { virtualMsFromTimestamp } from '../engine/sim/timestamp.ts';
import { humanDuration } from '../server/table.ts';
import { DESCRIBE_TABS, tabwrite } from './tabwriter.ts';
import type { ConsoleTarget } from './types.ts';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** github.com/fatih/camelcase Split: runs of lower-case, upper-case, digits and other characters. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[] = [];
  for (const c of s) {
    const last = runs[runs.length - 1];
    if (last !== undefined && cls(last[last.length - 1]!) === cls(c)) runs[runs.length - 1] = last + c;
    else runs.push(c);
  }
  // An upper-case run followed by a lower-case one gives its last letter to it: "APIGroup" → "API", "Group".
  for (let i = 0; i < runs.length - 1; i++) {
    const a = runs[i]!;
    const b = runs[i + 1]!;
    if (cls(a[0]!) === 2 && cls(b[0]!) === 1) {
      runs[i] = a.slice(0, -1);
      runs[i + 1] = a.slice(-1) + b;
    }
  }
  return runs.filter((r) => r !== '');
}

/** describe.go smartLabelFor: "creationTimestamp" → "Creation Timestamp", "apiVersion" → "API Version". */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '-')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v for a decoded JSON scalar. */
function goScalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

const SKIP = new Set([
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
  '.metadata.managedFields',
]);

function unstructured(
  lines: string[],
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  const pad = '  '.repeat(level);
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (Array.isArray(value)) {
      lines.push(`${pad}${smartLabelFor(field)}:`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child))
          unstructured(lines, level + 1, child as Record<string, unknown>, path);
        else lines.push(`${'  '.repeat(level + 1)}${goScalar(child)}`);
      }
    } else if (value !== null && typeof value === 'object') {
      lines.push(`${pad}${smartLabelFor(field)}:`);
      unstructured(lines, level + 1, value as Record<string, unknown>, path);
    } else {
      lines.push(`${pad}${smartLabelFor(field)}:\t${goScalar(value)}`);
    }
  }
}

/** describe.go printLabelsMultiline / printAnnotationsMultiline (which hides last-applied-configuration). */
function multiline(lines: string[], title: string, entries: [string, string][], sep: string): void {
  if (entries.length === 0) {
    lines.push(`${title}:\t<none>`);
    return;
  }
  entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .forEach(([k, v], i) => lines.push(`${i === 0 ? `${title}:` : ''}\t${k}${sep}${v}`));
}

/** describe.go DescribeEvents, from the stored Events whose involvedObject is this object. */
function events(lines: string[], target: ConsoleTarget, obj: KubeObject): void {
  const uid = obj.metadata.uid;
  const found: KubeObject[] = [];
  if (target.api.registry.byName('events')) {
    for (const e of target.api.peek('events')) {
      const inv = e.involvedObject as { uid?: string } | undefined;
      if (uid && inv?.uid === uid) found.push(e);
    }
  }
  if (found.length === 0) {
    lines.push('Events:\t<none>');
    return;
  }
  lines.push('Events:');
  lines.push('  Type\tReason\tAge\tFrom\tMessage');
  lines.push('  ----\t------\t----\t----\t-------');
  const now = target.now();
  for (const e of found) {
    const last = (e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp) as string | undefined;
    const age = last ? humanDuration(now - virtualMsFromTimestamp(last)) : '<unknown>';
    const src =
      (e.source as { component?: string } | undefined)?.component ??
      (e.reportingComponent as string | undefined) ??
      '';
    lines.push(
      `  ${String(e.type ?? '')}\t${String(e.reason ?? '')}\t${age}\t${src}\t${String(e.message ?? '')}`,
    );
  }
}

export function describeObject(target: ConsoleTarget, def: ResourceDefinition, obj: KubeObject): string {
  const lines: string[] = [];
  lines.push(`Name:\t${obj.metadata.name ?? ''}`);
  lines.push(`Namespace:\t${def.scope === 'Namespaced' ? (obj.metadata.namespace ?? '') : ''}`);
  multiline(lines, 'Labels', Object.entries(obj.metadata.labels ?? {}), '=');
  const ann = Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k !== LAST_APPLIED_ANNOTATION);
  multiline(lines, 'Annotations', ann, ': ');
  unstructured(lines, 0, obj as Record<string, unknown>, '');
  events(lines, target, obj);
  return tabwrite(lines, DESCRIBE_TABS).join('\n');
}
