/**
 * Kubelet heartbeats, the node lifecycle controller, taint-based eviction and the scheduler against the mock API
 * server, in virtual time. Pods are written directly (no ReplicaSet or Pod kubelet here; world/nodes.test.ts runs
 * the whole loop).
 */
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../../api/registry.ts';
import { appsResources } from '../../../api/resources/apps.ts';
import { coordinationResources } from '../../../api/resources/coordination.ts';
import { coreResources } from '../../../api/resources/core.ts';
import { createApiServer, type MockApiServer } from '../../../api/server.ts';
import type { KubeObject } from '../../../api/types.ts';
import { createSim } from '../../../sim/sim.ts';
import { LEASES } from './node-kubelet.ts';
import {
  NODE_LEASE_NAMESPACE,
  NODE_MONITOR_GRACE_PERIOD_MS,
  TAINT_NODE_UNREACHABLE,
  msFromTime,
  nodeCondition,
  nodeTaints,
} from './node-rules.ts';
import { createNodeSim } from './node-sim.ts';

function setup(nodeNames: string[], opts: { providerID?: string } = {}) {
  const sim = createSim({ seed: 7 });
  const api = createApiServer(sim, {
    registry: createRegistry([...coreResources(), ...appsResources(), ...coordinationResources()]),
  });
  const requeued: string[] = [];
  const nodes = createNodeSim(sim, api, { requeuePod: (k) => requeued.push(k) });
  for (const name of nodeNames)
    api.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      ...(opts.providerID ? { spec: { providerID: opts.providerID } } : {}),
    });
  return { sim, api, nodes, requeued };
}

const getNode = (api: MockApiServer, name: string) => api.get('nodes', undefined, name);
const podsOf = (api: MockApiServer) => [...api.peek('pods')];

function runningPod(api: MockApiServer, name: string, nodeName: string, spec: Record<string, unknown> = {}) {
  const p = api.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], ...spec },
  });
  api.patch(
    'pods',
    'default',
    name,
    'merge',
    { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } },
    { subresource: 'status' },
  );
  return p;
}

const unbound = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

describe('kubelet heartbeats (pkg/kubelet/nodelease, component-helpers lease/controller.go)', () => {
  it('renews its Lease in kube-node-lease every 10 s (+ up to 4% JitterUntil jitter), owned by its Node', () => {
    const { sim, api } = setup(['n1']);
    const renewals: number[] = [];
    api.onCommit((e) => {
      if (e.resource === LEASES && e.type !== 'DELETED') renewals.push(msFromTime(e.obj.spec?.renewTime));
    });
    sim.scheduler.runUntil(120_000);
    expect(renewals[0]).toBe(0);
    expect(renewals.length).toBeGreaterThanOrEqual(11);
    for (let i = 1; i < renewals.length; i++) {
      const gap = renewals[i]! - renewals[i - 1]!;
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThanOrEqual(10_400);
    }
    const lease = api.get(LEASES, NODE_LEASE_NAMESPACE, 'n1');
    expect(lease.spec).toMatchObject({ holderIdentity: 'n1', leaseDurationSeconds: 40 });
    expect(lease.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Node', name: 'n1', uid: getNode(api, 'n1').metadata.uid }),
    ]);
  });

  it('kubelet_node_status.go: posts Ready=True at start, then an unchanged status only every 5 minutes', () => {
    const { sim, api } = setup(['n1']);
    const posts: number[] = [];
    api.onCommit((e) => {
      if (e.resource === 'nodes' && e.type === 'MODIFIED') posts.push(sim.now());
    });
    sim.scheduler.runUntil(299_999);
    expect(posts).toEqual([0]);
    expect(nodeCondition(getNode(api, 'n1'), 'Ready')).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
    });
    sim.scheduler.runUntil(310_000);
    expect(posts).toEqual([0, 300_000]);
    expect(nodeCondition(getNode(api, 'n1'), 'Ready')?.lastHeartbeatTime).toBe('2026-01-01T00:05:00Z');
  });

  it('Cluster API workload Nodes get no kubelet, Lease or scheduler', () => {
    const { sim, api, nodes } = setup(['w1'], { providerID: 'in-memory://w1' });
    sim.scheduler.runUntil(120_000);
    expect(nodes.hasCoreNodes()).toBe(false);
    expect([...api.peek(LEASES)]).toEqual([]);
    expect(nodes.canStart(unbound('p'))).toBe(true);
    expect(sim.scheduler.pending()).toBe(0);
  });
});

