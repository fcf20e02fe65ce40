/** Points along polylines: pure math, so token positions are tested without a DOM. */
export type Point = readonly [number, number];

export function polylineLength(points: readonly Point[]): number {
  let len = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    len += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return len;
}

/** The point at fraction p (clamped to 0–1) of the polyline's length. */
export function pointAlong(points: readonly Point[], p: number): Point {
  if (points.length === 0) return [0, 0];
  const total = polylineLength(points);
  let left = Math.min(1, Math.max(0, p)) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (left <= seg && seg > 0) {
      const f = left / seg;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    }
    left -= seg;
  }
  return points[points.length - 1]!;
}

/** "…" at the end when text is longer than max characters. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
