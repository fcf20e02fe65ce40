import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const panel = (page: Page) => page.getByTestId('lesson-panel');
const progress = (page: Page) => page.getByTestId('lesson-progress');

/**
 * PageDown runs the step, which at 100× ends by itself. No second PageDown to finish it: reading "running"
 * and then pressing races the run's end, and a press after the end advances to the next step.
 */
async function runByClicker(page: Page) {
  await page.keyboard.press('PageDown');
  await expect(panel(page)).toHaveAttribute('data-phase', /running|done/);
  await expect(panel(page)).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`) });
}

test('presenter keys: PageDown runs then advances, PageUp goes back, b and . blank, r resets', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?lesson=l1-the-loop&presenter=1&speed=100');
  await expect(page.locator('.lab')).toHaveAttribute('data-theme', 'projector');
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible(); // starts paused
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await shot(page, testInfo, 'presenter-1920x1080-start');

  // Not answered yet: the clicker moves focus to the prediction instead of running.
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('spinbutton', { name: 'Your answer' })).toBeFocused();
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  await page.keyboard.type('3');
  await runByClicker(page);
  await expect(page.getByTestId('lesson-outcome')).toContainText('Right');
  await shot(page, testInfo, 'presenter-1920x1080-outcome');
  await page.keyboard.press('ArrowRight');
  await expect(progress(page)).toHaveText('Step 2 of 3');

  await page.keyboard.press('PageUp');
  await expect(progress(page)).toHaveText('Step 1 of 3');
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('presenter-blank')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('presenter-blank')).toHaveCount(0);
  await page.keyboard.press('.');
  await expect(page.getByTestId('presenter-blank')).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByTestId('presenter-blank')).toHaveCount(0);

  // Step 2 run, then r puts it back at its start.
  await page.getByRole('spinbutton', { name: 'Your answer' }).fill('3');
  await runByClicker(page);
  await page.keyboard.press('ArrowRight');
  await expect(progress(page)).toHaveText('Step 2 of 3');
  const start = await page.getByTestId('clock').textContent();
  await page.getByRole('button', { name: 'It creates exactly one replacement Pod' }).click();
  await runByClicker(page);
  await page.keyboard.press('r');
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  await expect(page.getByTestId('clock')).toHaveText(start!);
});

test('the notes window follows the main window and drives it over BroadcastChannel', async ({
  page,
  context,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?lesson=l1-the-loop&presenter=1&speed=100');
  const [notes] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Speaker notes' }).click(),
  ]);
  await notes.waitForLoadState();
  await expect(notes.getByTestId('notes-step')).toContainText('Step 1 of 3: A setpoint, and nothing yet');
  await expect(notes.getByTestId('notes-answer')).toContainText('Measured by the simulation');

  // The main window moves: the notes follow.
  await page.getByRole('spinbutton', { name: 'Your answer' }).fill('3');
  await runByClicker(page);
  await expect(notes.getByTestId('notes-step')).toContainText('(done, answered)');

  // The notes' Next advances the main window.
  await notes.getByRole('button', { name: 'Next ▶' }).click();
  await expect(progress(page)).toHaveText('Step 2 of 3');
  await expect(notes.getByTestId('notes-step')).toContainText('Step 2 of 3: A disturbance');
  await expect(notes.getByTestId('notes-answer')).toContainText('It creates exactly one replacement Pod');
  await notes.getByRole('button', { name: '◀ Previous' }).click();
  await expect(progress(page)).toHaveText('Step 1 of 3');
  await notes.setViewportSize({ width: 760, height: 820 });
  await notes.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', 'notes-window.png') });
});
