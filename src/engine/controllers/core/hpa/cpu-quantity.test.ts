import { describe, expect, it } from 'vitest';
import { formatCpuMillis, parseCpuMillis } from './cpu-quantity.ts';

describe('parseCpuMillis (apimachinery resource.Quantity MilliValue, CPU subset)', () => {
  it('reads millicores, decimal cores and bare numbers', () => {
    expect(parseCpuMillis('250m')).toBe(250);
    expect(parseCpuMillis('0.5')).toBe(500);
    expect(parseCpuMillis('2')).toBe(2000);
    expect(parseCpuMillis(0.3)).toBe(300);
    expect(parseCpuMillis('.1')).toBe(100);
  });
  it('rounds sub-milli precision up, as MilliValue does', () => {
    expect(parseCpuMillis('0.0001')).toBe(1);
    expect(parseCpuMillis('1.5m')).toBe(2);
  });
  it('rejects what is not a CPU quantity', () => {
    for (const bad of ['', 'm', '-1', '1Gi', 'abc', -2, Number.NaN, null, {}])
      expect(parseCpuMillis(bad)).toBeUndefined();
  });
  it('formats whole cores without a suffix', () => {
    expect(formatCpuMillis(2000)).toBe('2');
    expect(formatCpuMillis(150)).toBe('150m');
  });
});
