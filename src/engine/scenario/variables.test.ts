import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MissingVariablesError,
  TemplateSyntaxError,
  missingVariables,
  normalizeLegacyVariables,
  parseSetting,
  parseTemplate,
  substituteVariables,
  templateVariables,
} from './variables.ts';

const sub = (text: string, vars: Record<string, string> = {}) => substituteVariables(text, vars);

describe('substituteVariables: the forms clusterctl (drone/envsubst) supports', () => {
  it('replaces ${VAR}', () => {
    expect(sub('name: ${CLUSTER_NAME}-md-0', { CLUSTER_NAME: 'demo' })).toBe('name: demo-md-0');
  });

  it('leaves a bare $VAR alone: envsubst only reads the braced form (parse.go parseAny)', () => {
    expect(sub('cmd: echo $HOME and ${A}', { A: 'x', HOME: '/root' })).toBe('cmd: echo $HOME and x');
  });

  it.each([
    ['${N:=3}', {}, '3'],
    ['${N:-3}', {}, '3'],
    ['${N=3}', {}, '3'],
    ['${N:?3}', {}, '3'],
    ['${N:+3}', {}, '3'],
    ['${N:=3}', { N: '5' }, '5'],
    ['${N:-3}', { N: '5' }, '5'],
  ])('default form %s with %o gives %s', (tpl, vars, want) => {
    expect(sub(tpl, vars)).toBe(want);
  });

  it('uses the default for a set but empty value, for every default form (funcs.go toDefault)', () => {
    expect(sub('${A:=x}|${A=y}|${A:-z}', { A: '' })).toBe('x|y|z');
  });

  it('keeps a default that is itself YAML, as the CAPI fixture does with ${DOCKER_PRELOAD_IMAGES:-[]}', () => {
    expect(sub('preLoadImages: ${DOCKER_PRELOAD_IMAGES:-[]}')).toBe('preLoadImages: []');
  });

  it('evaluates a nested variable inside a default', () => {
    expect(sub('${A:=${B}-x}', { B: 'b' })).toBe('b-x');
  });

  it('turns $$ into a literal $, so $${VAR} is the text ${VAR} (scan.go scanEscaped)', () => {
    expect(sub('a $$ b $${VAR} $$$ c', { VAR: 'no' })).toBe('a $ b ${VAR} $$ c');
  });

  it('accepts legacy ${ VAR } spacing (simple_processor.go convertLegacyVars)', () => {
    expect(normalizeLegacyVariables('${ A } ${ B} ${C }')).toBe('${A} ${B} ${C}');
    expect(sub('${ A }', { A: 'x' })).toBe('x');
  });

  it('supports the string functions: length, case, substring, trim, replace', () => {
    const v = { S: 'Hello-World', P: 'a/b/c.tar.gz' };
    expect(sub('${#S}', v)).toBe('11');
    expect(sub('${S^^}|${S,,}|${S,}', v)).toBe('HELLO-WORLD|hello-world|hello-World');
    expect(sub('${S:6}|${S:0:5}|${S:-5}', v)).toBe('World|Hello|Hello-World');
    expect(sub('${P#*/}|${P##*/}|${P%.*}|${P%%.*}', v)).toBe('b/c.tar.gz|c.tar.gz|a/b/c.tar|a/b/c');
    // drone's path.Match lets * cross "/", unlike Go's path.Match.
    expect(sub('${P#a*c}', v)).toBe('.tar.gz');
    expect(sub('${S/o/0}|${S//o/0}|${S/#Hello/Bye}|${S/%World/All}', v)).toBe(
      'Hell0-World|Hell0-W0rld|Bye-World|Hello-All',
    );
  });

  it('round-trips any text whose every $ is escaped as $$ (no whitespace: legacy ${ A } spacing is rewritten first)', () => {
    const chars = [...'ab_$:{}-=#%/^,'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars)).map((a) => a.join('')),
        (text) => {
          expect(sub(text.replaceAll('$', '$$$$'))).toBe(text);
        },
      ),
    );
  });

  it('substitutes any value verbatim, whatever characters it holds', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(sub('<${V}>', { V: value })).toBe(`<${value}>`);
      }),
    );
  });

  it('returns text without variables unchanged', () => {
    const text = 'apiVersion: v1\nkind: Pod\n';
    expect(sub(text)).toBe(text);
  });
});

describe('missing variables (simple_processor.go Process / errMissingVariables)', () => {
  it('lists every missing name, sorted, in one error', () => {
    let err: unknown;
    try {
      sub('${ZED} ${ALPHA} ${ZED} ${HAS:=1} ${SET}', { SET: 'x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingVariablesError);
    expect((err as MissingVariablesError).missing).toEqual(['ALPHA', 'ZED']);
    expect((err as Error).message).toBe(
      "value for variables [ALPHA, ZED] is not set. Set them in the scenario's variables or with --set KEY=VALUE",
    );
  });

  it('treats an empty default ${A:-} as no default, as clusterctl counts only non-empty args', () => {
    expect(missingVariables(parseTemplate('${A:-}'), {})).toEqual(['A']);
  });

  it('lets the first occurrence of a name decide whether it has a default (inspectVariables/traverse)', () => {
    expect(templateVariables(parseTemplate('${A} ${A:=1}')).get('A')).toBe(false);
    expect(templateVariables(parseTemplate('${A:=1} ${A}')).get('A')).toBe(true);
    expect(sub('${A:=1} ${A}')).toBe('1 ');
  });

  it('does not check variables nested in a default, which read as empty', () => {
    expect(missingVariables(parseTemplate('${A:=${B}}'), {})).toEqual([]);
    expect(sub('[${A:=${B}}]')).toBe('[]');
  });

  it('counts a set empty value as set', () => {
    expect(sub('x${A}y', { A: '' })).toBe('xy');
  });
});

describe('template syntax errors (drone/envsubst parse.go)', () => {
  it.each([
    ['${}', 'unable to parse variable name'],
    ['${A', 'missing closing brace'],
    ['${A-b}', 'missing closing brace'],
    ['${A:=b', 'unable to parse substitution within function'],
    ['${#}', 'bad substitution'],
  ])('%s → %s', (tpl, reason) => {
    expect(() => parseTemplate(tpl)).toThrow(TemplateSyntaxError);
    try {
      parseTemplate(tpl);
    } catch (e) {
      expect((e as TemplateSyntaxError).reason).toBe(reason);
    }
  });

  it('reports the line and column of the ${', () => {
    try {
      parseTemplate('a: 1\nb: x${OOPS\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateSyntaxError);
      expect((e as TemplateSyntaxError).line).toBe(2);
      expect((e as TemplateSyntaxError).column).toBe(5);
      expect((e as Error).message).toBe('line 2, column 5: missing closing brace');
    }
  });
});

describe('parseSetting (--set KEY=VALUE)', () => {
  it('splits at the first =', () => {
    expect(parseSetting('A=b=c')).toEqual(['A', 'b=c']);
    expect(parseSetting('EMPTY=')).toEqual(['EMPTY', '']);
  });

  it('rejects a missing key or =', () => {
    expect(() => parseSetting('NOEQUALS')).toThrow('expected KEY=VALUE, got "NOEQUALS"');
    expect(() => parseSetting('=x')).toThrow('expected KEY=VALUE, got "=x"');
    expect(() => parseSetting('A-B=x')).toThrow(
      '"A-B" is not a valid variable name (letters, digits and _ only)',
    );
  });
});
