/**
 * Playback speed on a log scale: a slider position in [0, 1] maps to 0.1×–100×, so each third of the slider
 * is one factor of ten and 1× sits exactly one third of the way along.
 */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
export const DEFAULT_SPEED = 1;

const LOG_MIN = Math.log10(MIN_SPEED);
const LOG_SPAN = Math.log10(MAX_SPEED) - LOG_MIN;

/** Clamps to the supported range; NaN falls back to 1×. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return DEFAULT_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** Slider position (0–1) → speed factor. */
export function speedFromPosition(position: number): number {
  const p = Math.min(1, Math.max(0, Number.isFinite(position) ? position : 0));
  return roundSpeed(10 ** (LOG_MIN + p * LOG_SPAN));
}

/** Speed factor → slider position (0–1). */
export function positionFromSpeed(speed: number): number {
  return (Math.log10(clampSpeed(speed)) - LOG_MIN) / LOG_SPAN;
}

/** Two significant digits are enough to read and keep the label from flickering: 0.13×, 1.5×, 27×. */
export function roundSpeed(speed: number): number {
  const s = clampSpeed(speed);
  const digits = Math.max(0, 1 - Math.floor(Math.log10(s)));
  return Number(s.toFixed(digits));
}

/** "1×", "0.5×", "10×". */
export function formatSpeed(speed: number): string {
  return `${roundSpeed(speed)}×`;
}
