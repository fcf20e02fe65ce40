import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const running = (page: Page) => page.locator('.pods [data-phase="Running"]');

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`),
    fullPage: true,
  });
}

async function open(page: Page) {
  // Fake timers: requestAnimationFrame only fires when the test runs the clock, so virtual time is exact.
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
}

test('play: the ReplicaSet controller creates three Pods and the kubelet starts them', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page);
  await page.getByRole('button', { name: /Play/ }).click();
  // About 2 s of virtual time at 1×: the Pods are created within milliseconds and started about 2 s later.
  await page.clock.runFor(300);
  await expect(page.locator('.pods [data-phase]')).toHaveCount(3);
  await page.clock.runFor(3000);
  await expect(running(page)).toHaveCount(3);
  await page.getByRole('button', { name: /Pause/ }).click();
  await expect(page.getByTestId('rs-state')).toContainText('converged');
  await page.getByRole('combobox', { name: 'Type' }).selectOption('object.phase');
  await expect(page.getByTestId('event-log')).toContainText('Pending → Running');
  await shot(page, testInfo, 'lab-converged');
});

test('tokens move along the loop with virtual time', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page);
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(100);
  await page.getByRole('button', { name: /Pause/ }).click();
  const tokens = page.locator('#loop-diagram .token');
  await expect(tokens.first()).toBeAttached();
  const before = await page
    .locator('#loop-diagram .token')
    .evaluateAll((els) => els.map((e) => e.getAttribute('transform')));
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(50);
  const after = await page
    .locator('#loop-diagram .token')
    .evaluateAll((els) => els.map((e) => e.getAttribute('transform')));
  expect(after).not.toEqual(before);
  await page.getByRole('button', { name: /Pause/ }).click();
  // A token's tooltip is written when the pointer reaches it.
  const token = page.locator('#loop-diagram .token').first();
  await token.dispatchEvent('pointerover');
  await expect(token.locator('title')).not.toHaveText('');
  await shot(page, testInfo, 'lab-tokens');
});

test('scale up, see more Pods; scrub back and the earlier state is shown', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  const scaledAt = await page.getByRole('slider', { name: /Timeline/ }).inputValue();

  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('6');
  await page.getByRole('button', { name: 'Scale ReplicaSet' }).click();
  await expect(page.getByTestId('action-message')).toContainText('Scaled web to 6');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(6);
  await expect(page.locator('.scrubber .marker-user')).toHaveCount(1);
  await shot(page, testInfo, 'lab-scaled');

  // Back to the moment before the scale: three Pods again, and the scale ahead on the scrubber.
  await page.getByRole('slider', { name: /Timeline/ }).fill(String(Number(scaledAt) - 1));
  await expect(running(page)).toHaveCount(3);
  await expect(page.locator('.pods [data-phase]')).toHaveCount(3);
  await expect(page.locator('.scrubber .marker-ahead')).toHaveCount(1);
  await shot(page, testInfo, 'lab-scrubbed-back');

  // And forward again: the same six Pods.
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(6);
});

test('a crashed controller relists and repairs a deleted Pod', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Fault' }).selectOption('controllerCrash');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await expect(page.getByTestId('action-message')).toContainText('Injected controllerCrash');
  const victim = await page.getByRole('combobox', { name: 'Pod to delete' }).inputValue();
  await page.getByRole('button', { name: 'Delete Pod' }).click();
  await expect(page.locator('.scrubber .marker-fault')).toHaveCount(1);
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(400);
  await page.getByRole('button', { name: /Pause/ }).click();
  await shot(page, testInfo, 'lab-fault-recovering');
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  await expect(page.locator(`.pods [data-phase="Running"]`, { hasText: victim })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Type' }).selectOption('controller.crash');
  await expect(page.getByTestId('event-log')).toContainText('crashed');
  await shot(page, testInfo, 'lab-fault-recovered');
});

test('a bad action shows an inline error and changes nothing', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  const clock = await page.getByTestId('clock').textContent();
  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('-2');
  await page.getByRole('button', { name: 'Scale ReplicaSet' }).click();
  await expect(page.getByRole('alert')).toContainText('replicas');
  await expect(page.locator('.scrubber .marker-user')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  expect(await page.getByTestId('clock').textContent()).not.toBe(clock);
});

test('keyboard shortcuts and the help overlay', async ({ page }) => {
  await open(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('executed')).toHaveText('0');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('executed')).toHaveText('1');
  await page.keyboard.press('.');
  await expect(running(page)).toHaveCount(3);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  await page.keyboard.press(' ');
  await page.keyboard.press('r');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await expect(page.locator('.pods [data-phase]')).toHaveCount(0);
});

test('themes and sizes: dark, projector, 360 px iframe width, 4K', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await shot(page, testInfo, 'lab-dark');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('projector');
  await shot(page, testInfo, 'lab-projector');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, testInfo, 'lab-360');
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shot(page, testInfo, 'lab-4k');
});

test('reconcile errors: the key waits in the rate limiter, its backoff shown counting down', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await page.getByRole('combobox', { name: 'Fault' }).selectOption('reconcileError');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('button', { name: 'Delete Pod' }).click();
  const queue = page.locator('#loop-diagram .box-queue');
  let seen = false;
  for (let i = 0; i < 300 && !seen; i++) {
    await page.keyboard.press('ArrowRight');
    seen = ((await queue.textContent()) ?? '').includes('fail');
  }
  expect(seen).toBe(true);
  await expect(queue).toContainText(/wait \d+ ms/);
  await shot(page, testInfo, 'lab-backoff');
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(running(page)).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Type' }).selectOption('queue.ratelimited');
  await expect(page.getByTestId('event-log')).toContainText('back off');
});

test('URL parameters: good ones apply, garbage falls back with a notice', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.goto('./?seed=abc&theme=dark&t=3000&speed=10');
  await expect(page.getByRole('status', { name: 'URL parameters ignored' })).toContainText('seed "abc"');
  await expect(page.getByTestId('seed')).toHaveText('1');
  await expect(page.getByTestId('speed')).toHaveText('10×');
  await expect(page.getByTestId('clock')).toHaveText('3.000 s');
  await expect(running(page)).toHaveCount(3);
  await expect(page.locator('.lab')).toHaveAttribute('data-theme', 'dark');
});

test('reduced motion: tokens hold still mid-edge instead of moving', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./');
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(100);
  await page.getByRole('button', { name: /Pause/ }).click();
  const positions = () =>
    page.locator('#loop-diagram .token').evaluateAll((els) => els.map((e) => e.getAttribute('transform')));
  const before = await positions();
  expect(before.length).toBeGreaterThan(0);
  // Watch tokens sit at the middle of the watch edge (x 196 → 266).
  expect(before.some((p) => p?.startsWith('translate(231.0,'))).toBe(true);
});
