import { describe, expect, it } from 'vitest';
import { connectEmbed, STATE_INTERVAL_MS, type EmbedTarget, type EmbedWindow } from './bridge.ts';
import type { InboundCommand, LabStatePayload, OutboundEvent } from './messages.ts';

function harness(parentOrigin?: string) {
  const parent = { name: 'parent' };
  let listener: ((e: MessageEvent) => void) | undefined;
  const win: EmbedWindow = {
    parent,
    addEventListener: (_t, l) => (listener = l),
    removeEventListener: () => (listener = undefined),
  };
  const state: LabStatePayload = {
    t: 0,
    playing: false,
    speed: 1,
    scenario: 'replicaset',
    lesson: null,
    step: null,
  };
  const ran: InboundCommand[] = [];
  const subs = new Set<() => void>();
  const target: EmbedTarget = {
    run: (c) => {
      ran.push(c);
      if (c.command === 'play') state.playing = true;
      if (c.command === 'seek') state.t = c.t;
      if (c.command === 'loadLesson' && c.lesson !== 'l1') return { error: `no lesson "${c.lesson}"` };
      return undefined;
    },
    state: () => ({ ...state }),
    subscribe: (l) => {
      subs.add(l);
      return () => subs.delete(l);
    },
  };
  const posted: { event: OutboundEvent; to: string }[] = [];
  let now = 0;
  let resize: ((h: number) => void) | undefined;
  const stop = connectEmbed({
    win,
    post: (event, to) => posted.push({ event, to }),
    parentOrigin,
    target,
    now: () => now,
    measure: {
      element: {} as Element,
      observe: (_el, cb) => {
        resize = cb;
        return () => (resize = undefined);
      },
    },
  });
  const send = (data: unknown, from: unknown = parent, origin = 'https://docs.example') =>
    listener?.({ data, source: from, origin } as unknown as MessageEvent);
  const tick = (ms: number) => {
    now += ms;
    for (const s of subs) s();
  };
  return {
    state,
    ran,
    posted,
    send,
    tick,
    stop,
    resize: (h: number) => resize?.(h),
    isListening: () => !!listener,
  };
}

const cmd = (command: string, extra: Record<string, unknown> = {}) => ({
  source: 'reconcile-lab',
  type: 'command',
  command,
  ...extra,
});

describe('connectEmbed', () => {
  it('announces ready before anything else, even a size reported at once', () => {
    const posted: string[] = [];
    connectEmbed({
      win: { parent: {}, addEventListener: () => {}, removeEventListener: () => {} },
      post: (e) => posted.push(e.event),
      parentOrigin: undefined,
      target: {
        run: () => undefined,
        state: () => ({ t: 0, playing: false, speed: 1, scenario: 's', lesson: null, step: null }),
        subscribe: () => () => {},
      },
      now: () => 0,
      measure: { element: {} as Element, observe: (_el, cb) => (cb(500), () => {}) },
    });
    expect(posted).toEqual(['ready', 'state', 'resize']);
  });

  it('announces ready and the first state', () => {
    const h = harness();
    expect(h.posted.map((p) => p.event.event)).toEqual(['ready', 'state']);
    expect(h.posted[0]?.to).toBe('*');
  });

  it('runs commands from the parent and answers with the new state', () => {
    const h = harness();
    h.send(cmd('seek', { t: 5000 }));
    expect(h.ran).toEqual([{ command: 'seek', t: 5000 }]);
    expect(h.posted.at(-1)?.event).toMatchObject({ event: 'state', t: 5000 });
  });

  it('ignores messages from other windows and, with parentOrigin, from other origins', () => {
    const h = harness('https://docs.example');
    h.send(cmd('play'), { name: 'some other frame' });
    h.send(cmd('play'), undefined, 'https://evil.example');
    expect(h.ran).toEqual([]);
    expect(h.posted.every((p) => p.to === 'https://docs.example')).toBe(true);
    h.send(cmd('play'));
    expect(h.ran).toEqual([{ command: 'play' }]);
  });

  it('answers a malformed message of ours with an error event and runs nothing; ignores foreign traffic', () => {
    const h = harness();
    const before = h.posted.length;
    h.send({ hello: 'world' });
    expect(h.posted.length).toBe(before);
    h.send(cmd('seek', { t: 'soon' }));
    expect(h.ran).toEqual([]);
    expect(h.posted.at(-1)?.event).toMatchObject({ event: 'error' });
  });

  it('answers a command the lab refuses with an error event that says why', () => {
    const h = harness();
    h.send(cmd('loadLesson', { lesson: 'l99' }));
    expect(h.ran).toEqual([{ command: 'loadLesson', lesson: 'l99' }]);
    expect(h.posted.some((p) => p.event.event === 'error' && p.event.reason === 'no lesson "l99"')).toBe(
      true,
    );
    const before = h.posted.filter((p) => p.event.event === 'error').length;
    h.send(cmd('loadLesson', { lesson: 'l1' }));
    expect(h.posted.filter((p) => p.event.event === 'error').length).toBe(before);
  });

  it('throttles state events while time merely passes during play', () => {
    const h = harness();
    h.send(cmd('play'));
    const start = h.posted.length;
    for (let i = 1; i <= 20; i++) {
      h.state.t = i * 16;
      h.tick(16);
    }
    const sent = h.posted.length - start;
    // 20 frames of 16 ms = 320 ms: one state event after the 250 ms interval, not 20.
    expect(sent).toBe(Math.floor((20 * 16) / STATE_INTERVAL_MS));
    // A pause is not throttled.
    h.state.playing = false;
    h.tick(1);
    expect(h.posted.at(-1)?.event).toMatchObject({ event: 'state', playing: false });
  });

  it('reports height changes once each and stops cleanly', () => {
    const h = harness();
    h.resize(600.4);
    h.resize(600.9);
    h.resize(700);
    expect(
      h.posted.filter((p) => p.event.event === 'resize').map((p) => (p.event as { height: number }).height),
    ).toEqual([601, 700]);
    h.stop();
    expect(h.isListening()).toBe(false);
  });
});
