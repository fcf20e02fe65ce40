import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiLatencyFault } from '../api/faults.ts';
import { isAlreadyExists, type KubeObject } from '../api/types.ts';
import { createSim } from '../sim/sim.ts';
import { traceToJsonl, type TraceEvent } from '../sim/trace.ts';
import { createController, type ControllerOptions } from './controller.ts';
import { createInformerFactory } from './informer-factory.ts';
import { generationChangedPredicate } from './predicates.ts';
import type { QueueProfile } from './profiles.ts';
import { apiCall, TerminalError, type Reconcile, type ReconcileResult } from './reconciler.ts';
import { configMap, createTestApi, recordRequests, widget, WIDGETS } from './testing/test-api.ts';
import { createLatencyTransport } from './transport.ts';

function setup(
  reconciler: Reconcile,
  over: Partial<ControllerOptions> = {},
  opts: { latency?: ApiLatencyFault[]; seed?: number } = {},
) {
  const sim = createSim({ seed: opts.seed ?? 11 });
  const server = createTestApi(sim);
  for (const l of opts.latency ?? []) server.faults.setLatency(l);
  const { api, requests } = recordRequests(sim, server);
  const informerFactory = createInformerFactory(sim, api, { resyncMs: 0 });
  const c = createController(sim, {
    name: 'widgets',
    forResource: WIDGETS,
    profile: 'classic',
    reconciler,
    informerFactory,
    api,
    ...over,
  });
  const events = <K extends TraceEvent['type']>(type: K) =>
    sim.trace.all().filter((e): e is TraceEvent<K> => e.type === type);
  return { sim, api: server, requests, c, informerFactory, events };
}

/** A child ConfigMap controlled by the widget. */
const childOf = (owner: KubeObject, name: string): KubeObject => ({
  ...configMap(name),
  metadata: {
    namespace: 'default',
    name,
    ownerReferences: [
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        name: owner.metadata.name!,
        uid: owner.metadata.uid!,
        controller: true,
      },
    ],
  },
});

/** A reconciler that plays back scripted outcomes, one per reconcile, then succeeds. */
function scripted(outcomes: (ReconcileResult | Error)[]): Reconcile {
  let i = 0;
  // eslint-disable-next-line require-yield -- scripted outcomes never wait
  return function* () {
    const next = outcomes[i++];
    if (next instanceof Error) throw next;
    return next;
  };
}

const ends = (events: ReturnType<typeof setup>['events']) =>
  events('reconcile.end').map((e) => `${e.t} ${e.result}${e.error ? ` ${e.error}` : ''}`);

