import { describe, expect, it } from 'vitest';
import { formatGoDuration, scaledValueFromIntOrPercent } from './int-or-percent.ts';

describe('scaledValueFromIntOrPercent (apimachinery intstr.GetScaledValueFromIntOrPercent)', () => {
  it('keeps ints and scales percentages with the requested rounding', () => {
    expect(scaledValueFromIntOrPercent(3, 10, true)).toBe(3);
    expect(scaledValueFromIntOrPercent('25%', 3, true)).toBe(1);
    expect(scaledValueFromIntOrPercent('25%', 3, false)).toBe(0);
    expect(scaledValueFromIntOrPercent('100%', 7, false)).toBe(7);
  });
  it('rejects strings that are not percentages, with the Go error wording', () => {
    expect(() => scaledValueFromIntOrPercent('3', 10, true)).toThrow('string is not a percentage');
    expect(() => scaledValueFromIntOrPercent('x%', 10, true)).toThrow('invalid syntax');
    expect(() => scaledValueFromIntOrPercent(undefined, 10, true)).toThrow('nil value');
    expect(() => scaledValueFromIntOrPercent(1.5, 10, true)).toThrow('not an integer');
  });
});

describe("formatGoDuration (Go's time.Duration.String)", () => {
  it('prints h/m/s like Go', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(300_000)).toBe('5m0s');
    expect(formatGoDuration(600_000)).toBe('10m0s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(250)).toBe('250ms');
  });
});
