/**
 * metav1.Duration as JSON carries it: Go's time.ParseDuration / Duration.String text. v1beta1 CAPI types use
 * these ("10m", "5m0s"); v1beta2 replaced them with whole seconds (api/core/v1beta2/conversion.go
 * ConvertToSeconds truncates, ConvertFromSeconds multiplies back).
 */

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const MAX_INT32 = 2147483647;

/** time.ParseDuration in nanoseconds (as a float), or undefined when Go would reject the text. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  const re = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_NS[m[2]!]!;
    at = re.lastIndex;
  }
  return sign * total;
}

/** ConvertToSeconds: whole seconds, truncated toward zero and capped at MaxInt32. */
export function goDurationToSeconds(text: string): number | undefined {
  const ns = parseGoDuration(text);
  if (ns === undefined) return undefined;
  const seconds = Math.trunc(ns / 1e9);
  return seconds > MAX_INT32 ? MAX_INT32 : seconds === 0 ? 0 : seconds;
}

/** time.Duration(seconds * time.Second).String(): "0s", "45s", "10m0s", "1h30m0s". */
export function secondsToGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const neg = seconds < 0;
  let rest = Math.abs(Math.trunc(seconds));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const text = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  return neg ? `-${text}` : text;
}
