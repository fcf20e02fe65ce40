import { describe, expect, it } from 'vitest';
import { encodeTape } from './permalink.ts';
import { parseLabParams } from './url-params.ts';

describe('parseLabParams', () => {
  it('reads good values', () => {
    expect(parseLabParams('?seed=7&speed=10&theme=projector&t=1500&autoplay=1').params).toEqual({
      seed: 7,
      speed: 10,
      theme: 'projector',
      t: 1500,
      autoplay: true,
    });
  });

  it('defaults to paused, auto theme and the scenario seed', () => {
    expect(parseLabParams('')).toEqual({
      params: { seed: undefined, speed: undefined, theme: 'auto', t: undefined, autoplay: false },
      notices: [],
    });
  });

  it('falls back on garbage with one notice per bad parameter', () => {
    const r = parseLabParams('?seed=abc&speed=1000&theme=neon&t=-5&autoplay=maybe');
    expect(r.params).toEqual({
      seed: undefined,
      speed: undefined,
      theme: 'auto',
      t: undefined,
      autoplay: false,
    });
    expect(r.notices).toHaveLength(5);
    expect(r.notices[0]).toContain('seed "abc"');
  });

  it('reads a known scenario and falls back with a notice on an unknown one (DESIGN.md §2)', () => {
    const ids = ['replicaset', 'capi-quickstart'];
    expect(parseLabParams('?scenario=capi-quickstart', { scenarioIds: ids }).params.scenario).toBe(
      'capi-quickstart',
    );
    const bad = parseLabParams('?scenario=%3Cscript%3E', { scenarioIds: ids });
    expect(bad.params.scenario).toBeUndefined();
    expect(bad.notices[0]).toMatch(/scenario "<script>" is not one of replicaset, capi-quickstart/);
  });
});

describe('parseLabParams: embedding and permalinks (docs/embedding.md)', () => {
  const tape = encodeTape({
    events: 40,
    actions: [
      {
        afterEvents: 12,
        atMs: 900,
        action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 },
      },
    ],
  });

  it('reads embed, panels, parentOrigin and actions', () => {
    const r = parseLabParams(
      `?embed=1&panels=loop,log&parentOrigin=${encodeURIComponent('https://docs.example.com')}&t=1000&actions=${tape}`,
    );
    expect(r.notices).toEqual([]);
    expect(r.params).toMatchObject({
      embed: true,
      panels: ['loop', 'log'],
      parentOrigin: 'https://docs.example.com',
      t: 1000,
      tape: { events: 40, actions: [{ afterEvents: 12, atMs: 900 }] },
    });
  });

  it('leaves everything off when absent', () => {
    const { params } = parseLabParams('?seed=3');
    expect(params.embed).toBeUndefined();
    expect(params.panels).toBeUndefined();
    expect(params.parentOrigin).toBeUndefined();
    expect(params.tape).toBeUndefined();
  });

  it('embed: only 1/0/true/false', () => {
    expect(parseLabParams('?embed=0').params.embed).toBe(false);
    const bad = parseLabParams('?embed=yes please');
    expect(bad.params.embed).toBeUndefined();
    expect(bad.notices[0]).toMatch(/^embed "yes please"/);
  });

  it('panels: keeps the known ids, names the unknown ones, shows all when none is known', () => {
    const some = parseLabParams('?panels=loop,%3Cscript%3E,loop,nope');
    expect(some.params.panels).toEqual(['loop']);
    expect(some.notices[0]).toMatch(/panels: "<script>,nope" unknown/);
    const none = parseLabParams('?panels=foo');
    expect(none.params.panels).toBeUndefined();
    expect(none.notices[0]).toMatch(/showing every panel/);
    const empty = parseLabParams('?panels=');
    expect(empty.params.panels).toBeUndefined();
    expect(empty.notices).toHaveLength(1);
    const huge = parseLabParams(`?panels=${'loop,'.repeat(20_000)}`);
    expect(huge.params.panels).toBeUndefined();
    expect(huge.notices[0]!.length).toBeLessThan(300);
  });

  it.each([
    'https://docs.example.com/',
    'https://docs.example.com/path',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'null',
    '*',
    'docs.example.com',
    'https://user:pw@docs.example.com',
    'HTTPS://DOCS.EXAMPLE.COM',
    'https://docs.example.com:443',
    '',
  ])('parentOrigin %j is not an exact http(s) origin: ignored with a notice', (v) => {
    const r = parseLabParams(`?parentOrigin=${encodeURIComponent(v)}`);
    expect(r.params.parentOrigin).toBeUndefined();
    expect(r.notices[0]).toMatch(/^parentOrigin .* is not an origin/);
  });

  it('parentOrigin: http with a port is an origin (a local docs server)', () => {
    expect(parseLabParams('?parentOrigin=http://127.0.0.1:4206').params.parentOrigin).toBe(
      'http://127.0.0.1:4206',
    );
  });

  it('actions: garbage gives one notice and no tape', () => {
    for (const v of ['!!!', '%3Cscript%3E', 'e30', 'A'.repeat(100_000)]) {
      const r = parseLabParams(`?t=5000&actions=${v}`);
      expect(r.params.tape).toBeUndefined();
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toMatch(/^actions .*no action was applied/);
      expect(r.notices[0]!.length).toBeLessThan(300);
    }
  });

  it('actions: a tape that runs past t, or inside a lesson, is not applied', () => {
    const late = parseLabParams(`?t=100&actions=${tape}`);
    expect(late.params.tape).toBeUndefined();
    expect(late.notices[0]).toMatch(/after t/);
    const lesson = parseLabParams(`?lesson=l1&t=1000&actions=${tape}`, { lessonIds: ['l1'] });
    expect(lesson.params.tape).toBeUndefined();
    expect(lesson.notices[0]).toMatch(/lesson/);
  });

  it('hostile values in the older parameters fall back with short notices', () => {
    const big = 'x'.repeat(100_000);
    const r = parseLabParams(
      `?seed=${big}&speed=NaN&t=1e400&theme=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=-1&autoplay=${big}`,
    );
    expect(r.params).toEqual({
      seed: undefined,
      speed: undefined,
      theme: 'auto',
      t: undefined,
      autoplay: false,
    });
    expect(r.notices).toHaveLength(6);
    for (const n of r.notices) expect(n.length).toBeLessThan(300);
    expect(parseLabParams('?seed=9007199254740993').params.seed).toBeUndefined();
    expect(parseLabParams('?speed=Infinity').params.speed).toBeUndefined();
    expect(parseLabParams('?t=99999999999999').params.t).toBeUndefined();
  });
});
