/**
 * clusterctl-style variable substitution for manifests and scenario files.
 *
 * clusterctl's default template processor (cluster-api cmd/clusterctl/client/yamlprocessor/simple_processor.go,
 * (*SimpleProcessor).Process) runs the raw text through drone/envsubst: only the braced `${…}` forms are
 * variables (a bare `$VAR` is plain text), `$$` is an escaped `$`, and a variable is "missing" when it has no
 * value and no default, which fails the whole template with one error naming every missing variable.
 * This module reimplements that grammar (drone/envsubst parse/parse.go, funcs.go) from its documented behaviour.
 */

/** A run of literal text, or one `${…}` expression. */
export type TemplateNode = TextNode | FuncNode;

export interface TextNode {
  readonly kind: 'text';
  readonly value: string;
}

export interface FuncNode {
  readonly kind: 'func';
  /** The variable name. */
  readonly param: string;
  /** The operator: '' for `${A}`, ':=' / ':-' / '=' / ':?' / ':+' (defaults), '#' (length when no args), … */
  readonly op: string;
  /** Each argument is itself a template (defaults may nest `${B}`). */
  readonly args: readonly (readonly TemplateNode[])[];
  /** Offset of the `${` in the (legacy-normalised) text. */
  readonly offset: number;
  /** Offset just past the closing `}` (set on top-level expressions). */
  readonly end?: number;
}

/** A `${…}` that does not parse; offset points at the `${`, line and column are 1-based. */
export class TemplateSyntaxError extends Error {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(reason: string, text: string, offset: number) {
    const { line, column } = lineColumnAt(text, offset);
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'TemplateSyntaxError';
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** Variables the template needs that have neither a value nor a default, sorted by name. */
export class MissingVariablesError extends Error {
  readonly missing: readonly string[];
  constructor(missing: readonly string[]) {
    const sorted = [...missing].sort();
    // The same wording as clusterctl's errMissingVariables.Error(), with our own way to set them.
    super(
      `value for variables [${sorted.join(', ')}] is not set. ` +
        `Set them in the scenario's variables or with --set KEY=VALUE`,
    );
    this.name = 'MissingVariablesError';
    this.missing = sorted;
  }
}

export type Variables = Readonly<Record<string, string>>;

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// clusterctl rewrites `${ VAR }`, `${ VAR}` and `${VAR }` to `${VAR}` before parsing, for old templates
// (simple_processor.go convertLegacyVars / legacyVariableRegEx).
const LEGACY_VAR = /\$\{\s+[A-Za-z0-9_$]+\s+\}|\$\{\s+[A-Za-z0-9_$]+\}|\$\{[A-Za-z0-9_$]+\s+\}/g;

export function normalizeLegacyVariables(text: string): string {
  if (!text.includes('${')) return text;
  return text.replace(LEGACY_VAR, (m) => m.replace(/\s/g, ''));
}

// drone/envsubst acceptIdent: unicode letters, digits and underscore.
const IDENT_CHAR = /[\p{L}\p{N}_]/u;
const isIdentChar = (ch: string | undefined): boolean => ch !== undefined && IDENT_CHAR.test(ch);

/** Parses a whole text into literal runs and `${…}` expressions. Throws TemplateSyntaxError. */
export function parseTemplate(text: string): TemplateNode[] {
  const p = new TemplateParser(text);
  return p.parseTop();
}

class TemplateParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseTop(): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    let buf = '';
    const t = this.text;
    while (this.pos < t.length) {
      const dollar = t.indexOf('$', this.pos);
      if (dollar < 0) {
        buf += t.slice(this.pos);
        break;
      }
      buf += t.slice(this.pos, dollar);
      this.pos = dollar;
      const next = t[dollar + 1];
      if (next === '{') {
        if (buf) nodes.push({ kind: 'text', value: buf });
        buf = '';
        nodes.push({ ...this.parseFunc(), end: this.pos });
      } else if (next === '$') {
        // Outside an expression `$$` stands for one literal `$` (drone/envsubst scan.go scanEscaped, dollar).
        buf += '$';
        this.pos += 2;
      } else {
        buf += '$';
        this.pos++;
      }
    }
    if (buf) nodes.push({ kind: 'text', value: buf });
    return nodes;
  }

