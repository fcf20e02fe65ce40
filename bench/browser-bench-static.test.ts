import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  entryScripts,
  firstScreenJs,
  gzipBytesOf,
  goalMet,
  parseClock,
  percentile,
  staticImports,
} from './browser-bench-static.ts';
import { formatVirtualTime } from '../src/app/lab/time-format.ts';

const HTML = `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/index-A.js"></script>
<link rel="modulepreload" crossorigin href="./assets/vendor-B.js">
<link rel="stylesheet" crossorigin href="./assets/index-C.css">
<script id="register-sw" src="./registerSW.js"></script>
</head><body><div id="root"></div></body></html>`;

describe('entryScripts', () => {
  it('lists module and classic scripts and modulepreloads, not stylesheets', () => {
    expect(entryScripts(HTML).sort()).toEqual(
      ['./assets/index-A.js', './assets/vendor-B.js', './registerSW.js'].sort(),
    );
  });
});

describe('staticImports', () => {
  it('follows minified static imports and re-exports but not import()', () => {
    const code =
      'import{n as e,r as t}from"./shared-X.js";import"./side-Y.js";export{a}from"../up-Z.js";' +
      'const L=()=>import(`./Lazy-Q.js`);const M=()=>import("./Lazy-R.js");x.import="./no.js"';
    expect(staticImports(code)).toEqual(['./shared-X.js', './side-Y.js', '../up-Z.js']);
  });
});

describe('firstScreenJs', () => {
  it('sums gzip sizes of the entry graph, each file once, leaving lazy chunks out', () => {
    const files: Record<string, string> = {
      'assets/index-A.js':
        'import{a}from"./vendor-B.js";const l=()=>import(`./Lazy-L.js`);' + 'x'.repeat(500),
      'assets/vendor-B.js': 'import"./index-A.js";export const a=1;' + 'y'.repeat(300),
      'assets/Lazy-L.js': 'z'.repeat(10_000),
      'registerSW.js': 'navigator.serviceWorker.register("./sw.js")',
    };
    const read = (f: string) => {
      const t = files[f];
      if (t === undefined) throw new Error(`unexpected read of ${f}`);
      return t;
    };
    const r = firstScreenJs(HTML, read);
    expect(r.files.map((f) => f.file).sort()).toEqual([
      'assets/index-A.js',
      'assets/vendor-B.js',
      'registerSW.js',
    ]);
    const expected = ['assets/index-A.js', 'assets/vendor-B.js', 'registerSW.js']
      .map((f) => gzipSync(files[f] as string, { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    expect(r.gzipBytes).toBe(expected);
    expect(gzipBytesOf(['assets/index-A.js', 'assets/vendor-B.js', 'registerSW.js'], read)).toBe(expected);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('parseClock', () => {
  it('reads the lab clock format of time-format.ts back', () => {
    expect(parseClock('0.000 s')).toBe(0);
    expect(parseClock('12.345 s')).toBe(12_345);
    expect(parseClock('2 m 05.000 s')).toBe(125_000);
    expect(parseClock('soon')).toBeUndefined();
  });

  it('round-trips whatever formatVirtualTime prints', () => {
    for (const ms of [0, 999, 61_496, 600_000, 3_725_123]) expect(parseClock(formatVirtualTime(ms))).toBe(ms);
  });
});

describe('goalMet', () => {
  it('is met at or below the maximum and undefined for reported figures', () => {
    expect(goalMet(16.7, { max: 16.7, text: '' })).toBe(true);
    expect(goalMet(16.8, { max: 16.7, text: '' })).toBe(false);
    expect(goalMet(Number.NaN, { max: 16.7, text: '' })).toBe(false);
    expect(goalMet(12, { text: 'reported' })).toBeUndefined();
  });
});