// controller-runtime pkg/internal/controller/controller.go reconcileHandler (facts 25–31).
describe('controller: the Reconcile outcome table', () => {
  for (const profile of ['classic', 'priority-queue'] as QueueProfile[]) {
    describe(profile, () => {
      it('fact 25: an error requeues with rate limiting: 5, 10, 20 ms apart; success then Forgets (fact 29)', () => {
        const { sim, api, c, events } = setup(
          scripted([new Error('a'), new Error('b'), new Error('c'), {}]),
          {
            profile,
          },
        );
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(1000);
        expect(ends(events)).toEqual(['0 error a', '5 error b', '15 error c', '35 ok']);
        expect(c.queue()!.numRequeues('default/w')).toBe(0);
        expect(events('queue.ratelimited').map((e) => [e.failures, e.delayMs])).toEqual([
          [1, 5],
          [2, 10],
          [3, 20],
        ]);
        expect(c.isIdle()).toBe(true);
      });

      it('fact 26: a TerminalError is neither requeued nor forgotten', () => {
        const { sim, api, c, events } = setup(
          scripted([new Error('flaky'), new TerminalError('bad spec'), {}]),
          { profile },
        );
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(1000);
        expect(ends(events)).toEqual(['0 error flaky', '5 terminal bad spec']);
        expect(c.queue()!.numRequeues('default/w')).toBe(1);
        expect(events('queue.forget')).toHaveLength(0);
        expect(c.isIdle()).toBe(true);
        c.enqueue('default/w');
        sim.scheduler.runUntil(2000);
        expect(c.queue()!.numRequeues('default/w')).toBe(0);
      });

      it('fact 27: RequeueAfter Forgets, then adds after the delay', () => {
        const { sim, api, c, events } = setup(scripted([new Error('x'), { requeueAfterMs: 30_000 }, {}]), {
          profile,
        });
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(100);
        expect(c.queue()!.numRequeues('default/w')).toBe(0);
        expect(c.isIdle()).toBe(false);
        sim.scheduler.runUntil(40_000);
        expect(ends(events)).toEqual(['0 error x', '5 requeueAfter', '30005 ok']);
        expect(events('reconcile.end')[1]!.requeueAfterMs).toBe(30_000);
        const order = sim.trace
          .all()
          .filter((e) => e.t === 5 && e.type.startsWith('queue.'))
          .map((e) => e.type);
        expect(order).toEqual(['queue.add', 'queue.get', 'queue.forget', 'queue.after', 'queue.done']);
      });

      it('fact 28: Requeue (deprecated) adds rate-limited, counting as a failure', () => {
        const { sim, api, c, events } = setup(scripted([{ requeue: true }, { requeue: true }, {}]), {
          profile,
        });
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(1000);
        expect(ends(events)).toEqual(['0 requeue', '5 requeue', '15 ok']);
      });

      it('fact 30: RequeueAfter wins over Requeue', () => {
        const { sim, api, c, events } = setup(scripted([{ requeue: true, requeueAfterMs: 500 }, {}]), {
          profile,
        });
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(1000);
        expect(ends(events)).toEqual(['0 requeueAfter', '500 ok']);
      });

      it('fact 31: the requeue is added before Done, so the key waits in the queue, not in processing', () => {
        const { sim, api, c, events } = setup(scripted([new Error('x'), {}]), { profile });
        api.create(WIDGETS, widget('w'));
        c.start();
        sim.scheduler.runUntil(0);
        const at0 = sim.trace
          .all()
          .filter((e) => e.t === 0 && (e.type === 'queue.ratelimited' || e.type === 'queue.done'))
          .map((e) => e.type);
        expect(at0).toEqual(['queue.ratelimited', 'queue.done']);
        expect(c.snapshot().queue?.waiting.map((w) => w.item)).toEqual(['default/w']);
        expect(events('reconcile.start')).toHaveLength(1);
      });
    });
  }

  it('fact 34: a thrown TypeError is recovered as "panic: … [recovered]" and requeued', () => {
    let calls = 0;
    // eslint-disable-next-line require-yield -- fails before it would wait
    const { sim, api, c, events } = setup(function* () {
      if (calls++ === 0) (undefined as unknown as { x: number }).x.toFixed();
      return {};
    });
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(100);
    expect(events('reconcile.end')[0]!.error).toMatch(/^panic: .* \[recovered\]$/);
    expect(ends(events)[1]).toBe('5 ok');
  });

  it('rejects a bad Result as an error rather than acting on it', () => {
    const { sim, api, c, events } = setup(scripted([{ requeueAfterMs: -1 }, {}]));
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(100);
    expect(events('reconcile.end')[0]!.error).toMatch(/requeueAfterMs -1/);
  });
});

