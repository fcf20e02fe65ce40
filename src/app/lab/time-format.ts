/** Virtual time for people: "0.000 s", "12.345 s", "2 m 05.000 s". Milliseconds stay visible because most of
 * the loop happens within a few of them. */
export function formatVirtualTime(ms: number): string {
  const safe = Math.max(0, Math.round(ms));
  const minutes = Math.floor(safe / 60_000);
  const seconds = (safe % 60_000) / 1000;
  if (minutes === 0) return `${seconds.toFixed(3)} s`;
  return `${minutes} m ${seconds.toFixed(3).padStart(6, '0')} s`;
}