  private fail(reason: string, at: number): never {
    throw new TemplateSyntaxError(reason, this.text, at);
  }

  private peek(k = 0): string | undefined {
    return this.text[this.pos + k];
  }

  /** At `${`; consumes through the matching `}`. drone/envsubst parse.go (*Tree).parseFunc. */
  private parseFunc(): FuncNode {
    const start = this.pos;
    this.pos += 2;
    if (this.peek() === '#') {
      // ${#VAR}: the length of the value.
      this.pos++;
      const name = this.readIdent();
      if (!name) this.fail('bad substitution', start);
      this.expectClose(start, 'bad substitution');
      return { kind: 'func', param: name, op: '#', args: [], offset: start };
    }
    const name = this.readIdent();
    if (!name) this.fail('unable to parse variable name', start);
    const next = this.peek();
    if (next === ':') {
      const after = this.peek(1);
      if (after === '=' || after === '-' || after === '?' || after === '+') {
        this.pos += 2;
        return this.parseDefaultArgs(name, `:${after}`, start);
      }
      this.pos++;
      return this.parseSubstring(name, start);
    }
    if (next === '=') {
      this.pos++;
      return this.parseDefaultArgs(name, '=', start);
    }
    if (next === ',' || next === '^') {
      let op = '';
      while (op.length < 2 && (this.peek() === ',' || this.peek() === '^')) op += this.text[this.pos++];
      this.expectClose(start, 'bad substitution');
      return { kind: 'func', param: name, op, args: [], offset: start };
    }
    if (next === '#' || next === '%') {
      let op = '';
      while (op.length < 2 && this.peek() === next) op += this.text[this.pos++];
      const arg = this.parseParam((c) => c !== '}', false, start);
      this.expectClose(start, 'bad substitution');
      return { kind: 'func', param: name, op, args: [arg], offset: start };
    }
    if (next === '/') {
      return this.parseReplace(name, start);
    }
    this.expectClose(start, 'missing closing brace');
    return { kind: 'func', param: name, op: '', args: [], offset: start };
  }

  private readIdent(): string {
    const from = this.pos;
    while (isIdentChar(this.peek())) this.pos++;
    return this.text.slice(from, this.pos);
  }

  private expectClose(start: number, reason: string): void {
    if (this.peek() !== '}') this.fail(reason, start);
    this.pos++;
  }

  /**
   * One function argument: literal characters accepted by `accept`, or one nested `${…}`.
   * drone/envsubst (*Tree).parseParam reads exactly one of these per call.
   */
  private parseParam(accept: (c: string) => boolean, escapes: boolean, start: number): TemplateNode[] {
    const t = this.text;
    if (this.peek() === '$' && this.peek(1) === '{') return [this.parseFunc()];
    let buf = '';
    while (this.pos < t.length) {
      const ch = t[this.pos]!;
      if (ch === '$' && t[this.pos + 1] === '{') break;
      if (escapes && ch === '$' && t[this.pos + 1] === '$') {
        buf += '$';
        this.pos += 2;
        continue;
      }
      if (escapes && ch === '\\' && (t[this.pos + 1] === '/' || t[this.pos + 1] === '\\')) {
        buf += t[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (!accept(ch)) break;
      buf += ch;
      this.pos++;
    }
    if (buf === '') this.fail('unable to parse substitution within function', start);
    return [{ kind: 'text', value: buf }];
  }

  /** ${A:=x}, ${A:-x}, ${A=x}, ${A:?x}, ${A:+x}: every one means "the value, or x when empty" in envsubst. */
  private parseDefaultArgs(name: string, op: string, start: number): FuncNode {
    const args: TemplateNode[][] = [];
    for (;;) {
      if (this.peek() === '}') {
        this.pos++;
        return { kind: 'func', param: name, op, args, offset: start };
      }
      if (this.pos >= this.text.length) this.fail('unable to parse substitution within function', start);
      args.push(this.parseParam((c) => c !== '}', false, start));
    }
  }

  /** ${A:offset} and ${A:offset:length}. */
  private parseSubstring(name: string, start: number): FuncNode {
    const args: TemplateNode[][] = [this.parseParam((c) => c !== ':' && c !== '}', false, start)];
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'func', param: name, op: ':', args, offset: start };
    }
    if (this.peek() !== ':') this.fail('bad substitution', start);
    while (this.peek() === ':') this.pos++;
    args.push(this.parseParam((c) => c !== '}', false, start));
    this.expectClose(start, 'bad substitution');
    return { kind: 'func', param: name, op: ':', args, offset: start };
  }