describe('controller: workers, cache sync and API calls', () => {
  it('fact 35: workers start only after every watched cache has synced', () => {
    const { sim, api, c, events } = setup(
      scripted([]),
      { owns: ['configmaps'] },
      {
        latency: [
          { ms: 200, verb: 'list' },
          { ms: 800, verb: 'list', resource: 'configmaps' },
        ],
      },
    );
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(799);
    expect(c.state()).toBe('syncing');
    expect(c.queue()!.len()).toBe(1);
    sim.scheduler.runUntil(2000);
    expect(events('reconcile.start').map((e) => e.t)).toEqual([800]);
    expect(c.state()).toBe('running');
  });

  it('fact 32: one worker by default; N workers run N keys at once (fact 33: never the same key twice)', () => {
    const slow: Reconcile = function* (req, ctx) {
      yield ctx.step('wait');
      yield* ctx.client.get(WIDGETS, req.namespace, req.name);
    };
    for (const [workers, expected] of [
      [undefined, 1],
      [3, 3],
    ] as const) {
      const { sim, api, c, events } = setup(
        slow,
        { maxConcurrentReconciles: workers },
        { latency: [{ ms: 100, verb: 'get' }] },
      );
      for (const n of ['a', 'b', 'c', 'd']) api.create(WIDGETS, widget(n));
      c.start();
      sim.scheduler.runUntil(50);
      expect(c.snapshot().workers.filter((w) => w.key !== undefined)).toHaveLength(expected);
      expect(c.snapshot().workers[0]).toMatchObject({
        key: 'default/a',
        step: 'wait',
        waitingOn: `get ${WIDGETS}`,
      });
      sim.scheduler.runUntil(1000);
      expect(events('reconcile.end')).toHaveLength(4);
      expect(new Set(events('reconcile.start').map((e) => e.worker)).size).toBe(expected);
    }
    expect(() => setup(slow, { maxConcurrentReconciles: 1.5 })).toThrow(/whole number/);
  });

  it('writes take the transport latency, and a failed write is thrown inside the reconcile as the ApiError', () => {
    const seen: string[] = [];
    const reconcile: Reconcile = function* (req, ctx) {
      const w = ctx.cache(WIDGETS).get(req.namespace, req.name);
      if (!w) return;
      try {
        const created = yield* ctx.client.create('configmaps', childOf(w, `${req.name}-child`));
        seen.push(`created ${created.metadata.name} at ${ctx.now()}`);
      } catch (e) {
        seen.push(`${isAlreadyExists(e) ? 'exists' : 'other'} at ${ctx.now()}`);
      }
    };
    const { sim, api, c } = setup(reconcile, {}, { latency: [{ ms: 250, verb: 'create' }] });
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(1000);
    c.enqueue('default/w');
    sim.scheduler.runUntil(2000);
    expect(seen).toEqual(['created w-child at 250', 'exists at 1250']);
    expect(api.get('configmaps', 'default', 'w-child').metadata.ownerReferences?.[0]?.name).toBe('w');
  });

  it('fact 46: a reconcile right after its own write reads the stale cache, and its write gets 409 Conflict', () => {
    const reconcile: Reconcile = function* (req, ctx) {
      const w = ctx.cache(WIDGETS).get(req.namespace, req.name);
      if (!w) return;
      const copy = ctx.clone(w);
      copy.status = { observed: true };
      yield* ctx.client.updateStatus(WIDGETS, copy);
    };
    const { sim, api, c, events } = setup(reconcile, {}, { latency: [{ ms: 50, verb: 'update' }] });
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(10);
    c.enqueue('default/w');
    sim.scheduler.runUntil(1000);
    // Done hands the dirty key straight back to the worker, before the watch event of the write reaches the cache.
    expect(ends(events)).toEqual([
      '50 ok',
      expect.stringMatching(/^100 error Operation cannot be fulfilled on widgets.example.com "w"/),
      '150 ok',
      '200 ok',
    ]);
    expect(api.get(WIDGETS, 'default', 'w').status).toEqual({ observed: true });
  });

  it('ctx.cache of a resource the controller neither watches nor reads is a clear error', () => {
    const reconcile: Reconcile = function* (req, ctx) {
      yield ctx.step('read');
      ctx.cache('nodes').get(undefined, req.name);
    };
    const { sim, api, c, events } = setup(reconcile);
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(1);
    expect(events('reconcile.end')[0]!.error).toMatch(
      /reads nodes from the cache but neither watches it nor lists it in reads/,
    );
    const ok = setup(reconcile, { reads: ['nodes'] });
    ok.api.create(WIDGETS, widget('w'));
    ok.c.start();
    ok.sim.scheduler.runUntil(1);
    expect(ok.events('reconcile.end')[0]!.result).toBe('ok');
  });

  it('reconcile.step events show where the worker is', () => {
    const reconcile: Reconcile = function* (_req, ctx) {
      yield ctx.step('fetch');
      yield ctx.step('compare');
      yield* apiCall('get', WIDGETS, 'default', 'w', () => null);
      return {};
    };
    const { sim, api, c, events } = setup(reconcile);
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(1);
    expect(events('reconcile.step').map((e) => e.step)).toEqual(['fetch', 'compare']);
  });
});

