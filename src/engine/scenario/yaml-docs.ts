/**
 * YAML reading for scenarios and manifests: multi-document parsing with positions, the first syntax error
 * as a file:line:column issue, and the scenario file's own variable substitution done on parsed scalars.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parse,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { PathSegment, ScenarioIssue } from './issues.ts';
import {
  TemplateSyntaxError,
  evaluateTemplate,
  missingVariables,
  normalizeLegacyVariables,
  parseTemplate,
  type Variables,
} from './variables.ts';

// YAML 1.2 core schema with `<<` merge keys, as go-yaml (behind kubectl's sigs.k8s.io/yaml) accepts them.
const PARSE_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: true } as const;

export interface ParsedYaml {
  docs: Document.Parsed[];
  lines: LineCounter;
  /** The first syntax error, if any: the rest are usually consequences of it. */
  syntaxError?: ScenarioIssue;
}

/** Maps positions inside an embedded YAML text (a block scalar) back to the enclosing file. */
export interface PositionMap {
  file: string;
  /** Added to the embedded text's 1-based line. */
  lineOffset: number;
  /** Added to the embedded text's 1-based column. */
  columnOffset: number;
  /** Prefix for messages when positions cannot be mapped exactly, e.g. "objects". */
  where?: string;
}

export function parseYamlDocuments(text: string, file: string, map?: PositionMap): ParsedYaml {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines }) as Document.Parsed[];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (!err) continue;
    const pos = lines.linePos(err.pos[0]);
    const line = pos.line + (map?.lineOffset ?? 0);
    const column = pos.col + (map?.columnOffset ?? 0);
    const message = err.message.replace(/ at line \d+, column \d+[\s\S]*$/, '');
    return {
      docs,
      lines,
      syntaxError: {
        file: `${map?.file ?? file}:${line}:${column}`,
        ...(map?.where ? { where: map.where } : {}),
        message: `invalid YAML: ${message}`,
        line,
        column,
      },
    };
  }
  return { docs, lines };
}

/** 1-based line/column of the node at path in doc, or of the deepest ancestor that exists. */
export function positionOf(
  doc: Document.Parsed,
  lines: LineCounter,
  path: readonly PathSegment[],
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let best: unknown = node;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      node = pair.value ?? pair.key;
      best = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (!node) break;
      best = node;
    } else {
      break;
    }
  }
  const range = (best as YamlNode | null)?.range;
  if (!range) return undefined;
  const p = lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

/** Where the content of a block scalar (`objects: |`) starts, so embedded positions map to the file. */
export function blockScalarContentMap(
  node: unknown,
  text: string,
  lines: LineCounter,
  file: string,
  where: string,
): PositionMap {
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) {
    const header = lines.linePos(node.range[0]);
    const afterHeader = text.indexOf('\n', node.range[0]) + 1;
    const lineEnd = text.indexOf('\n', afterHeader);
    const firstLine = text.slice(afterHeader, lineEnd < 0 ? undefined : lineEnd);
    const indent = /^ */.exec(firstLine)?.[0].length ?? 0;
    return { file, lineOffset: header.line, columnOffset: indent, where };
  }
  return { file, lineOffset: 0, columnOffset: 0, where };
}

/**
 * A scenario file with every `${…}` replaced by a same-length placeholder of private-use characters, so
 * that YAML parses it even where a `{` could not stand in a plain scalar (`{ replicas: ${N} }`). Positions
 * stay the same, and each scalar gets its expressions back (unmask) before substitution.
 */
export interface MaskedText {
  text: string;
  /** originals[i] is the expression behind placeholder i. */
  originals: string[];
}

const MASK_START = '\uE000';
const MASK_FILL = '\uE001';
const MASK_INDEX_BASE = 0xe100;
const MASK_INDEX_MAX = 0xf8ff - MASK_INDEX_BASE;
const MASK_RE = /\uE000([\uE100-\uF8FF])\uE001*/g;

