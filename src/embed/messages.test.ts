import { describe, expect, it } from 'vitest';
import {
  acceptsSender,
  MAX_SEEK_MS,
  parseInbound,
  resizeEvent,
  sameState,
  stateEvent,
  targetOrigin,
  type LabStatePayload,
} from './messages.ts';

const cmd = (command: string, extra: Record<string, unknown> = {}) => ({
  source: 'reconcile-lab',
  type: 'command',
  command,
  ...extra,
});

describe('parseInbound (DESIGN.md §2 inbound commands)', () => {
  it('accepts each command of the contract', () => {
    for (const c of ['play', 'pause', 'step', 'reset'])
      expect(parseInbound(cmd(c))).toEqual({ ok: true, value: { command: c } });
    expect(parseInbound(cmd('seek', { t: 1500.4 }))).toEqual({
      ok: true,
      value: { command: 'seek', t: 1500 },
    });
    expect(parseInbound(cmd('setSpeed', { speed: 10 }))).toEqual({
      ok: true,
      value: { command: 'setSpeed', speed: 10 },
    });
    expect(parseInbound(cmd('loadLesson', { lesson: 'l1-the-loop' }))).toEqual({
      ok: true,
      value: { command: 'loadLesson', lesson: 'l1-the-loop' },
    });
    expect(parseInbound(cmd('goToStep', { step: 3 }))).toEqual({
      ok: true,
      value: { command: 'goToStep', step: 3 },
    });
  });

  it('rejects foreign and malformed messages with a reason', () => {
    const bad: unknown[] = [
      null,
      'play',
      [],
      { type: 'command', command: 'play' },
      { source: 'other-widget', type: 'command', command: 'play' },
      { source: 'reconcile-lab', type: 'event', event: 'state' },
      cmd('explode'),
      cmd('seek'),
      cmd('seek', { t: -1 }),
      cmd('seek', { t: Number.NaN }),
      cmd('seek', { t: MAX_SEEK_MS + 1 }),
      cmd('seek', { t: '100' }),
      cmd('setSpeed', { speed: 0 }),
      cmd('setSpeed', { speed: Infinity }),
      cmd('loadLesson', { lesson: '../../etc/passwd' }),
      cmd('loadLesson', { lesson: 'X' }),
      cmd('goToStep', { step: 1.5 }),
      cmd('goToStep', { step: 1e6 }),
    ];
    for (const b of bad) {
      const r = parseInbound(b);
      expect(r.ok, JSON.stringify(b)).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('acceptsSender', () => {
  const parent = {};
  it('accepts only the parent window', () => {
    expect(acceptsSender({ source: parent, origin: 'https://docs.example' }, parent, undefined)).toBe(true);
    expect(acceptsSender({ source: {}, origin: 'https://docs.example' }, parent, undefined)).toBe(false);
    expect(acceptsSender({ source: null, origin: 'https://docs.example' }, null, undefined)).toBe(false);
  });
  it('checks the origin when parentOrigin is given', () => {
    expect(
      acceptsSender({ source: parent, origin: 'https://docs.example' }, parent, 'https://docs.example'),
    ).toBe(true);
    expect(
      acceptsSender({ source: parent, origin: 'https://evil.example' }, parent, 'https://docs.example'),
    ).toBe(false);
    expect(targetOrigin('https://docs.example')).toBe('https://docs.example');
    expect(targetOrigin(undefined)).toBe('*');
  });
});

describe('outbound events', () => {
  const s: LabStatePayload = {
    t: 10,
    playing: false,
    speed: 1,
    scenario: 'replicaset',
    lesson: null,
    step: null,
  };
  it('carry the source tag and the fields the contract names', () => {
    expect(stateEvent(s)).toMatchObject({
      source: 'reconcile-lab',
      type: 'event',
      event: 'state',
      t: 10,
      step: null,
    });
    expect(resizeEvent(480.2)).toEqual({
      source: 'reconcile-lab',
      type: 'event',
      event: 'resize',
      height: 481,
    });
  });
  it('sameState tells a change from a repeat', () => {
    expect(sameState(undefined, s)).toBe(false);
    expect(sameState(s, { ...s })).toBe(true);
    expect(sameState(s, { ...s, t: 11 })).toBe(false);
    expect(sameState(s, { ...s, step: 2 })).toBe(false);
  });
});
