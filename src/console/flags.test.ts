import { describe, expect, it } from 'vitest';
import { FlagError, flagBool, flagInt, flagString, flagStrings, parseFlags, type FlagSpec } from './flags.ts';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'replicas', kind: 'int' },
  { name: 'filename', short: 'f', kind: 'strings' },
];

describe('parseFlags (spf13/pflag rules)', () => {
  it('accepts the long, short, attached and = forms, among the arguments', () => {
    const f = parseFlags(['pods', '-nkube-system', 'x', '--replicas=3', '-f', 'a', '-f=b'], SPECS);
    expect(f.args).toEqual(['pods', 'x']);
    expect(flagString(f, 'namespace')).toBe('kube-system');
    expect(flagInt(f, 'replicas')).toBe(3);
    expect(flagStrings(f, 'filename')).toEqual(['a', 'b']);
  });

  it('bundles boolean shorthands', () => {
    const f = parseFlags(['-Aw'], SPECS);
    expect(flagBool(f, 'all-namespaces') && flagBool(f, 'watch')).toBe(true);
  });

  it('stops at --', () => {
    expect(parseFlags(['--', '-w'], SPECS).args).toEqual(['-w']);
  });

  it('words errors as pflag does', () => {
    expect(() => parseFlags(['--bogus'], SPECS)).toThrow(new FlagError('unknown flag: --bogus'));
    expect(() => parseFlags(['-z'], SPECS)).toThrow(new FlagError("unknown shorthand flag: 'z' in -z"));
    expect(() => parseFlags(['-n'], SPECS)).toThrow(new FlagError("flag needs an argument: 'n' in -n"));
    expect(() => parseFlags(['--replicas=abc'], SPECS)).toThrow(
      'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    );
  });
});
