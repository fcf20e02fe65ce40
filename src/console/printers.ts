/**
 * kubectl's output formats: the human-readable table built from the kind's printer columns (the same Table
 * the facade serves, src/server/table.ts), `-o name`, `-o yaml` and `-o json`.
 * Table printing follows k8s.io/cli-runtime pkg/printers/tableprinter.go (printTable, printRows): upper-case
 * headers, priority > 0 columns only with `-o wide`, a NAMESPACE column first with `-A` for namespaced types,
 * `kind.group/name` when several types are printed, a nil cell printed blank, and LABELS with --show-labels.
 */
import { stringify as yamlStringify } from 'yaml';
import type { ResourceDefinition } from '../engine/api/resource.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { toTable } from '../server/table.ts';
import { kindGroup } from './resources.ts';

export interface TableOptions {
  wide?: boolean;
  /** Adds the NAMESPACE column (only for namespaced types, as get.go's printWithNamespace). */
  allNamespaces?: boolean;
  /** Prefixes names with kind.group/ (several types in one get). */
  withKind?: boolean;
  showLabels?: boolean;
  /** Prefixes an EVENT column (get -w --output-watch-events). */
  eventType?: string;
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function labelsText(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** The header and one tab-separated line per object, ready for tabwrite(…, GET_TABS). */
export function tableLines(
  def: ResourceDefinition,
  objects: readonly KubeObject[],
  nowMs: number,
  opts: TableOptions = {},
): { header: string; rows: string[] } {
  const table = toTable(def, objects, nowMs, { include: 'None' });
  const keep = table.columnDefinitions.map((c) => opts.wide === true || c.priority === 0);
  const withNs = opts.allNamespaces === true && def.scope === 'Namespaced';
  const header: string[] = [];
  if (opts.eventType !== undefined) header.push('EVENT');
  if (withNs) header.push('NAMESPACE');
  table.columnDefinitions.forEach((c, i) => keep[i] && header.push(c.name.toUpperCase()));
  if (opts.showLabels) header.push('LABELS');
  const rows = table.rows.map((row, r) => {
    const obj = objects[r]!;
    const cells: string[] = [];
    if (opts.eventType !== undefined) cells.push(opts.eventType);
    if (withNs) cells.push(obj.metadata.namespace ?? '');
    row.cells.forEach((v, i) => {
      if (!keep[i]) return;
      cells.push(i === 0 && opts.withKind ? `${kindGroup(def)}/${cellText(v)}` : cellText(v));
    });
    if (opts.showLabels) cells.push(labelsText(obj.metadata.labels));
    return cells.join('\t');
  });
  return { header: header.join('\t'), rows };
}

/** `-o name`: kind.group/name. */
export const nameLine = (def: ResourceDefinition, obj: KubeObject): string =>
  `${kindGroup(def)}/${obj.metadata.name ?? ''}`;

/** kubectl prints unstructured objects, whose maps marshal with sorted keys. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** What `-o yaml|json` prints for several objects: a v1 List. */
export const asList = (items: readonly KubeObject[]): Record<string, unknown> => ({
  apiVersion: 'v1',
  items,
  kind: 'List',
  metadata: { resourceVersion: '' },
});

/** sigs.k8s.io/yaml (go-yaml v2) output: sorted keys, unindented sequences, YAML 1.1 quoting ("y", timestamps). */
export const toYaml = (v: unknown): string =>
  yamlStringify(sortKeys(v), { version: '1.1', indentSeq: false, lineWidth: 0 }).replace(/\n$/, '');

/** `-o json`: four-space indentation (printers.JSONPrinter uses json.MarshalIndent with "    "). */
export const toJson = (v: unknown): string => JSON.stringify(sortKeys(v), null, 4);
