/**
 * For selection.each: sets an attribute only when its value differs. d3's selection.attr() writes every time,
 * and the browser treats each write to an SVG geometry or class attribute as a change to restyle and relayout,
 * even when the value is the one already there: a diagram redrawn every frame paid that for every element.
 * null removes the attribute, as in d3.
 *
 * @example
 * rows.select('rect').each(attrOf('width', (d) => model.width - d.x + 12));
 */
export function attrOf<D>(
  name: string,
  value: (d: D, i: number) => string | number | null,
): (this: unknown, d: D, i: number) => void {
  // `this` is whatever node d3 selected (typed loosely as its BaseType): only elements are passed.
  return function (this: unknown, d: D, i: number) {
    const el = this as Element;
    const v = value(d, i);
    if (v === null) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
      return;
    }
    const s = String(v);
    if (el.getAttribute(name) !== s) el.setAttribute(name, s);
  };
}
