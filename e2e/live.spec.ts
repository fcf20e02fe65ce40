/**
 * Live mode end to end: the engine served by `npm run serve` (a real process), a real `kubectl proxy`
 * (v1.32) in front of it serving the built UI under /lab/ and the API at /, and the page opened through the
 * proxy with ?live=/ (read-only reflectors over HTTP) and ?attach=1 (plus the engine's trace). Changes made
 * with the real kubectl must appear on screen.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';

let dir: string;
let kubeconfig: string;
let serve: ChildProcess | undefined;
let proxy: ChildProcess | undefined;
let proxyUrl: string;

/** Starts a process and resolves with the first match of pattern in its stdout. */
function startAndMatch(
  cmd: string,
  args: string[],
  pattern: RegExp,
): Promise<{ child: ChildProcess; m: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${out}${err}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({ child, m });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}: ${out}${err}`)));
  });
}

function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = mkdtempSync(path.join(dir, 'cache-'));
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      ['--kubeconfig', kubeconfig, '--cache-dir', cache, ...args],
      { timeout: 30_000 },
      (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
    );
  });
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`) });
}

// Starting the engine with tsx and the proxy takes a while on a loaded machine; this bounds waits, it times nothing.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'reconcile-lab-live-'));
  kubeconfig = path.join(dir, 'kubeconfig');
  const s = await startAndMatch(
    'node_modules/.bin/tsx',
    ['src/cli/serve.ts', 'replicaset', '--port', '0', '--kubeconfig', kubeconfig],
    /at (http:\/\/127\.0\.0\.1:\d+)/,
  );
  serve = s.child;
  // kubectl proxy v1.32: --www serves the built UI under --www-prefix; --api-prefix=/ proxies the rest.
  const p = await startAndMatch(
    KUBECTL,
    [
      'proxy',
      '--kubeconfig',
      kubeconfig,
      '--port=0',
      `--www=${path.resolve(OUT_DIR)}`,
      '--www-prefix=/lab/',
      '--api-prefix=/',
    ],
    /Starting to serve on (127\.0\.0\.1:\d+)/,
  );
  proxy = p.child;
  proxyUrl = `http://${p.m[1]}`;
});

test.afterAll(async () => {
  proxy?.kill();
  serve?.kill('SIGINT');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('live mode through kubectl proxy shows the served objects and follows kubectl scale', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${proxyUrl}/lab/?live=/`);
  await expect(page.getByTestId('live-tagline')).toContainText('Live, read-only');
  const row = page.getByTestId('desired-ReplicaSet-web');
  await expect(row.getByTestId('desired')).toHaveText('3');
  await expect(row.getByTestId('ready')).toHaveText('3', { timeout: 20_000 });
  await expect(page.getByTestId('objects-Pod').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('loop-unavailable')).toContainText(
    'needs the simulator: not available in live mode',
  );
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();

  const scaled = await kubectl(['scale', 'rs', 'web', '--replicas=2']);
  expect(scaled.stdout.trim()).toBe('replicaset.apps/web scaled');
  await expect(row.getByTestId('desired')).toHaveText('2');
  await expect(page.getByTestId('objects-Pod').locator('tbody tr')).toHaveCount(2, { timeout: 20_000 });
  // The watch flow counted the MODIFIED and DELETED events the proxy streamed.
  const flow = page.getByTestId('watch-flow');
  await expect(flow.locator('tr', { hasText: 'replicasets.apps' })).toContainText('watching');
  await shot(page, testInfo, 'live-mode');
  expect(errors).toEqual([]);
});

test('attach mode through the proxy draws the loop from the engine trace', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${proxyUrl}/lab/?attach=1&live=/`);
  await expect(page.getByTestId('live-tagline')).toContainText('Attached to the served engine');
  await expect(page.getByTestId('live-status')).toContainText(/t = \d/);
  await expect(page.getByRole('combobox', { name: 'Controller' })).toHaveValue('replicaset-controller');
  const scaled = await kubectl(['scale', 'rs', 'web', '--replicas=4']);
  expect(scaled.code).toBe(0);
  const row = page.getByTestId('desired-ReplicaSet-web');
  await expect(row.getByTestId('desired')).toHaveText('4');
  await expect(row.getByTestId('ready')).toHaveText('4', { timeout: 20_000 });
  await expect(page.locator('.loop-svg')).toHaveAttribute('aria-label', /replicaset-controller/);
  await shot(page, testInfo, 'attach-mode');
});

test('a live= pointing at another origin is refused with a notice', async ({ page }) => {
  await page.goto(`${proxyUrl}/lab/?live=https://cluster.example:6443/`);
  await expect(page.getByRole('status', { name: 'URL parameters ignored' })).toContainText('another origin');
});
