import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Issue 4: axe-core finds no serious or critical violation on any screen of the lab (lesson screens are
// checked in lessons.spec.ts, on each lesson's first and last step).
async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const screens: { name: string; url: string; open?: (page: Page) => Promise<void> }[] = [
  { name: 'the ReplicaSet lab', url: './' },
  { name: 'the Cluster API lab, light', url: './?scenario=capi-quickstart&t=40000&theme=light' },
  { name: 'the Cluster API lab, dark', url: './?scenario=capi-quickstart&t=40000&theme=dark' },
  { name: 'the Cluster API lab, projector', url: './?scenario=capi-quickstart&t=40000&theme=projector' },
  { name: 'the embedded lab', url: './?embed=1&scenario=capi-quickstart&t=40000' },
  {
    name: 'the kubectl console',
    url: './',
    open: (page) => page.getByRole('button', { name: 'kubectl', exact: true }).click(),
  },
  { name: 'the shortcuts overlay', url: './', open: (page) => page.keyboard.press('?') },
  {
    name: 'the Share dialog',
    url: './',
    open: (page) => page.getByRole('button', { name: 'Share' }).click(),
  },
  {
    name: 'the lesson picker',
    url: './',
    open: (page) => page.getByRole('button', { name: 'Lessons' }).click(),
  },
];

for (const s of screens) {
  test(`axe: no serious or critical violation on ${s.name}`, async ({ page }) => {
    await page.goto(s.url);
    await expect(page.getByTestId('clock')).toBeVisible();
    if (s.open) await s.open(page);
    // Lazily loaded panels arrive a moment after the first frame.
    await page.waitForTimeout(500);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
