import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { LESSONS } from '../src/lessons/catalog.ts';
import type { Lesson, LessonStep } from '../src/lessons/lesson-types.ts';

const panel = (page: Page) => page.getByTestId('lesson-panel');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run step' });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`),
    fullPage: true,
  });
}

/** axe-core on the page as it stands: no serious or critical WCAG 2 A/AA violation. */
async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, where).toEqual([]);
}

/** Answers a step's prediction by clicking: the right choice, or any number. */
async function predict(page: Page, step: LessonStep) {
  const p = step.predict;
  if (!p) return;
  await expect(runButton(page), `${step.id}: predictions gate progress`).toBeDisabled();
  if (p.kind === 'choice')
    await page.getByRole('button', { name: p.choices[p.answer]!, exact: true }).click();
  else await page.getByRole('spinbutton', { name: 'Your answer' }).fill('1');
  await expect(runButton(page)).toBeEnabled();
}

async function runToEnd(page: Page, lesson: Lesson, step: LessonStep) {
  await runButton(page).click();
  // Long virtual runs are skipped to their end: the same stop event as playing them out.
  const skip = page.getByRole('button', { name: 'Skip to the end of the step' });
  if (await skip.isVisible()) await skip.click({ timeout: 2_000 }).catch(() => {});
  await expect(panel(page)).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  const outcome = page.getByTestId('lesson-outcome');
  if (step.predict?.kind === 'choice') await expect(outcome.locator('.verdict')).toContainText('Right');
  const checks = outcome.locator('.lesson-checks li');
  await expect(checks).toHaveCount(step.checks?.length ?? 0);
  await expect(
    outcome.locator('.lesson-checks li.fail'),
    `${lesson.id}/${step.id}: every check holds`,
  ).toHaveCount(0);
}

for (const lesson of LESSONS) {
  test(`${lesson.id} runs from start to end by clicking; first and last steps pass axe`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await page.goto(`./?lesson=${lesson.id}&speed=100`);
    await expect(page.getByRole('heading', { name: lesson.title })).toBeVisible();
    await expect(page.getByRole('button', { name: /Play/ })).toBeVisible(); // starts paused
    await expectAccessible(page, `${lesson.id} first step`);
    for (const [i, step] of lesson.steps.entries()) {
      await expect(page.getByTestId('lesson-progress')).toHaveText(`Step ${i + 1} of ${lesson.steps.length}`);
      await expect(page.getByTestId('lesson-step-title')).toHaveText(step.title);
      await predict(page, step);
      await runToEnd(page, lesson, step);
      if (i + 1 < lesson.steps.length) await page.getByRole('button', { name: 'Next step' }).click();
    }
    await expect(page.getByText('Lesson complete.')).toBeVisible();
    await expectAccessible(page, `${lesson.id} last step`);
    if (lesson.id === 'l1-the-loop') await shot(page, testInfo, 'lesson-l1-done-1280x800');
  });
}

test('the picker lists every lesson with its type and opens one; sources leave the origin only on click', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons and bug labs' });
  await expect(dialog.locator('.lesson-pick')).toHaveCount(LESSONS.length);
  await expect(dialog.locator('.badge').first()).toHaveText(/Lesson|Bug lab/);
  await shot(page, testInfo, 'lesson-picker');
  await dialog.getByRole('button', { name: new RegExp(LESSONS[0]!.title) }).click();
  await expect(panel(page)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('lesson')).toBe(LESSONS[0]!.id);
  const links = panel(page).locator('.lesson-sources a');
  await expect(links.first()).toHaveAttribute('rel', 'noopener');
  for (const rel of await links.evaluateAll((as) => as.map((a) => a.getAttribute('rel'))))
    expect(rel).toBe('noopener');
  // The step's highlight outlines its panels and labels them (not colour alone).
  await expect(page.locator('[data-panel~="desired"][data-lesson-focus]')).toHaveAttribute(
    'data-lesson-focus',
    /desired vs actual/,
  );
});

test('garbage lesson parameters give a notice and the defaults', async ({ page }) => {
  await page.goto('./?lesson=%3Cscript%3E&step=abc');
  const notices = page.getByRole('status', { name: 'URL parameters ignored' });
  await expect(notices).toContainText('lesson "<script>" is not one of');
  await expect(notices).toContainText('step "abc" is not a step number');
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeVisible();
  await expect(panel(page)).toHaveCount(0);

  await page.goto('./?lesson=l1-the-loop&step=99');
  await expect(page.getByRole('status', { name: 'URL parameters ignored' })).toContainText('step 99');
  await expect(page.getByTestId('lesson-progress')).toHaveText(/^Step 1 of/);
});

test('opens at a step from the URL, goes back, and a knob restarts the lesson', async ({ page }) => {
  await page.goto('./?lesson=l1-the-loop&step=1&speed=100');
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 2 of 3');
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 3');
  await expect(page.locator('.pods [data-phase]')).toHaveCount(0);
  await page.getByRole('spinbutton', { name: 'Desired replicas (number)' }).fill('5');
  await page.getByRole('spinbutton', { name: 'Your answer' }).fill('5');
  await runButton(page).click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('lesson-outcome').locator('.verdict')).toContainText('Right');
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(5);
});
