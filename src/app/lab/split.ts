/** The resizable split's arithmetic: a first-pane fraction kept inside bounds, moved by keys or by a drag. */

export const MIN_FRACTION = 0.2;
export const MAX_FRACTION = 0.8;
/** One arrow key press moves the separator this much; Page Up/Down ten times as much. */
export const KEY_STEP = 0.02;

export const clampFraction = (f: number): number =>
  Number.isFinite(f) ? Math.min(MAX_FRACTION, Math.max(MIN_FRACTION, f)) : 0.5;

/** The fraction after a key on a separator (WAI-ARIA window splitter pattern), or undefined for other keys. */
export function fractionAfterKey(fraction: number, key: string): number | undefined {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampFraction(fraction - KEY_STEP);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampFraction(fraction + KEY_STEP);
    case 'PageUp':
      return clampFraction(fraction - KEY_STEP * 10);
    case 'PageDown':
      return clampFraction(fraction + KEY_STEP * 10);
    case 'Home':
      return MIN_FRACTION;
    case 'End':
      return MAX_FRACTION;
    default:
      return undefined;
  }
}

/** The fraction for a pointer at clientX over a container spanning [left, left + width). */
export const fractionAt = (clientX: number, left: number, width: number): number =>
  width > 0 ? clampFraction((clientX - left) / width) : 0.5;

/** A stored fraction, when it is a number in bounds; anything else (garbage, another app's key) is ignored. */
export function readStoredFraction(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const f = Number(raw);
  return Number.isFinite(f) && f >= MIN_FRACTION && f <= MAX_FRACTION ? f : undefined;
}
