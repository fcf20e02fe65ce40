import { describe, expect, it } from 'vitest';
import { cloneJson, cloneJsonInput, jsonEqual, NonJsonError, shareUnchanged } from './json.ts';

describe('cloneJson / jsonEqual', () => {
  it('copies deeply and drops undefined keys, as encoding would', () => {
    const src = { a: { b: [1, { c: 2 }] }, u: undefined };
    const out = cloneJson(src);
    expect(out).toEqual({ a: { b: [1, { c: 2 }] } });
    expect('u' in out).toBe(false);
    expect(out.a.b[1]).not.toBe(src.a.b[1]);
  });
  it('treats undefined-valued keys as absent and distinguishes arrays from objects', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe('cloneJsonInput', () => {
  it('copies plain JSON', () => {
    expect(cloneJsonInput({ a: [1, 'x', null, true] })).toEqual({ a: [1, 'x', null, true] });
  });
  it('rejects what JSON cannot carry and says where', () => {
    expect(() => cloneJsonInput({ spec: { when: new Date(0) } })).toThrow(
      new NonJsonError('spec.when', 'an instance of Date'),
    );
    expect(() => cloneJsonInput({ a: [1, NaN] })).toThrow('a[1]: NaN is not JSON');
    expect(() => cloneJsonInput({ f: () => 1 })).toThrow('f: a function is not JSON');
  });
});

describe('shareUnchanged', () => {
  it('links equal subtrees of next to prev and reports equality', () => {
    const prev = { metadata: { name: 'a', labels: { x: '1' } }, spec: { big: { deep: [1, 2] }, n: 1 } };
    const next = { metadata: { name: 'a', labels: { x: '1' } }, spec: { big: { deep: [1, 2] }, n: 2 } };
    expect(shareUnchanged(next, prev, 2, 'metadata')).toBe(false);
    expect(next.spec.big).toBe(prev.spec.big);
    expect(next.metadata.labels).toBe(prev.metadata.labels);
    expect(next.metadata).not.toBe(prev.metadata);
    expect(next.spec).not.toBe(prev.spec);
    expect(next.spec.n).toBe(2);
  });
  it('detects removed keys', () => {
    expect(shareUnchanged({ a: 1 }, { a: 1, b: 2 }, 2)).toBe(false);
    expect(shareUnchanged({ a: 1, b: { c: 1 } }, { a: 1, b: { c: 1 } }, 2)).toBe(true);
  });
});
