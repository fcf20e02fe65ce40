import { writeFileSync } from 'node:fs';
import { expect, test, type Frame, type Page } from '@playwright/test';

// Issue 5 "Embedding" (DESIGN.md §2 URL parameters and postMessage; docs/embedding.md).

interface LabEvent {
  source: string;
  event: string;
  t?: number;
  playing?: boolean;
  height?: number;
  reason?: string;
}

/** Records, in every frame, the lab's messages a window receives (events in the host, commands in the lab). */
async function recordMessages(page: Page) {
  await page.context().addInitScript(() => {
    const w = window as unknown as { __received: { origin: string; data: unknown }[] };
    w.__received = [];
    window.addEventListener('message', (e) => w.__received.push({ origin: e.origin, data: e.data }));
  });
}

const hostEvents = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __received: { data: LabEvent }[] }).__received
      .map((r) => r.data)
      .filter((d) => d && d.source === 'reconcile-lab'),
  );

const received = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { __received: unknown[] }).__received.length);

async function labFrame(page: Page, selector = '#lab'): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.waitForSelector('[data-testid="clock"]');
  return frame;
}

/** Lets the lab render whatever a message it just received changed. */
const nextFrames = (frame: Frame) =>
  frame.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined)))),
  );

test('the demo host drives the embedded lab and receives ready, state and resize events', async ({
  page,
}) => {
  await recordMessages(page);
  await page.goto('./embed-demo.html');
  const lab = await labFrame(page);
  await expect
    .poll(async () => (await hostEvents(page)).map((e) => e.event).slice(0, 2))
    .toEqual(['ready', 'state']);
  // embed=1 hides the chrome and keeps the transport and the panels.
  await expect(lab.locator('.lab-head')).toHaveCount(0);
  await expect(lab.getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(lab.locator('.loop-panel')).toBeVisible();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('#state')).toContainText('playing');
  await expect
    .poll(async () => (await hostEvents(page)).some((e) => e.event === 'state' && e.playing))
    .toBe(true);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.locator('#state')).toContainText('paused');

  await page.getByRole('button', { name: 'Seek to 30 s' }).click();
  await expect(lab.getByTestId('clock')).toHaveText('30.000 s');
  await expect(page.locator('#state')).toContainText('t=30.0s');
  await expect
    .poll(async () => (await hostEvents(page)).some((e) => e.event === 'state' && e.t === 30_000))
    .toBe(true);

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(lab.getByTestId('clock')).toHaveText('0.000 s');
  const before = Number(await lab.getByTestId('executed').textContent());
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(lab.getByTestId('executed')).toHaveText(String(before + 1));

  // Auto-height: the host sizes the iframe from the resize events, and the lab needs no scrollbar of its own.
  await expect
    .poll(async () => {
      const resizes = (await hostEvents(page)).filter((e) => e.event === 'resize');
      const last = resizes[resizes.length - 1]?.height;
      const css = await page.locator('#lab').evaluate((f) => (f as HTMLIFrameElement).style.height);
      return last !== undefined && last > 300 && css === `${last}px`;
    })
    .toBe(true);
  const fits = await lab.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  expect(fits).toBe(true);
});

