import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorFromObject } from '../../api/selectors.ts';
import { createApiServer } from '../../api/server.ts';
import type { KubeObject } from '../../api/types.ts';
import { createInformerFactory } from '../../client/informer-factory.ts';
import { createSim } from '../../sim/sim.ts';
import { createOwnedPodTracker } from './owned-pods.ts';
import { createPodViews, type ReplicaSetShape } from './pod-view.ts';
import { countReplicaSetPods } from './replicaset-status.ts';

const OWNERS = ['uid-a', 'uid-b'];

const shapeFor = (app: string): ReplicaSetShape => {
  const selector = { matchLabels: { app } };
  return {
    selectorKey: JSON.stringify(selector),
    selector: labelSelectorFromObject(selector),
    templateKey: JSON.stringify({ app, tier: 'web' }),
    templateLabels: { app, tier: 'web' },
  };
};

type Op =
  | { op: 'create'; pod: number; owner: number; app: string; tier: boolean }
  | { op: 'relabel'; pod: number; app: string }
  | { op: 'ready'; pod: number; ready: boolean }
  | { op: 'delete'; pod: number; finalizer: boolean }
  | { op: 'release'; pod: number }
  | { op: 'shape'; app: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    pod: fc.nat(11),
    owner: fc.nat(2),
    app: fc.constantFrom('web', 'db'),
    tier: fc.boolean(),
  }),
  fc.record({ op: fc.constant('relabel' as const), pod: fc.nat(11), app: fc.constantFrom('web', 'db') }),
  fc.record({ op: fc.constant('ready' as const), pod: fc.nat(11), ready: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), pod: fc.nat(11), finalizer: fc.boolean() }),
  fc.record({ op: fc.constant('release' as const), pod: fc.nat(11) }),
  fc.record({ op: fc.constant('shape' as const), app: fc.constantFrom('web', 'db') }),
);

describe('owned-pod tally (stands in for calculateStatus scanning the cache)', () => {
  it('always equals a full recount of the informer cache', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer(), (ops, seed) => {
        const sim = createSim({ seed: Math.abs(seed) % 1000, keepAll: false });
        const api = createApiServer(sim);
        const factory = createInformerFactory(sim, api, { resyncMs: 0 });
        const informer = factory.informerFor('pods');
        const viewOf = createPodViews();
        const tracker = createOwnedPodTracker(informer, viewOf);
        factory.start();
        let shape = shapeFor('web');
        const name = (i: number) => `p${i}`;
        const tryDo = (fn: () => void) => {
          try {
            fn();
          } catch {
            // An op on a missing pod fails with NotFound/AlreadyExists and changes nothing.
          }
        };
        for (const o of ops) {
          switch (o.op) {
            case 'create': {
              const pod: KubeObject = {
                apiVersion: 'v1',
                kind: 'Pod',
                metadata: {
                  name: name(o.pod),
                  namespace: 'default',
                  labels: o.tier ? { app: o.app, tier: 'web' } : { app: o.app },
                  ...(o.owner < OWNERS.length
                    ? {
                        ownerReferences: [
                          {
                            apiVersion: 'apps/v1',
                            kind: 'ReplicaSet',
                            name: 'rs',
                            uid: OWNERS[o.owner]!,
                            controller: true,
                          },
                        ],
                      }
                    : {}),
                },
                spec: { containers: [{ name: 'c', image: 'i' }] },
              };
              tryDo(() => api.create('pods', pod));
              break;
            }
            case 'relabel':
              tryDo(() =>
                api.patch('pods', 'default', name(o.pod), 'merge', { metadata: { labels: { app: o.app } } }),
              );
              break;
            case 'ready':
              tryDo(() =>
                api.patch(
                  'pods',
                  'default',
                  name(o.pod),
                  'merge',
                  {
                    status: {
                      phase: 'Running',
                      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
                    },
                  },
                  { subresource: 'status' },
                ),
              );
              break;
            case 'delete':
              if (o.finalizer)
                tryDo(() =>
                  api.patch('pods', 'default', name(o.pod), 'merge', {
                    metadata: { finalizers: ['x/hold'] },
                  }),
                );
              tryDo(() => api.delete('pods', 'default', name(o.pod)));
              break;
            case 'release':
              tryDo(() =>
                api.patch('pods', 'default', name(o.pod), 'merge', { metadata: { ownerReferences: null } }),
              );
              break;
            case 'shape':
              shape = shapeFor(o.app);
              break;
          }
          sim.scheduler.runUntil(sim.now() + 10);
          for (const uid of OWNERS) {
            const views = informer
              .list()
              .filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid))
              .map((p) => viewOf(p, shape));
            const active = views.filter((v) => v.active);
            const matching = active.filter((v) => v.matchesSelector);
            const full = countReplicaSetPods(matching, 0, sim.now());
            const tally = tracker.counts(uid, shape);
            expect({ ...tally }).toEqual({
              replicas: full.replicas,
              fullyLabeled: full.fullyLabeled,
              ready: full.ready,
              mismatched: active.length - matching.length,
            });
            expect(
              tracker
                .pods(uid)
                .map((p) => p.metadata.name)
                .sort(),
            ).toEqual(views.map((v) => v.pod.metadata.name).sort());
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
