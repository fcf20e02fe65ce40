/**
 * JSON Patch, RFC 6902, over JSON Pointers, RFC 6901 (what kube-apiserver applies for
 * application/json-patch+json through evanphx/json-patch). A malformed patch is a JsonPatchDecodeError (the
 * apiserver answers 400 BadRequest); a well-formed one that does not apply is a JsonPatchApplyError (422).
 * The document is copied first, so a failing patch changes nothing (RFC 6902 §5: the patch is atomic).
 */
import { cloneJson, isPlainObject, jsonEqual } from './json.ts';

export type JsonPatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: unknown };

export class JsonPatchDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchDecodeError';
  }
}

export class JsonPatchApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchApplyError';
  }
}

/** RFC 6901 §4: "~1" is "/", "~0" is "~", in that order. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new JsonPatchApplyError(`JSON pointer must be empty or start with a "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function arrayIndex(token: string, length: number, allowEnd: boolean): number {
  if (allowEnd && token === '-') return length;
  // RFC 6901 §4: array indexes are decimal without leading zeros.
  if (!/^(0|[1-9]\d*)$/.test(token))
    throw new JsonPatchApplyError(`Unable to access invalid index: ${token}: invalid index referenced`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) {
    throw new JsonPatchApplyError(`Unable to access invalid index: ${i}: invalid index referenced`);
  }
  return i;
}

type Container = Record<string, unknown> | unknown[];

/** Walks to the parent of the pointer's target. */
function parentOf(doc: unknown, tokens: string[], op: string, path: string): Container {
  let cur: unknown = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
    else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) {
      throw new JsonPatchApplyError(
        `${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`,
      );
    }
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) {
    throw new JsonPatchApplyError(
      `${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`,
    );
  }
  return cur;
}

function getAt(doc: unknown, pointer: string, op: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, op, pointer);
  const last = tokens[tokens.length - 1]!;
  let v: unknown;
  if (Array.isArray(parent)) v = parent[arrayIndex(last, parent.length, false)];
  else if (Object.prototype.hasOwnProperty.call(parent, last)) v = parent[last];
  if (v === undefined) {
    throw new JsonPatchApplyError(
      `${op} operation does not apply: doc is missing path: ${JSON.stringify(pointer)}: missing value`,
    );
  }
  return v;
}

interface Doc {
  root: unknown;
}

function add(d: Doc, pointer: string, value: unknown, op = 'add'): void {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) {
    d.root = value;
    return;
  }
  const parent = parentOf(d.root, tokens, op, pointer);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else parent[last] = value;
}

function remove(d: Doc, pointer: string, op = 'remove'): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0)
    throw new JsonPatchApplyError(`${op} operation does not apply: cannot remove the document root`);
  const parent = parentOf(d.root, tokens, op, pointer);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(last, parent.length, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(parent, last)) {
    throw new JsonPatchApplyError(`Unable to remove nonexistent key: ${last}: missing value`);
  }
  const v = parent[last];
  delete parent[last];
  return v;
}

function decodeOp(raw: unknown, i: number): JsonPatchOp {
  if (!isPlainObject(raw)) throw new JsonPatchDecodeError(`json patch operation ${i} is not an object`);
  const { op, path } = raw;
  if (typeof op !== 'string') throw new JsonPatchDecodeError(`json patch operation ${i} is missing "op"`);
  if (typeof path !== 'string') throw new JsonPatchDecodeError(`json patch operation ${i} is missing "path"`);
  switch (op) {
    case 'add':
    case 'replace':
    case 'test':
      if (!('value' in raw))
        throw new JsonPatchDecodeError(`json patch ${op} operation ${i} is missing "value"`);
      return { op, path, value: raw.value };
    case 'remove':
      return { op, path };
    case 'move':
    case 'copy':
      if (typeof raw.from !== 'string')
        throw new JsonPatchDecodeError(`json patch ${op} operation ${i} is missing "from"`);
      return { op, path, from: raw.from };
    default:
      // evanphx/json-patch Patch.Apply: an unknown op fails when applied, not when decoded.
      throw new JsonPatchApplyError(`Unexpected kind: ${op}`);
  }
}

/** Checks the patch's shape; returns the typed operations. */
export function decodeJsonPatch(patch: unknown): JsonPatchOp[] {
  if (!Array.isArray(patch))
    throw new JsonPatchDecodeError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return patch.map(decodeOp);
}

/** Applies an RFC 6902 patch to a copy of doc and returns it; doc itself is never modified. */
export function applyJsonPatch<T>(doc: T, patch: unknown): T {
  const ops = decodeJsonPatch(patch);
  const d: Doc = { root: cloneJson(doc) };
  for (const o of ops) {
    switch (o.op) {
      case 'add':
        add(d, o.path, cloneJson(o.value));
        break;
      case 'remove':
        remove(d, o.path);
        break;
      case 'replace': {
        const tokens = parsePointer(o.path);
        if (tokens.length === 0) {
          d.root = cloneJson(o.value);
          break;
        }
        getAt(d.root, o.path, 'replace');
        remove(d, o.path, 'replace');
        add(d, o.path, cloneJson(o.value), 'replace');
        break;
      }
      case 'move': {
        if (o.path.startsWith(`${o.from}/`)) {
          throw new JsonPatchApplyError(
            `move operation does not apply: "from" ${o.from} is a prefix of "path" ${o.path}`,
          );
        }
        getAt(d.root, o.from, 'move');
        const v = remove(d, o.from, 'move');
        add(d, o.path, v, 'move');
        break;
      }
      case 'copy':
        add(d, o.path, cloneJson(getAt(d.root, o.from, 'copy')), 'copy');
        break;
      case 'test': {
        let v: unknown;
        try {
          v = getAt(d.root, o.path, 'test');
        } catch {
          v = undefined;
        }
        if (v === undefined ? o.value !== null : !jsonEqual(v, o.value)) {
          throw new JsonPatchApplyError(`testing value ${o.path} failed: test failed`);
        }
        break;
      }
    }
  }
  return d.root as T;
}
