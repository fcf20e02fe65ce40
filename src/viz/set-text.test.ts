import { describe, expect, it } from 'vitest';
import { textOf } from './set-text.ts';

/** A stand-in element that counts writes to textContent. */
function element(initial: string) {
  let text = initial;
  let writes = 0;
  const el = {
    get textContent() {
      return text;
    },
    set textContent(v: string) {
      writes++;
      text = v;
    },
  } as unknown as Element;
  return { el, writes: () => writes, text: () => text };
}

describe('textOf', () => {
  it('writes the text only when it differs', () => {
    const set = textOf((d: { label: string }) => d.label);
    const e = element('a');
    set.call(e.el, { label: 'a' });
    expect(e.writes()).toBe(0);
    set.call(e.el, { label: 'b' });
    expect(e.writes()).toBe(1);
    expect(e.text()).toBe('b');
  });
});
