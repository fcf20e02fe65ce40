import { describe, expect, it } from 'vitest';
import { parseLabParams } from './url-params.ts';

describe('parseLabParams', () => {
  it('reads good values', () => {
    expect(parseLabParams('?seed=7&speed=10&theme=projector&t=1500&autoplay=1').params).toEqual({
      seed: 7,
      speed: 10,
      theme: 'projector',
      t: 1500,
      autoplay: true,
    });
  });

  it('defaults to paused, auto theme and the scenario seed', () => {
    expect(parseLabParams('')).toEqual({
      params: { seed: undefined, speed: undefined, theme: 'auto', t: undefined, autoplay: false },
      notices: [],
    });
  });

  it('falls back on garbage with one notice per bad parameter', () => {
    const r = parseLabParams('?seed=abc&speed=1000&theme=neon&t=-5&autoplay=maybe');
    expect(r.params).toEqual({
      seed: undefined,
      speed: undefined,
      theme: 'auto',
      t: undefined,
      autoplay: false,
    });
    expect(r.notices).toHaveLength(5);
    expect(r.notices[0]).toContain('seed "abc"');
  });
});
