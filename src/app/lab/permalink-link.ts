/**
 * The Share dialog's two outputs: the permalink to the moment on screen and the iframe snippet that embeds it
 * (DESIGN.md §2, docs/embedding.md). Both are built from the page's own address, so a lab hosted under a
 * sub-path links to itself there.
 */
import { encodeTape, type PermalinkTape } from './permalink.ts';
import { DEFAULT_SPEED } from './speed.ts';

export type Moment =
  | { kind: 'scenario'; scenario: string; seed: number; t: number; speed: number; tape: PermalinkTape }
  | { kind: 'lesson'; lesson: string; step: number; speed: number };

/** The page's address without query or fragment: where the permalink points. */
export function labBase(href: string): string {
  const u = new URL(href);
  return `${u.origin}${u.pathname}`;
}

export function permalinkUrl(base: string, m: Moment): string {
  const q = new URLSearchParams();
  if (m.kind === 'lesson') {
    q.set('lesson', m.lesson);
    q.set('step', String(m.step));
  } else {
    q.set('scenario', m.scenario);
    q.set('seed', String(m.seed));
    q.set('t', String(m.t));
    // A moment reached by playing alone needs no tape: seeking to t gives it. Stepping or acting does.
    if (m.tape.actions.length > 0 || m.t > 0 || m.tape.events > 0) q.set('actions', encodeTape(m.tape));
  }
  if (m.speed !== DEFAULT_SPEED) q.set('speed', String(m.speed));
  return `${base}?${q.toString()}`;
}

/** The permalink in embed mode. The host adds parentOrigin=<its origin> to have its commands checked. */
export function embedUrl(permalink: string): string {
  const u = new URL(permalink);
  u.searchParams.set('embed', '1');
  return u.toString();
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The iframe plus a 6-line host script that follows the lab's resize events (auto-height). */
export function iframeSnippet(permalink: string): string {
  return [
    `<iframe src="${attr(embedUrl(permalink))}" title="Reconcile Lab" style="width:100%;border:0" loading="lazy"></iframe>`,
    '<script>',
    "  addEventListener('message', (e) => {",
    '    const f = document.querySelector(\'iframe[title="Reconcile Lab"]\');',
    '    const d = e.data;',
    "    if (!f || e.source !== f.contentWindow || !d || d.source !== 'reconcile-lab') return;",
    "    if (d.event === 'resize') f.style.height = d.height + 'px';",
    '  });',
    '</script>',
  ].join('\n');
}
