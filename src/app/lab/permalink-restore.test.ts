import { describe, expect, it } from 'vitest';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { createLabStore, type LabStore } from './lab-store.ts';
import { decodeTape, encodeTape } from './permalink.ts';
import { restoreMoment } from './permalink-restore.ts';
import { loadLabScenario } from './scenario.ts';

const scenario = loadLabScenario('replicaset');
const scaleWeb = (replicas: number) =>
  ({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas }) as const;

/** What a permalink carries for the store's current moment, through the URL text and back. */
function share(store: LabStore) {
  const { snap, world } = store.getState();
  const encoded = encodeTape({ events: snap.executed, actions: [...world().actions] });
  const r = decodeTape(encoded);
  if (!r.ok) throw new Error(r.reason);
  return { tape: r.value, t: snap.t };
}

const fingerprint = (store: LabStore) => {
  const { snap } = store.getState();
  return {
    t: snap.t,
    executed: snap.executed,
    trace: traceToJsonl(snap.trace),
    series: snap.series,
    markers: snap.markers,
    pods: snap.pods,
  };
};

describe('restoreMoment', () => {
  it('reopens a moment reached by seeking, acting, stepping and playing: same trace, series and markers', () => {
    const a = createLabStore(scenario);
    a.getState().seek(1_500);
    a.getState().act(scaleWeb(5));
    a.getState().seek(4_000);
    a.getState().act({ action: 'fault', fault: { type: 'watchExpire' } });
    a.getState().step();
    a.getState().step();
    a.getState().act(scaleWeb(1));
    a.getState().seek(9_000);
    // Stop inside a millisecond: a step, not the end of one.
    a.getState().step();
    const { tape, t } = share(a);
    expect(tape.actions).toHaveLength(3);

    const b = createLabStore(scenario);
    expect(restoreMoment(b, tape, t)).toEqual({ ok: true });
    expect(fingerprint(b)).toEqual(fingerprint(a));
  });

  it('reopens a moment after a seek back, from the actions that moment had', () => {
    const a = createLabStore(scenario);
    a.getState().seek(1_000);
    a.getState().act(scaleWeb(6));
    a.getState().seek(3_000);
    a.getState().act(scaleWeb(2));
    a.getState().seek(8_000);
    a.getState().seek(2_000);
    const { tape, t } = share(a);
    expect(tape.actions).toHaveLength(1);
    const b = createLabStore(scenario);
    expect(restoreMoment(b, tape, t)).toEqual({ ok: true });
    expect(b.getState().snap.trace).toEqual(a.getState().snap.trace);
    expect(b.getState().snap.t).toBe(2_000);
  });

  it('refuses a tape that does not fit the run and leaves the lab reset at t = 0', () => {
    const b = createLabStore(scenario);
    b.getState().seek(5_000);
    // Event 3 runs at t = 0 in this scenario, never at 9 s.
    const r = restoreMoment(
      b,
      { events: 3, actions: [{ afterEvents: 3, atMs: 9_000, action: scaleWeb(2) }] },
      9_000,
    );
    expect(r.ok).toBe(false);
    expect(b.getState().snap).toMatchObject({ t: 0, executed: 0 });
    expect(b.getState().world().actions).toHaveLength(0);
  });

  it('refuses an action the world rejects, applying nothing', () => {
    const b = createLabStore(scenario);
    const r = restoreMoment(
      b,
      {
        events: 0,
        actions: [
          {
            afterEvents: 0,
            atMs: 0,
            action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'nope' }, replicas: 2 },
          },
        ],
      },
      0,
    );
    expect(r.ok).toBe(false);
    expect(b.getState().world().actions).toHaveLength(0);
  });
});
