/**
 * Label and field selectors: the string grammar of apimachinery pkg/labels/selector.go (Lexer, Parser.parse),
 * metav1.LabelSelector objects (pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector), matching
 * (Requirement.Matches) and the canonical string form (Requirement.String), plus field selectors
 * (pkg/fields/selector.go parseSelector: =, ==, != only, comma-separated, ANDed; fact 87).
 *
 * @example
 * const sel = parseLabelSelector('app=web, tier notin (db), !legacy');
 * matchesLabels(sel, { app: 'web', tier: 'fe' }); // true
 * selectorToString(sel); // "app=web,!legacy,tier notin (db)" (sorted by key, as the apiserver prints it)
 */
import { aggregateFieldErrors, fieldInvalid, fieldNotSupported, formatFieldError } from './field-errors.ts';
import { isPlainObject } from './json.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';
import type { FieldError } from './resource.ts';

export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** Sorted, as sets.String.List() keeps them. */
  readonly values: readonly string[];
}

export interface LabelSelector {
  /** Sorted by key (selector.go parse sorts ByKey). Empty matches everything. */
  readonly requirements: readonly Requirement[];
  /** labels.Nothing(): what a nil metav1.LabelSelector means. Matches no object. */
  readonly nothing?: boolean;
}

/** A selector the user wrote that does not parse or validate; the server answers 400 BadRequest with it. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export const EVERYTHING: LabelSelector = { requirements: [] };
export const NOTHING: LabelSelector = { requirements: [], nothing: true };

const OPERATOR_NAMES: Record<SelectorOperator, string> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  exists: 'exists',
  '!': '!',
  gt: 'gt',
  lt: 'lt',
};

// selector.go NewRequirement: key and values are validated; the error is an aggregated field.ErrorList.
export function newRequirement(
  key: string,
  operator: SelectorOperator,
  values: readonly string[],
): Requirement {
  const errs: FieldError[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(fieldInvalid('key', key, keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0)
        errs.push(
          fieldInvalid('values', [...values], "for 'in', 'notin' operators, values set can't be empty"),
        );
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1)
        errs.push(fieldInvalid('values', [...values], 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        errs.push(
          fieldInvalid('values', [...values], 'values set must be empty for exists and does not exist'),
        );
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        errs.push(
          fieldInvalid('values', [...values], "for 'Gt', 'Lt' operators, exactly one value is required"),
        );
      }
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) {
          errs.push(
            fieldInvalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
        }
      });
      break;
    default:
      errs.push(fieldNotSupported('operator', operator, Object.values(OPERATOR_NAMES)));
  }
  values.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length) errs.push(fieldInvalid(`values[${i}][${key}]`, v, vErrs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregateFieldErrors(errs));
  return { key, operator, values: [...new Set(values)].sort() };
}

// --- lexer (selector.go Lexer) ---

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(' | 'id';

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) =>
  c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (isSpecial(s[pos]!)) {
      // scanSpecialSymbol: the longest run of special characters that is still an operator.
      let buf = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buf += s[pos];
        const t = LITERAL_TOKENS[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) buf += s[pos++];
    out.push({ tok: LITERAL_TOKENS[buf] ?? 'id', lit: buf });
  }
}

// --- parser (selector.go Parser) ---

class Parser {
  private pos = 0;
  constructor(private readonly items: { tok: Tok; lit: string }[]) {}

  // In the Values context "in" and "notin" are plain identifiers.
  private look(values: boolean): { tok: Tok; lit: string } {
    const it = this.items[this.pos]!;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private take(values: boolean): { tok: Tok; lit: string } {
    const it = this.look(values);
    this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const next = this.take(true);
        if (next.tok === 'eos') return reqs;
        if (next.tok === ',') {
          const after = this.look(true);
          if (after.tok !== 'id' && after.tok !== '!') {
            throw new SelectorError(`found '${after.lit}', expected: identifier after ','`);
          }
          continue;
        }
        throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'eos') return reqs;
      throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    let op: SelectorOperator | undefined;
    let { tok, lit } = this.take(true);
    if (tok === '!') {
      op = '!';
      ({ tok, lit } = this.take(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    // selector.go validateLabelKey is called with an empty path, hence the message's leading ": ".
    const keyErrs = isQualifiedName(lit);
    if (keyErrs.length) throw new Error(formatFieldError(fieldInvalid('', lit, keyErrs.join('; '))));
    const key = lit;
    const after = this.look(true).tok;
    if (after === 'eos' || after === ',') return newRequirement(key, op ?? 'exists', []);
    if (op === '!') return newRequirement(key, '!', []);
    const opTok = this.take(false);
    switch (opTok.tok) {
      case 'in':
        return newRequirement(key, 'in', this.valueSet());
      case 'notin':
        return newRequirement(key, 'notin', this.valueSet());
      case '=':
      case '==':
      case '!=':
        return newRequirement(key, opTok.tok, this.exactValue());
      case '>':
        return newRequirement(key, 'gt', this.exactValue());
      case '<':
        return newRequirement(key, 'lt', this.exactValue());
      default:
        throw new Error(`found '${opTok.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private valueSet(): string[] {
    const open = this.take(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === ')') {
      this.take(true);
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.take(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
    return values;
  }

  private identifiers(): string[] {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.take(true);
      if (tok === 'id') {
        s.add(lit);
        const next = this.look(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return [...s];
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        // "(," ",," and ",)" each stand for the empty value.
        if (s.size === 0) s.add('');
        const next = this.look(true);
        if (next.tok === ')') {
          s.add('');
          return [...s];
        }
        if (next.tok === ',') {
          this.take(true);
          s.add('');
        }
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): string[] {
    const { tok } = this.look(true);
    if (tok === 'eos' || tok === ',') return [''];
    const v = this.take(true);
    if (v.tok === 'id') return [v.lit];
    throw new Error(`found '${v.lit}', expected: identifier`);
  }
}

const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Parses the string grammar (fact 86); throws SelectorError with the apimachinery message. */
export function parseLabelSelector(s: string): LabelSelector {
  const reqs = new Parser(lex(s)).parse();
  return { requirements: reqs.sort(byKey) };
}

