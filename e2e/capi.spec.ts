import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  // The lab is paused; running the fake clock lets the marks' d3 transitions land before the picture.
  await page.clock.runFor(800);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`),
    fullPage,
  });
}

/** Fake timers: requestAnimationFrame only fires when the test runs the clock, so virtual time is exact. */
async function open(page: Page, query: string) {
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await page.goto(`./${query}`);
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
}

const summary = (page: Page) => page.getByTestId('graph-summary');

/** Runs the page's (fake) clock in slices until the graph summary reads `text`: rAF frames cost real time. */
async function runUntilSummary(page: Page, text: string) {
  await expect
    .poll(
      async () => {
        await page.clock.runFor(500);
        return summary(page).textContent();
      },
      { timeout: 90_000, intervals: [0] },
    )
    .toBe(text);
}

test.describe.configure({ timeout: 180_000 });
const counts = (page: Page) => page.getByTestId('lifecycle-counts');

test('CAPI quickstart: Machines reach Running on screen, then a scale-up adds Machines that reach Running', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, '?scenario=capi-quickstart&speed=10');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('capi-quickstart');
  await page.getByRole('button', { name: /Play/ }).click();
  // At 10× the in-memory provider's 10 s VMs take about a second of wall time.
  await runUntilSummary(page, '4 Machines, 4 Running');
  await expect(counts(page)).toContainText('4 Running');
  await expect(page.locator('#object-graph .og-row[data-kind="Cluster"]')).toContainText('Cluster demo');
  await expect(page.locator('#machine-lifecycle .lc-mark[data-phase="Running"]')).toHaveCount(4);
  await page.getByRole('button', { name: /Pause/ }).click();
  await shot(page, testInfo, 'capi-running-1280');

  await page.getByRole('spinbutton', { name: 'MachineDeployment replicas' }).fill('5');
  await page.getByRole('button', { name: 'Scale MachineDeployment' }).click();
  await expect(page.getByTestId('action-message')).toContainText('Scaled MachineDeployment demo-md-0 to 5');
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(400);
  // The new Machines exist before they run: they enter the chart in an early phase.
  await expect(summary(page)).toContainText('6 Machines');
  await expect(page.locator('#machine-lifecycle .lc-mark:not([data-phase="Running"])')).not.toHaveCount(0);
  await page.getByRole('button', { name: /Pause/ }).click();
  await shot(page, testInfo, 'capi-scaling-1280');
  await page.getByRole('button', { name: /Play/ }).click();
  await runUntilSummary(page, '6 Machines, 6 Running');
  await expect(page.getByTestId('capi-MachineDeployment-demo-md-0')).toContainText('converged');
  await page.getByRole('button', { name: /Pause/ }).click();
  await shot(page, testInfo, 'capi-scaled-1280');
});

test('a Machine selected in the graph shows its conditions; a pre-drain hook holds its deletion on the rail', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, '?scenario=capi-quickstart&speed=10');
  await page.getByRole('button', { name: /Play/ }).click();
  await runUntilSummary(page, '4 Machines, 4 Running');
  await page.getByRole('button', { name: /Pause/ }).click();
  const worker = page.locator('#object-graph .og-row[data-kind="Machine"]', { hasText: 'demo-md-0' }).first();
  await worker.click();
  await expect(page.getByTestId('machine-focus')).toContainText('InfrastructureReady');
  await page.getByRole('button', { name: 'Add pre-drain hook' }).click();
  await page.getByRole('button', { name: 'Delete Machine' }).click();
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(500);
  await page.getByRole('button', { name: /Pause/ }).click();
  const rail = page.getByRole('list', { name: 'Deletion steps' });
  await expect(rail.locator('[data-state="current"]')).toContainText('Pre-drain hooks');
  await expect(counts(page)).toContainText('1 Deleting');
  await shot(page, testInfo, 'capi-deleting-hook-1280');
  await page.getByTestId('machine-focus').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: path.join(testInfo.project.outputDir, 'screenshots', 'capi-deleting-rail.png'),
  });
  await page.getByRole('button', { name: 'Remove pre-drain hook' }).click();
  await page.getByRole('button', { name: /Play/ }).click();
  await runUntilSummary(page, '4 Machines, 4 Running');
});

test('a scenario URL parameter that is garbage gives a notice and the default scenario; the picker updates the URL', async ({
  page,
}) => {
  await open(page, '?scenario=nope');
  await expect(page.getByRole('status', { name: 'URL parameters ignored' })).toContainText('scenario "nope"');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('replicaset');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('md-scale');
  await expect(page).toHaveURL(/scenario=md-scale/);
  // The graph is a lazily loaded chunk, and React reveals suspended content on a timer: run the fake clock.
  await expect(async () => {
    await page.clock.runFor(500);
    await expect(page.getByRole('heading', { name: 'Object graph' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
});

test('360 px: the CAPI panels stack', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page, '?scenario=capi-quickstart&speed=10');
  await page.getByRole('button', { name: /Play/ }).click();
  await runUntilSummary(page, '4 Machines, 4 Running');
  const graph = await page.getByRole('heading', { name: 'Object graph' }).boundingBox();
  const life = await page.getByRole('heading', { name: 'Machine lifecycle' }).boundingBox();
  expect(graph && life && life.y > graph.y).toBe(true);
  // The graph and the lifecycle fit the column (their insides scroll when wider).
  for (const panel of ['.graph-panel', '.lifecycle-panel']) {
    const box = await page.locator(panel).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
  }
  await shot(page, testInfo, 'capi-360', true);
});

test('a Machine mark that leaves its box fades out once: a redraw during the fade does not restart it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, '?scenario=capi-quickstart&speed=100');
  // 60 Machines overflow the lifecycle's boxes: marks leave them and fade into "+N not drawn".
  await page.getByRole('spinbutton', { name: 'MachineDeployment replicas' }).fill('60');
  await page.getByRole('button', { name: 'Scale MachineDeployment' }).click();
  await page.getByRole('button', { name: /Play/ }).click();
  const leaving = '#machine-lifecycle .lc-marks > g[opacity]';
  const faintest = () =>
    page.evaluate((sel) => {
      const all = [...document.querySelectorAll(sel)];
      all.forEach((g, i) => g.setAttribute('data-probe', String(i)));
      const o = all.map((g) => Number(g.getAttribute('opacity')));
      const i = o.indexOf(Math.min(...o));
      return i < 0 ? undefined : { probe: String(i), opacity: o[i] as number };
    }, leaving);
  // Play in single frames until a fade is well under way, then pause there.
  let fading: { probe: string; opacity: number } | undefined;
  for (let i = 0; i < 400 && !(fading && fading.opacity < 0.8); i++) {
    await page.clock.runFor(16);
    fading = await faintest();
  }
  expect(fading?.opacity).toBeLessThan(0.8);
  await page.getByRole('button', { name: /Pause/ }).click();
  const probe = page.locator(`#machine-lifecycle [data-probe="${fading?.probe}"]`);
  const opacity = async () => Number(await probe.getAttribute('opacity'));
  const before = await opacity();
  // Selecting another Machine redraws the diagram with the clock stopped: the fading mark must stay as faint.
  await page.locator('#machine-lifecycle .lc-marks > g.lc-mark:not([opacity])').first().click();
  await expect(page.locator('#machine-lifecycle .lc-mark.selected')).toHaveCount(1);
  expect(await opacity()).toBeLessThanOrEqual(before);
  // And it is gone once its 600 ms are up.
  await page.clock.runFor(700);
  await expect(probe).toHaveCount(0);
});
