/**
 * The pure half of the browser benchmark: which JS files the first screen loads (read from the built
 * index.html and the chunks' static imports), their gzip size, percentiles, goals and the lab clock's text.
 * No browser here, so it is unit-tested.
 */
import { gzipSync } from 'node:zlib';
import { joinRelative } from '../src/engine/scenario/join-relative.ts';

/**
 * Scripts (module or classic, such as the service worker's register script) and modulepreloads of an
 * index.html, as written (relative URLs).
 */
export function entryScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc=["']([^"']+)["']/.exec(m[0])?.[1];
    if (src !== undefined) out.push(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*>/g)) {
    const href = /\bhref=["']([^"']+)["']/.exec(m[0])?.[1];
    if (href !== undefined) out.push(href);
  }
  return out;
}

/**
 * The relative specifiers a built chunk imports statically (`import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`); `import("./x.js")` is lazy and is not followed.
 */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  // Minified output puts a `from` right after `}` or `*` with no space; a dynamic import has `(` after `import`.
  const re = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of code.matchAll(re)) if (m[1] !== undefined) out.add(m[1]);
  return [...out];
}

export interface FirstScreenJs {
  /** Files relative to the build folder, in discovery order. */
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

/**
 * Every JS file the first screen loads before any lazy import: index.html's module scripts and modulepreloads,
 * then their static imports, transitively. `read` returns a file's text relative to the build folder.
 */
export function firstScreenJs(html: string, read: (file: string) => string): FirstScreenJs {
  const seen = new Set<string>();
  const files: FirstScreenJs['files'] = [];
  const queue = entryScripts(html)
    .filter((s) => !/^[a-z]+:/i.test(s) && !s.startsWith('//'))
    .map((s) => joinRelative('index.html', s.replace(/^\//, './')));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = read(file);
    files.push({ file, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length });
    for (const spec of staticImports(code)) queue.push(joinRelative(file, spec));
  }
  return { files, gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0) };
}

/** The files' gzip sizes summed, counted as firstScreenJs counts them (level 9). */
export function gzipBytesOf(files: readonly string[], read: (file: string) => string): number {
  return files.reduce((n, f) => n + gzipSync(read(f), { level: 9 }).length, 0);
}

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Reads the lab clock ("12.345 s", "2 m 05.000 s"; src/app/lab/time-format.ts) back into milliseconds. */
export function parseClock(text: string): number | undefined {
  const m = /^\s*(?:(\d+)\s*m\s+)?(\d+(?:\.\d+)?)\s*s\s*$/.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1] ?? 0) * 60_000 + Number(m[2]) * 1000);
}

export interface Goal {
  /** Met when value <= max; undefined: the figure is only reported. */
  max?: number;
  text: string;
}

export const goalMet = (value: number, goal: Goal): boolean | undefined =>
  goal.max === undefined ? undefined : Number.isFinite(value) && value <= goal.max;