describe('controller: sources and predicates', () => {
  it('Owns enqueues the controller owner when a child changes (EnqueueRequestForOwner, OnlyControllerOwner)', () => {
    const { sim, api, c, events } = setup(scripted([]), { owns: ['configmaps'] });
    const w = api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(10);
    api.create('configmaps', childOf(w, 'child'));
    api.create('configmaps', configMap('orphan'));
    sim.scheduler.runUntil(20);
    expect(events('reconcile.start').map((e) => `${e.t} ${e.key}`)).toEqual(['0 default/w', '10 default/w']);
  });

  it('GenerationChangedPredicate on For drops status-only writes (fact 41)', () => {
    const { sim, api, c, events } = setup(scripted([]), { forPredicates: [generationChangedPredicate()] });
    api.create(WIDGETS, widget('w'));
    c.start();
    sim.scheduler.runUntil(10);
    api.update(
      WIDGETS,
      { ...api.get(WIDGETS, 'default', 'w'), status: { ready: true } },
      { subresource: 'status' },
    );
    sim.scheduler.runUntil(20);
    expect(events('reconcile.start')).toHaveLength(1);
    expect(c.stats().filtered).toBe(1);
    api.update(WIDGETS, { ...api.get(WIDGETS, 'default', 'w'), spec: { size: 2 } });
    sim.scheduler.runUntil(30);
    expect(events('reconcile.start')).toHaveLength(2);
  });

  it('the priority queue hands out a fresh change before the low-priority initial list', () => {
    const order: string[] = [];
    const reconcile: Reconcile = function* (req, ctx) {
      order.push(req.name);
      yield* ctx.client.get(WIDGETS, req.namespace, req.name);
    };
    const { sim, api, c } = setup(
      reconcile,
      { profile: 'priority-queue' },
      { latency: [{ ms: 10, verb: 'get' }] },
    );
    for (const n of ['a', 'b', 'c']) api.create(WIDGETS, widget(n));
    c.start();
    sim.scheduler.runUntil(5);
    api.update(WIDGETS, { ...api.get(WIDGETS, 'default', 'c'), spec: { size: 3 } });
    sim.scheduler.runUntil(100);
    expect(order).toEqual(['a', 'c', 'b']);
  });
});

describe('controller: faults and lifecycle', () => {
  it('injectReconcileErrors fails the next N reconciles without running the reconciler', () => {
    let runs = 0;
    // eslint-disable-next-line require-yield -- counts runs only
    const { sim, api, c, events } = setup(function* () {
      runs++;
    });
    api.create(WIDGETS, widget('w'));
    c.injectReconcileErrors(2);
    c.start();
    sim.scheduler.runUntil(1000);
    expect(ends(events)).toEqual([
      '0 error injected reconcile error (reconcileError fault)',
      '5 error injected reconcile error (reconcileError fault)',
      '15 ok',
    ]);
    expect(runs).toBe(1);
    expect(() => c.injectReconcileErrors(-1)).toThrow(/whole number/);
  });

  it('crash drops in-flight work and the queue, then restarts with a fresh queue after a relist', () => {
    const reconcile: Reconcile = function* (req, ctx) {
      yield* ctx.client.get(WIDGETS, req.namespace, req.name);
      return { requeueAfterMs: 60_000 };
    };
    const { sim, api, c, events, requests } = setup(
      reconcile,
      { restartDelayMs: 2000 },
      { latency: [{ ms: 100, verb: 'get' }] },
    );
    api.create(WIDGETS, widget('a'));
    api.create(WIDGETS, widget('b'));
    c.start();
    sim.scheduler.runUntil(150);
    c.crash();
    expect(c.state()).toBe('crashed');
    expect(c.isIdle()).toBe(false);
    sim.scheduler.runUntil(1999 + 150);
    expect(events('reconcile.end')).toHaveLength(1);
    sim.scheduler.runUntil(5000);
    expect(events('controller.crash').map((e) => e.t)).toEqual([150]);
    expect(events('controller.start').map((e) => e.t)).toEqual([0, 2150]);
    expect(requests.filter((r) => r.verb === 'list').map((r) => [r.at, r.opts.resourceVersion])).toEqual([
      [0, '0'],
      [2150, '0'],
    ]);
    expect(events('reconcile.start').map((e) => `${e.t} ${e.key}`)).toEqual([
      '0 default/a',
      '100 default/b',
      '2150 default/a',
      '2250 default/b',
    ]);
    expect(c.stats().crashes).toBe(1);
    expect(c.snapshot().queue?.waiting.map((w) => w.item)).toEqual(['default/a', 'default/b']);
  });

  it('staleView pauses the controller’s informers so it reconciles late', () => {
    const { sim, api, c, events } = setup(scripted([]));
    c.start();
    sim.scheduler.runUntil(10);
    c.staleView(3000);
    api.create(WIDGETS, widget('w'));
    sim.scheduler.runUntil(5000);
    expect(events('reconcile.start').map((e) => e.t)).toEqual([3010]);
  });

  it('start twice is an error; stop makes it idle for good', () => {
    const { sim, api, c } = setup(scripted([]));
    api.create(WIDGETS, widget('w'));
    c.start();
    expect(() => c.start()).toThrow(/started more than once/);
    c.stop();
    sim.scheduler.runUntil(100);
    expect(c.state()).toBe('stopped');
    expect(c.isIdle()).toBe(true);
    expect(() => setup(scripted([]), { forResource: 'nope' })).toThrow(/unknown resource "nope"/);
    expect(() => setup(scripted([]), { profile: 'lifo' as never })).toThrow(/unknown queue profile/);
  });
});

