/**
 * Problems found while loading a scenario, each pinned to a file, a document and a field, and the one Error
 * that carries all of them. Loading collects every problem before failing, so an author fixes them in one go.
 */

export type PathSegment = string | number;

export interface ScenarioIssue {
  /** The file as the caller named it (the scenario, or a manifest it references). */
  file: string;
  /** Where in the file, before the field path: `document 4 (MachineDeployment "demo-md-0")`, `objects[1]`. */
  where?: string;
  /** The field path inside `where` (or from the file's root). */
  path?: string;
  message: string;
  /** 1-based position in the file, when known (for editors; the message does not repeat it). */
  line?: number;
  column?: number;
}

/** `file: where: path: message`. Syntax errors carry `file:line:column` as their file, like compilers print. */
export function formatIssue(issue: ScenarioIssue): string {
  const parts = [issue.file];
  if (issue.where) parts.push(issue.where);
  if (issue.path) parts.push(issue.path);
  parts.push(issue.message);
  return parts.join(': ');
}

/** Thrown by the scenario loader; message is every issue, one a line. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

export const isScenarioError = (e: unknown): e is ScenarioError => e instanceof ScenarioError;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** ['timeline', 2, 'scale', 'replicas'] → "timeline[2].scale.replicas"; odd keys are quoted: selector["app/x"]. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A short rendering of a bad value for "got …". */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** `unknown field "replica" (did you mean "replicas"?)`, else the allowed list. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  if (best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3))) {
    return `unknown field "${key}" (did you mean "${best}"?)`;
  }
  return `unknown field "${key}" (allowed: ${allowed.join(', ')})`;
}
