import { describe, expect, it } from 'vitest';
import type { RecordedAction } from '../../engine/world/build-world.ts';
import { decodeTape, encodeTape, MAX_TAPE_CHARS, PERMALINK_VERSION } from './permalink.ts';

const tape = (actions: RecordedAction[], events = 500) => ({ events, actions });
const raw = (data: unknown) =>
  btoa(JSON.stringify(data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const reasonOf = (s: string) => {
  const r = decodeTape(s);
  return r.ok ? undefined : r.reason;
};

const every: RecordedAction[] = [
  {
    afterEvents: 10,
    atMs: 100,
    action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 },
  },
  {
    afterEvents: 10,
    atMs: 100,
    action: {
      action: 'delete',
      target: { kind: 'Pod', name: 'web-abcde', namespace: 'default' },
      propagationPolicy: 'Foreground',
    },
  },
  {
    afterEvents: 40,
    atMs: 2_000,
    action: {
      action: 'patch',
      target: { kind: 'ReplicaSet', name: 'web' },
      patch: { spec: { replicas: 2 } },
    },
  },
  { afterEvents: 41, atMs: 2_500, action: { action: 'fault', fault: { type: 'watchExpire' } } },
  {
    afterEvents: 41,
    atMs: 2_500,
    action: { action: 'fault', fault: { type: 'reconcileError', controller: 'replicaset', count: 3 } },
  },
  { afterEvents: 99, atMs: 9_000, action: { action: 'clearFaults' } },
  {
    afterEvents: 120,
    atMs: 9_500,
    action: {
      action: 'apply',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' } }],
    },
  },
];

describe('permalink tape', () => {
  it('round-trips every kind of action, with the event count, as URL-safe text', () => {
    const s = encodeTape(tape(every, 130));
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTape(s)).toEqual({ ok: true, value: tape(every, 130) });
  });

  it('round-trips an empty tape (a moment reached by stepping)', () => {
    expect(decodeTape(encodeTape(tape([], 7)))).toEqual({ ok: true, value: tape([], 7) });
  });

  it('keeps non-ASCII text intact', () => {
    const a: RecordedAction[] = [
      {
        afterEvents: 1,
        atMs: 1,
        action: {
          action: 'patch',
          target: { kind: 'ReplicaSet', name: 'web' },
          patch: { metadata: { annotations: { note: 'ünïcødé ✓' } } },
        },
      },
    ];
    expect(decodeTape(encodeTape(tape(a)))).toEqual({ ok: true, value: tape(a) });
  });

  it('rejects what is not base64url JSON of the right version', () => {
    expect(reasonOf('!!!')).toMatch(/base64url/);
    expect(reasonOf('<script>alert(1)</script>')).toMatch(/base64url/);
    expect(reasonOf(btoa('{not json'))).toMatch(/not JSON/);
    expect(reasonOf(raw([1, 2]))).toMatch(/not a JSON object/);
    expect(reasonOf(raw({ v: 99, n: 0, a: [] }))).toMatch(/version 99/);
    expect(reasonOf(raw({ v: PERMALINK_VERSION, n: -1, a: [] }))).toMatch(/n \(events run\)/);
    expect(reasonOf(raw({ v: PERMALINK_VERSION, n: Number.NaN, a: [] }))).toMatch(/n \(events run\)/);
    expect(reasonOf(raw({ v: PERMALINK_VERSION, n: 1e300, a: [] }))).toMatch(/n \(events run\)/);
  });

  it('rejects a value longer than the limit before decoding it', () => {
    expect(reasonOf('A'.repeat(100_000))).toMatch(String(MAX_TAPE_CHARS));
  });

  it('rejects rows out of order, past the event count, or with bad numbers', () => {
    const scale = { scale: { kind: 'ReplicaSet', name: 'web', replicas: 2 } };
    const v = PERMALINK_VERSION;
    expect(
      reasonOf(
        raw({
          v,
          n: 10,
          a: [
            [5, 100, scale],
            [4, 200, scale],
          ],
        }),
      ),
    ).toMatch(/afterEvents/);
    expect(
      reasonOf(
        raw({
          v,
          n: 10,
          a: [
            [5, 200, scale],
            [6, 100, scale],
          ],
        }),
      ),
    ).toMatch(/atMs/);
    expect(reasonOf(raw({ v, n: 3, a: [[5, 100, scale]] }))).toMatch(/at most n/);
    expect(reasonOf(raw({ v, n: 10, a: [[1.5, 100, scale]] }))).toMatch(/afterEvents/);
    expect(reasonOf(raw({ v, n: 10, a: [[1, 'NaN', scale]] }))).toMatch(/atMs/);
    expect(reasonOf(raw({ v, n: 10, a: [[1, 1e15, scale]] }))).toMatch(/atMs/);
    expect(reasonOf(raw({ v, n: 10, a: [[1, 1]] }))).toMatch(/\[afterEvents, atMs, action\]/);
  });

  it('checks each action with the scenario timeline reader (docs/scenarios.md)', () => {
    const v = PERMALINK_VERSION;
    const row = (entry: unknown) => raw({ v, n: 10, a: [[1, 1, entry]] });
    expect(reasonOf(row({ scale: { kind: 'ReplicaSet', name: 'web', replicas: -1 } }))).toMatch(/replicas/);
    expect(reasonOf(row({ scale: { kind: 'ReplicaSet', name: 'web', replicas: 1, evil: 1 } }))).toMatch(
      /evil/,
    );
    expect(reasonOf(row({ explode: {} }))).toBeDefined();
    expect(reasonOf(row({ fault: { type: 'meteor' } }))).toMatch(/type/);
    expect(reasonOf(row({ apply: [{ kind: 'Pod' }] }))).toMatch(/apiVersion, kind and metadata.name/);
    expect(reasonOf(row({ apply: 'kind: Pod' }))).toMatch(/list of 1 to/);
    expect(reasonOf(row('<img onerror=alert(1)>'))).toMatch(/timeline entry/);
  });
});
