/**
 * Windowing for long lists (the event log holds every trace event, 100k and more): which rows a scrolled
 * viewport shows, so only those are in the DOM. Fixed row height keeps it arithmetic, with no measuring.
 */

export interface ListWindowInput {
  scrollTop: number;
  viewHeight: number;
  rowHeight: number;
  count: number;
  /** Rows rendered beyond each edge, so a fast scroll does not flash empty space. */
  overscan: number;
}

/** Rows [first, last) to render; first * rowHeight is where the first one sits. */
export interface ListWindow {
  first: number;
  last: number;
}

export function listWindow({
  scrollTop,
  viewHeight,
  rowHeight,
  count,
  overscan,
}: ListWindowInput): ListWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0);
  const height = Math.max(0, Number.isFinite(viewHeight) ? viewHeight : 0);
  const first = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const last = Math.min(count, Math.max(first, Math.ceil((top + height) / rowHeight) + overscan));
  return { first, last };
}

/** The scrollTop that brings row index into view (unchanged when it already is). */
export function scrollToRow(index: number, scrollTop: number, viewHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewHeight) return top + rowHeight - viewHeight;
  return scrollTop;
}