  /** ${A/pattern/repl}, ${A//pattern/repl}, ${A/#pattern/repl}, ${A/%pattern/repl}. */
  private parseReplace(name: string, start: number): FuncNode {
    let op = '/';
    this.pos++;
    const second = this.peek();
    if (second === '/' || second === '#' || second === '%') {
      op += second;
      this.pos++;
    }
    const args: TemplateNode[][] = [this.parseParam((c) => c !== '/', true, start)];
    if (this.peek() !== '/') this.fail('bad substitution', start);
    while (this.peek() === '/') this.pos++;
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'func', param: name, op, args, offset: start };
    }
    args.push(this.parseParam((c) => c !== '}', true, start));
    this.expectClose(start, 'bad substitution');
    return { kind: 'func', param: name, op, args, offset: start };
  }
}

/**
 * The variables a parsed template refers to, each with whether it has a default. Like clusterctl's
 * inspectVariables/traverse: only top-level expressions count (a `${B}` nested in a default is not checked),
 * the first occurrence of a name decides, and only a non-empty default counts (`${A:-}` is still required).
 */
export function templateVariables(nodes: readonly TemplateNode[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const n of nodes) {
    if (n.kind === 'func' && !out.has(n.param)) out.set(n.param, n.args.length > 0);
  }
  return out;
}

/** Names the template needs but vars does not set and no default covers, sorted. */
export function missingVariables(nodes: readonly TemplateNode[], vars: Variables): string[] {
  const missing: string[] = [];
  for (const [name, hasDefault] of templateVariables(nodes)) {
    if (!hasDefault && !Object.hasOwn(vars, name)) missing.push(name);
  }
  return missing.sort();
}

/** Evaluates a parsed template; unset variables read as "" (clusterctl checks for missing ones first). */
export function evaluateTemplate(nodes: readonly TemplateNode[], vars: Variables): string {
  let out = '';
  for (const n of nodes) out += n.kind === 'text' ? n.value : evalFunc(n, vars);
  return out;
}

function evalFunc(n: FuncNode, vars: Variables): string {
  const args = n.args.map((a) => evaluateTemplate(a, vars));
  const v = Object.hasOwn(vars, n.param) ? vars[n.param]! : '';
  // drone/envsubst eval.go lookupFunc + funcs.go.
  switch (n.op) {
    case ',':
      return v ? v[0]!.toLowerCase() + v.slice(1) : v;
    case ',,':
      return v.toLowerCase();
    case '^':
      return v ? v[0]!.toUpperCase() + v.slice(1) : v;
    case '^^':
      return v.toUpperCase();
    case '#':
      return args.length === 0 ? String(v.length) : trimPrefix(v, args[0]!, false);
    case '##':
      return trimPrefix(v, args[0]!, true);
    case '%':
      return reverse(trimPrefix(reverse(v), reverse(args[0]!), false));
    case '%%':
      return reverse(trimPrefix(reverse(v), reverse(args[0]!), true));
    case ':':
      return substring(v, args);
    case '/':
      return args[0] === undefined ? v : v.replace(args[0], args[1] ?? '');
    case '//':
      return args[0] === undefined ? v : v.split(args[0]).join(args[1] ?? '');
    case '/#':
      return args.length === 2 && v.startsWith(args[0]!) ? args[1]! + v.slice(args[0]!.length) : v;
    case '/%':
      return args.length === 2 && v.endsWith(args[0]!)
        ? v.slice(0, v.length - args[0]!.length) + args[1]!
        : v;
    default:
      // toDefault: the value, or the joined default arguments when the value is empty.
      return v === '' && args.length > 0 ? args.join('') : v;
  }
}