test.describe('only the parent window, from parentOrigin, drives the lab', () => {
  // The host below frames the lab from another origin; the demo page's CSP (frame-src 'self') would refuse.
  test.use({ bypassCSP: true });

  test('ignores commands from its own window, from a sibling frame and from another origin', async ({
    page,
    baseURL,
  }) => {
    await recordMessages(page);
    const port = new URL(baseURL!).port;
    const labOrigin = new URL(baseURL!).origin;
    // The same server under another name is another origin (both on loopback, so no network rule intervenes).
    const host = `http://localhost:${port}`;
    const seek = (t: number) => ({ source: 'reconcile-lab', type: 'command', command: 'seek', t });
    await page.goto(`${host}/embed-demo.html`);
    // Two more labs: one that names this host as its parentOrigin, one that names another origin; and a
    // sibling frame from the host's own origin that tries to drive the first.
    await page.evaluate(
      ([lab, hostOrigin]) => {
        const add = (id: string, src: string) => {
          const f = document.createElement('iframe');
          f.id = id;
          f.src = src;
          f.style.cssText = 'width:900px;height:600px';
          document.body.prepend(f);
        };
        add('sibling', `${hostOrigin}/favicon.svg`);
        add('wary', `${lab}/index.html?embed=1&parentOrigin=${encodeURIComponent(lab)}`);
        add('trusting', `${lab}/index.html?embed=1&parentOrigin=${encodeURIComponent(hostOrigin)}`);
      },
      [labOrigin, host] as const,
    );
    const trusting = await labFrame(page, '#trusting');
    const wary = await labFrame(page, '#wary');
    const sibling = (await (await page.waitForSelector('#sibling')).contentFrame())!;
    await sibling.waitForLoadState();

    // Its own window: the lab posting to itself is not its parent.
    let n = await received(trusting);
    await trusting.evaluate((m) => window.postMessage(m, '*'), seek(40_000));
    await expect.poll(() => received(trusting)).toBeGreaterThan(n);
    await nextFrames(trusting);
    await expect(trusting.getByTestId('clock')).toHaveText('0.000 s');

    // A sibling frame, even from the trusted origin, is not the parent.
    n = await received(trusting);
    await sibling.evaluate(
      (m) =>
        (window.parent.document.getElementById('trusting') as HTMLIFrameElement).contentWindow!.postMessage(
          m,
          '*',
        ),
      seek(40_000),
    );
    await expect.poll(() => received(trusting)).toBeGreaterThan(n);
    await nextFrames(trusting);
    await expect(trusting.getByTestId('clock')).toHaveText('0.000 s');

    // The parent itself, when its origin is not the lab's parentOrigin.
    const postTo = (id: string, m: unknown) =>
      page.evaluate(
        ([i, msg]) => (document.getElementById(i) as HTMLIFrameElement).contentWindow!.postMessage(msg, '*'),
        [id, m] as const,
      );
    n = await received(wary);
    await postTo('wary', seek(40_000));
    await expect.poll(() => received(wary)).toBeGreaterThan(n);
    await nextFrames(wary);
    await expect(wary.getByTestId('clock')).toHaveText('0.000 s');

    // The same command from the right parent and origin is obeyed: the checks above were not vacuous.
    await postTo('trusting', seek(2_000));
    await expect(trusting.getByTestId('clock')).toHaveText('2.000 s');
    const states = (await hostEvents(page)).filter((e) => e.event === 'state');
    expect(states.some((e) => e.t === 2_000)).toBe(true);
    expect(states.some((e) => e.t === 40_000)).toBe(false);
  });
});

/** Pixels that differ by more than rasterisation noise between two PNG screenshots, decoded in the page. */
async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, c.width, c.height);
      };
      const [p, q] = [await load(x), await load(y)];
      if (p.width !== q.width || p.height !== q.height) return Number.POSITIVE_INFINITY;
      // Anti-aliased edges may be rasterised one level apart between two pages; a change of state is not.
      const off = (i: number) => Math.abs(p.data[i]! - q.data[i]!) > 2;
      let differ = 0;
      for (let i = 0; i < p.data.length; i += 4)
        if (off(i) || off(i + 1) || off(i + 2) || off(i + 3)) differ++;
      return differ;
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

