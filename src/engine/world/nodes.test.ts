/**
 * Core Nodes in a running world: the ReplicaSet, the scheduler, the kubelets and the node lifecycle controller
 * together; and a world without Nodes running exactly as before.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { traceToJsonl } from '../sim/trace.ts';
import { webReplicaSet as rs } from './example-objects.ts';
import { createWorld } from './world.ts';
import type { LabWorld } from './build-world.ts';

const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const perNode = (w: LabWorld) => {
  const out: Record<string, number> = {};
  for (const p of w.api.peek('pods')) {
    const n = String(p.spec?.nodeName ?? '');
    out[n] = (out[n] ?? 0) + 1;
  }
  return out;
};

describe('core Nodes in a world', () => {
  it('spreads a ReplicaSet over the Nodes and converges despite the periodic heartbeats', () => {
    const w = createWorld({ seed: 3, objects: [node('n1'), node('n2'), node('n3'), rs(6)] });
    const r = w.runToConvergence();
    expect(r.converged).toBe(true);
    expect(perNode(w)).toEqual({ n1: 2, n2: 2, n3: 2 });
    // Heartbeats keep going after convergence, and the world stays converged.
    w.runUntil(w.sim.now() + 120_000);
    expect(w.isConverged()).toBe(true);
    expect(w.sim.scheduler.pending()).toBeGreaterThan(0);
  });

  it('nodeFailure: the Pods of the failed Node are evicted after Unknown + 300 s and recreated on the others', () => {
    const w = createWorld({
      seed: 3,
      objects: [node('n1'), node('n2'), node('n3'), rs(6)],
      timeline: [
        { atMs: 60_000, action: { action: 'fault', fault: { type: 'nodeFailure', target: { name: 'n2' } } } },
      ],
    });
    const r = w.runToConvergence();
    expect(r.converged).toBe(true);
    // Grace period (50 s after the last observed renewal) + 300 s of toleration after the failure at 60 s.
    expect(r.atMs).toBeGreaterThan(60_000 + 50_000 + 300_000);
    expect(r.atMs).toBeLessThan(60_000 + 65_000 + 300_000 + 10_000);
    expect(perNode(w)).toEqual({ n1: 3, n3: 3 });
    const n2 = w.api.get('nodes', undefined, 'n2');
    expect(
      (n2.status?.conditions as { type: string; status: string }[]).find((c) => c.type === 'Ready')?.status,
    ).toBe('Unknown');
    expect(
      w.sim.trace
        .all()
        .filter((e) => e.type === 'fault')
        .map((e) => (e as { target?: string }).target),
    ).toEqual(['n2']);
  });

  it('clearFaults restarts the kubelet: the Node is Ready again and takes Pods', () => {
    const w = createWorld({ seed: 5, objects: [node('n1'), node('n2'), rs(4)] });
    w.runToConvergence();
    w.act({ action: 'fault', fault: { type: 'nodeFailure', target: { kind: 'Node', name: 'n1' } } });
    w.runToConvergence();
    expect(perNode(w)).toEqual({ n2: 4 });
    w.act({ action: 'clearFaults' });
    w.runUntil(w.sim.now() + 10_000);
    expect(w.nodes.isKubeletRunning('n1')).toBe(true);
    expect(w.api.get('nodes', undefined, 'n1').spec?.taints ?? []).toEqual([]);
    w.act({ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 6 });
    expect(w.runToConvergence().converged).toBe(true);
    expect(perNode(w)).toEqual({ n1: 2, n2: 4 });
  });

  it('without Nodes nothing changes: no scheduler, no Leases, Pods start unbound, same trace on replay', () => {
    const run = () => {
      const w = createWorld({ seed: 9, objects: [rs(3)] });
      w.runToConvergence();
      return w;
    };
    const w = run();
    expect(w.nodes.hasCoreNodes()).toBe(false);
    expect(perNode(w)).toEqual({ '': 3 });
    expect([...w.api.peek('leases.coordination.k8s.io')]).toEqual([]);
    const actors = new Set(w.sim.trace.all().map((e) => String((e as { actor?: string }).actor ?? '')));
    for (const a of actors)
      expect(a).not.toMatch(/^(kubelet\/|default-scheduler|node-lifecycle|taint-eviction)/);
    expect(traceToJsonl(run().sim.trace.all())).toBe(traceToJsonl(w.sim.trace.all()));
  });
});
