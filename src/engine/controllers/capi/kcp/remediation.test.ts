import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { parseRemediationData, planKcpRemediation } from './remediation.ts';
import { cond, machine, ts } from '../test-fixtures.ts';

const unhealthy = [
  cond('HealthCheckSucceeded', 'False', 'UnhealthyNode'),
  cond('OwnerRemediated', 'False', 'WaitingForRemediation'),
];
const cp = (
  name: string,
  o: {
    createdAt?: number;
    unhealthy?: boolean;
    noNode?: boolean;
    deletedAt?: number;
    annotations?: Record<string, string>;
  } = {},
) =>
  machine(name, {
    createdAt: o.createdAt ?? 0,
    ...(o.deletedAt !== undefined ? { deletedAt: o.deletedAt } : {}),
    ...(o.annotations ? { annotations: o.annotations } : {}),
    labels: { 'cluster.x-k8s.io/control-plane': '' },
    status: o.noNode ? {} : { nodeRef: { name } },
    conditions: o.unhealthy ? unhealthy : [cond('HealthCheckSucceeded', 'True')],
  });
const kcp = (
  o: {
    initialized?: boolean;
    annotations?: Record<string, string>;
    remediation?: Record<string, unknown>;
  } = {},
): KubeObject => ({
  apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
  kind: 'KubeadmControlPlane',
  metadata: { name: 'cp', ...(o.annotations ? { annotations: o.annotations } : {}) },
  spec: { replicas: 3, ...(o.remediation ? { remediation: o.remediation } : {}) },
  status: { initialization: { controlPlaneInitialized: o.initialized ?? true } },
});
const NOW = 10_000_000;