function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}

function substring(v: string, args: string[]): string {
  // funcs.go toSubstr: an unparsable offset or length leaves the value unchanged, as bash does.
  const posArg = args[0]!;
  if (!/^[+-]?\d+$/.test(posArg)) return v;
  let pos = Number(posArg);
  if (pos < 0) pos = Math.max(0, v.length + pos);
  if (args.length === 1) return pos < v.length ? v.slice(pos) : '';
  const lenArg = args[1]!;
  if (!/^[+-]?\d+$/.test(lenArg)) return v;
  const length = Number(lenArg);
  if (pos + length >= v.length) return pos < v.length ? v.slice(pos) : '';
  return v.slice(pos, pos + length);
}

/** funcs.go trimShortest / trimLongest: drop the shortest or longest prefix the glob matches. */
function trimPrefix(v: string, pattern: string, longest: boolean): string {
  const re = globToRegExp(pattern);
  if (!re) return v;
  if (longest) {
    for (let end = v.length; end > 0; end--) if (re.test(v.slice(0, end))) return v.slice(end);
    return v;
  }
  for (let end = 1; end <= v.length; end++) if (re.test(v.slice(0, end))) return v.slice(end);
  return v;
}

/**
 * drone/envsubst path.Match, which (unlike Go's path.Match) lets `*` and `?` match `/` too: `*` any run of
 * characters, `?` one character, `[…]` a class (`^` negates), `\c` a literal. Undefined for a bad pattern,
 * which leaves the value unchanged.
 */
function globToRegExp(pattern: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      re += '[\\s\\S]*';
    } else if (c === '?') {
      re += '[\\s\\S]';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      re += escapeRegExp(next);
      i++;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return undefined;
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') return undefined;
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else {
      re += escapeRegExp(c);
    }
  }
  try {
    return new RegExp(`^${re}$`, 'u');
  } catch {
    return undefined;
  }
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The whole clusterctl processing step: normalise legacy `${ VAR }`, parse, fail on missing variables,
 * substitute. Text without `${` comes back unchanged except for `$$` escapes.
 *
 * @example
 * substituteVariables('name: ${CLUSTER_NAME}-md-0\nreplicas: ${N:=3}', { CLUSTER_NAME: 'demo' })
 * // 'name: demo-md-0\nreplicas: 3'
 */
export function substituteVariables(text: string, vars: Variables): string {
  if (!text.includes('$')) return text;
  const nodes = parseTemplate(normalizeLegacyVariables(text));
  const missing = missingVariables(nodes, vars);
  if (missing.length > 0) throw new MissingVariablesError(missing);
  return evaluateTemplate(nodes, vars);
}

// Names a scenario may declare: what envsubst can refer to.
const VARIABLE_NAME = /^[\p{L}\p{N}_]+$/u;

export function isValidVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}

/** Parses one `--set KEY=VALUE` (VALUE may contain `=` and may be empty). Throws a clear Error. */
export function parseSetting(setting: string): [string, string] {
  const eq = setting.indexOf('=');
  if (eq <= 0) throw new Error(`expected KEY=VALUE, got "${setting}"`);
  const key = setting.slice(0, eq);
  if (!isValidVariableName(key)) {
    throw new Error(`"${key}" is not a valid variable name (letters, digits and _ only)`);
  }
  return [key, setting.slice(eq + 1)];
}
