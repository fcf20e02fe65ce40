import { describe, expect, it } from 'vitest';
import { exportFileName, svgSize } from './export.ts';

describe('exportFileName', () => {
  it('names the scenario and the moment, safely', () => {
    expect(exportFileName('replicaset', 12_345, 'svg')).toBe('reconcile-lab-replicaset-t12.345s.svg');
    expect(exportFileName('a/b c', -5, 'png')).toBe('reconcile-lab-a-b-c-t0.000s.png');
    expect(exportFileName('', Number.NaN, 'jsonl')).toBe('reconcile-lab-lab-t0.000s.jsonl');
  });
});

describe('svgSize', () => {
  it('prefers the viewBox, falls back to the layout box, never 0', () => {
    expect(svgSize({ width: 880, height: 420 }, { width: 300, height: 100 })).toEqual({
      width: 880,
      height: 420,
    });
    expect(svgSize(undefined, { width: 300.4, height: 99.6 })).toEqual({ width: 300, height: 100 });
    expect(svgSize({ width: 0, height: 0 }, { width: 0, height: 0 })).toEqual({ width: 1, height: 1 });
  });
});
