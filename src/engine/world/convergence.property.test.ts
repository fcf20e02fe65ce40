import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/types.ts';
import { webReplicaSet as rs } from './example-objects.ts';
import { createWorld } from './world.ts';
import type { LabWorld } from './build-world.ts';
import type { WorldAction } from './world-types.ts';

type Step = { waitMs: number; action: WorldAction | undefined };

const CONTROLLERS = ['replicaset-controller', 'kubelet'];

const actionArb: fc.Arbitrary<WorldAction | undefined> = fc.oneof(
  fc.constant(undefined),
  fc
    .nat(6)
    .map((n) => ({ action: 'scale' as const, target: { kind: 'ReplicaSet', name: 'web' }, replicas: n })),
  fc.constant({
    action: 'delete' as const,
    target: { kind: 'Pod', selector: { app: 'web' }, pick: 'random' as const },
  }),
  // Relabel a pod out of the selector: the ReplicaSet releases it and makes a replacement.
  fc.constant({
    action: 'patch' as const,
    target: { kind: 'Pod', selector: { app: 'web' }, pick: 'random' as const },
    patch: { metadata: { labels: { app: 'debug' } } },
  }),
  fc.constant({ action: 'fault' as const, fault: { type: 'watchExpire' as const } }),
  fc.double({ min: 0.1, max: 1, noNaN: true }).map((rate) => ({
    action: 'fault' as const,
    fault: { type: 'watchDrop' as const, rate },
  })),
  fc.constantFrom(...CONTROLLERS).map((controller) => ({
    action: 'fault' as const,
    fault: { type: 'controllerCrash' as const, controller },
  })),
  fc
    .record({ controller: fc.constantFrom(...CONTROLLERS), forMs: fc.integer({ min: 100, max: 20_000 }) })
    .map((f) => ({
      action: 'fault' as const,
      fault: { type: 'staleView' as const, ...f },
    })),
  fc
    .record({ controller: fc.constantFrom(...CONTROLLERS), count: fc.integer({ min: 1, max: 5 }) })
    .map((f) => ({
      action: 'fault' as const,
      fault: { type: 'reconcileError' as const, ...f },
    })),
  fc.integer({ min: 1, max: 4 }).map((count) => ({
    action: 'fault' as const,
    fault: { type: 'apiError' as const, verb: 'create', resource: 'pods', code: 500, count },
  })),
  fc.constant({
    action: 'fault' as const,
    fault: { type: 'apiError' as const, verb: 'update', code: 409, count: 2 },
  }),
);

const stepArb: fc.Arbitrary<Step> = fc.record({
  waitMs: fc.integer({ min: 0, max: 5000 }),
  action: actionArb,
});

/** Every informer's cache holds exactly the objects (by key and resourceVersion) the API server stores. */
function cachesMatchStore(w: LabWorld): void {
  for (const informer of w.informers.informers()) {
    const want = new Map<string, string>();
    for (const obj of w.api.peek(informer.resource)) {
      want.set(
        `${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`,
        obj.metadata.resourceVersion!,
      );
    }
    const got = new Map(
      informer
        .list()
        .map((o) => [
          `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`,
          o.metadata.resourceVersion!,
        ]),
    );
    expect(got, `informer ${informer.name}`).toEqual(want);
  }
}

describe('convergence under faults (property)', () => {
  it('once faults stop, every informer cache equals the store and the ReplicaSet converges and stays converged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(stepArb, { maxLength: 12 }),
        (seed, steps) => {
          // A lost watch event can leave a creation expectation unfulfilled; it expires after 5 minutes
          // (controller_utils.go ExpectationsTimeout) and only the next resync brings the ReplicaSet back to the
          // queue. A one-minute resync keeps that within the convergence timeout, as a short SyncPeriod would.
          const w = createWorld({ seed, objects: [rs(3)], keepTrace: false, params: { resyncMs: 60_000 } });
          let dropped = false;
          for (const s of steps) {
            w.runUntil(w.sim.now() + s.waitMs);
            if (!s.action) continue;
            try {
              w.act(s.action);
              if (s.action.action === 'fault' && s.action.fault.type === 'watchDrop') dropped = true;
            } catch (e) {
              // A target that does not exist right now (no pods yet) is a clear error that changes nothing, and an
              // armed apiError fault can fail the user's own request too, as it would kubectl's.
              if (!isApiError(e)) expect((e as Error).message).toMatch(/^target: no /);
            }
          }
          w.act({ action: 'clearFaults' });
          // Dropped events are never replayed by a resumed watch; only a relist heals the cache (lesson L2).
          if (dropped) w.act({ action: 'fault', fault: { type: 'watchExpire' } });
          const r = w.runToConvergence();
          expect(r.converged).toBe(true);
          cachesMatchStore(w);
          const want = w.api.get('replicasets.apps', 'default', 'web').spec!.replicas as number;
          const owned = () =>
            [...w.api.peek('pods')].filter((p) =>
              p.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet'),
            );
          expect(owned().filter((p) => p.status?.phase === 'Running')).toHaveLength(want);
          w.runUntil(w.sim.now() + 15 * 60_000);
          expect(w.isConverged()).toBe(true);
          expect(owned()).toHaveLength(want);
          cachesMatchStore(w);
        },
      ),
      { numRuns: 40 },
    );
    // Forty whole worlds, each run for tens of virtual minutes: seconds of CPU, more on a busy machine.
  }, 120_000);
});
