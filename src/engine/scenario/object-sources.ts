/**
 * Where a scenario's objects come from: manifests files (clusterctl substitution on the raw text, then one
 * object per YAML document) and inline `objects:` / `apply:` values (a list, or a multi-document string).
 */
import type { Document, LineCounter } from 'yaml';
import { describeValue, formatPath, type PathSegment, type ScenarioIssue } from './issues.ts';
import { checkObject, collectDocuments, type CollectedObjects, type ObjectCollector } from './manifests.ts';
import {
  MissingVariablesError,
  TemplateSyntaxError,
  normalizeLegacyVariables,
  substituteVariables,
  type Variables,
} from './variables.ts';
import { blockScalarContentMap, parseYamlDocuments } from './yaml-docs.ts';

/** A manifests file: clusterctl substitution on the raw text, then every document as an object. */
export function readManifestText(
  text: string,
  file: string,
  vars: Variables,
  collector: ObjectCollector,
  out: CollectedObjects,
): void {
  let substituted: string;
  try {
    substituted = substituteVariables(text, vars);
  } catch (e) {
    if (e instanceof MissingVariablesError) {
      collector.issues.push({ file, message: e.message });
    } else if (e instanceof TemplateSyntaxError) {
      collector.issues.push(templateIssue(e, text, file));
    } else {
      throw e;
    }
    return;
  }
  const parsed = parseYamlDocuments(substituted, file);
  if (parsed.syntaxError) {
    collector.issues.push(parsed.syntaxError);
    return;
  }
  collectDocuments(parsed, file, '', collector, out);
}

/** `file:line:column: missing closing brace in variable reference "${NAME-x}"`. */
export function templateIssue(e: TemplateSyntaxError, text: string, file: string): ScenarioIssue {
  const lineText = normalizeLegacyVariables(text).split('\n')[e.line - 1] ?? '';
  const snippet = lineText.slice(e.column - 1).split(/\s/)[0] ?? '';
  return {
    file: `${file}:${e.line}:${e.column}`,
    message: `${e.reason} in variable reference "${snippet}"`,
    line: e.line,
    column: e.column,
  };
}

/** `objects:` (or an apply): a list of objects, or one multi-document YAML string. */
export function readInlineObjects(
  value: unknown,
  path: PathSegment[],
  text: string,
  lines: LineCounter,
  doc: Document.Parsed,
  file: string,
  collector: ObjectCollector,
  out: CollectedObjects,
  report: (p: readonly PathSegment[], message: string) => void,
): void {
  const where = formatPath(path);
  if (typeof value === 'string') {
    const node = doc.getIn(path, true);
    const map = blockScalarContentMap(node, text, lines, file, where);
    const parsed = parseYamlDocuments(value, file, map);
    if (parsed.syntaxError) {
      collector.issues.push(parsed.syntaxError);
      return;
    }
    collectDocuments(parsed, file, `${where}: `, collector, out, {
      lineOffset: map.lineOffset,
      columnOffset: map.columnOffset,
    });
    return;
  }
  if (!Array.isArray(value)) {
    report(path, `must be a list of objects or a multi-document YAML string, got ${describeValue(value)}`);
    return;
  }
  value.forEach((item: unknown, i) => {
    checkObject(item, { file, where: `${where}[${i}]` }, collector, { doc, lines, base: [...path, i] }, out);
  });
}
