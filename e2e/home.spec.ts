import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The toy loop's period in src/app/App.tsx.
const TICK_MS = 800;

async function openPausedClock(page: Page, url = './') {
  // Fake timers paused at a fixed instant: the toy loop only moves when the test runs the clock.
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.goto(url);
}

test('shows the product name, what it is for, and the favicon', async ({ page }, testInfo) => {
  await openPausedClock(page);
  await expect(page).toHaveTitle('Reconcile Lab');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  await expect(page.getByText(/reconciliation loop/).first()).toBeVisible();
  const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(favicon).toMatch(/^\.\/favicon\.svg$/);
  const response = await page.request.get(new URL(favicon!, page.url()).href);
  expect(response.headers()['content-type']).toContain('image/svg+xml');

  // Three rounds in, then one deletion: every replica phase is on screen for the review screenshots.
  await page.clock.runFor(TICK_MS * 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: /^replica-1, Running/ }).click();
  await expect(page.locator('.replicas [data-phase]')).toHaveCount(3);

  const shots = path.join(testInfo.project.outputDir, 'screenshots');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.screenshot({ path: path.join(shots, 'home-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.screenshot({ path: path.join(shots, 'home-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, 'home-dark-narrow.png'), fullPage: true });
});

test('makes no request to another origin and logs no errors', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('./');
  await expect(page.getByTestId('status')).toContainText('Converged', { timeout: 15_000 });
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
});

test('the toy loop converges on the desired count and repairs a deleted replica', async ({ page }) => {
  await openPausedClock(page);
  const status = page.getByTestId('status');
  const running = page.locator('.replicas [data-phase="Running"]');

  await expect(status).toHaveText(/Reconciling: 0 of 3 running/);
  // One replica is created per round and starts one round later.
  await page.clock.runFor(TICK_MS * 4);
  await expect(status).toHaveText(/Converged: 3 of 3 running/);
  await expect(running).toHaveCount(3);

  await page.getByRole('button', { name: 'More replicas' }).click();
  await expect(page.getByTestId('desired')).toHaveText('4');
  await page.clock.runFor(TICK_MS * 2);
  await expect(status).toHaveText(/Converged: 4 of 4 running/);

  // Paused, the loop moves one round per Step: a deleted replica goes, a new one is created, then it runs.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: /^replica-1, Running/ }).click();
  await expect(page.locator('.replicas [data-phase="Terminating"]')).toHaveCount(1);
  await expect(status).toHaveText(/Reconciling: 3 of 4 running/);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.locator('.replicas [data-phase="Terminating"]')).toHaveCount(0);
  await expect(page.locator('.replicas [data-phase="Pending"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(status).toHaveText(/Converged: 4 of 4 running/);
  await expect(page.getByRole('list', { name: /Reconcile log/ })).toContainText('you deleted replica-1');
});

test('the build works under any sub-path (base ./)', async ({ page, baseURL }) => {
  const prefix = '/docs/embedded/lab/';
  // Serve the built site under a sub-path by forwarding each request to the preview server's root.
  await page.route(`${baseURL}${prefix}**`, async (route) => {
    const url = new URL(route.request().url());
    url.pathname = url.pathname.slice(prefix.length - 1);
    await route.fulfill({ response: await route.fetch({ url: url.href }) });
  });
  const outside: string[] = [];
  page.on('request', (req) => {
    if (!new URL(req.url()).pathname.startsWith(prefix)) outside.push(req.url());
  });
  await openPausedClock(page, `${baseURL}${prefix}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  await expect(page.locator('img.logo')).toHaveJSProperty('complete', true);
  expect(
    await page.locator('img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
