import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { firstScreenJs } from '../bench/browser-bench-static.ts';

// The build the preview server serves (playwright.config.ts).
const DIST = process.env.E2E_OUT_DIR ?? 'dist';

/** The first screen's JS files, as the bench counts them (bench/browser-bench-static.ts). */
function firstScreenFiles(): Set<string> {
  const read = (file: string) => readFileSync(path.join(DIST, file), 'utf8');
  return new Set(firstScreenJs(read('index.html'), read).files.map((f) => f.file));
}

/** Holds every other JS file until release(): the first screen must draw with its own files alone. */
async function holdAllButFirstScreen(page: Page) {
  const first = firstScreenFiles();
  const held: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/*.js', async (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\//, '');
    if (!first.has(file) && file.startsWith('assets/')) {
      held.push(file);
      await gate;
    }
    await route.continue();
  });
  return { held, release };
}

const clockMs = async (page: Page) => {
  const text = (await page.getByTestId('clock').textContent()) ?? '';
  return Number(/([\d.]+)\s*s$/.exec(text)?.[1] ?? Number.NaN) * 1000;
};

test('the first screen draws the lab from its own JS; Play pressed before the engine arrives then plays', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { held, release } = await holdAllButFirstScreen(page);
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await expect(page.locator('.loop-panel svg').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Desired vs actual' })).toBeVisible();
  await expect(page.getByText('ReplicaSet web')).toBeVisible();
  // The engine's chunk (lab stores and worlds: lab-engine.ts) was asked for and is being held.
  await expect.poll(() => held.some((f) => /\/lab-(store|world)-/.test(f))).toBe(true);
  // Acting waits for the engine.
  await expect(page.getByRole('button', { name: 'Scale ReplicaSet' })).toBeDisabled();
  await expect(page.locator('.lab[data-live]')).toHaveCount(0);

  await page.getByRole('button', { name: /Play/ }).click();
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  await expect(page.getByTestId('starting')).toHaveText('starting the engine…');
  await page.waitForTimeout(300);
  expect(await clockMs(page)).toBe(0);
  await page.screenshot({ path: test.info().outputPath('first-frame-held.png') });

  release();
  await expect(page.locator('.lab[data-live]')).toHaveCount(1);
  await expect(page.getByTestId('starting')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Scale ReplicaSet' })).toBeEnabled();
  await expect.poll(() => clockMs(page), { timeout: 15_000 }).toBeGreaterThan(500);
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3, { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('first-frame-live.png') });
  expect(errors).toEqual([]);
});

test('a start the first frame cannot show waits for the engine, then opens there', async ({ page }) => {
  const { release } = await holdAllButFirstScreen(page);
  await page.goto('./?scenario=deployment-rollout');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the simulation' })).toBeVisible();
  release();
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await expect(page.getByText(/scenario\s+deployment-rollout/)).toBeVisible();
});
