/**
 * The one source of randomness in a simulation run. A small, fast PRNG (sfc32) seeded through splitmix32,
 * so that the same seed always gives the same stream on every JS engine.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** base × (1 + factor × u), u uniform in [-1, 1): the "10 s ± 20%" kind of jitter. Rounded to whole ms. */
  jitter(base: number, factor: number): number;
  /** A lowercase alphanumeric suffix, like the apiserver's generateName suffix (5 chars). */
  suffix(length?: number): string;
  /** An RFC 4122 version-4 shaped UUID from the seeded stream. */
  uuid(): string;
  /** Picks one element, or undefined from an empty array. */
  pick<T>(items: readonly T[]): T | undefined;
  /** The current internal state, so that a snapshot can restore the exact stream. */
  state(): readonly [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = '0123456789abcdef';

// The apiserver's generateName alphabet leaves out vowels and look-alikes (apimachinery util/rand String).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function createRng(seed: number, state?: readonly [number, number, number, number]): Rng {
  let a: number, b: number, c: number, d: number;
  if (state) {
    [a, b, c, d] = state;
  } else {
    const mix = splitmix32(seed);
    a = mix();
    b = mix();
    c = mix();
    d = mix();
  }
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  const next = () => nextU32() / 4294967296;
  // The first n hex digits of a fresh 32-bit draw, without string padding (uuids are on every create's path).
  const hex = (n: number) => {
    const x = nextU32();
    let out = '';
    for (let i = 0; i < n; i++) out += HEX[(x >>> (28 - 4 * i)) & 15];
    return out;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    jitter: (base, factor) => Math.round(base * (1 + factor * (next() * 2 - 1))),
    suffix: (length = 5) => {
      let out = '';
      for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[Math.floor(next() * SUFFIX_ALPHABET.length)];
      return out;
    },
    uuid: () => {
      const variant = (8 + Math.floor(next() * 4)).toString(16);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
    },
    pick: (items) => (items.length === 0 ? undefined : items[Math.floor(next() * items.length)]),
    state: () => [a, b, c, d] as const,
  };
}
