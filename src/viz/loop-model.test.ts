import { describe, expect, it } from 'vitest';
import type { ControllerSnapshot } from '../engine/client/controller.ts';
import type { TraceEvent } from '../engine/sim/trace.ts';
import { loopModel, MAX_LANES, tokenFor, tokensAt, type LoopInput } from './loop-model.ts';

const C = 'replicaset-controller';
let seq = 0;
const ev = (t: number, fields: Record<string, unknown>) =>
  ({ t, seq: ++seq, ...fields }) as unknown as TraceEvent;

function controller(workers: number, busy: Record<number, string> = {}): ControllerSnapshot {
  return {
    name: C,
    profile: 'classic',
    profileLabel: 'classic',
    state: 'running',
    maxConcurrentReconciles: workers,
    queue: {
      profile: 'classic',
      queued: [{ item: 'default/a', priority: 0 }],
      dirty: ['default/a'],
      processing: ['default/web'],
      waiting: [{ item: 'default/b', readyAt: 1500, failures: 2, priority: 0 }],
      shuttingDown: false,
      counts: { queued: 1, dirty: 1, processing: 1, waiting: 1 },
    },
    workers: Array.from({ length: workers }, (_, id) => ({
      id,
      key: busy[id],
      step: busy[id] ? 'create pods' : undefined,
      since: busy[id] ? 900 : undefined,
      waitingOn: undefined,
    })),
    injectedErrorsPending: 0,
    stats: {
      reconciles: 0,
      ok: 0,
      errors: 0,
      terminal: 0,
      requeues: 0,
      requeueAfters: 0,
      filtered: 0,
      crashes: 0,
    },
  };
}

const input = (recent: TraceEvent[], c = controller(2, { 0: 'default/web' })): LoopInput => ({
  t: 1000,
  controllers: [c],
  informers: [],
  recent,
  objects: { ReplicaSet: { total: 1 }, Pod: { total: 3 } },
});
const opts = { controller: C, windowMs: 500, reducedMotion: false };

describe('tokenFor', () => {
  it('maps each stage of the loop to its edge, for the selected controller only', () => {
    expect(
      tokenFor(ev(0, { type: 'watch.event', eventType: 'ADDED', kind: 'Pod', key: 'd/p', rv: '1' }), C)?.edge,
    ).toBe('watch');
    expect(tokenFor(ev(0, { type: 'queue.add', controller: C, key: 'd/w', deduped: true }), C)?.kind).toBe(
      'dedup',
    );
    expect(
      tokenFor(ev(0, { type: 'queue.add', controller: 'kubelet', key: 'd/w', deduped: false }), C),
    ).toBeUndefined();
    expect(tokenFor(ev(0, { type: 'queue.get', controller: C, key: 'd/w', worker: 1 }), C)?.edge).toBe('get');
    // Reads are not writes: a GET does not travel the write edge.
    expect(
      tokenFor(ev(0, { type: 'api.request', verb: 'get', actor: C, resource: 'pods', name: 'x' }), C),
    ).toBeUndefined();
    expect(
      tokenFor(ev(0, { type: 'api.request', verb: 'create', actor: C, resource: 'pods', name: 'x' }), C)
        ?.edge,
    ).toBe('write');
    const conflict = tokenFor(
      ev(0, {
        type: 'api.response',
        verb: 'update',
        actor: C,
        code: 409,
        reason: 'Conflict',
        resource: 'replicasets.apps',
        name: 'web',
      }),
      C,
    );
    expect(conflict).toMatchObject({ edge: 'write', kind: 'conflict' });
  });
});

describe('tokensAt', () => {
  it('moves a token along its edge with virtual time and drops it after the window', () => {
    const e = ev(1000, { type: 'queue.get', controller: C, key: 'd/w', worker: 0 });
    const y = (t: number) => tokensAt([e], t, opts)[0]?.y;
    expect(y(1000)).toBe(286);
    expect(y(1250)).toBe(308);
    expect(tokensAt([e], 1501, opts)).toEqual([]);
  });

  it('with reduced motion holds a token mid-edge for its whole window', () => {
    const e = ev(1000, { type: 'queue.get', controller: C, key: 'd/w', worker: 0 });
    const still = { ...opts, reducedMotion: true };
    expect(tokensAt([e], 1000, still)[0]?.y).toBe(tokensAt([e], 1400, still)[0]?.y);
  });

  it('sends a 409 back from the API server', () => {
    const e = ev(1000, {
      type: 'api.response',
      verb: 'update',
      actor: C,
      code: 409,
      reason: 'Conflict',
      resource: 'r',
      name: 'w',
    });
    expect(tokensAt([e], 1000, opts)[0]?.x).toBe(196);
  });
});

describe('loopModel', () => {
  it('shows the queue sets, delayed items with their remaining delay, and one lane per worker', () => {
    const m = loopModel(input([]), opts);
    const queue = m.boxes.find((b) => b.id === 'queue')!.lines.map((l) => l.text);
    expect(queue).toContain('queue: default/a');
    expect(queue).toContain('processing: default/web');
    // The remaining delay and the failures come first; a long key is cut at the end.
    expect(queue).toContain('wait 500 ms · 2 fail · defau…');
    expect(m.lanes.map((l) => l.busy)).toEqual([true, false]);
    expect(m.lanes[0]!.detail).toContain('create pods');
  });

  it('caps the lanes and summarises the rest', () => {
    const m = loopModel(input([], controller(MAX_LANES + 4, { [MAX_LANES + 1]: 'd/x' })), opts);
    expect(m.lanes).toHaveLength(MAX_LANES + 1);
    expect(m.lanes.at(-1)).toMatchObject({ detail: '1 busy', busy: true });
  });

  it('counts dedups in the handler box and conflicts in the API box', () => {
    const m = loopModel(
      input([
        ev(900, { type: 'queue.add', controller: C, key: 'd/w', deduped: false }),
        ev(950, { type: 'queue.add', controller: C, key: 'd/w', deduped: true }),
        ev(990, {
          type: 'api.response',
          verb: 'update',
          actor: C,
          code: 409,
          reason: 'Conflict',
          resource: 'replicasets.apps',
          name: 'web',
        }),
      ]),
      opts,
    );
    const handler = m.boxes.find((b) => b.id === 'handler')!.lines.map((l) => l.text);
    expect(handler).toContain('already queued: 1');
    const api = m.boxes.find((b) => b.id === 'api')!.lines;
    expect(api.find((l) => l.id === 'last')).toMatchObject({ tone: 'warn' });
    expect(api.map((l) => l.text)).toContain('Pod: 3');
  });

  it('shows that a crash loses the queue', () => {
    const m = loopModel(input([], { ...controller(1), state: 'crashed', queue: undefined }), opts);
    expect(m.boxes.find((b) => b.id === 'queue')!.lines[0]).toMatchObject({
      text: 'Crashed: queue lost',
      tone: 'bad',
    });
  });
});
