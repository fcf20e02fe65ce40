import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { virtualMsFromTimestamp } from '../../../sim/timestamp.ts';
import {
  NODE_LEASE_RENEW_INTERVAL_MS,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  evictionDelayMs,
  isCoreNode,
  kubeletConditions,
  kubeletStatusChanged,
  lifecycleTaintKey,
  nodeFitsPod,
  toleratesTaint,
  unknownConditions,
  virtualMicroTime,
  withLifecycleTaints,
  type Taint,
} from './node-rules.ts';

const node = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  ...extra,
});
const pod = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c' }], ...spec },
});
const unreachable: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };

describe('node rules', () => {
  it('kubelet.go nodeLeaseRenewIntervalFraction: the Lease is renewed every 25% of 40 s', () => {
    expect(NODE_LEASE_RENEW_INTERVAL_MS).toBe(10_000);
  });

  it('MicroTime keeps six fractional digits and parses back to the same virtual ms', () => {
    const ts = virtualMicroTime(10_123);
    expect(ts).toBe('2026-01-01T00:00:10.123000Z');
    expect(virtualMsFromTimestamp(ts)).toBe(10_123);
  });

  it('setters.go: the heartbeat moves every post, lastTransitionTime only on a status change', () => {
    const first = node({ status: { conditions: kubeletConditions(node(), 1_000) } });
    expect(kubeletStatusChanged(node())).toBe(true);
    expect(kubeletStatusChanged(first)).toBe(false);
    const again = kubeletConditions(first, 301_000).find((c) => c.type === 'Ready')!;
    expect(again).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      lastHeartbeatTime: '2026-01-01T00:05:01Z',
      lastTransitionTime: '2026-01-01T00:00:01Z',
    });
  });

  it('tryUpdateNodeHealth: every kubelet condition goes Unknown, heartbeat kept; nothing when already Unknown', () => {
    const healthy = node({ status: { conditions: kubeletConditions(node(), 0) } });
    const conds = unknownConditions(healthy, 60_000)!;
    expect(conds.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'MemoryPressure=Unknown/NodeStatusUnknown',
      'DiskPressure=Unknown/NodeStatusUnknown',
      'PIDPressure=Unknown/NodeStatusUnknown',
      'Ready=Unknown/NodeStatusUnknown',
    ]);
    expect(conds.find((c) => c.type === 'Ready')).toMatchObject({
      message: 'Kubelet stopped posting node status.',
      lastHeartbeatTime: '2026-01-01T00:00:00Z',
      lastTransitionTime: '2026-01-01T00:01:00Z',
    });
    expect(unknownConditions(node({ status: { conditions: conds } }), 65_000)).toBeUndefined();
    expect(unknownConditions(node(), 0)?.find((c) => c.type === 'Ready')?.reason).toBe(
      'NodeStatusNeverUpdated',
    );
  });

  it('processTaintBaseEviction: not-ready for False, unreachable for Unknown, none for True (swapped, not added)', () => {
    expect(lifecycleTaintKey('False')).toBe(TAINT_NODE_NOT_READY);
    expect(lifecycleTaintKey('Unknown')).toBe(TAINT_NODE_UNREACHABLE);
    expect(lifecycleTaintKey('True')).toBeUndefined();
    const other: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
    const t1 = withLifecycleTaints(node({ spec: { taints: [other] } }), TAINT_NODE_NOT_READY, 5_000)!;
    expect(t1).toEqual([
      other,
      { key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' },
      { key: TAINT_NODE_NOT_READY, effect: 'NoExecute', timeAdded: '2026-01-01T00:00:05Z' },
    ]);
    const t2 = withLifecycleTaints(node({ spec: { taints: t1 } }), TAINT_NODE_UNREACHABLE, 10_000)!;
    expect(t2.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'dedicated:NoSchedule',
      `${TAINT_NODE_UNREACHABLE}:NoSchedule`,
      `${TAINT_NODE_UNREACHABLE}:NoExecute`,
    ]);
    expect(
      withLifecycleTaints(node({ spec: { taints: t2 } }), TAINT_NODE_UNREACHABLE, 15_000),
    ).toBeUndefined();
    expect(withLifecycleTaints(node({ spec: { taints: t2 } }), undefined, 20_000)).toEqual([other]);
  });

  it('toleration.go ToleratesTaint: key, operator, value and effect', () => {
    expect(toleratesTaint({ operator: 'Exists' }, unreachable)).toBe(true);
    expect(toleratesTaint({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists' }, unreachable)).toBe(true);
    expect(
      toleratesTaint({ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule', operator: 'Exists' }, unreachable),
    ).toBe(false);
    expect(toleratesTaint({ key: 'a', value: 'x' }, { key: 'a', value: 'x', effect: 'NoSchedule' })).toBe(
      true,
    );
    expect(toleratesTaint({ key: 'a', value: 'y' }, { key: 'a', value: 'x', effect: 'NoSchedule' })).toBe(
      false,
    );
  });

  it('taint_eviction.go getMinTolerationTime with the DefaultTolerationSeconds 300 s', () => {
    expect(evictionDelayMs(pod(), [])).toBeUndefined();
    expect(evictionDelayMs(pod(), [unreachable])).toBe(300_000);
    const short = pod({
      tolerations: [
        { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
    });
    expect(evictionDelayMs(short, [unreachable])).toBe(30_000);
    const forever = pod({ tolerations: [{ operator: 'Exists' }] });
    expect(evictionDelayMs(forever, [unreachable])).toBeUndefined();
    // A NoExecute taint nothing tolerates: evicted at once.
    expect(evictionDelayMs(pod(), [{ key: 'evict-me', effect: 'NoExecute' }])).toBe(0);
  });

  it('scheduler filters: Ready, schedulable, taints tolerated', () => {
    const ready = node({ status: { conditions: kubeletConditions(node(), 0) } });
    expect(nodeFitsPod(ready, pod())).toBe(true);
    expect(nodeFitsPod(node(), pod())).toBe(false);
    expect(nodeFitsPod({ ...ready, spec: { unschedulable: true } }, pod())).toBe(false);
    const tainted = { ...ready, spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }] } };
    expect(nodeFitsPod(tainted, pod())).toBe(false);
    expect(nodeFitsPod(tainted, pod({ tolerations: [{ key: 'gpu', operator: 'Exists' }] }))).toBe(true);
  });

  it('Cluster API workload Nodes (the in-memory provider) get no simulated kubelet', () => {
    expect(isCoreNode(node())).toBe(true);
    expect(isCoreNode(node({ spec: { providerID: 'in-memory://md-0-abc' } }))).toBe(false);
    expect(isCoreNode(node({ spec: { providerID: 'kind://docker/kind/worker' } }))).toBe(true);
  });
});
