/**
 * The ReplicaSet controller in a running world (k8s pkg/controller/replicaset/replica_set.go), checked through
 * what a learner can see: pods, ownerReferences, status and the trace.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaSetController } from '../controllers/core/replicaset-controller.ts';
import { barePod as pod, webReplicaSet as rs } from './example-objects.ts';
import { createWorld } from './world.ts';

const pods = (w: ReturnType<typeof createWorld>) => [...w.api.peek('pods')];
const owned = (w: ReturnType<typeof createWorld>) =>
  pods(w).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'ReplicaSet'));

describe('ReplicaSet controller (replica_set.go)', () => {
  it('expectations: with its pod cache paused it creates each missing pod once, not again on every sync', () => {
    const w = createWorld({ seed: 11, objects: [rs(2)] });
    w.runToConvergence();
    // The pods informer lags for 20 s: the controller cannot see the pods it creates, while its ReplicaSet
    // keeps changing (its status writes, and a label nudge every second), so it syncs again and again.
    w.informers.informerFor('pods').pause(20_000);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 });
    for (let i = 0; i < 10; i++) {
      w.runUntil(w.sim.now() + 1_000);
      w.act({
        action: 'patch',
        target: { kind: 'ReplicaSet', name: 'web' },
        patch: { metadata: { labels: { nudge: String(i) } } },
      });
    }
    expect(owned(w)).toHaveLength(5);
    const exp = (w.controllers.get('replicaset-controller') as ReplicaSetController).expectations();
    expect(exp).toEqual([expect.objectContaining({ key: 'default/web', add: 3, fulfilled: false })]);
    expect(w.runToConvergence().converged).toBe(true);
    expect(owned(w)).toHaveLength(5);
    const creates = w.sim.trace
      .all()
      .filter(
        (e) => e.type === 'api.response' && e.verb === 'create' && e.resource === 'pods' && e.code === 201,
      );
    expect(creates).toHaveLength(5);
  });

  it('adopts a matching orphan instead of creating a pod (controller_ref_manager.go ClaimPods)', () => {
    const w = createWorld({ seed: 12, objects: [pod('stray', { app: 'web' }), rs(2)] });
    expect(w.runToConvergence().converged).toBe(true);
    const stray = w.api.get('pods', 'default', 'stray');
    expect(stray.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'ReplicaSet',
        name: 'web',
        controller: true,
        blockOwnerDeletion: true,
      }),
    ]);
    expect(owned(w)).toHaveLength(2);
  });

  it('releases a pod relabelled out of its selector and replaces it', () => {
    const w = createWorld({ seed: 13, objects: [rs(2)] });
    w.runToConvergence();
    const victim = owned(w)[0]!.metadata.name!;
    w.act({
      action: 'patch',
      target: { kind: 'Pod', name: victim },
      patch: { metadata: { labels: { app: 'debug' } } },
    });
    expect(w.runToConvergence().converged).toBe(true);
    expect(w.api.get('pods', 'default', victim).metadata.ownerReferences ?? []).toEqual([]);
    expect(owned(w)).toHaveLength(2);
    expect(owned(w).map((p) => p.metadata.name)).not.toContain(victim);
  });

  it('scales down the pods that are not ready first (controller_utils.go ActivePodsWithRanks)', () => {
    const w = createWorld({ seed: 14, objects: [rs(3)] });
    w.runToConvergence();
    // One more pod that has not started yet: a pod that is not ready ranks first for deletion.
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 });
    w.runUntil(w.sim.now() + 50);
    const fresh = owned(w).find((p) => p.status?.phase !== 'Running')!;
    expect(fresh).toBeDefined();
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 3 });
    expect(w.runToConvergence().converged).toBe(true);
    expect(owned(w).map((p) => p.metadata.name)).not.toContain(fresh.metadata.name);
    expect(owned(w)).toHaveLength(3);
  });

  it('retries a conflicting status write once with a fresh GET (replica_set_utils.go updateReplicaSetStatus)', () => {
    const w = createWorld({ seed: 15, objects: [rs(1)] });
    w.runUntil(1);
    w.act({
      action: 'fault',
      fault: { type: 'apiError', verb: 'update', resource: 'replicasets', code: 409, count: 1 },
    });
    expect(w.runToConvergence().converged).toBe(true);
    const rsCalls = w.sim.trace
      .all()
      .filter(
        (e) =>
          e.type === 'api.response' &&
          e.resource === 'replicasets.apps' &&
          e.actor === 'replicaset-controller',
      )
      .map((e) => (e.type === 'api.response' ? `${e.verb} ${e.code}` : ''));
    const conflict = rsCalls.indexOf('update 409');
    expect(conflict).toBeGreaterThanOrEqual(0);
    expect(rsCalls.slice(conflict, conflict + 3)).toEqual(['update 409', 'get 200', 'update 200']);
    expect(w.api.get('replicasets.apps', 'default', 'web').status?.readyReplicas).toBe(1);
  });

  it('waits minReadySeconds before counting a pod available, then requeues itself to notice', () => {
    const w = createWorld({ seed: 16, objects: [rs(1, { minReadySeconds: 30 })] });
    w.runUntil(5_000);
    const st = () => w.api.get('replicasets.apps', 'default', 'web').status!;
    expect(st().readyReplicas).toBe(1);
    expect(st().availableReplicas).toBe(0);
    expect(w.runToConvergence().converged).toBe(true);
    expect(st().availableReplicas).toBe(1);
    expect(w.sim.now()).toBeGreaterThanOrEqual(30_000);
  });
});
