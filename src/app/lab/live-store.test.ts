import { describe, expect, it } from 'vitest';
import { estimateVirtualTime, parseInfo } from './live-store.ts';

describe('attach mode clock', () => {
  it('moves the last known virtual time on by the engine speed, never behind the newest event', () => {
    const info = { t: 10_000, speed: 2, at: 1000 };
    expect(estimateVirtualTime(info, 9000, 1500)).toBe(11_000);
    expect(estimateVirtualTime(info, 12_345, 1500)).toBe(12_345);
    expect(estimateVirtualTime({ ...info, speed: 'max' }, 10_500, 99_999)).toBe(10_500);
    expect(estimateVirtualTime(undefined, undefined, 5)).toBe(0);
  });

  it('accepts only a Reconcile Lab info answer', () => {
    expect(parseInfo({ engine: 'reconcile-lab', t: 5, speed: 'max' }, 7)).toEqual({
      t: 5,
      speed: 'max',
      at: 7,
    });
    expect(parseInfo({ engine: 'reconcile-lab', t: 5, speed: 3 }, 7).speed).toBe(3);
    expect(() => parseInfo('<html>', 0)).toThrow(/not a Reconcile Lab engine/);
  });
});
