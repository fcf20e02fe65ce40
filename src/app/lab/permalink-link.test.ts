import { describe, expect, it } from 'vitest';
import { parseLabParams } from './url-params.ts';
import { embedUrl, iframeSnippet, labBase, permalinkUrl } from './permalink-link.ts';

const tape = {
  events: 120,
  actions: [
    {
      afterEvents: 80,
      atMs: 1_500,
      action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 },
    } as const,
  ],
};

describe('permalinkUrl', () => {
  it('names scenario, seed, t and the tape, and parses back to the same moment', () => {
    const url = permalinkUrl(labBase('https://docs.example.com/lab/index.html?embed=1&x=2#h'), {
      kind: 'scenario',
      scenario: 'replicaset',
      seed: 7,
      t: 2_000,
      speed: 10,
      tape,
    });
    expect(url.startsWith('https://docs.example.com/lab/index.html?')).toBe(true);
    expect(url).not.toContain('embed=');
    const back = parseLabParams(new URL(url).search, { scenarioIds: ['replicaset'] });
    expect(back.notices).toEqual([]);
    expect(back.params).toMatchObject({ scenario: 'replicaset', seed: 7, t: 2_000, speed: 10, tape });
  });

  it('leaves the tape out at t = 0 with nothing run, and speed out at 1×', () => {
    const url = permalinkUrl('https://x.test/', {
      kind: 'scenario',
      scenario: 'replicaset',
      seed: 1,
      t: 0,
      speed: 1,
      tape: { events: 0, actions: [] },
    });
    expect(url).toBe('https://x.test/?scenario=replicaset&seed=1&t=0');
  });

  it('links a lesson by id and step', () => {
    expect(
      permalinkUrl('https://x.test/', { kind: 'lesson', lesson: 'l1-the-loop', step: 2, speed: 1 }),
    ).toBe('https://x.test/?lesson=l1-the-loop&step=2');
  });
});

describe('iframeSnippet', () => {
  it('embeds the permalink with embed=1, escaped for an attribute, plus the auto-height script', () => {
    const link = 'https://x.test/?scenario=replicaset&seed=1&t=0';
    expect(embedUrl(link)).toBe(`${link}&embed=1`);
    const s = iframeSnippet(link);
    expect(s).toContain(
      '<iframe src="https://x.test/?scenario=replicaset&amp;seed=1&amp;t=0&amp;embed=1" title="Reconcile Lab" style="width:100%;border:0" loading="lazy"></iframe>',
    );
    const script = s
      .slice(s.indexOf('<script>') + 9, s.indexOf('</script>'))
      .trim()
      .split('\n');
    expect(script).toHaveLength(6);
    expect(s).toContain("d.event === 'resize'");
  });
});
