import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { traceToJsonl } from '../sim/trace.ts';
import { replayTo } from './replay.ts';
import { webReplicaSet as rs } from './example-objects.ts';
import { createWorld } from './world.ts';
import type { TimedAction, WorldOptions } from './world-types.ts';

const timeline: TimedAction[] = [
  {
    atMs: 30_000,
    action: { action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'random' } },
  },
  { atMs: 60_000, action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 } },
];

const options = (seed: number): WorldOptions => ({ seed, objects: [rs(3)], timeline });

const podsOf = (w: ReturnType<typeof createWorld>) => [...w.api.peek('pods')];

describe('world', () => {
  it('brings a ReplicaSet to its desired state and keeps it there', () => {
    const w = createWorld(options(1));
    const r = w.runToConvergence();
    expect(r.converged).toBe(true);
    expect(r.atMs).toBeGreaterThan(60_000);
    const pods = podsOf(w);
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
    w.runUntil(w.sim.now() + 10 * 60_000);
    expect(w.isConverged()).toBe(true);
    expect(podsOf(w)).toHaveLength(5);
    const s = w.summary();
    expect(s.objects.Pod).toEqual({ total: 5, Running: 5 });
    expect(s.objects.ReplicaSet).toEqual({ total: 1, Ready: 1 });
    expect(s.counts.reconciles).toBeGreaterThan(0);
  });

  it('gives a byte-identical trace for the same seed, and another seed changes what jitter touches', () => {
    const run = (seed: number) => {
      const w = createWorld(options(seed));
      w.runToConvergence();
      return traceToJsonl(w.sim.trace.all());
    };
    const a = run(7);
    expect(run(7)).toBe(a);
    const b = run(8);
    expect(b).not.toBe(a);
    // Jitter moves the times at which pods become ready.
    const readyTimes = (trace: string) =>
      trace
        .split('\n')
        .filter((l) => l.includes('"type":"object.phase"') && l.includes('"to":"Running"'))
        .map((l) => (JSON.parse(l) as { t: number }).t);
    expect(readyTimes(b)).not.toEqual(readyTimes(a));
  });

  it('replays user actions at the exact step they happened', () => {
    const w = createWorld({ seed: 3, objects: [rs(2)] });
    w.runUntil(5_000);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 });
    w.runUntil(9_000);
    w.act({ action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'random' } });
    w.runUntil(20_000);
    const again = replayTo(createWorld, { seed: 3, objects: [rs(2)] }, w.actions, { atMs: 20_000 });
    expect(traceToJsonl(again.sim.trace.all())).toBe(traceToJsonl(w.sim.trace.all()));
    // And an earlier moment shows the earlier state.
    const before = replayTo(createWorld, { seed: 3, objects: [rs(2)] }, w.actions, { atMs: 6_000 });
    expect(before.api.get('replicasets.apps', 'default', 'web').spec?.replicas).toBe(4);
    expect(podsOf(before).length).toBeLessThanOrEqual(4);
  });

  it('rejects a bad action with a clear error and changes nothing', () => {
    const w = createWorld({ seed: 1, objects: [rs(1)] });
    w.runToConvergence();
    const rv = w.api.currentResourceVersion();
    const events = w.sim.trace.size();
    const bad: KubeObject = { ...rs(-3), metadata: { name: 'bad', namespace: 'default' } };
    expect(() => w.act({ action: 'apply', objects: [rs(2), bad] })).toThrow(
      /object 2 \(ReplicaSet "bad"\): spec.replicas/,
    );
    expect(() =>
      w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'nope' }, replicas: 1 }),
    ).toThrow(/no ReplicaSet "nope"/);
    expect(() => w.act({ action: 'fault', fault: { type: 'controllerCrash', controller: 'nope' } })).toThrow(
      /no controller "nope"/,
    );
    expect(w.sim.trace.all().slice(events)).toEqual([]);
    expect(w.api.currentResourceVersion()).toBe(rv);
    expect(w.api.get('replicasets.apps', 'default', 'web').spec?.replicas).toBe(1);
    expect(w.actions).toHaveLength(0);
  });

  it('recovers from a controller crash and a watch expiry', () => {
    const w = createWorld({ seed: 5, objects: [rs(3)] });
    w.runUntil(1_000);
    w.act({ action: 'fault', fault: { type: 'controllerCrash', controller: 'replicaset-controller' } });
    w.act({ action: 'fault', fault: { type: 'watchExpire' } });
    expect(w.runToConvergence().converged).toBe(true);
    expect(podsOf(w)).toHaveLength(3);
    const types = new Set(w.sim.trace.all().map((e) => e.type));
    expect(types.has('controller.crash')).toBe(true);
    expect(w.sim.trace.all().some((e) => e.type === 'fault' && e.kind === 'watchExpire')).toBe(true);
  });

  it('applies with kubectl semantics: create, then patch only what changed, then unchanged', () => {
    const w = createWorld({ seed: 2 });
    w.act({ action: 'apply', objects: [rs(1)] });
    w.runToConvergence();
    const rv1 = w.api.get('replicasets.apps', 'default', 'web').metadata.resourceVersion;
    w.act({ action: 'apply', objects: [rs(1)] });
    expect(w.api.get('replicasets.apps', 'default', 'web').metadata.resourceVersion).toBe(rv1);
    w.act({ action: 'apply', objects: [rs(2)] });
    const after = w.api.get('replicasets.apps', 'default', 'web');
    expect(after.spec?.replicas).toBe(2);
    expect(after.metadata.generation).toBe(2);
    expect(after.status?.replicas).toBe(1);
  });
});
