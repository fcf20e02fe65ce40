import { describe, expect, it } from 'vitest';
import { pointAlong, polylineLength, truncate } from './geometry.ts';

describe('geometry', () => {
  it('measures and walks an L-shaped polyline', () => {
    const pts = [
      [0, 0],
      [30, 0],
      [30, 40],
    ] as const;
    expect(polylineLength(pts)).toBe(70);
    expect(pointAlong(pts, 0)).toEqual([0, 0]);
    expect(pointAlong(pts, 0.5)).toEqual([30, 5]);
    expect(pointAlong(pts, 2)).toEqual([30, 40]);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
