/**
 * Scenario files (docs/scenarios.md) to a checked Scenario. Pure: the caller supplies how to read a file and
 * resolve a relative path, so the same loader runs in the CLI (fs) and in the browser (bundled `?raw` files).
 *
 * @example
 * const scenario = loadScenario('scenarios/rollout.yaml', {
 *   files: { readFile: (p) => fs.readFileSync(p, 'utf8'), resolvePath: (from, rel) => path.resolve(path.dirname(from), rel) },
 *   set: { CLUSTER_NAME: 'demo' },
 *   api: probeWorld.api,
 * });
 */
import { isMap, isScalar } from 'yaml';
import { readLoadSection } from '../controllers/core/hpa/load-spec.ts';
import { readOptionalString, readParams, readProfile, readSeed, readUntil, readVariables } from './fields.ts';
import {
  ScenarioError,
  describeValue,
  formatPath,
  unknownKeyMessage,
  type PathSegment,
  type ScenarioIssue,
} from './issues.ts';
import { createObjectCollector, type CollectedObjects, type ObjectCheckOptions } from './manifests.ts';
import { readInlineObjects, readManifestText, templateIssue } from './object-sources.ts';
import { DEFAULT_PROFILE, DEFAULT_SEED, SCENARIO_KEYS, type Scenario } from './schema.ts';
import type { TimelineContext } from './readers.ts';
import { readTimeline } from './timeline.ts';
import { MissingVariablesError, TemplateSyntaxError, type Variables } from './variables.ts';
import {
  maskTemplates,
  parseYamlDocuments,
  positionOf,
  toJsSubstituted,
  type MaskedText,
  type SubstitutionState,
} from './yaml-docs.ts';

export interface ScenarioFiles {
  /** The file's text; throws (with a readable message) when it cannot be read. */
  readFile(path: string): string;
  /** The path of `relative` as written inside `fromFile`: manifest paths are relative to the scenario file. */
  resolvePath(fromFile: string, relative: string): string;
  /** How a path is shown in messages (default: as given). */
  displayPath?(path: string): string;
}

export interface LoadScenarioOptions extends ObjectCheckOptions {
  files: ScenarioFiles;
  /** Overrides for the file's `variables` (the CLI's --set). */
  set?: Variables;
}

/** Reads and parses a scenario or manifests file. Throws ScenarioError listing every problem found. */
export function loadScenario(path: string, options: LoadScenarioOptions): Scenario {
  let text: string;
  try {
    text = options.files.readFile(path);
  } catch (e) {
    const file = options.files.displayPath?.(path) ?? path;
    throw new ScenarioError([{ file, message: `cannot read: ${errorText(e)}` }]);
  }
  return parseScenario(text, path, options);
}

// A manifests file has Kubernetes objects at the top level; a scenario file never has apiVersion or kind.
const TOP_LEVEL_OBJECT_KEY = /^(apiVersion|kind)[ \t]*:/m;

/** True when text is a plain manifests file (objects with apiVersion/kind) rather than a scenario. */
export function looksLikeManifests(text: string): boolean {
  return TOP_LEVEL_OBJECT_KEY.test(text);
}

/** "dir/capi-rollout.yaml" → "capi-rollout". */
export function baseName(path: string): string {
  const last = path.split(/[/\\]/).pop() ?? path;
  return last.replace(/\.(ya?ml|json)$/i, '') || last;
}