describe('controller: property (fact 33)', () => {
  it('never reconciles one key on two workers at once, and runs every key after its last add', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<QueueProfile>('classic', 'priority-queue'),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 4 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.constantFrom<'ok' | 'error' | 'after'>('ok', 'ok', 'error', 'after'), {
          minLength: 1,
          maxLength: 10,
        }),
        (profile, workers, adds, latencies, outcomes) => {
          let seq = 0;
          let call = 0;
          let run = 0;
          const inFlight = new Set<string>();
          const lastAdd = new Map<string, number>();
          const lastStart = new Map<string, number>();
          const reconcile: Reconcile = function* (req) {
            if (inFlight.has(req.key)) throw new Error(`concurrent reconcile of ${req.key}`);
            inFlight.add(req.key);
            lastStart.set(req.key, ++seq);
            try {
              yield* apiCall('get', WIDGETS, req.namespace, req.name, () => null);
              const o = outcomes[run++ % outcomes.length];
              if (o === 'error') throw new Error('transient');
              return o === 'after' ? { requeueAfterMs: 500 } : {};
            } finally {
              inFlight.delete(req.key);
            }
          };
          const sim = createSim({ seed: 1 });
          const api = createTestApi(sim);
          const informerFactory = createInformerFactory(sim, api, { resyncMs: 0 });
          const transport = createLatencyTransport(sim, () => latencies[call++ % latencies.length]!);
          let concurrent = '';
          const c = createController(sim, {
            name: 'prop',
            forResource: WIDGETS,
            profile,
            maxConcurrentReconciles: workers,
            reconciler: function* (req, ctx) {
              try {
                return yield* reconcile(req, ctx);
              } catch (e) {
                if (e instanceof Error && e.message.startsWith('concurrent')) concurrent = e.message;
                throw e;
              }
            },
            informerFactory,
            api,
            transport,
          });
          c.start();
          for (const [at, k] of adds) {
            sim.scheduler.at(at, () => {
              lastAdd.set(`default/k${k}`, ++seq);
              c.enqueue(`default/k${k}`);
            });
          }
          sim.scheduler.runUntil(30_000);
          expect(concurrent).toBe('');
          for (const [key, addSeq] of lastAdd) expect(lastStart.get(key) ?? 0).toBeGreaterThan(addSeq);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('controller: determinism', () => {
  it('the same seed and actions give a byte-identical trace, faults and latency jitter included', () => {
    const run = () => {
      const reconcile: Reconcile = function* (req, ctx) {
        const w = ctx.cache(WIDGETS).get(req.namespace, req.name);
        if (!w || w.status?.done) return;
        yield ctx.step('mark done');
        const copy = ctx.clone(w);
        copy.status = { done: true };
        yield* ctx.client.updateStatus(WIDGETS, copy);
        return { requeueAfterMs: 1000 };
      };
      const { sim, api, c } = setup(
        reconcile,
        { maxConcurrentReconciles: 2 },
        { latency: [{ ms: 40, jitterMs: 30 }] },
      );
      for (const n of ['a', 'b', 'c', 'd']) api.create(WIDGETS, widget(n));
      c.start();
      sim.scheduler.runUntil(3000);
      api.faults.expireWatches();
      c.crash();
      sim.scheduler.runUntil(20_000);
      return traceToJsonl(sim.trace.all());
    };
    const first = run();
    expect(first).toContain('"type":"controller.crash"');
    expect(run()).toBe(first);
  });
});
