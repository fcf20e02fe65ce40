/**
 * meta.k8s.io/v1 Table output for `kubectl get` (facts 105–108): a Name column, then the kind's printer
 * columns, one row per object with a PartialObjectMetadata (or the object, or nothing, per includeObject).
 * Cells follow apiextensions-apiserver pkg/registry/customresource/tableconvertor/tableconvertor.go
 * (ConvertToTable, cellForJSONValue): a missing value is null, a date is an age. Ages are counted on the
 * virtual clock, because creationTimestamps are virtual.
 */
import { getPath } from '../engine/api/json-path.ts';
import type { PrinterColumn, ResourceDefinition } from '../engine/api/resource.ts';
import type { KubeObject, ObjectList } from '../engine/api/types.ts';
import { virtualMsFromTimestamp } from '../engine/sim/timestamp.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** The response Content-Type of a Table (what kube-apiserver answers to kubectl's Table Accept). */
export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** True when the Accept header asks for a meta.k8s.io Table (v1 or v1beta1), as kubectl get does. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

/** apimachinery pkg/util/duration HumanDuration: the AGE column's format. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

const NAME_COLUMN: TableColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

const DEFAULT_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

const columnsOf = (def: ResourceDefinition): readonly PrinterColumn[] =>
  def.printerColumns?.length ? def.printerColumns : DEFAULT_COLUMNS;

function cell(obj: KubeObject, col: PrinterColumn, nowMs: number): unknown {
  let v: unknown;
  try {
    v = col.compute ? col.compute(obj) : getPath(obj, col.jsonPath);
  } catch {
    return null;
  }
  if (v === undefined || v === null) return null;
  switch (col.type) {
    case 'date': {
      if (typeof v !== 'string') return null;
      const at = virtualMsFromTimestamp(v);
      return Number.isFinite(at) ? humanDuration(nowMs - at) : null;
    }
    case 'integer':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    default:
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

// The built-in printers (pkg/printers/internalversion/printers.go, e.g. printPod) print "<none>" for an empty
// string cell; a CRD's tableconvertor leaves the cell null, which kubectl prints as blank.
function noneForBuiltin(def: ResourceDefinition, col: PrinterColumn, v: unknown): unknown {
  return v === null && def.builtin && col.type === 'string' ? '<none>' : v;
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** One row per object; objects in the version the client asked for. */
export function toTable(
  def: ResourceDefinition,
  objects: readonly KubeObject[],
  nowMs: number,
  opts: { include?: IncludeObject; listMeta?: ObjectList['metadata']; resourceVersion?: string } = {},
): Table {
  const columns = columnsOf(def);
  const include = opts.include ?? 'Metadata';
  const rows = objects.map((obj) => {
    const row: TableRow = {
      cells: [obj.metadata.name ?? '', ...columns.map((c) => noneForBuiltin(def, c, cell(obj, c, nowMs)))],
    };
    const o = rowObject(obj, include);
    if (o !== undefined) row.object = o;
    return row;
  });
  const metadata: Table['metadata'] = {};
  const rv = opts.listMeta?.resourceVersion ?? opts.resourceVersion;
  if (rv) metadata.resourceVersion = rv;
  if (opts.listMeta?.continue) metadata.continue = opts.listMeta.continue;
  if (opts.listMeta?.remainingItemCount !== undefined)
    metadata.remainingItemCount = opts.listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: [
      NAME_COLUMN,
      ...columns.map((c) => ({
        name: c.name,
        type: c.type,
        format: '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    rows,
  };
}