describe('node lifecycle controller (node_lifecycle_controller.go monitorNodeHealth)', () => {
  function failedAt(failMs: number) {
    const env = setup(['n1', 'n2']);
    runningPod(env.api, 'p1', 'n1');
    runningPod(env.api, 'p2', 'n1', {
      tolerations: [
        { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
    });
    runningPod(env.api, 'p3', 'n1', { tolerations: [{ operator: 'Exists' }] });
    runningPod(env.api, 'q1', 'n2');
    env.sim.scheduler.runUntil(failMs);
    expect(env.nodes.failNode('n1')).toBe(true);
    const lastRenew = msFromTime(env.api.get(LEASES, NODE_LEASE_NAMESPACE, 'n1').spec?.renewTime);
    return { ...env, lastRenew };
  }

  /** Steps 1 s at a time until n1 is Unknown; returns that virtual time. */
  function runUntilUnknown(sim: ReturnType<typeof setup>['sim'], api: MockApiServer): number {
    for (let t = sim.now(); t < 600_000; t += 1_000) {
      sim.scheduler.runUntil(t);
      if (nodeCondition(getNode(api, 'n1'), 'Ready')?.status === 'Unknown') return t;
    }
    throw new Error('n1 never went Unknown');
  }

  it('Ready goes Unknown only after the 50 s grace period since the last Lease renewal, on a 5 s monitor tick', () => {
    const { sim, api, lastRenew, nodes } = failedAt(62_000);
    expect(nodes.isKubeletRunning('n1')).toBe(false);
    expect(nodes.isIdle()).toBe(false);
    const at = runUntilUnknown(sim, api);
    // probeTimestamp is when the controller saw the last renewal (its next 5 s tick): grace starts there.
    expect(at).toBeGreaterThan(lastRenew + NODE_MONITOR_GRACE_PERIOD_MS);
    expect(at).toBeLessThanOrEqual(lastRenew + NODE_MONITOR_GRACE_PERIOD_MS + 10_000);
    expect(at % 5_000).toBe(0);
    const ready = nodeCondition(getNode(api, 'n1'), 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    expect(msFromTime(ready.lastTransitionTime)).toBe(at);
    expect(nodeCondition(getNode(api, 'n2'), 'Ready')?.status).toBe('True');
    // The unreachable taints, and MarkPodsNotReady.
    expect(nodeTaints(getNode(api, 'n1')).map((t) => `${t.key}:${t.effect}`)).toEqual([
      `${TAINT_NODE_UNREACHABLE}:NoSchedule`,
      `${TAINT_NODE_UNREACHABLE}:NoExecute`,
    ]);
    expect(nodeTaints(getNode(api, 'n2'))).toEqual([]);
    const ready1 = (name: string) => nodeCondition(api.get('pods', 'default', name), 'Ready')?.status;
    expect(['p1', 'p2', 'p3', 'q1'].map(ready1)).toEqual(['False', 'False', 'False', 'True']);
  });

  it('taint_eviction.go: evicts at taint time + tolerationSeconds (default 300 s), never a Pod tolerating forever', () => {
    const { sim, api } = failedAt(62_000);
    const taintedAt = runUntilUnknown(sim, api);
    const taint = nodeTaints(getNode(api, 'n1')).find((t) => t.effect === 'NoExecute')!;
    expect(msFromTime(taint.timeAdded)).toBe(taintedAt);
    const names = () => podsOf(api).map((p) => p.metadata.name);
    sim.scheduler.runUntil(taintedAt + 30_000 - 1);
    expect(names()).toEqual(['p1', 'p2', 'p3', 'q1']);
    sim.scheduler.runUntil(taintedAt + 30_000);
    expect(names()).toEqual(['p1', 'p3', 'q1']);
    sim.scheduler.runUntil(taintedAt + 300_000 - 1);
    expect(names()).toEqual(['p1', 'p3', 'q1']);
    sim.scheduler.runUntil(taintedAt + 300_000);
    expect(names()).toEqual(['p3', 'q1']);
    const deleters = sim.trace
      .all()
      .filter((e) => e.type === 'api.request' && e.verb === 'delete' && e.resource === 'pods')
      .map((e) => (e as { actor?: string }).actor);
    expect(deleters).toEqual(['taint-eviction-controller', 'taint-eviction-controller']);
  });

  it('a kubelet that comes back before the eviction clears Unknown, the taints and the scheduled evictions', () => {
    const { sim, api, lastRenew, nodes, requeued } = failedAt(62_000);
    sim.scheduler.runUntil(lastRenew + NODE_MONITOR_GRACE_PERIOD_MS + 10_000);
    expect(nodes.lifecycle.pendingEvictions()).toBe(2);
    expect(nodes.recoverNodes()).toEqual(['n1']);
    sim.scheduler.runUntil(sim.now() + 5_000);
    expect(nodeCondition(getNode(api, 'n1'), 'Ready')?.status).toBe('True');
    expect(nodeTaints(getNode(api, 'n1'))).toEqual([]);
    expect(nodes.lifecycle.pendingEvictions()).toBe(0);
    expect(nodes.isIdle()).toBe(true);
    sim.scheduler.runUntil(sim.now() + 400_000);
    expect(podsOf(api)).toHaveLength(4);
    expect(podsOf(api).every((p) => nodeCondition(p, 'Ready')?.status === 'True')).toBe(true);
    expect(requeued).toEqual([]);
  });

  it('is idle once the failed Node is Unknown, tainted and its Pods gone or NotReady', () => {
    const { sim, nodes } = failedAt(20_000);
    let idleAt: number | undefined;
    for (let t = sim.now(); t < 800_000 && idleAt === undefined; t += 1_000) {
      sim.scheduler.runUntil(t);
      if (nodes.isIdle()) idleAt = t;
    }
    // The last eviction (300 s after the taint) is the last thing it waits for.
    expect(idleAt).toBeGreaterThan(20_000 + 300_000);
    expect(idleAt).toBeLessThan(20_000 + 60_000 + 300_000 + 1_000);
  });
});

describe('scheduler (least Pods, ties by name)', () => {
  it('binds unbound Pods to Ready, untainted Nodes and only lets Pods on a live Node start', () => {
    const { sim, api, nodes } = setup(['b', 'a', 'c']);
    sim.scheduler.runUntil(1);
    runningPod(api, 'existing', 'a');
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) api.create('pods', unbound(name));
    expect(nodes.canStart(api.get('pods', 'default', 'p1'))).toBe(false);
    sim.scheduler.runUntil(10);
    const placed = Object.fromEntries(podsOf(api).map((p) => [p.metadata.name, p.spec?.nodeName]));
    // a has one already: b, c, then ties by name.
    expect(placed).toEqual({ existing: 'a', p1: 'b', p2: 'c', p3: 'a', p4: 'b', p5: 'c' });
    expect(nodes.canStart(api.get('pods', 'default', 'p1'))).toBe(true);
    nodes.failNode('b');
    expect(nodes.canStart(api.get('pods', 'default', 'p1'))).toBe(false);
  });

  it('a Pod no Node fits waits, and is bound when a Node becomes Ready', () => {
    const { sim, api, nodes } = setup(['a']);
    nodes.failNode('a');
    sim.scheduler.runUntil(1);
    api.create('pods', unbound('p'));
    sim.scheduler.runUntil(100);
    expect(api.get('pods', 'default', 'p').spec?.nodeName).toBeUndefined();
    expect(nodes.binder.waiting()).toBe(1);
    nodes.recoverNodes();
    sim.scheduler.runUntil(200);
    expect(api.get('pods', 'default', 'p').spec?.nodeName).toBe('a');
  });
});
