/**
 * Browser figures for `npm run bench` (issue 4): a production build served by `vite preview`, driven in
 * headless Chromium with the frame cap off (DESIGN.md §5: `--disable-frame-rate-limit --disable-gpu-vsync`),
 * one page at a time. Frame times are requestAnimationFrame deltas measured inside the page while the lab plays.
 *
 * The Machine counts are set through the lab's own kubectl console (`kubectl scale machinedeployment`), on
 * the bundled md-rolling-update scenario paused at t=0, so the benchmark needs no URL parameter the public
 * contract does not have.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import {
  firstScreenJs,
  goalMet,
  gzipBytesOf,
  parseClock,
  percentile,
  type Goal,
} from './browser-bench-static.ts';
import { round, type Figure } from './measure.ts';

export interface BrowserFigure extends Figure {
  goal: Goal;
  /** undefined: reported only. */
  met: boolean | undefined;
}

export type BrowserBenchResult = { skipped: string } | { figures: BrowserFigure[] };

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const VITE = 'node_modules/.bin/vite';
const OUT_DIR = '.bench/dist';
/** Frames measured per scene after a warm-up; enough for a stable p95 (15 frames above it). */
const FRAMES = 300;
const WARMUP_FRAMES = 30;
const TEN_MINUTES_MS = 10 * 60_000;
const SCENE = 'md-rolling-update';
const MD_NAME = 'demo-md-0';
/** md-rolling-update.yaml's timeline: the version bump. */
const ROLLOUT_AT_MS = 60_000;

export const GOALS = {
  frame200: { max: 16.7, text: '≤ 16.7 ms' },
  frame2000: { max: 33, text: '≤ 33 ms' },
  firstFrame: { max: 1000, text: '≤ 1 s' },
  initialJs: { max: 150, text: '≤ 150 KB' },
  heap: { text: 'reported' },
  live: { text: 'reported' },
  pace: { text: 'reported' },
} satisfies Record<string, Goal>;

