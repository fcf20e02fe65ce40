import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStats, lineDiff } from './diff.ts';

const side = (lines: ReturnType<typeof lineDiff>, which: 'before' | 'after') =>
  lines
    .filter((l) => l.op === 'same' || l.op === (which === 'before' ? 'removed' : 'added'))
    .map((l) => l.text);

describe('lineDiff', () => {
  it('marks a changed line as removed then added, keeping the rest', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'B' },
      { op: 'same', text: 'c' },
    ]);
  });

  it('treats a first version as all added', () => {
    expect(diffStats(lineDiff('', 'x\ny\n'))).toEqual({ added: 2, removed: 0 });
  });

  it('aligns an insertion in the middle', () => {
    const d = lineDiff('a\nb\nc\nd', 'a\nb\nx\nc\nd');
    expect(diffStats(d)).toEqual({ added: 1, removed: 0 });
    expect(d[2]).toEqual({ op: 'added', text: 'x' });
  });

  it('always rebuilds both sides and is minimal for identical input (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = lineDiff(a.join('\n'), b.join('\n'));
        expect(side(d, 'before')).toEqual(a.join('\n') === '' ? [] : a);
        expect(side(d, 'after')).toEqual(b.join('\n') === '' ? [] : b);
        if (a.join('\n') === b.join('\n')) expect(diffStats(d)).toEqual({ added: 0, removed: 0 });
      }),
    );
  });
});
