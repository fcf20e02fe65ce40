/**
 * intstr.IntOrString arithmetic (k8s.io/apimachinery/pkg/util/intstr GetScaledValueFromIntOrPercent), used by
 * MachineDeployment maxSurge/maxUnavailable (F53), MHC unhealthyLessThanOrEqualTo (F68) and the MachineSet
 * remediation maxInFlight (F45); plus Go's time.Duration.String for condition messages that print durations.
 */

export type IntOrString = number | string;

/**
 * An int stays as it is; "N%" scales against total, rounding up or down. Anything else throws, like the Go
 * function returns an error ("invalid value for IntOrString: ...").
 */
export function scaledValueFromIntOrPercent(
  value: IntOrString | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined || value === null) throw new Error('nil value for IntOrString');
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new Error(`invalid value for IntOrString: ${value} is not an integer`);
    return value;
  }
  if (typeof value !== 'string')
    throw new Error('invalid value for IntOrString: invalid type: neither int nor percentage');
  if (!value.endsWith('%')) {
    throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  }
  const digits = value.slice(0, -1);
  // strconv.Atoi: optional sign, decimal digits only.
  if (!/^[+-]?\d+$/.test(digits)) {
    throw new Error(
      `invalid value for IntOrString: invalid value "${value}": strconv.Atoi: parsing "${digits}": invalid syntax`,
    );
  }
  const pct = Number(digits);
  const scaled = (pct * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Go's time.Duration.String for whole milliseconds: 300000 → "5m0s", 1500 → "1.5s", 0 → "0s". */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = rest - s * 1000;
  const sec = frac === 0 ? `${s}` : `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  let out = `${sec}s`;
  if (h > 0 || m > 0) out = `${m}m${out}`;
  if (h > 0) out = `${h}h${out}`;
  return (neg ? '-' : '') + out;
}
