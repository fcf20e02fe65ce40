import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('durations', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['2h', 7_200_000],
    ['1m30s500ms', 90_500],
    ['1500', 1500],
  ])('parses %s', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', 'abc', '5 m', '-1s', '5mm', '1d', 's'])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('round-trips whole durations', () => {
    for (const ms of [1000, 90_000, 3_723_004]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
