import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

test.setTimeout(180_000);

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`),
    fullPage: true,
  });
}

async function open(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
}

const traceSize = async (page: Page) =>
  (await page.getByRole('combobox', { name: 'Type' }).locator('option').first().textContent()) ?? '';

/** Replaces the editor's whole text (CodeMirror: select all, then insert without auto-indent). */
async function setEditorText(page: Page, text: string) {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

test('a row of the event log selects its object and seeks there; the inspector shows YAML, diff and history', async ({
  page,
}, testInfo) => {
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
  const end = await page.getByTestId('clock').textContent();

  await page.getByRole('combobox', { name: 'Type' }).selectOption('object.phase');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Pending → Running');
  const row = page.getByTestId('event-log').getByRole('button').last();
  await expect(row).toContainText('Pod default/web-');
  await row.click();
  // Seeked back to that moment, and the Pod is selected.
  await expect(page.getByTestId('clock')).not.toHaveText(end ?? '');
  await expect(page.getByTestId('inspector-caption')).toContainText('Pod default/web-');
  await expect(page.getByTestId('inspector-yaml')).toContainText('phase: Running');
  await expect(page.getByTestId('inspector-yaml')).not.toContainText('managedFields');
  const history = page.getByTestId('rv-history').getByRole('button');
  expect(await history.count()).toBeGreaterThanOrEqual(2);
  await expect(history.first()).toHaveAttribute('aria-current', 'true');
  await expect(history.first()).toContainText('kubelet');
  await expect(history.last()).toContainText('replicaset-controller created');

  await page.getByRole('button', { name: 'Diff with previous' }).click();
  await expect(page.getByTestId('inspector-diff').locator('.diff-added').first()).toBeVisible();
  await expect(page.getByTestId('inspector-diff')).toContainText('+');
  await shot(page, testInfo, 'inspect-pod-diff');

  // An older version: the caption says how many are newer.
  await history.last().click();
  await expect(page.getByTestId('inspector-caption')).toContainText('newer');
  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await expect(page.getByTestId('inspector-yaml')).toContainText('phase: Pending');
});

test('the YAML editor rejects bad documents inline and changes nothing; a valid scale applies', async ({
  page,
}, testInfo) => {
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Object' }).selectOption({ label: 'ReplicaSet default/web' });
  const versions = await page.getByTestId('rv-history').getByRole('button').count();
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  await expect(page.locator('.cm-content')).toContainText('replicas: 3');
  const before = await traceSize(page);

  // A bad field value: the error names the document and the field, at its line, and nothing is sent.
  const text = await page.locator('.cm-content').innerText();
  await setEditorText(page, text.replace('replicas: 3', 'replicas: -1'));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('yaml-issues')).toContainText('spec.replicas');
  await expect(page.getByTestId('yaml-issues')).toContainText('document 1 (ReplicaSet "web")');
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  expect(await traceSize(page)).toBe(before);
  expect(await page.getByTestId('rv-history').getByRole('button').count()).toBe(versions);
  await shot(page, testInfo, 'inspect-yaml-error');

  // Malformed YAML: a syntax error with its line and column.
  await setEditorText(page, 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: [web\n');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('yaml-issues')).toContainText('invalid YAML');
  await expect(page.getByTestId('yaml-issues')).toContainText(/line [45], column/);
  expect(await traceSize(page)).toBe(before);

  // A valid edit: scale to 5 through the manifest.
  await setEditorText(page, text.replace('replicas: 3', 'replicas: 5'));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('yaml-message')).toContainText('Applied ReplicaSet web');
  await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
  await expect(page.locator('.scrubber .marker-user')).toHaveCount(1);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(5);
  expect(await page.getByTestId('rv-history').getByRole('button').count()).toBeGreaterThan(versions);
  await shot(page, testInfo, 'inspect-yaml-applied');
});

test('the code pane highlights the line its worker is executing while stepping', async ({
  page,
}, testInfo) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Code of controller' }).selectOption('replicaset-controller');
  const current = page.getByTestId('code-listing').locator('[aria-current="step"]');
  await expect(current).toHaveCount(0);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 300 && (await current.count()) === 0; i++) await step.click();
  await expect(current.first()).toBeVisible();
  await expect(current.first()).toContainText('default/web');
  await shot(page, testInfo, 'inspect-code-pane');
});

test('export buttons download the diagram as SVG and PNG and the trace as JSONL', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name }).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(file) };
  };
  const svg = await save('Diagram SVG');
  expect(svg.name).toMatch(/^reconcile-lab-replicaset-t[\d.]+s\.svg$/);
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
  // Standalone: styles inlined, no class left pointing at the page's stylesheet.
  expect(svgText).toContain('style="');
  expect(svgText).not.toContain('class="');

  const png = await save('Diagram PNG');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);

  const jsonl = await save('Trace JSONL');
  expect(jsonl.name).toMatch(/\.jsonl$/);
  const lines = jsonl.bytes.toString('utf8').trim().split('\n');
  expect(lines.length).toBeGreaterThan(10);
  const first = JSON.parse(lines[0]!) as { seq: number; t: number; type: string };
  expect(first.seq).toBe(1);
  expect(typeof first.type).toBe('string');
});

test('panels resize with the keyboard on their separator', async ({ page }) => {
  await open(page);
  const sep = page.getByRole('separator', { name: 'Resize the inspector and the code pane' });
  const before = Number(await sep.getAttribute('aria-valuenow'));
  await sep.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(sep).toHaveAttribute('aria-valuenow', String(before + 4));
  await page.keyboard.press('Home');
  await expect(sep).toHaveAttribute('aria-valuenow', '20');
  // Arrow keys on the separator do not step the simulation.
  await expect(page.getByTestId('executed')).toHaveText('0');
});

test('while playing, the object picker keeps its list until it is reached for; paused, it lists everything', async ({
  page,
}) => {
  await open(page);
  const picker = page.getByRole('combobox', { name: 'Object' });
  const options = picker.locator('option');
  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('12');
  await page.getByRole('button', { name: 'Scale ReplicaSet' }).click();
  await page.getByRole('button', { name: /Play/ }).click();
  // The scale's Pods appear while the lab plays; the picker, untouched, keeps the objects it had.
  await expect(page.locator('.pods [data-phase]')).toHaveCount(12, { timeout: 30_000 });
  const untouched = await options.count();
  await picker.focus();
  await expect.poll(() => options.count()).toBeGreaterThan(untouched);
  await expect(picker.locator('option', { hasText: /^Pod default\/web-/ })).toHaveCount(12);
  await page.getByRole('button', { name: /Pause/ }).click();
  await expect(picker.locator('option', { hasText: /^Pod default\/web-/ })).toHaveCount(12);
});
