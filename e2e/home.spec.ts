import { expect, test } from '@playwright/test';

test('shows the product name, starts paused at t = 0, and serves the favicon', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.goto('./');
  await expect(page).toHaveTitle('Reconcile Lab');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  await expect(page.getByText(/reconciliation loop/).first()).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(page.getByTestId('seed')).toHaveText('1');
  await expect(page.getByTestId('speed')).toHaveText('1×');
  const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(favicon).toMatch(/^\.\/favicon\.svg$/);
  const response = await page.request.get(new URL(favicon!, page.url()).href);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
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
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
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
  await page.goto(`${baseURL}${prefix}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  await expect(page.locator('img.logo')).toHaveJSProperty('complete', true);
  expect(
    await page.locator('img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});
