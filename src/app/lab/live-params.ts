/**
 * Which world the page shows: the in-page simulator (the default), a served engine (`?attach=1`, or the bare
 * page of `npm run serve`, which redirects there) or a real cluster, read-only (`?live=<path>`: the same-origin
 * path where `kubectl proxy` serves the Kubernetes API). The built page's Content-Security-Policy allows only
 * same-origin requests, so `live=` names a path on this origin; another scheme or host is refused with a notice.
 */

export type LabMode = { mode: 'sim' } | { mode: 'live'; base: string } | { mode: 'attach'; base: string };

export interface ParsedMode {
  mode: LabMode;
  notices: string[];
}

const BOOL: Readonly<Record<string, boolean>> = { '': true, '1': true, true: true, '0': false, false: false };

/** The API base for a `live=` value: an absolute path ending in "/", or an error for the notice. */
export function liveBase(
  value: string,
  page: { origin: string; href: string },
): { base: string } | { error: string } {
  const v = value.trim();
  if (v === '') return { base: '/' };
  let url: URL;
  try {
    url = new URL(v, page.href);
  } catch {
    return { error: `live "${value}" is not a path` };
  }
  // A scheme or a host of its own ("https://…", "//host/…") leaves the page's origin: the CSP would block it.
  if (url.origin !== page.origin)
    return {
      error: `live "${value}" points at ${url.origin}, another origin than this page's (${page.origin}): serve the page through kubectl proxy --www and give a path`,
    };
  if (url.search || url.hash) return { error: `live "${value}" must be a path without ? or #` };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { base: path };
}

export function parseLabMode(search: string, page: { origin: string; href: string }): ParsedMode {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const live = q.get('live');
  const attachRaw = q.get('attach');
  let attach = false;
  if (attachRaw !== null) {
    const v = BOOL[attachRaw.toLowerCase()];
    if (v === undefined) notices.push(`attach "${attachRaw}" is not true or false: not attaching.`);
    else attach = v;
  }
  let base = '/';
  if (live !== null) {
    const r = liveBase(live, page);
    if ('error' in r) {
      notices.push(`${r.error}. Showing the simulator instead.`);
      return { mode: { mode: 'sim' }, notices };
    }
    base = r.base;
  }
  if (attach) return { mode: { mode: 'attach', base }, notices };
  if (live !== null) return { mode: { mode: 'live', base }, notices };
  return { mode: { mode: 'sim' }, notices };
}
