import { describe, expect, it } from 'vitest';
import { clampSpeed, formatSpeed, positionFromSpeed, speedFromPosition } from './speed.ts';

describe('log-scale speed', () => {
  it('maps the ends and thirds of the slider to 0.1×, 1×, 10×, 100×', () => {
    expect(speedFromPosition(0)).toBe(0.1);
    expect(speedFromPosition(1 / 3)).toBe(1);
    expect(speedFromPosition(2 / 3)).toBe(10);
    expect(speedFromPosition(1)).toBe(100);
  });

  it('round-trips position and speed', () => {
    for (const s of [0.1, 0.5, 1, 2, 25, 100])
      expect(speedFromPosition(positionFromSpeed(s))).toBeCloseTo(s, 5);
  });

  it('clamps out-of-range and garbage input', () => {
    expect(clampSpeed(1e6)).toBe(100);
    expect(clampSpeed(0)).toBe(0.1);
    expect(clampSpeed(Number.NaN)).toBe(1);
    expect(speedFromPosition(Number.NaN)).toBe(0.1);
  });

  it('labels speeds with two significant digits', () => {
    expect(formatSpeed(1)).toBe('1×');
    expect(formatSpeed(0.1234)).toBe('0.12×');
    expect(formatSpeed(27.4)).toBe('27×');
  });
});
