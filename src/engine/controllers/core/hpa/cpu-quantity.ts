/**
 * CPU quantities as Kubernetes writes them ("250m", "0.5", "2", or a bare number of cores), in millicores.
 * A subset of apimachinery pkg/api/resource Quantity: decimal cores or an "m" suffix, which is all a CPU request
 * or a load figure needs. MilliValue rounds up, as Quantity.MilliValue does for sub-milli precision.
 */

const CPU = /^(\d+(?:\.\d*)?|\.\d+)(m?)$/;

/** Millicores, or undefined when the value is not a CPU quantity this subset reads. */
export function parseCpuMillis(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.ceil(Math.round(value * 1e6) / 1e3) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const m = CPU.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  // Rounding to 1e-6 first keeps "0.3" from becoming 300.00000000000006 and then 301.
  return m[2] === 'm' ? Math.ceil(n) : Math.ceil(Math.round(n * 1e6) / 1e3);
}

/** 1500 → "1500m", as metrics-server prints usage (resource.NewMilliQuantity, DecimalSI). */
export function formatCpuMillis(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
