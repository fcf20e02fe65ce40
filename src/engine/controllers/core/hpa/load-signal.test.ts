import { describe, expect, it } from 'vitest';
import { demandAt, nextChangeAfter, type LoadShape } from './load-signal.ts';
import { readLoadSection } from './load-spec.ts';

const wave: LoadShape = {
  type: 'squareWave',
  lowMilli: 200,
  highMilli: 1000,
  periodMs: 240_000,
  startMs: 60_000,
  cycles: 2,
};

describe('load signal', () => {
  it('square wave: low before start, high for the first half of each cycle, low after the last', () => {
    const at = (s: number) => demandAt(wave, s * 1000);
    expect([at(0), at(60), at(179), at(180), at(300), at(419), at(420), at(10_000)]).toEqual([
      200, 1000, 1000, 200, 1000, 1000, 200, 200,
    ]);
  });
  it('square wave: edges every half period, none after the last cycle', () => {
    expect(nextChangeAfter(wave, 0)).toBe(60_000);
    expect(nextChangeAfter(wave, 100_000)).toBe(180_000);
    expect(nextChangeAfter(wave, 400_000)).toBe(420_000);
    expect(nextChangeAfter(wave, 420_000)).toBeUndefined();
    expect(nextChangeAfter({ ...wave, cycles: undefined }, 10_000_000)).toBeGreaterThan(10_000_000);
  });
  it('steps: 0 before the first, each holds until the next; equal neighbours are not a change', () => {
    const steps: LoadShape = {
      type: 'steps',
      steps: [
        { atMs: 10, milli: 5 },
        { atMs: 20, milli: 5 },
        { atMs: 30, milli: 9 },
      ],
    };
    expect([demandAt(steps, 0), demandAt(steps, 10), demandAt(steps, 29), demandAt(steps, 30)]).toEqual([
      0, 5, 5, 9,
    ]);
    expect(nextChangeAfter(steps, 10)).toBe(30);
    expect(nextChangeAfter(steps, 30)).toBeUndefined();
  });
});

describe('readLoadSection (the scenario `load:` section)', () => {
  const read = (v: unknown) => {
    const problems: string[] = [];
    const out = readLoadSection(v, ['load'], (p, m) => problems.push(`${p.join('.')}: ${m}`));
    return { out, problems };
  };
  it('reads the three shapes, with namespace default', () => {
    const { out, problems } = read([
      {
        target: { kind: 'ReplicaSet', name: 'web' },
        squareWave: { low: '200m', high: '1', period: '4m', start: '1m', cycles: 2 },
      },
      {
        target: { kind: 'Deployment', name: 'api', namespace: 'x' },
        steps: [
          { at: '0s', cpu: '300m' },
          { at: '2m', cpu: 1.5 },
        ],
      },
      { target: { kind: 'ReplicaSet', name: 'batch' }, cpu: '500m' },
    ]);
    expect(problems).toEqual([]);
    expect(out?.[0]).toEqual({
      target: { kind: 'ReplicaSet', name: 'web', namespace: 'default' },
      shape: wave.type === 'squareWave' ? { ...wave, highMilli: 1000 } : wave,
    });
    expect(out?.[1]?.shape).toEqual({
      type: 'steps',
      steps: [
        { atMs: 0, milli: 300 },
        { atMs: 120_000, milli: 1500 },
      ],
    });
    expect(out?.[2]?.shape).toEqual({ type: 'constant', milli: 500 });
  });
  it('names the field of every problem', () => {
    const { out, problems } = read([
      { target: { kind: 'ReplicaSet' }, cpu: 'lots' },
      { target: { kind: 'ReplicaSet', name: 'a' }, cpu: '1', steps: [] },
      {
        target: { kind: 'ReplicaSet', name: 'b' },
        squareWave: { low: '1', high: '2', period: '0s', cycle: 1 },
      },
      {
        target: { kind: 'ReplicaSet', name: 'c' },
        steps: [
          { at: '2m', cpu: '1' },
          { at: '1m', cpu: '1' },
        ],
      },
    ]);
    expect(out).toEqual([]);
    expect(problems).toEqual([
      'load.0.target.name: must be a non-empty string, got undefined',
      'load.0.cpu: must be a CPU quantity such as "250m", "0.5" or "2", got "lots"',
      'load.1: needs exactly one of cpu, squareWave, steps, got cpu and steps',
      'load.2.squareWave.cycle: unknown field "cycle" (expected one of low, high, period, start, cycles)',
      'load.2.squareWave.period: must be a duration above 0 such as "30s" or "4m", at most 720h, got "0s"',
      'load.3.steps.1.at: must be later than the step before it',
    ]);
  });
  it('rejects a second load for the same target and a non-list section', () => {
    const t = { kind: 'ReplicaSet', name: 'web' };
    expect(
      read([
        { target: t, cpu: '1' },
        { target: t, cpu: '2' },
      ]).problems,
    ).toEqual([
      'load.1.target: ReplicaSet/default/web already has a load (entries must name different targets)',
    ]);
    expect(read({ cpu: 1 }).problems[0]).toMatch(/^load: must be a list/);
  });
});
