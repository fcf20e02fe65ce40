import { expect, test } from '@playwright/test';

// Issue 5: after one visit the lab works with the network off (vite-plugin-pwa precaches the build).
test('reloads and runs with the network off after one visit', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  // The service worker installs and precaches; once it is active, a reload is served by it.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
    await page.getByRole('button', { name: 'Step to quiet' }).click();
    await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
    // The lazily loaded chunks are there too, not only the first screen.
    const uncached = await page.evaluate(async () => {
      const missing: string[] = [];
      for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        if (e.name.startsWith(location.origin) && e.responseStatus >= 400) missing.push(e.name);
      return missing;
    });
    expect(uncached).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});
