/**
 * The small JSONPath subset CRDs use for printer columns and scale subresource paths (apiextensions
 * additionalPrinterColumns, subresources.scale.specReplicasPath): ".spec.replicas", ".metadata.labels['a\.b/c']",
 * ".items[0]", ".items[*].name", ".status.conditions[?(@.type=="Ready")].status".
 *
 * @example
 * getPath(obj, '.status.conditions[?(@.type=="Ready")].status'); // "True"
 * setPath(obj, '.spec.replicas', 3);
 */
import { isPlainObject } from './json.ts';

type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'wild' }
  | { kind: 'filter'; path: Segment[]; op: '==' | '!='; value: unknown };

function unquote(s: string): string {
  const q = s[0];
  if ((q === "'" || q === '"') && s.endsWith(q) && s.length >= 2) {
    return s.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return s;
}

function parseLiteral(s: string): unknown {
  const t = s.trim();
  if (t.startsWith('"') || t.startsWith("'")) return unquote(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  const n = Number(t);
  return Number.isFinite(n) && t !== '' ? n : t;
}

function parse(path: string): Segment[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (p.startsWith('$')) p = p.slice(1);
  const segs: Segment[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      i++;
      let key = '';
      while (i < p.length && p[i] !== '.' && p[i] !== '[') {
        if (p[i] === '\\' && i + 1 < p.length) i++;
        key += p[i++];
      }
      if (key === '*') segs.push({ kind: 'wild' });
      else if (key) segs.push({ kind: 'key', key });
      continue;
    }
    if (c === '[') {
      // find the matching ']' outside quotes
      let j = i + 1;
      let quote: string | undefined;
      let depth = 0;
      for (; j < p.length; j++) {
        const ch = p[j];
        if (quote) {
          if (ch === '\\') j++;
          else if (ch === quote) quote = undefined;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[') depth++;
        else if (ch === ']') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (j >= p.length) throw new Error(`unterminated [ in JSONPath ${JSON.stringify(path)}`);
      const inner = p.slice(i + 1, j).trim();
      i = j + 1;
      if (inner === '*') segs.push({ kind: 'wild' });
      else if (/^-?\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const expr = inner.slice(2, -1).trim();
        const m = /^@((?:\.[^=!\s]+|\[[^\]]+\])+)\s*(==|!=)\s*(.+)$/.exec(expr);
        if (!m) throw new Error(`unsupported JSONPath filter ${JSON.stringify(inner)}`);
        segs.push({
          kind: 'filter',
          path: parse(m[1]!),
          op: m[2] as '==' | '!=',
          value: parseLiteral(m[3]!),
        });
      } else segs.push({ kind: 'key', key: unquote(inner) });
      continue;
    }
    throw new Error(`unexpected ${JSON.stringify(c)} at ${i} in JSONPath ${JSON.stringify(path)}`);
  }
  return segs;
}

function walk(values: unknown[], segs: Segment[]): unknown[] {
  let cur = values;
  for (const s of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (s.kind) {
        case 'key':
          if (isPlainObject(v) && v[s.key] !== undefined) next.push(v[s.key]);
          break;
        case 'index':
          if (Array.isArray(v)) {
            const x = v[s.index < 0 ? v.length + s.index : s.index];
            if (x !== undefined) next.push(x);
          }
          break;
        case 'wild':
          if (Array.isArray(v)) next.push(...v);
          else if (isPlainObject(v)) next.push(...Object.values(v));
          break;
        case 'filter':
          if (Array.isArray(v)) {
            for (const item of v) {
              const got = walk([item], s.path);
              const eq = got.length > 0 && got[0] === s.value;
              if (s.op === '==' ? eq : !eq && got.length > 0) next.push(item);
            }
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

/** Every value the path selects (empty when nothing matches). Throws on a path it cannot parse. */
export function evalJsonPath(obj: unknown, path: string): unknown[] {
  return walk([obj], parse(path));
}

/** The first value the path selects, or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  return evalJsonPath(obj, path)[0];
}

/** Sets a value at a path of plain keys, creating objects on the way. Filters and wildcards are not allowed. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = parse(path);
  if (segs.length === 0) throw new Error(`cannot set the root with JSONPath ${JSON.stringify(path)}`);
  let cur: Record<string, unknown> | unknown[] = obj;
  segs.forEach((s, i) => {
    const last = i === segs.length - 1;
    if (s.kind === 'key' && isPlainObject(cur)) {
      if (last) cur[s.key] = value;
      else {
        if (!isPlainObject(cur[s.key]) && !Array.isArray(cur[s.key])) cur[s.key] = {};
        cur = cur[s.key] as Record<string, unknown>;
      }
    } else if (s.kind === 'index' && Array.isArray(cur)) {
      if (last) cur[s.index] = value;
      else cur = cur[s.index] as Record<string, unknown>;
    } else {
      throw new Error(`cannot set JSONPath ${JSON.stringify(path)}`);
    }
  });
}
