import { describe, expect, it } from 'vitest';
import { holdUntil, seriesModel, timeInError, timeLabel } from './series-model.ts';

const samples = [
  { t: 0, desired: 3, ready: 0 },
  { t: 2000, desired: 3, ready: 3 },
  { t: 5000, desired: 5, ready: 3 },
  { t: 7000, desired: 5, ready: 5 },
];
const layout = { width: 400, height: 120, margin: { top: 8, right: 8, bottom: 20, left: 30 } };

describe('series model', () => {
  it('holds the last value until now and drops samples from the future', () => {
    expect(holdUntil(samples, 6000)).toEqual([...samples.slice(0, 3), { t: 6000, desired: 5, ready: 3 }]);
  });

  it('integrates the time in error', () => {
    expect(timeInError(holdUntil(samples, 10_000))).toBe(4000);
  });

  it('places now and markers on the x scale and shades the error', () => {
    const m = seriesModel(samples, [{ t: 5000, kind: 'user', label: 'scale' }], 10_000, 10_000, layout);
    expect(m.nowX).toBe(392);
    expect(m.markers[0]!.x).toBe(30 + (362 * 5000) / 10_000);
    expect(m.errorPath).not.toBe('');
    expect(m.desiredPath).toMatch(/^M/);
    expect(m.yTicks.map((t) => t.label)).toContain('5');
    expect(m.errorMs).toBe(4000);
  });
});

describe('timeLabel', () => {
  it('keeps ticks distinct at every range', () => {
    const labels = [0, 200, 400, 600].map((v) => timeLabel(v, 1000));
    expect(new Set(labels).size).toBe(4);
    expect(timeLabel(1500, 10_000)).toBe('1.5 s');
    expect(timeLabel(120_000, 600_000)).toBe('2 min');
  });
});