// controlplane/kubeadm/reconcilers/kubeadmcontrolplane/remediation.go; truth F78.
describe('planKcpRemediation (reconcileUnhealthyMachines)', () => {
  it('F78: remediates one unhealthy Machine, recording the remediation in progress', () => {
    const d = planKcpRemediation({
      kcp: kcp(),
      machines: [cp('a'), cp('b'), cp('c', { unhealthy: true })],
      nowMs: NOW,
    });
    expect(d).toMatchObject({
      action: 'remediate',
      machine: { metadata: { name: 'c' } },
      condition: { reason: 'MachineDeleting', message: 'Machine is deleting' },
      inProgress: { machine: 'c', timestamp: ts(NOW / 1000), retryCount: 0 },
    });
  });

  it('F78: only one at a time — nothing while the in-progress annotation stands; it clears once a newer Machine exists', () => {
    const inProgress = JSON.stringify({ machine: 'x', timestamp: ts(100), retryCount: 0 });
    const k = kcp({ annotations: { 'controlplane.cluster.x-k8s.io/remediation-in-progress': inProgress } });
    expect(
      planKcpRemediation({
        kcp: k,
        machines: [cp('a', { createdAt: 50 }), cp('b', { unhealthy: true })],
        nowMs: NOW,
      }),
    ).toMatchObject({
      action: 'none',
      dropInProgressAnnotation: false,
    });
    const replaced = planKcpRemediation({
      kcp: k,
      machines: [cp('a', { createdAt: 200 }), cp('n', { createdAt: 300 }), cp('b', { unhealthy: true })],
      nowMs: NOW,
    });
    expect(replaced).toMatchObject({ action: 'remediate', dropInProgressAnnotation: true });
  });

  it('F78: refuses with ≤ 1 Machine once initialized; defers while a healthy Machine provisions or one is deleting', () => {
    expect(
      planKcpRemediation({ kcp: kcp(), machines: [cp('a', { unhealthy: true })], nowMs: NOW }),
    ).toMatchObject({
      action: 'refuse',
      condition: {
        reason: 'CannotBeRemediated',
        message: "KubeadmControlPlane can't remediate if current replicas are less or equal to 1",
      },
    });
    expect(
      planKcpRemediation({
        kcp: kcp(),
        machines: [cp('a', { noNode: true }), cp('b', { unhealthy: true })],
        nowMs: NOW,
      }),
    ).toMatchObject({
      action: 'defer',
      condition: { reason: 'RemediationDeferred' },
    });
    expect(
      planKcpRemediation({
        kcp: kcp(),
        machines: [cp('a', { deletedAt: 1 }), cp('b', { unhealthy: true }), cp('c')],
        nowMs: NOW,
      }),
    ).toMatchObject({
      action: 'defer',
      condition: {
        message:
          'KubeadmControlPlane waiting for control plane Machine deletion to complete before triggering remediation',
      },
    });
    // Before initialization even the only Machine can be remediated (the first CP Machine may be replaced).
    expect(
      planKcpRemediation({
        kcp: kcp({ initialized: false }),
        machines: [cp('a', { unhealthy: true })],
        nowMs: NOW,
      }).action,
    ).toBe('remediate');
  });

  it('F78: prefers the remediate-machine annotation, then Machines without a Node, then the oldest', () => {
    const ms = [
      cp('old', { unhealthy: true, createdAt: 1 }),
      cp('no-node', { unhealthy: true, noNode: true, createdAt: 5 }),
      cp('h'),
      cp('h2'),
    ];
    expect(
      planKcpRemediation({ kcp: kcp(), machines: ms, nowMs: NOW, canSafelyRemediate: () => true }),
    ).toMatchObject({ machine: { metadata: { name: 'no-node' } } });
    const marked = [
      ...ms,
      cp('marked', {
        unhealthy: true,
        createdAt: 9,
        annotations: { 'cluster.x-k8s.io/remediate-machine': '' },
      }),
    ];
    expect(
      planKcpRemediation({ kcp: kcp(), machines: marked, nowMs: NOW, canSafelyRemediate: () => true }),
    ).toMatchObject({ machine: { metadata: { name: 'marked' } } });
  });

  it('F78: a replacement failing within minHealthyPeriod (default 3600 s) is a retry, bounded by retryPeriod and maxRetry', () => {
    const lastFor = (at: number, retryCount: number) => ({
      'controlplane.cluster.x-k8s.io/remediation-for': JSON.stringify({
        machine: 'prev',
        timestamp: ts(at),
        retryCount,
      }),
    });
    const machines = (at: number, n: number) => [
      cp('a'),
      cp('b'),
      cp('c', { unhealthy: true, annotations: lastFor(at, n) }),
    ];
    expect(planKcpRemediation({ kcp: kcp(), machines: machines(9000, 1), nowMs: NOW })).toMatchObject({
      action: 'remediate',
      inProgress: { retryCount: 2 },
    });
    expect(planKcpRemediation({ kcp: kcp(), machines: machines(5000, 1), nowMs: NOW })).toMatchObject({
      inProgress: { retryCount: 0 },
    });
    expect(
      planKcpRemediation({
        kcp: kcp({ remediation: { retryPeriodSeconds: 1200 } }),
        machines: machines(9000, 1),
        nowMs: NOW,
      }),
    ).toMatchObject({
      action: 'defer',
      condition: {
        message:
          "KubeadmControlPlane can't remediate this machine because the operation already failed in the latest 20m0s (RetryPeriodSeconds)",
      },
    });
    expect(
      planKcpRemediation({
        kcp: kcp({ remediation: { maxRetry: 1 } }),
        machines: machines(9000, 1),
        nowMs: NOW,
      }),
    ).toMatchObject({
      action: 'refuse',
      condition: {
        message:
          "KubeadmControlPlane can't remediate this machine because the operation already failed 1 times (MaxRetry)",
      },
    });
  });

  it('clears OwnerRemediated on Machines that recovered, and rejects malformed annotation data', () => {
    const recovered = machine('r', {
      conditions: [
        cond('HealthCheckSucceeded', 'True'),
        cond('OwnerRemediated', 'False', 'WaitingForRemediation'),
      ],
    });
    expect(planKcpRemediation({ kcp: kcp(), machines: [recovered], nowMs: NOW })).toMatchObject({
      action: 'none',
      clearOwnerRemediated: [recovered],
    });
    expect(() => parseRemediationData('{bad')).toThrow('failed to unmarshal value');
  });
});