test('a permalink restores the exact moment: same clock, same event, same pixels', async ({
  page,
  context,
}) => {
  // Tall enough that no panel hides under the sticky transport when it is photographed.
  const viewport = { width: 1280, height: 2400 };
  await page.setViewportSize(viewport);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./?seed=7');
  await page.getByRole('button', { name: 'Step to quiet' }).click();
  await expect(page.locator('.pods [data-phase="Running"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete Pod' }).click();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('5');
  await page.getByRole('button', { name: 'Scale ReplicaSet' }).click();
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByLabel('Link').inputValue();
  const snippet = await dialog.getByLabel('Embed code').inputValue();
  expect(link).toContain('seed=7');
  expect(link).toContain('actions=');
  expect(snippet).toContain('embed=1');
  expect(snippet).toContain('title="Reconcile Lab"');
  // Esc closes the dialog and gives the lab its keys back.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const clock = await page.getByTestId('clock').textContent();
  const executed = await page.getByTestId('executed').textContent();
  // The panels that show the world.
  const panels = ['.loop-panel', '.desired-panel', '.log-view', '.code-panel'];
  // No hover or focus ring on either page: only the world's state is compared.
  // The action form's own reply ("✓ Scaled web to 5.") is not part of the moment; its glyphs change the line
  // height by a pixel, so both pages get the same fixed-height, hidden line.
  const settle = async (p: Page) => {
    await p.addStyleTag({
      content: '.action-message { visibility: hidden; height: 2em; overflow: hidden; }',
    });
    await p.mouse.move(0, 0);
    await p.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    // Both pages painted afresh: the one that stepped to the moment holds tiles repainted piece by piece as the
    // diagrams changed, and a rounded corner repainted under a clip is anti-aliased a few levels off a whole one.
    await p.setViewportSize({ width: viewport.width + 1, height: viewport.height });
    await p.setViewportSize(viewport);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
  await settle(page);
  const shots = [];
  for (const p of panels) shots.push(await page.locator(p).screenshot());

  const again = await context.newPage();
  await again.setViewportSize(viewport);
  await again.emulateMedia({ reducedMotion: 'reduce' });
  await again.goto(link);
  await expect(again.getByTestId('clock')).toHaveText(clock!);
  await expect(again.getByTestId('executed')).toHaveText(executed!);
  await expect(again.locator('.notices')).toHaveCount(0);
  await settle(again);
  for (const [i, p] of panels.entries()) {
    const shot = await again.locator(p).screenshot();
    // Kept beside the test's output for a look when the two differ.
    writeFileSync(test.info().outputPath(`original-${i}.png`), shots[i]!);
    writeFileSync(test.info().outputPath(`restored-${i}.png`), shot);
    expect(await pixelDiff(page, shots[i]!, shot), `pixels differing in ${p}`).toBe(0);
  }
});

test('garbage URL parameters give a notice each and the defaults, never a blank page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // Node's HTTP server refuses request heads over 16 kB: the 100 kB cases are in url-params.test.ts.
  const big = 'x'.repeat(8_000);
  const q = new URLSearchParams({
    embed: 'banana',
    seed: 'abc',
    speed: '1e999',
    t: 'NaN',
    theme: '<img src=x onerror=alert(1)>',
    panels: 'foo,<script>',
    parentOrigin: 'javascript:alert(1)',
    actions: big,
    autoplay: 'maybe',
  });
  await page.goto(`./?${q.toString()}`);
  const notices = page.locator('.notices li');
  await expect(notices).toHaveCount(9);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile Lab');
  await expect(page.getByTestId('clock')).toHaveText('0.000 s');
  await expect(page.getByTestId('seed')).toHaveText('1');
  await expect(page.getByTestId('speed')).toHaveText('1×');
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  for (const text of await notices.allTextContents()) expect(text.length).toBeLessThan(300);
  expect(errors).toEqual([]);
});

test('the wheel over the embedded lab scrolls the host page until the lab has focus', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./embed-demo.html');
  const lab = await labFrame(page);
  await page.getByRole('button', { name: 'Seek to 30 s' }).click();
  await expect(lab.getByTestId('clock')).toHaveText('30.000 s');
  // The event log: a scroll area inside the lab, full of events by now.
  const log = lab.locator('.log-view');
  await log.scrollIntoViewIfNeeded();
  const scrollable = await log.evaluate((el) => el.scrollHeight > el.clientHeight + 50);
  expect(scrollable).toBe(true);

  const box = (await log.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hostBefore = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(hostBefore);
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);

  // Clicked into, the lab keeps the wheel for its log.
  const box2 = (await log.boundingBox())!;
  await page.mouse.click(box2.x + box2.width / 2, box2.y + box2.height / 2);
  await expect
    .poll(() => lab.evaluate(() => document.querySelector('.lab')!.matches(':focus-within')))
    .toBe(true);
  const hostAfter = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(hostAfter);
});
