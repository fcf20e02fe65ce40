import { describe, expect, it } from 'vitest';
import {
  clampFraction,
  fractionAfterKey,
  fractionAt,
  MAX_FRACTION,
  MIN_FRACTION,
  readStoredFraction,
} from './split.ts';

describe('split', () => {
  it('moves by arrow keys within bounds (WAI-ARIA window splitter)', () => {
    expect(fractionAfterKey(0.5, 'ArrowRight')).toBeCloseTo(0.52);
    expect(fractionAfterKey(0.5, 'ArrowLeft')).toBeCloseTo(0.48);
    expect(fractionAfterKey(MAX_FRACTION, 'ArrowRight')).toBe(MAX_FRACTION);
    expect(fractionAfterKey(0.5, 'Home')).toBe(MIN_FRACTION);
    expect(fractionAfterKey(0.5, 'End')).toBe(MAX_FRACTION);
    expect(fractionAfterKey(0.5, 'a')).toBeUndefined();
  });
  it('follows the pointer and clamps', () => {
    expect(fractionAt(150, 100, 200)).toBe(0.25);
    expect(fractionAt(0, 100, 200)).toBe(MIN_FRACTION);
    expect(fractionAt(10, 0, 0)).toBe(0.5);
    expect(clampFraction(Number.NaN)).toBe(0.5);
  });
  it('ignores stored garbage', () => {
    expect(readStoredFraction('0.4')).toBe(0.4);
    expect(readStoredFraction('x')).toBeUndefined();
    expect(readStoredFraction('0.95')).toBeUndefined();
    expect(readStoredFraction(null)).toBeUndefined();
  });
});
