/**
 * The YAML editor's model: an object shown as the manifest a user would write, and the editor's text read the
 * way `kubectl apply -f` reads a file (every document parsed, kind known, defaulted and validated) before
 * anything is sent, with each problem placed at its line and column for the editor's inline diagnostics.
 */
import { stringify } from 'yaml';
import type { ApiServer } from '../../engine/api/api.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import { formatIssue } from '../../engine/scenario/issues.ts';
import {
  collectDocuments,
  createObjectCollector,
  type CollectedObjects,
} from '../../engine/scenario/manifests.ts';
import { parseYamlDocuments } from '../../engine/scenario/yaml-docs.ts';
import { LAST_APPLIED_ANNOTATION } from '../../engine/world/apply-patch.ts';

/** The editor's name for its text in messages. */
export const EDITOR_FILE = 'editor';

export interface EditIssue {
  /** 1-based; 1 when the engine could not place it. */
  line: number;
  column: number;
  /** `document 1 (ReplicaSet "web"): spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export type ParsedEdit = { ok: true; objects: KubeObject[] } | { ok: false; issues: EditIssue[] };

/** Reads the editor's text; nothing here writes to the API server. */
export function parseEdit(text: string, api: Pick<ApiServer, 'registry' | 'validate'>): ParsedEdit {
  const parsed = parseYamlDocuments(text, EDITOR_FILE);
  if (parsed.syntaxError) {
    const e = parsed.syntaxError;
    return {
      ok: false,
      issues: [{ line: e.line ?? 1, column: e.column ?? 1, message: e.message }],
    };
  }
  const issues: Parameters<typeof createObjectCollector>[1] = [];
  const collector = createObjectCollector({ api }, issues);
  const out: CollectedObjects = { objects: [], origins: [] };
  collectDocuments(parsed, EDITOR_FILE, '', collector, out);
  if (issues.length > 0) {
    return {
      ok: false,
      issues: issues.map((i) => ({
        line: i.line ?? 1,
        column: i.column ?? 1,
        // The file name is the editor itself: say where in it, not which file.
        message: formatIssue({ ...i, file: '' }).replace(/^: /, ''),
      })),
    };
  }
  if (out.objects.length === 0)
    return { ok: false, issues: [{ line: 1, column: 1, message: 'no objects to apply: the text is empty' }] };
  return { ok: true, objects: out.objects };
}

/** Metadata the server owns: a manifest leaves these out (kubectl apply would send them back otherwise). */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** The object as a manifest to edit: no status, no server-owned metadata, no last-applied annotation. */
export function manifestOf(obj: KubeObject): KubeObject {
  const metadata: KubeObject['metadata'] = { ...obj.metadata };
  for (const k of SERVER_METADATA) delete (metadata as Record<string, unknown>)[k];
  if (metadata.annotations && LAST_APPLIED_ANNOTATION in metadata.annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = metadata.annotations;
    if (Object.keys(rest).length > 0) metadata.annotations = rest;
    else delete metadata.annotations;
  }
  const { status: _status, ...rest } = obj as KubeObject & { status?: unknown };
  return { ...rest, metadata } as KubeObject;
}

/** The object's YAML as stored, with managedFields hidden (as `kubectl get -o yaml` does since 1.21). */
export function objectYaml(obj: KubeObject): string {
  const meta = obj.metadata as Record<string, unknown>;
  if (!('managedFields' in meta)) return stringify(obj, { aliasDuplicateObjects: false });
  const { managedFields: _hidden, ...metadata } = meta;
  return stringify({ ...obj, metadata }, { aliasDuplicateObjects: false });
}

/** Where an apply error the server raised after parsing points: the line of the first field path it names. */
export function locateApplyError(text: string, message: string): EditIssue {
  const m = /(?:^|[\s:])((?:metadata|spec)(?:\.[A-Za-z0-9_-]+|\[\d+\])+)/.exec(message);
  const leaf = m?.[1]
    ?.split('.')
    .pop()
    ?.replace(/\[\d+\]$/, '');
  if (leaf) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => new RegExp(`^\\s*-?\\s*${leaf}\\s*:`).test(l));
    if (i >= 0) return { line: i + 1, column: (lines[i]!.search(/\S/) ?? 0) + 1, message };
  }
  return { line: 1, column: 1, message };
}
