/**
 * Virtual time shown as Kubernetes timestamps. Every run starts at the same instant, so creationTimestamp and
 * friends are part of the deterministic trace rather than leaking the wall clock into it.
 */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/** RFC 3339 in UTC with whole seconds, as metav1.Time serializes. */
export function virtualTimestamp(virtualMs: number): string {
  return new Date(SIM_EPOCH_MS + Math.floor(virtualMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The inverse of virtualTimestamp (to the second); NaN for anything unparsable. */
export function virtualMsFromTimestamp(ts: string): number {
  return Date.parse(ts) - SIM_EPOCH_MS;
}
