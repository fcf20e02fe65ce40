import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/types.ts';
import { createSim } from '../sim/sim.ts';
import { alreadyExists } from '../api/status.ts';
import { createTestApi } from './testing/test-api.ts';
import { createLatencyTransport, createTransport, type CallOutcome } from './transport.ts';

describe('transport', () => {
  it('runs a call at once when the server has no latency, returning its outcome', () => {
    const sim = createSim({ seed: 1 });
    const t = createTransport(sim, createTestApi(sim));
    const r = t.perform(
      'get',
      'pods',
      () => 42,
      () => {
        throw new Error('not called');
      },
    );
    expect(r.outcome).toEqual({ ok: true, value: 42 });
  });

  it('applies the server’s latencyFor(verb, resource) by running the call that much later on the scheduler', () => {
    const sim = createSim({ seed: 1 });
    const api = createTestApi(sim);
    api.faults.setLatency({ ms: 250, verb: 'create' });
    const t = createTransport(sim, api);
    const done: [number, CallOutcome][] = [];
    let ranAt = -1;
    const r = t.perform(
      'create',
      'pods',
      () => {
        ranAt = sim.now();
        throw new ApiError(alreadyExists({ group: '', resource: 'pods' }, 'p'));
      },
      (o) => done.push([sim.now(), o]),
    );
    expect(r.outcome).toBeUndefined();
    sim.scheduler.runUntil(249);
    expect(done).toEqual([]);
    sim.scheduler.runUntil(250);
    expect(ranAt).toBe(250);
    expect(done[0]![0]).toBe(250);
    expect(done[0]![1].ok).toBe(false);
    expect((done[0]![1] as { error: ApiError }).error.reason).toBe('AlreadyExists');
  });

  it('a pending call can be cancelled; nonsense latencies count as none', () => {
    const sim = createSim({ seed: 1 });
    let calls = 0;
    const t = createLatencyTransport(sim, (verb) => (verb === 'slow' ? 100 : Number.NaN));
    const r = t.perform(
      'slow',
      'pods',
      () => calls++,
      () => calls++,
    );
    r.pending!.cancel();
    sim.scheduler.runUntil(1000);
    expect(calls).toBe(0);
    expect(t.latencyFor('other', 'pods')).toBe(0);
    expect(
      t.perform(
        'other',
        'pods',
        () => 'now',
        () => undefined,
      ).outcome,
    ).toEqual({ ok: true, value: 'now' });
  });
});
