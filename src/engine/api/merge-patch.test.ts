import { describe, expect, it } from 'vitest';
import { applyMergePatch, BadMergePatchError, mergePatchValue } from './merge-patch.ts';

// RFC 7386 Appendix A: every example, verbatim.
const APPENDIX_A: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('RFC 7386 Appendix A', () => {
  it.each(APPENDIX_A)('%j + %j', (target, patch, result) => {
    expect(mergePatchValue(target, patch)).toEqual(result);
  });
});

describe('applyMergePatch', () => {
  it('never modifies its inputs and shares nothing with them', () => {
    const target = { spec: { a: { b: 1 } }, keep: [1] };
    const patch = { spec: { c: { d: 2 } } };
    const out = applyMergePatch(target, patch) as unknown as { spec: { c: { d: number } }; keep: number[] };
    expect(target).toEqual({ spec: { a: { b: 1 } }, keep: [1] });
    out.spec.c.d = 3;
    out.keep.push(2);
    expect(patch.spec.c.d).toBe(2);
    expect(target.keep).toEqual([1]);
  });
  it('rejects a patch that is not an object, as the apiserver does with 400 (evanphx ErrBadJSONPatch)', () => {
    expect(() => applyMergePatch({}, [1])).toThrow(BadMergePatchError);
    expect(() => applyMergePatch({}, 'x')).toThrow('Invalid JSON Patch');
  });
});
