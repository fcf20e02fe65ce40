/**
 * For selection.each: sets an element's text only when it differs. d3's selection.text() replaces the text
 * node every time, and in a diagram redrawn every frame each replacement costs its box a style and layout pass
 * although nothing on screen changed.
 *
 * @example
 * boxes.select('text.box-title').each(textOf((d) => d.title));
 */
export function textOf<D>(text: (d: D) => string): (this: unknown, d: D) => void {
  // `this` is whatever node d3 selected (typed loosely as its BaseType): only text-bearing nodes are passed.
  return function (this: unknown, d: D) {
    const el = this as Node;
    const s = text(d);
    if (el.textContent !== s) el.textContent = s;
  };
}
