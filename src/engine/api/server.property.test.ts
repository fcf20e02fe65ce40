/**
 * Property-based tests of the API server's ordering guarantees, over random sequences of creates, updates,
 * status updates, deletes, finalizer removals, watch starts at random resourceVersions and watch expiry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from './api.ts';
import type { StoredEvent } from './store.ts';
import { newServer } from './testing.ts';
import { isApiError, isConflict, type KubeObject } from './types.ts';

type Cmd =
  | { op: 'create'; name: string; app: string; finalizer: boolean }
  | { op: 'update'; name: string; app: string }
  | { op: 'status'; name: string; n: number }
  | { op: 'delete'; name: string }
  | { op: 'unfinalize'; name: string }
  | { op: 'watch'; back: number; zero: boolean; selector: boolean }
  | { op: 'expire' }
  | { op: 'tick'; ms: number };

const nameArb = fc.constantFrom('a', 'b', 'c');
const appArb = fc.constantFrom('x', 'y');
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      name: nameArb,
      app: appArb,
      finalizer: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('update' as const), name: nameArb, app: appArb }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('status' as const), name: nameArb, n: fc.nat(5) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), name: nameArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('unfinalize' as const), name: nameArb }), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant('watch' as const),
      back: fc.nat(12),
      zero: fc.boolean(),
      selector: fc.boolean(),
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ op: 'expire' as const }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30 }) }),
    weight: 2,
  },
);

interface Watched {
  startRv: number;
  zero: boolean;
  selector: boolean;
  initial: string[];
  got: WatchEvent[];
  closed: string[];
}

const line = (type: string, o: KubeObject) => `${type} ${o.metadata.name}@${o.metadata.resourceVersion}`;

describe('API server properties', () => {
  it('resourceVersions strictly increase; every watcher sees every later matching event in order, or a 410', () => {
    const seen = { events: 0, expired: 0 };
    fc.assert(
      fc.property(
        fc.array(cmdArb, { minLength: 5, maxLength: 80, size: 'large' }),
        fc.integer({ min: 2, max: 12 }),
        (cmds, historySize) => {
          const { sim, api } = newServer({
            watchHistorySize: historySize,
            watchLatencyMs: 5,
            garbageCollector: false,
          });
          const log: StoredEvent[] = [];
          api.onCommit((e) => log.push(e));
          const watchers: Watched[] = [];
          const widgets = 'widgets.example.com';
          let seenCommits = 0;
          // A real write answers with the resourceVersion it committed; a no-op answers with the stored one.
          const wrote = (o: KubeObject | undefined) => {
            const committed = log.length > seenCommits;
            seenCommits = log.length;
            if (!o) return;
            if (committed) expect(o.metadata.resourceVersion).toBe(String(log[log.length - 1]!.rv));
            else
              expect(Number(o.metadata.resourceVersion)).toBeLessThanOrEqual(
                Number(api.currentResourceVersion()),
              );
          };
          const attempt = <T>(fn: () => T): T | undefined => {
            try {
              return fn();
            } catch (e) {
              if (isApiError(e)) return undefined;
              throw e;
            }
          };
          for (const c of cmds) {
            switch (c.op) {
              case 'create':
                wrote(
                  attempt(() =>
                    api.create(widgets, {
                      apiVersion: 'example.com/v1',
                      kind: 'Widget',
                      metadata: {
                        name: c.name,
                        namespace: 'default',
                        labels: { app: c.app },
                        ...(c.finalizer ? { finalizers: ['t.io/f'] } : {}),
                      },
                      spec: { v: 0 },
                    }),
                  ),
                );
                break;
              case 'update':
                wrote(
                  attempt(
                    () =>
                      api.patch(widgets, 'default', c.name, 'merge', {
                        metadata: { labels: { app: c.app } },
                        spec: { v: c.app },
                      }).object,
                  ),
                );
                break;
              case 'status':
                wrote(
                  attempt(
                    () =>
                      api.patch(
                        widgets,
                        'default',
                        c.name,
                        'merge',
                        { status: { n: c.n } },
                        { subresource: 'status' },
                      ).object,
                  ),
                );
                break;
              case 'delete':
                wrote(
                  attempt(() => {
                    const r = api.delete(widgets, 'default', c.name);
                    // an immediate delete answers with the last state, which keeps its old resourceVersion
                    return r.deleted ? undefined : r.object;
                  }),
                );
                seenCommits = log.length;
                break;
              case 'unfinalize':
                attempt(() =>
                  api.patch(widgets, 'default', c.name, 'merge', { metadata: { finalizers: null } }),
                );
                seenCommits = log.length;
                break;
              case 'watch': {
                const current = Number(api.currentResourceVersion());
                const startRv = Math.max(1000, current - c.back);
                const w: Watched = {
                  startRv: current,
                  zero: c.zero,
                  selector: c.selector,
                  initial: [],
                  got: [],
                  closed: [],
                };
                if (c.zero) {
                  w.initial = [...api.peek(widgets)]
                    .filter((o) => !c.selector || o.metadata.labels?.app === 'x')
                    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
                    .map((o) => line('ADDED', o));
                } else w.startRv = startRv;
                api.watch(
                  widgets,
                  {
                    resourceVersion: c.zero ? '0' : String(startRv),
                    ...(c.selector ? { labelSelector: 'app=x' } : {}),
                  },
                  { onEvent: (e) => w.got.push(e), onClose: (r) => w.closed.push(r) },
                );
                watchers.push(w);
                break;
              }
              case 'expire':
                api.faults.expireWatches();
                break;
              case 'tick':
                sim.scheduler.runUntil(sim.now() + c.ms);
                break;
            }
          }
          sim.scheduler.runUntil(sim.now() + 1000);

          // Commits carry consecutive resourceVersions: one per real write, none for no-ops.
          log.forEach((e, i) => {
            if (i > 0) expect(e.rv).toBe(log[i - 1]!.rv + 1);
          });

          for (const w of watchers) {
            const pass = (o: KubeObject | undefined) =>
              o !== undefined && (!w.selector || o.metadata.labels?.app === 'x');
            const expected: string[] = [...w.initial];
            for (const e of log) {
              if (e.rv <= w.startRv) continue;
              const cur = e.type !== 'DELETED' && pass(e.obj);
              const old = pass(e.prev);
              const rv = String(e.rv);
              const o = { ...e.obj, metadata: { ...e.obj.metadata, resourceVersion: rv } };
              if (cur && !old) expected.push(line('ADDED', o));
              else if (cur && old) expected.push(line('MODIFIED', o));
              else if (!cur && old)
                expected.push(
                  line('DELETED', { ...e.prev!, metadata: { ...e.prev!.metadata, resourceVersion: rv } }),
                );
            }
            const got = w.got.filter((e) => e.type !== 'BOOKMARK');
            const errIdx = got.findIndex((e) => e.type === 'ERROR');
            const delivered = (errIdx < 0 ? got : got.slice(0, errIdx)).map((e) =>
              line(e.type, e.object as KubeObject),
            );
            seen.events += delivered.length;
            if (errIdx >= 0) seen.expired++;
            if (errIdx >= 0) {
              expect((got[errIdx]!.object as { code: number }).code).toBe(410);
              expect(w.closed).toEqual(['expired']);
              expect(delivered).toEqual(expected.slice(0, delivered.length));
            } else {
              expect(w.closed).toEqual([]);
              expect(delivered).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
    // the generator reaches both outcomes
    expect(seen.events).toBeGreaterThan(100);
    expect(seen.expired).toBeGreaterThan(5);
  });

  it('no update is lost under conflicting read-modify-write writers that retry on 409', () => {
    const totals = { conflicts: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.nat(2), { minLength: 1, maxLength: 80, size: 'large' }),
        fc.boolean(),
        (schedule, usePatch) => {
          const { api } = newServer({ garbageCollector: false });
          api.create('configmaps', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'counter', namespace: 'default' },
            data: { n: '0' },
          });
          interface Writer {
            read?: KubeObject;
            done: number;
          }
          const writers: Writer[] = [{ done: 0 }, { done: 0 }, { done: 0 }];
          let conflicts = 0;
          let attempts = 0;
          const step = (w: Writer) => {
            if (!w.read) {
              w.read = api.get('configmaps', 'default', 'counter');
              return;
            }
            const next = String(Number((w.read.data as Record<string, string>).n) + 1);
            attempts++;
            try {
              if (usePatch) {
                api.patch('configmaps', 'default', 'counter', 'merge', {
                  metadata: { resourceVersion: w.read.metadata.resourceVersion },
                  data: { n: next },
                });
              } else {
                api.update('configmaps', { ...w.read, data: { n: next } });
              }
              w.done++;
            } catch (e) {
              if (!isConflict(e)) throw e;
              conflicts++;
            }
            w.read = undefined;
          };
          for (const i of schedule) step(writers[i]!);
          totals.conflicts += conflicts;
          const total = writers.reduce((n, w) => n + w.done, 0);
          const stored = Number(
            (api.get('configmaps', 'default', 'counter').data as Record<string, string>).n,
          );
          expect(stored).toBe(total);
          expect(Number(api.currentResourceVersion())).toBe(1003 + total);
          // every write attempt either landed or conflicted
          expect(conflicts + total).toBe(attempts);
        },
      ),
      { numRuns: 200 },
    );
    expect(totals.conflicts).toBeGreaterThan(0);
  });
});