/** Throws TemplateSyntaxError for a malformed `${`, as clusterctl fails on one anywhere in a template. */
export function maskTemplates(text: string): MaskedText {
  if (!text.includes('${')) return { text, originals: [] };
  const normalized = normalizeLegacyVariables(text);
  const nodes = parseTemplate(normalized);
  const originals: string[] = [];
  const index = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const n of nodes) {
    if (n.kind !== 'func' || n.end === undefined) continue;
    const original = normalized.slice(n.offset, n.end);
    let i = index.get(original);
    if (i === undefined) {
      i = originals.length;
      if (i > MASK_INDEX_MAX)
        throw new TemplateSyntaxError('too many different ${...} expressions', normalized, n.offset);
      originals.push(original);
      index.set(original, i);
    }
    out += normalized.slice(last, n.offset) + MASK_START + String.fromCharCode(MASK_INDEX_BASE + i);
    out += MASK_FILL.repeat(original.length - 2);
    last = n.end;
  }
  return { text: out + normalized.slice(last), originals };
}

export function unmask(s: string, originals: readonly string[]): string {
  if (originals.length === 0 || !s.includes(MASK_START)) return s;
  return s.replace(MASK_RE, (_, c: string) => originals[c.charCodeAt(0) - MASK_INDEX_BASE] ?? '');
}

export interface SubstitutionState {
  vars: Variables;
  /** Placeholders from maskTemplates, restored before substitution. */
  originals: readonly string[];
  missing: Set<string>;
  /** Template syntax errors (and alias abuse), with where. */
  syntaxErrors: { path: PathSegment[]; message: string }[];
  /** Alias resolutions so far. */
  aliases?: number;
}

const MAX_ALIASES = 100;

/**
 * A YAML node as plain JSON, with clusterctl variables substituted in every string scalar. A plain
 * (unquoted) scalar is re-read as YAML after substitution, so `replicas: ${N}` becomes a number exactly as
 * if the text had been substituted before parsing; a quoted one stays a string.
 */
export function toJsSubstituted(
  node: unknown,
  doc: Document.Parsed,
  state: SubstitutionState,
  path: PathSegment[],
): unknown {
  if (isAlias(node)) {
    // Bounded like yaml's own maxAliasCount, so a "billion laughs" file cannot blow up memory.
    state.aliases = (state.aliases ?? 0) + 1;
    if (state.aliases > MAX_ALIASES) {
      if (state.aliases === MAX_ALIASES + 1)
        state.syntaxErrors.push({ path, message: `more than ${MAX_ALIASES} alias (*) uses` });
      return null;
    }
    return toJsSubstituted(node.resolve(doc), doc, state, path);
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const rawKey = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof rawKey === 'symbol' || rawKey === '<<') {
        const merged = toJsSubstituted(pair.value, doc, state, path);
        for (const src of Array.isArray(merged) ? merged : [merged]) {
          if (src && typeof src === 'object') {
            for (const [k, v] of Object.entries(src)) if (!(k in out)) out[k] = v;
          }
        }
        continue;
      }
      const key = substituteString(unmask(String(rawKey), state.originals), state, path);
      out[key] = toJsSubstituted(pair.value, doc, state, [...path, key]);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item, i) => toJsSubstituted(item, doc, state, [...path, i]));
  if (isScalar(node)) {
    if (typeof node.value !== 'string') return node.value;
    const v = unmask(node.value, state.originals);
    if (!v.includes('$')) return v;
    const s = substituteString(v, state, path);
    if (node.type === 'PLAIN' && !node.tag && s !== v) return reresolvePlain(s);
    return s;
  }
  return node ?? null;
}

function substituteString(v: string, state: SubstitutionState, path: PathSegment[]): string {
  if (!v.includes('$')) return v;
  try {
    const nodes = parseTemplate(normalizeLegacyVariables(v));
    for (const m of missingVariables(nodes, state.vars)) state.missing.add(m);
    return evaluateTemplate(nodes, state.vars);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) {
      state.syntaxErrors.push({ path, message: `${e.reason} in "${v}"` });
      return v;
    }
    throw e;
  }
}

function reresolvePlain(s: string): unknown {
  const trimmed = s.trim();
  try {
    const v: unknown = parse(s, { merge: true });
    // Only a scalar, or a flow collection the text spelled out ("[]", "{a: 1}"); never a block mapping.
    if (v === null || v === undefined || typeof v !== 'object') return v ?? null;
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) return v;
    return s;
  } catch {
    return s;
  }
}