export function parseScenario(text: string, path: string, options: LoadScenarioOptions): Scenario {
  const display = (p: string) => options.files.displayPath?.(p) ?? p;
  const file = display(path);
  const vars: Record<string, string> = {};
  const issues: ScenarioIssue[] = [];
  const collector = createObjectCollector(options, issues);
  const out: CollectedObjects = { objects: [], origins: [] };

  if (looksLikeManifests(text)) {
    Object.assign(vars, options.set ?? {});
    readManifestText(text, file, vars, collector, out);
    if (issues.length > 0) throw new ScenarioError(issues);
    return {
      name: baseName(path),
      file,
      seed: DEFAULT_SEED,
      profile: DEFAULT_PROFILE,
      variables: vars,
      ...sortNamespacesFirst(out),
      timeline: [],
      until: 'converged',
    };
  }

  let masked: MaskedText;
  try {
    masked = maskTemplates(text);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new ScenarioError([templateIssue(e, text, file)]);
    throw e;
  }
  const parsed = parseYamlDocuments(masked.text, file);
  if (parsed.syntaxError) throw new ScenarioError([parsed.syntaxError]);
  const docs = parsed.docs.filter((d) => d.contents !== null && d.contents !== undefined);
  if (docs.length === 0) {
    throw new ScenarioError([
      {
        file,
        message: 'is empty: a scenario needs objects, manifests or a timeline (see docs/scenarios.md)',
      },
    ]);
  }
  if (docs.length > 1) {
    throw new ScenarioError([
      {
        file,
        message:
          `holds ${docs.length} YAML documents: a scenario is one document ` +
          '(a manifests file instead has apiVersion and kind at the top level)',
      },
    ]);
  }
  const doc = docs[0]!;
  const report = (p: readonly PathSegment[], message: string) => {
    const pos = positionOf(doc, parsed.lines, p);
    issues.push({
      file,
      ...(p.length > 0 ? { path: formatPath(p) } : {}),
      message,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
  };
  const root = doc.contents;
  if (!isMap(root)) {
    report(
      [],
      `must be a mapping of scenario fields (${SCENARIO_KEYS.join(', ')}), got ${describeValue(doc.toJS())}`,
    );
    throw new ScenarioError(issues);
  }

  const nodes = new Map<string, unknown>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(SCENARIO_KEYS as readonly string[]).includes(key))
      report([key], unknownKeyMessage(key, SCENARIO_KEYS));
    else nodes.set(key, pair.value);
  }

  readVariables(nodes.get('variables'), doc, masked.originals, vars, report);
  Object.assign(vars, options.set ?? {});

  // Variables are substituted in every field but `variables` itself, as if in the raw text.
  const state: SubstitutionState = {
    vars,
    originals: masked.originals,
    missing: new Set(),
    syntaxErrors: [],
  };
  const values = new Map<string, unknown>();
  for (const [key, node] of nodes) {
    if (key !== 'variables') values.set(key, toJsSubstituted(node, doc, state, [key]));
  }
  for (const e of state.syntaxErrors) report(e.path, e.message);
  if (state.missing.size > 0)
    issues.push({ file, message: new MissingVariablesError([...state.missing]).message });
  if (issues.length > 0) throw new ScenarioError(issues);

  const name = readOptionalString(values.get('name'), ['name'], report) ?? baseName(path);
  const description = readOptionalString(values.get('description'), ['description'], report);
  const seed = readSeed(values.get('seed'), report);
  const profile = readProfile(values.get('profile'), report);
  const until = readUntil(values.get('until'), report);
  const params = readParams(values.get('params'), report);
  const load = readLoadSection(values.get('load'), ['load'], report);

  const manifests = values.get('manifests');
  if (manifests !== undefined) {
    const list = typeof manifests === 'string' ? [manifests] : manifests;
    if (!Array.isArray(list)) {
      report(['manifests'], `must be a list of file paths, got ${describeValue(manifests)}`);
    } else {
      list.forEach((rel: unknown, i) => {
        const p: PathSegment[] = typeof manifests === 'string' ? ['manifests'] : ['manifests', i];
        if (typeof rel !== 'string' || rel === '') {
          report(p, `must be a file path, got ${describeValue(rel)}`);
          return;
        }
        const resolved = options.files.resolvePath(path, rel);
        let mtext: string;
        try {
          mtext = options.files.readFile(resolved);
        } catch (e) {
          report(p, `cannot read "${rel}": ${errorText(e)}`);
          return;
        }
        readManifestText(mtext, display(resolved), vars, collector, out);
      });
    }
  }

  const objects = values.get('objects');
  if (objects !== undefined) {
    readInlineObjects(objects, ['objects'], masked.text, parsed.lines, doc, file, collector, out, report);
  }

  const registry = options.api?.registry ?? options.registry;
  const ctx: TimelineContext = {
    report,
    reported: () => issues.length,
    ...(registry ? { registry } : {}),
    applyObjects: (value, p) => {
      // An apply may re-apply an object from t=0 (that is an update), so duplicates are per apply.
      const applyOut: CollectedObjects = { objects: [], origins: [] };
      const applyCollector = createObjectCollector(options, issues);
      readInlineObjects(
        value,
        [...p],
        masked.text,
        parsed.lines,
        doc,
        file,
        applyCollector,
        applyOut,
        report,
      );
      return applyOut.objects;
    },
  };
  const timeline = readTimeline(values.get('timeline'), ['timeline'], ctx);

  if (issues.length > 0) throw new ScenarioError(issues);
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    file,
    seed,
    profile,
    variables: vars,
    ...sortNamespacesFirst(out),
    timeline,
    until,
    ...(params ? { params } : {}),
    ...(load ? { load } : {}),
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Namespaces must exist before the objects in them: move them to the front, keeping file order otherwise. */
function sortNamespacesFirst(out: CollectedObjects): CollectedObjects {
  const order = out.objects.map((_, i) => i);
  const rank = (i: number) =>
    out.objects[i]!.kind === 'Namespace' && out.objects[i]!.apiVersion === 'v1' ? 0 : 1;
  order.sort((a, b) => rank(a) - rank(b));
  return { objects: order.map((i) => out.objects[i]!), origins: order.map((i) => out.origins[i]!) };
}
