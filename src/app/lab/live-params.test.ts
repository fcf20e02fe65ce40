import { describe, expect, it } from 'vitest';
import { liveBase, parseLabMode } from './live-params.ts';

const page = { origin: 'http://127.0.0.1:8001', href: 'http://127.0.0.1:8001/lab/index.html?live=/' };

describe('live and attach URL parameters', () => {
  it('takes a same-origin path, absolute or relative, and ends it with a slash', () => {
    expect(liveBase('/', page)).toEqual({ base: '/' });
    expect(liveBase('', page)).toEqual({ base: '/' });
    expect(liveBase('/k8s', page)).toEqual({ base: '/k8s/' });
    expect(liveBase('../api-proxy/', page)).toEqual({ base: '/api-proxy/' });
    expect(liveBase('http://127.0.0.1:8001/x', page)).toEqual({ base: '/x/' });
  });

  it('refuses another origin, a scheme-relative host and a query', () => {
    expect(liveBase('https://cluster.example:6443/', page)).toMatchObject({ error: /another origin/ });
    expect(liveBase('//evil.example/api', page)).toMatchObject({ error: /another origin/ });
    expect(liveBase('javascript:alert(1)', page)).toMatchObject({ error: /another origin/ });
    expect(liveBase('/x?y=1', page)).toMatchObject({ error: /without \? or #/ });
  });

  it('chooses the mode; a refused live= falls back to the simulator with a notice', () => {
    expect(parseLabMode('', page)).toEqual({ mode: { mode: 'sim' }, notices: [] });
    expect(parseLabMode('?live=/', page).mode).toEqual({ mode: 'live', base: '/' });
    expect(parseLabMode('?attach=1', page).mode).toEqual({ mode: 'attach', base: '/' });
    expect(parseLabMode('?attach=1&live=/p/', page).mode).toEqual({ mode: 'attach', base: '/p/' });
    const bad = parseLabMode('?live=https://x.example/', page);
    expect(bad.mode).toEqual({ mode: 'sim' });
    expect(bad.notices[0]).toMatch(/Showing the simulator instead/);
    expect(parseLabMode('?attach=maybe', page).notices[0]).toMatch(/not true or false/);
  });
});
