import { describe, expect, it } from 'vitest';
import { createLineSplitter, readLines } from './line-framing.ts';

function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  });
}

describe('line framing (apimachinery jsonFramer: one JSON object per line)', () => {
  it('carries a partial line over to the next chunk', () => {
    const s = createLineSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.pending()).toBe(4);
    expect(s.push(':2}\n\n{"c":3')).toEqual(['{"b":2}']);
    expect(s.flush()).toEqual(['{"c":3']);
    expect(s.flush()).toEqual([]);
  });

  it('strips a CR before the newline', () => {
    expect(createLineSplitter().push('x\r\ny\n')).toEqual(['x', 'y']);
  });

  it('refuses a line longer than its limit and forgets it', () => {
    const s = createLineSplitter(8);
    expect(() => s.push('123456789')).toThrow(/longer than 8/);
    expect(s.pending()).toBe(0);
    expect(s.push('ok\n')).toEqual(['ok']);
  });

  it('readLines decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('{"n":"é"}\n{"n":"ü"}');
    const cut = bytes.indexOf(0xc3) + 1;
    const lines: string[] = [];
    await readLines(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]), (l) => lines.push(l));
    expect(lines).toEqual(['{"n":"é"}', '{"n":"ü"}']);
  });
});
