import { describe, expect, it } from 'vitest';
import { attrOf } from './set-attr.ts';

/** A stand-in element that keeps its attributes in a map and counts the writes. */
function element(initial: Record<string, string>) {
  const attrs = new Map(Object.entries(initial));
  let writes = 0;
  const el = {
    getAttribute: (n: string) => attrs.get(n) ?? null,
    hasAttribute: (n: string) => attrs.has(n),
    setAttribute: (n: string, v: string) => {
      writes++;
      attrs.set(n, v);
    },
    removeAttribute: (n: string) => {
      writes++;
      attrs.delete(n);
    },
  } as unknown as Element;
  return { el, writes: () => writes, attr: (n: string) => attrs.get(n) };
}

describe('attrOf', () => {
  it('writes the attribute only when its value differs, numbers compared as d3 writes them', () => {
    const set = attrOf('x', (d: { x: number }) => d.x);
    const e = element({ x: '12.5' });
    set.call(e.el, { x: 12.5 }, 0);
    expect(e.writes()).toBe(0);
    set.call(e.el, { x: 13 }, 0);
    expect(e.writes()).toBe(1);
    expect(e.attr('x')).toBe('13');
  });

  it('removes the attribute for null, once', () => {
    const set = attrOf('aria-expanded', () => null);
    const e = element({ 'aria-expanded': 'true' });
    set.call(e.el, {}, 0);
    set.call(e.el, {}, 0);
    expect(e.attr('aria-expanded')).toBeUndefined();
    expect(e.writes()).toBe(1);
  });

  it('passes the index, as d3 does', () => {
    const set = attrOf('y', (_d: unknown, i: number) => i * 10);
    const e = element({});
    set.call(e.el, {}, 3);
    expect(e.attr('y')).toBe('30');
  });
});
