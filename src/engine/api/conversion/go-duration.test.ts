import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goDurationToSeconds, parseGoDuration, secondsToGoDuration } from './go-duration.ts';

describe('parseGoDuration / goDurationToSeconds (time.ParseDuration + api/core/v1beta2 ConvertToSeconds)', () => {
  it.each([
    ['10m', 600],
    ['5m0s', 300],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['1500ms', 1],
    ['300ms', 0],
    ['2h45m30.9s', 9930],
    ['0', 0],
    ['0s', 0],
    ['-5s', -5],
    ['+20s', 20],
    ['1000000h', 2147483647],
  ])('%s → %d s', (text, seconds) => {
    expect(goDurationToSeconds(text)).toBe(seconds);
  });

  it.each(['', '10', 'abc', '5 m', '5m garbage', '1d', 's', '-'])('rejects %j as Go does', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
    expect(goDurationToSeconds(text)).toBeUndefined();
  });

  it('reads sub-second units', () => {
    expect(parseGoDuration('1us')).toBe(1e3);
    expect(parseGoDuration('1µs')).toBe(1e3);
    expect(parseGoDuration('7ns')).toBe(7);
  });
});

describe('secondsToGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [600, '10m0s'],
    [3600, '1h0m0s'],
    [5400, '1h30m0s'],
    [90061, '25h1m1s'],
    [-90, '-1m30s'],
  ])('%d s → %s', (seconds, text) => {
    expect(secondsToGoDuration(seconds)).toBe(text);
  });

  it('round-trips every int32 number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483647, max: 2147483647 }), (n) => {
        expect(goDurationToSeconds(secondsToGoDuration(n))).toBe(n);
      }),
    );
  });
});
