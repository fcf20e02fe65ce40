import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  escapePointerToken,
  JsonPatchApplyError,
  JsonPatchDecodeError,
  parsePointer,
} from './json-patch.ts';

// RFC 6902 Appendix A, examples A.1–A.16.
describe('RFC 6902 Appendix A', () => {
  it.each([
    [
      'A.1 add an object member',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux' }],
      { baz: 'qux', foo: 'bar' },
    ],
    [
      'A.2 add an array element',
      { foo: ['bar', 'baz'] },
      [{ op: 'add', path: '/foo/1', value: 'qux' }],
      { foo: ['bar', 'qux', 'baz'] },
    ],
    [
      'A.3 remove an object member',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'remove', path: '/baz' }],
      { foo: 'bar' },
    ],
    [
      'A.4 remove an array element',
      { foo: ['bar', 'qux', 'baz'] },
      [{ op: 'remove', path: '/foo/1' }],
      { foo: ['bar', 'baz'] },
    ],
    [
      'A.5 replace a value',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'replace', path: '/baz', value: 'boo' }],
      { baz: 'boo', foo: 'bar' },
    ],
    [
      'A.6 move a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 move an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.8 test a value (success)',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    [
      'A.10 add a nested member object',
      { foo: 'bar' },
      [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      { foo: 'bar', child: { grandchild: {} } },
    ],
    [
      'A.11 ignore unrecognized elements',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      { foo: 'bar', baz: 'qux' },
    ],
    [
      'A.14 ~ escape ordering',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: 10 }],
      { '/': 9, '~1': 10 },
    ],
    [
      'A.16 add an array value',
      { foo: ['bar'] },
      [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      { foo: ['bar', ['abc', 'def']] },
    ],
  ])('%s', (_name, doc, patch, result) => {
    expect(applyJsonPatch(doc, patch)).toEqual(result);
  });

  it('A.9 test a value (error)', () => {
    expect(() => applyJsonPatch({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }])).toThrow(
      JsonPatchApplyError,
    );
  });
  it('A.12 adding to a nonexistent target', () => {
    expect(() => applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }])).toThrow(
      'add operation does not apply: doc is missing path: "/baz/bat": missing value',
    );
  });
  it('A.15 comparing strings and numbers', () => {
    expect(() => applyJsonPatch({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }])).toThrow(
      'test failed',
    );
  });
});

describe('JSON patch edge cases', () => {
  it('is atomic: a failing op leaves the input untouched (RFC 6902 §5)', () => {
    const doc = { a: 1, list: [1] };
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'add', path: '/b', value: 2 },
        { op: 'remove', path: '/missing' },
      ]),
    ).toThrow('Unable to remove nonexistent key: missing: missing value');
    expect(doc).toEqual({ a: 1, list: [1] });
  });
  it('rejects malformed operations as decode errors (400) and unknown ops as apply errors (422)', () => {
    expect(() => applyJsonPatch({}, { op: 'add' })).toThrow(JsonPatchDecodeError);
    expect(() => applyJsonPatch({}, [{ op: 'add', path: '/a' }])).toThrow(JsonPatchDecodeError);
    expect(() => applyJsonPatch({}, [{ op: 'frob', path: '/a' }])).toThrow('Unexpected kind: frob');
  });
  it('rejects array indexes with leading zeros or out of range', () => {
    expect(() => applyJsonPatch({ a: [1, 2] }, [{ op: 'replace', path: '/a/01', value: 0 }])).toThrow(
      /invalid index/,
    );
    expect(() => applyJsonPatch({ a: [1, 2] }, [{ op: 'remove', path: '/a/2' }])).toThrow(/invalid index/);
  });
  it('escapes pointer tokens (RFC 6901 §4)', () => {
    expect(parsePointer('/a~1b/m~0n')).toEqual(['a/b', 'm~n']);
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(
      applyJsonPatch({ metadata: { labels: { 'x/y': 'a' } } }, [
        { op: 'remove', path: '/metadata/labels/x~1y' },
      ]),
    ).toEqual({
      metadata: { labels: {} },
    });
  });
  it('replace at the root swaps the whole document', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
  });
});