/** metav1.LabelSelector → selector. null/undefined means Nothing, {} means Everything (helpers.go). */
export function labelSelectorFromObject(sel: unknown): LabelSelector {
  if (sel === undefined || sel === null) return NOTHING;
  if (!isPlainObject(sel)) throw new SelectorError('a label selector must be an object');
  const matchLabels = isPlainObject(sel.matchLabels) ? sel.matchLabels : {};
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, '=', [String(v)]));
  for (const e of exprs) {
    const expr = isPlainObject(e) ? e : {};
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const key = typeof expr.key === 'string' ? expr.key : '';
    let op: SelectorOperator;
    switch (expr.operator) {
      case 'In':
        op = 'in';
        break;
      case 'NotIn':
        op = 'notin';
        break;
      case 'Exists':
        op = 'exists';
        break;
      case 'DoesNotExist':
        op = '!';
        break;
      default:
        throw new SelectorError(
          `${JSON.stringify(String(expr.operator ?? ''))} is not a valid label selector operator`,
        );
    }
    reqs.push(newRequirement(key, op, values));
  }
  return { requirements: reqs.sort(byKey) };
}

/** A selector that matches exactly the given labels (labels.SelectorFromSet). */
export function selectorFromSet(set: Record<string, string>): LabelSelector {
  return {
    requirements: Object.entries(set)
      .map(([k, v]) => newRequirement(k, '=', [v]))
      .sort(byKey),
  };
}

function intValue(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

// selector.go Requirement.Matches: != and notin also match objects without the key.
function requirementMatches(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(v!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const lv = intValue(v!);
      const rv = intValue(r.values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  if (sel.nothing) return false;
  for (const r of sel.requirements) if (!requirementMatches(r, labels)) return false;
  return true;
}

export function isEverything(sel: LabelSelector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

// selector.go Requirement.String
function requirementToString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${r.values.join(',')})`;
    case 'notin':
      return `${r.key} notin (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values.join(',')}`;
    case 'lt':
      return `${r.key}<${r.values.join(',')}`;
    default:
      return `${r.key}${r.operator}${r.values.join(',')}`;
  }
}

/** The apiserver's canonical string (internalSelector.String); "" for both Everything and Nothing. */
export function selectorToString(sel: LabelSelector): string {
  return sel.requirements.map(requirementToString).join(',');
}

// --- field selectors (pkg/fields/selector.go) ---

export interface FieldTerm {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

export interface FieldSelector {
  readonly terms: readonly FieldTerm[];
}

function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.ParseSelector: no whitespace trimming, as upstream ("a = b" names the field "a "). */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort();
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    for (let i = 0; i < part.length && !found; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
    terms.push({ field: found.lhs, op: found.op === '!=' ? '!=' : '=', value: unescapeValue(found.rhs) });
  }
  return { terms };
}

export function matchesFields(sel: FieldSelector, valueOf: (field: string) => string): boolean {
  for (const t of sel.terms) {
    const v = valueOf(t.field);
    if (t.op === '=' ? v !== t.value : v === t.value) return false;
  }
  return true;
}

export function fieldSelectorToString(sel: FieldSelector): string {
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
  return sel.terms.map((t) => `${t.field}${t.op}${esc(t.value)}`).join(',');
}
