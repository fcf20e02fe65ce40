import { describe, expect, it } from 'vitest';
import { USAGE, UsageError, helpText, parseCliArgs } from './args.ts';
import { BUNDLED_SCENARIOS } from '../lessons/scenarios/index.ts';

const BUNDLED_IDS = BUNDLED_SCENARIOS.map((s) => s.id).join(', ');

const usageError = (argv: string[]): string => {
  try {
    parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('expected a UsageError');
};

describe('parseCliArgs', () => {
  it('reads a scenario with no options', () => {
    expect(parseCliArgs(['replicaset'])).toEqual({
      help: false,
      scenario: 'replicaset',
      set: {},
      json: false,
    });
  });

  it('reads every option, in both --opt value and --opt=value forms', () => {
    expect(
      parseCliArgs([
        'a.yaml',
        '--seed',
        '42',
        '--until=15m',
        '--set',
        'A=1',
        '--set=B=x=y',
        '--set',
        'A=2',
        '--trace',
        'out.jsonl',
        '--json',
        '--profile',
        'priority-queue',
      ]),
    ).toEqual({
      help: false,
      scenario: 'a.yaml',
      seed: 42,
      until: 900_000,
      set: { A: '2', B: 'x=y' },
      trace: 'out.jsonl',
      json: true,
      profile: 'priority-queue',
    });
  });

  it('accepts --until converged and lets -- end the options', () => {
    expect(parseCliArgs(['--until', 'converged', '--', '--odd-name.yaml'])).toMatchObject({
      scenario: '--odd-name.yaml',
      until: 'converged',
    });
  });

  it('returns help for --help or -h anywhere, even next to mistakes', () => {
    expect(parseCliArgs(['--bogus', '-h'])).toEqual({ help: true });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
    expect(helpText()).toContain(USAGE);
    expect(helpText()).toContain('replicaset-10k');
  });

  it.each([
    [['a.yaml', '--verbose'], 'unknown option "--verbose"'],
    [['a.yaml', '-v'], 'unknown option "-v"'],
    [[], `missing the scenario: a file, or a bundled id (${BUNDLED_IDS})`],
    [['a.yaml', 'b.yaml'], 'unexpected argument "b.yaml": give one scenario'],
    [['a.yaml', '--seed'], '--seed needs a value'],
    [['a.yaml', '--seed', '--json'], '--seed needs a value'],
    [
      ['a.yaml', '--seed', 'abc'],
      '--seed must be a non-negative integer no larger than 9007199254740991, got "abc"',
    ],
    [
      ['a.yaml', '--seed', '-1'],
      '--seed must be a non-negative integer no larger than 9007199254740991, got "-1"',
    ],
    [
      ['a.yaml', '--seed', '1.5'],
      '--seed must be a non-negative integer no larger than 9007199254740991, got "1.5"',
    ],
    [
      ['a.yaml', '--seed', '99999999999999999999'],
      '--seed must be a non-negative integer no larger than 9007199254740991, got "99999999999999999999"',
    ],
    [['a.yaml', '--seed', '1', '--seed', '2'], '--seed is given twice'],
    [
      ['a.yaml', '--until', 'soon'],
      '--until must be "converged" or a duration such as 15m, 1h30m or 500ms, got "soon"',
    ],
    [['a.yaml', '--until', '800h'], '--until must be at most 720h, got 800h'],
    [['a.yaml', '--set', 'NOVALUE'], '--set expected KEY=VALUE, got "NOVALUE"'],
    [['a.yaml', '--set', 'A-B=1'], '--set "A-B" is not a valid variable name (letters, digits and _ only)'],
    [['a.yaml', '--trace='], '--trace needs a file name'],
    [['a.yaml', '--json=yes'], '--json takes no value'],
    [['a.yaml', '--json', '--json'], '--json is given twice'],
    [['a.yaml', '--profile', 'fast'], '--profile must be classic or priority-queue, got "fast"'],
  ])('%j → %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});