function figure(name: string, value: number, unit: string, goal: Goal): BrowserFigure {
  return { name, value, unit, goal, met: goalMet(value, goal) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Chromium's path, or undefined when neither Debian's nor Playwright's own is installed. */
async function findChromium(): Promise<string | undefined> {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** rAF deltas over `frames` frames after a warm-up, measured inside the page. */
async function frameTimes(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    ({ frames, warmup }) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last = -1;
        let seen = 0;
        const tick = (t: number) => {
          seen++;
          if (seen > warmup && last >= 0) deltas.push(t - last);
          last = t;
          if (deltas.length >= frames) resolve(deltas);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { frames, warmup: WARMUP_FRAMES },
  );
}

/**
 * p95 frame time over FRAMES frames, and the pace the lab kept meanwhile (virtual time per wall time): the
 * lab gives drawing priority over the engine, so a frame figure means little without the speed it was run at.
 */
async function framesAndPace(page: Page): Promise<{ p95: number; pace: number }> {
  const v0 = await virtualMs(page);
  const w0 = Date.now();
  const times = await frameTimes(page, FRAMES);
  const pace = (await virtualMs(page)) - v0;
  return { p95: percentile(times, 95), pace: pace / Math.max(1, Date.now() - w0) };
}

async function virtualMs(page: Page): Promise<number> {
  return parseClock((await page.getByTestId('clock').textContent()) ?? '') ?? 0;
}

/** Lets the lab play until its clock reads `ms`, or `wallMs` of wall time pass; returns the clock reached. */
async function playUntil(page: Page, ms: number, wallMs: number): Promise<number> {
  const deadline = Date.now() + wallMs;
  let now = await virtualMs(page);
  while (now < ms && Date.now() < deadline) {
    await page.waitForTimeout(250);
    now = await virtualMs(page);
  }
  return now;
}

/** Opens the rollout scene paused at t=0, scales its workers through the lab's kubectl console, plays at 10×. */
async function openRollout(browser: Browser, base: string, machines: number): Promise<Page> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(`${base}/?scenario=${SCENE}&seed=1&speed=10`);
  await page.getByTestId('clock').waitFor();
  await page.getByRole('button', { name: 'kubectl', exact: true }).click();
  const input = page.getByPlaceholder('kubectl get pods');
  await input.fill(`kubectl scale machinedeployment ${MD_NAME} --replicas=${machines}`);
  await input.press('Enter');
  await page.getByRole('log', { name: 'kubectl output' }).getByText('scaled').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Close the kubectl console' }).click();
  await page.getByRole('button', { name: /Play/ }).click();
  return page;
}

interface ColdLoad {
  /** Navigation start to the first drawn frame of the lab (the build's first frame, first-frame.ts). */
  firstFrameMs: number;
  /** Navigation start to the lab running its engine (App.tsx marks the lab data-live). */
  liveMs: number;
  /** The JS files fetched by then, relative to the build folder. */
  js: string[];
}

async function coldLoad(browser: Browser, base: string): Promise<ColdLoad> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  // performance.now() counts from navigation start; the first rAF after the loop's <svg> exists is a drawn frame.
  await page.addInitScript(() => {
    const w = window as unknown as { __firstFrame?: number; __live?: number };
    const poll = () => {
      if (w.__firstFrame === undefined && document.querySelector('svg.loop-svg')) {
        requestAnimationFrame((t) => {
          w.__firstFrame ??= t;
        });
      }
      if (document.querySelector('.lab[data-live]')) w.__live = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await page.goto(`${base}/?scenario=replicaset&seed=1`);
  await page.waitForFunction(() => {
    const w = window as unknown as { __firstFrame?: number; __live?: number };
    return w.__firstFrame !== undefined && w.__live !== undefined;
  });
  const load = await page.evaluate(() => {
    const w = window as unknown as { __firstFrame: number; __live: number };
    // Requests started before the engine ran; the panels that wait for it ask for their chunks after.
    const js = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < w.__live)
      .map((e) => new URL(e.name).pathname.replace(/^\//, ''))
      .filter((p) => p.endsWith('.js'));
    return { firstFrameMs: w.__firstFrame, liveMs: w.__live, js: [...new Set(js)] };
  });
  await context.close();
  return load;
}

/** The page's JS heap after a full GC (CDP), in MiB. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}

export interface BrowserBenchOptions {
  /** Repo root (the folder with node_modules and vite.config.ts). */
  root: string;
  log?: (line: string) => void;
}

export async function browserBench({
  root,
  log = () => {},
}: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const executablePath = await findChromium();
  if (!executablePath) return { skipped: 'no Chromium' };

  log('browser: building the app');
  const build = spawnSync(VITE, ['build', '--outDir', OUT_DIR, '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
  const dist = path.join(root, OUT_DIR);
  const js = firstScreenJs(readFileSync(path.join(dist, 'index.html'), 'utf8'), (f) =>
    readFileSync(path.join(dist, f), 'utf8'),
  );
  const figures: BrowserFigure[] = [
    figure('browser initial JS gzip (first screen)', round(js.gzipBytes / 1024), 'KB', GOALS.initialJs),
  ];

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const preview = spawn(
    VITE,
    ['preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: 'ignore' },
  );
  const { chromium } = await import('@playwright/test');
  let browser: Browser | undefined;
  try {
    await waitForHttp(base, preview, 30_000);
    browser = await chromium.launch({
      executablePath,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--disable-frame-rate-limit',
        '--disable-gpu-vsync',
        '--enable-precise-memory-info',
      ],
    });

    // Best of three cold loads: the figure is about the app, not about a busy moment of the machine.
    const loads: ColdLoad[] = [];
    for (let i = 0; i < 3; i++) loads.push(await coldLoad(browser, base));
    const best = (f: (l: ColdLoad) => number) => round(Math.min(...loads.map(f)));
    // Everything fetched before the engine ran, gzipped as the first screen's figure is: what a slow network
    // really waits for before Play acts.
    const untilLive = gzipBytesOf(loads[0]?.js ?? [], (f) => readFileSync(path.join(dist, f), 'utf8')) / 1024;
    figures.push(
      figure(
        'browser time to first drawn frame',
        best((l) => l.firstFrameMs),
        'ms',
        GOALS.firstFrame,
      ),
      figure(
        'browser time until the engine runs',
        best((l) => l.liveMs),
        'ms',
        GOALS.live,
      ),
      figure('browser JS gzip fetched until the engine runs', round(untilLive), 'KB', GOALS.live),
    );

    log('browser: 200-Machine rollout at 10×');
    const page = await openRollout(browser, base, 200);
    // The scenario bumps the version at 60 s: measure while the new MachineSet replaces the old one.
    await playUntil(page, ROLLOUT_AT_MS, 60_000);
    const rollout = await framesAndPace(page);
    figures.push(
      figure('browser p95 frame, 200-Machine rollout at 10×', round(rollout.p95), 'ms', GOALS.frame200),
      figure(
        'browser pace kept during the 200-Machine frames (speed set to 10×)',
        round(rollout.pace),
        '×',
        GOALS.pace,
      ),
    );
    log('browser: playing to 10 virtual minutes at 10×');
    // 60 s of wall time when the lab keeps up; bounded, and the reached time is part of the figure's name.
    const reached = await playUntil(page, TEN_MINUTES_MS, 180_000);
    const heapName =
      reached >= TEN_MINUTES_MS
        ? 'browser JS heap after 10 virtual minutes at 10×'
        : `browser JS heap after ${round(reached / 60_000)} virtual minutes at 10× (10 not reached in 3 wall minutes)`;
    figures.push(figure(heapName, round(await heapMiB(page)), 'MiB', GOALS.heap));
    await page.context().close();

    log('browser: 2,000 Machines at 10×');
    const big = await openRollout(browser, base, 2000);
    // Past the first seconds, when the MachineSet has created all 2,000 and the diagrams hold them.
    await playUntil(big, 20_000, 60_000);
    const large = await framesAndPace(big);
    figures.push(
      figure('browser p95 frame, 2,000 Machines at 10×', round(large.p95), 'ms', GOALS.frame2000),
      figure(
        'browser pace kept during the 2,000-Machine frames (speed set to 10×)',
        round(large.pace),
        '×',
        GOALS.pace,
      ),
    );
    await big.context().close();
  } finally {
    await browser?.close();
    preview.kill('SIGTERM');
  }
  return { figures };
}

/** `name: value unit (goal ≤ x: met | NOT met)`, or `(reported)` for a figure with no goal. */
export function formatBrowserFigure(f: BrowserFigure): string {
  const verdict = f.met === undefined ? 'reported' : `goal ${f.goal.text}: ${f.met ? 'met' : 'NOT met'}`;
  return `${f.name}: ${f.value} ${f.unit} (${verdict})`;
}
