import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/** Fake timers: requestAnimationFrame only fires when the test runs the clock, so virtual time is exact. */
async function open(page: Page) {
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./?scenario=replicaset');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
}

const input = (page: Page) => page.getByRole('textbox', { name: 'kubectl command' });
const log = (page: Page) => page.getByRole('log', { name: 'kubectl output' });

async function kubectl(page: Page, command: string) {
  await input(page).fill(command);
  await input(page).press('Enter');
  await expect(input(page)).toHaveValue('');
}

test('the kubectl console: get, scale, get -w, an unknown type, and apply of pasted YAML', async ({
  page,
}, testInfo) => {
  // Several helpers share two cores: rendering a few seconds of frames can take a while.
  test.setTimeout(120_000);
  await open(page);
  await page.keyboard.press('.');
  await page.getByRole('button', { name: 'kubectl', exact: true }).click();
  await expect(input(page)).toBeFocused();

  await kubectl(page, 'kubectl get pods');
  await expect(log(page)).toContainText('NAME        READY   STATUS    RESTARTS   AGE');
  await expect(log(page).locator('pre', { hasText: /^web-\w{5} {3}1\/1 {5}Running/ })).toHaveCount(3);

  await kubectl(page, 'kubectl scale rs/web --replicas=5');
  await expect(log(page)).toContainText('replicaset.apps/web scaled');

  await kubectl(page, 'kubectl get pods -w');
  await expect(page.getByRole('button', { name: 'Stop watches' })).toBeVisible();
  // The world runs: the watch prints the new Pods as they go Pending, then Running.
  await page.getByRole('button', { name: /Play/ }).click();
  await page.clock.runFor(4000);
  await page.getByRole('button', { name: /Pause/ }).click();
  // React renders from the (fake) timers: let it flush the last frame's lines.
  await page.clock.runFor(100);
  await expect(
    log(page)
      .locator('pre', { hasText: /^web-\w{5} {3}0\/1 {5}Pending/ })
      .first(),
  ).toBeVisible();
  // 3 from the first get, 3 from the watch's list, then the 2 new Pods once Running.
  await expect
    .poll(() =>
      log(page)
        .locator('pre', { hasText: /^web-\w{5} {3}1\/1 {5}Running/ })
        .count(),
    )
    .toBeGreaterThanOrEqual(8);
  await input(page).press('Control+c');
  await expect(log(page)).toContainText('^C');
  await expect(page.getByRole('button', { name: 'Stop watches' })).toHaveCount(0);

  await kubectl(page, 'kubectl get foo');
  await expect(
    log(page).locator('pre.kc-err', { hasText: 'error: the server doesn\'t have a resource type "foo"' }),
  ).toHaveCount(1);

  await kubectl(
    page,
    [
      'kubectl apply -f - <<EOF',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: demo',
      'data:',
      '  a: "1"',
      'EOF',
    ].join('\n'),
  );
  await expect(log(page)).toContainText('configmap/demo created');
  await kubectl(page, 'kubectl get cm');
  await expect(log(page).locator('pre', { hasText: /^demo {3}1 {4}/ })).toHaveCount(1);

  // History: ↑ brings back the last command.
  await input(page).press('ArrowUp');
  await expect(input(page)).toHaveValue('kubectl get cm');
  await input(page).fill('');

  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'screenshots', 'console-1280.png') });

  // The writes were user actions: they show on the timeline as markers.
  await input(page).press('Escape');
  await expect(page.getByRole('region', { name: 'kubectl console' })).toHaveCount(0);
  await page.keyboard.press('k');
  await expect(input(page)).toBeVisible();
});
