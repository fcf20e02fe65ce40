import { describe, expect, it } from 'vitest';
import {
  fieldSelectorToString,
  labelSelectorFromObject,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  selectorFromSet,
  selectorToString,
} from './selectors.ts';

const match = (s: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(s), labels);

describe('labels/selector.go Parse grammar (fact 86)', () => {
  it('ANDs comma-separated requirements and tolerates whitespace', () => {
    expect(match(' app = web ,  tier!=db ', { app: 'web', tier: 'fe' })).toBe(true);
    expect(match('app=web,tier!=db', { app: 'web', tier: 'db' })).toBe(false);
  });
  it('supports =, == and !=; != also matches objects without the key', () => {
    expect(match('app==web', { app: 'web' })).toBe(true);
    expect(match('tier!=db', {})).toBe(true);
  });
  it('supports in and notin; notin also matches objects without the key', () => {
    expect(match('env in (prod, staging)', { env: 'staging' })).toBe(true);
    expect(match('env in (prod)', {})).toBe(false);
    expect(match('env notin (prod)', {})).toBe(true);
    expect(match('env notin (prod)', { env: 'prod' })).toBe(false);
  });
  it('supports exists and !key', () => {
    expect(match('legacy', { legacy: '' })).toBe(true);
    expect(match('!legacy', { legacy: 'x' })).toBe(false);
    expect(match('!legacy', {})).toBe(true);
  });
  it('treats "in" as a value inside parentheses and accepts empty values', () => {
    expect(match('x in (in,notin)', { x: 'in' })).toBe(true);
    expect(match('x in (,a)', { x: '' })).toBe(true);
    expect(match('x=', { x: '' })).toBe(true);
  });
  it('supports gt and lt on integers', () => {
    expect(match('n>3', { n: '4' })).toBe(true);
    expect(match('n<3', { n: '4' })).toBe(false);
    expect(match('n>3', { n: 'x' })).toBe(false);
  });
  it('the empty selector matches everything', () => {
    expect(match('', { a: 'b' })).toBe(true);
  });
  it('prints requirements sorted by key (Requirement.String)', () => {
    expect(selectorToString(parseLabelSelector('tier notin (db), app=web, !legacy, env in (b,a)'))).toBe(
      'app=web,env in (a,b),!legacy,tier notin (db)',
    );
  });
});

describe('labels/selector.go parse errors', () => {
  it.each([
    ['app=web,', "found '', expected: identifier after ','"],
    ['app=web x', "found 'x', expected: ',' or 'end of string'"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['env in prod', "unable to parse requirement: found 'prod' expected: '('"],
    ['env in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app=(x)', "unable to parse requirement: found '(', expected: identifier"],
  ])('%s → %s', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(message);
  });
  it('validates keys and values with the apimachinery messages', () => {
    expect(() => parseLabelSelector('a/b/c=x')).toThrow(
      /^unable to parse requirement: : Invalid value: "a\/b\/c": a qualified name/,
    );
    expect(() => parseLabelSelector('app=a$b')).toThrow(
      /values\[0\]\[app\]: Invalid value: "a\$b": a valid label must be/,
    );
  });
});

describe('helpers.go LabelSelectorAsSelector', () => {
  it('null means Nothing, {} means Everything', () => {
    expect(matchesLabels(labelSelectorFromObject(null), { a: 'b' })).toBe(false);
    expect(matchesLabels(labelSelectorFromObject({}), { a: 'b' })).toBe(true);
  });
  it('combines matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['fe', 'be'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(sel, { app: 'web', tier: 'be' })).toBe(true);
    expect(matchesLabels(sel, { app: 'web', tier: 'be', legacy: '1' })).toBe(false);
    expect(selectorToString(sel)).toBe('app=web,!legacy,tier in (be,fe)');
  });
  it('rejects unknown operators with the upstream message', () => {
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Like' }] })).toThrow(
      '"Like" is not a valid label selector operator',
    );
  });
  it('selectorFromSet builds equality requirements', () => {
    expect(selectorToString(selectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
  });
});

describe('fields/selector.go (fact 87)', () => {
  const obj: Record<string, string> = { 'metadata.name': 'md-1', 'metadata.namespace': 'default' };
  const get = (f: string) => obj[f] ?? '';
  it('supports =, == and != ANDed', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=md-1'), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name==md-1,metadata.namespace!=default'), get)).toBe(
      false,
    );
  });
  it('rejects other operators with the upstream message', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
  });
  it('unescapes \\, \\= and \\\\ and round-trips', () => {
    const sel = parseFieldSelector('a=x\\,y\\=z');
    expect(sel.terms[0]).toEqual({ field: 'a', op: '=', value: 'x,y=z' });
    expect(fieldSelectorToString(sel)).toBe('a=x\\,y\\=z');
    expect(() => parseFieldSelector('a=x\\y')).toThrow(
      'invalid field selector: invalid escape sequence: \\y',
    );
  });
});
