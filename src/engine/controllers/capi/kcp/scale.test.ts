import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import {
  kcpPreflightFailures,
  nextKcpOperation,
  pickFewestFailureDomain,
  pickMostFailureDomain,
  type KcpInputs,
} from './scale.ts';
import { cluster, cond, machine } from '../test-fixtures.ts';

const healthy = [
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
  'EtcdPodHealthy',
  'EtcdMemberHealthy',
].map((t) => cond(t, 'True', 'Running'));
const cpMachine = (
  name: string,
  o: {
    createdAt?: number;
    fd?: string;
    version?: string;
    deletedAt?: number;
    noNode?: boolean;
    annotations?: Record<string, string>;
    conditions?: ReturnType<typeof cond>[];
  } = {},
) =>
  machine(name, {
    createdAt: o.createdAt ?? 0,
    ...(o.deletedAt !== undefined ? { deletedAt: o.deletedAt } : {}),
    ...(o.annotations ? { annotations: o.annotations } : {}),
    labels: { 'cluster.x-k8s.io/control-plane': '' },
    spec: { version: o.version ?? 'v1.35.0', ...(o.fd ? { failureDomain: o.fd } : {}) },
    status: o.noNode ? {} : { nodeRef: { name } },
    conditions: o.conditions ?? healthy,
  });
const kcp = (
  replicas: number,
  o: { version?: string; maxSurge?: number; annotations?: Record<string, string> } = {},
): KubeObject => ({
  apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
  kind: 'KubeadmControlPlane',
  metadata: { name: 'cp', ...(o.annotations ? { annotations: o.annotations } : {}) },
  spec: {
    replicas,
    version: o.version ?? 'v1.35.0',
    rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? 1 } } },
  },
});
const withFDs = (names: string[]) =>
  cluster({
    spec: { controlPlaneEndpoint: { host: '10.0.0.1', port: 6443 } },
    status: {
      initialization: { infrastructureProvisioned: true },
      conditions: [cond('InfrastructureReady', 'True'), cond('ControlPlaneInitialized', 'True')],
      failureDomains: [
        ...names.map((name) => ({ name, controlPlane: true })),
        { name: 'worker-only', controlPlane: false },
      ],
    },
  });
const inputs = (k: KubeObject, machines: KubeObject[], c = withFDs(['fd1', 'fd2', 'fd3'])): KcpInputs => ({
  kcp: k,
  cluster: c,
  machines,
  nowMs: 1_000_000,
});

// controlplane/kubeadm/reconcilers/kubeadmcontrolplane (reconcile, scale.go, update.go, preflight.go) and
// util/failuredomains; truth F78.
describe('nextKcpOperation', () => {
  it('waits for the Cluster infrastructure and the control-plane endpoint first', () => {
    expect(nextKcpOperation(inputs(kcp(3), [], cluster({ infraProvisioned: false }))).op).toBe(
      'waitForClusterInfrastructure',
    );
    expect(nextKcpOperation(inputs(kcp(3), [], cluster())).op).toBe('waitForControlPlaneEndpoint');
  });

  it('F78: 0 Machines → initialize with the first one, in the first control-plane failure domain', () => {
    expect(nextKcpOperation(inputs(kcp(3), []))).toEqual({ op: 'initialize', failureDomain: 'fd1' });
  });

  it('F78: scales up one at a time, only once every existing Machine has a Node and healthy components', () => {
    expect(nextKcpOperation(inputs(kcp(3), [cpMachine('a', { fd: 'fd1' })]))).toEqual({
      op: 'scaleUp',
      failureDomain: 'fd2',
      rollout: false,
    });
    const waiting = nextKcpOperation(
      inputs(kcp(3), [cpMachine('a', { fd: 'fd1' }), cpMachine('b', { fd: 'fd2', noNode: true })]),
    );
    expect(waiting).toEqual({
      op: 'preflightFailed',
      reasons: ['Machine b does not have a corresponding Node yet (Machine.status.nodeRef not set)'],
      requeueAfterMs: 15_000,
    });
    const unhealthy = cpMachine('b', {
      fd: 'fd2',
      conditions: [...healthy.slice(1), cond('APIServerPodHealthy', 'False', 'Failed', 0, 'crash')],
    });
    expect(nextKcpOperation(inputs(kcp(3), [cpMachine('a'), unhealthy]))).toMatchObject({
      op: 'preflightFailed',
      reasons: ['Machine b reports APIServerPodHealthy condition is false (crash)'],
    });
  });

  it('F78: nothing else happens while a Machine is deleting (requeue 30 s)', () => {
    const r = nextKcpOperation(inputs(kcp(3), [cpMachine('a'), cpMachine('b', { deletedAt: 5 })]));
    expect(r).toEqual({
      op: 'preflightFailed',
      reasons: ['Waiting for machines to be deleted: b'],
      requeueAfterMs: 30_000,
    });
  });

  it('F78: scales down the oldest Machine of the failure domain with the most Machines', () => {
    const ms = [
      cpMachine('a', { fd: 'fd1', createdAt: 1 }),
      cpMachine('b', { fd: 'fd2', createdAt: 2 }),
      cpMachine('c', { fd: 'fd2', createdAt: 3 }),
      cpMachine('d', { fd: 'fd3', createdAt: 0 }),
    ];
    const r = nextKcpOperation(inputs(kcp(3), ms));
    expect(r.op === 'scaleDown' && r.machine.metadata.name).toBe('b');
  });

  it('F78: a Machine outside the known failure domains, or with the delete-machine annotation, goes first', () => {
    const stray = [
      cpMachine('a', { fd: 'fd1' }),
      cpMachine('b', { fd: 'fd1' }),
      cpMachine('gone-fd', { fd: 'old-fd', createdAt: 9 }),
    ];
    const r = nextKcpOperation(inputs(kcp(2), stray));
    expect(r.op === 'scaleDown' && r.machine.metadata.name).toBe('gone-fd');
    const marked = [
      cpMachine('a', { fd: 'fd1' }),
      cpMachine('b', { fd: 'fd1' }),
      cpMachine('z', { fd: 'fd2', annotations: { 'cluster.x-k8s.io/delete-machine': '' } }),
    ];
    const r2 = nextKcpOperation(inputs(kcp(2), marked));
    expect(r2.op === 'scaleDown' && r2.machine.metadata.name).toBe('z');
  });

  it('F78: rollout takes precedence: with maxSurge 1 it first adds a Machine, then removes an outdated one', () => {
    const old = [
      cpMachine('a', { fd: 'fd1', version: 'v1.34.0' }),
      cpMachine('b', { fd: 'fd2', version: 'v1.34.0' }),
      cpMachine('c', { fd: 'fd3', version: 'v1.34.0' }),
    ];
    expect(nextKcpOperation(inputs(kcp(3), old))).toMatchObject({ op: 'scaleUp', rollout: true });
    const surged = [...old, cpMachine('d', { fd: 'fd1', createdAt: 10 })];
    const r = nextKcpOperation(inputs(kcp(3), surged));
    expect(r.op === 'scaleDown' && [r.machine.metadata.name, r.rollout]).toEqual(['a', true]);
  });

  it('F78: with maxSurge 0 the rollout removes an outdated Machine first', () => {
    const old = [
      cpMachine('a', { version: 'v1.34.0' }),
      cpMachine('b', { version: 'v1.34.0' }),
      cpMachine('c', { version: 'v1.34.0' }),
    ];
    expect(nextKcpOperation(inputs(kcp(3, { maxSurge: 0 }), old)).op).toBe('scaleDown');
    expect(() => nextKcpOperation(inputs(kcp(3, { maxSurge: 2 }), old))).toThrow('maxSurge must be 0 or 1');
  });

  it('does nothing at the desired size with every Machine up to date', () => {
    expect(nextKcpOperation(inputs(kcp(1), [cpMachine('a')]))).toEqual({ op: 'none' });
  });
});

describe('failure-domain picking (util/failuredomains PickFewest / PickMost)', () => {
  const ms = [cpMachine('a', { fd: 'fd1' }), cpMachine('b', { fd: 'fd1' }), cpMachine('c', { fd: 'fd2' })];
  it('PickFewest prefers fewest up-to-date Machines, then fewest overall, then name', () => {
    expect(pickFewestFailureDomain(['fd1', 'fd2', 'fd3'], ms, ms)).toBe('fd3');
    expect(pickFewestFailureDomain(['fd1', 'fd2'], ms, [])).toBe('fd2');
  });
  it('PickMost prefers most eligible Machines and returns "" when none is eligible', () => {
    expect(pickMostFailureDomain(['fd1', 'fd2'], ms, ms)).toBe('fd1');
    expect(pickMostFailureDomain(['fd1', 'fd2'], ms, [])).toBe('');
  });
});

describe('preflight with a remediation in progress', () => {
  it('lets a replacement join as long as one Machine is fully healthy', () => {
    const k = kcp(3, { annotations: { 'controlplane.cluster.x-k8s.io/remediation-in-progress': '{}' } });
    const ms = [cpMachine('a'), cpMachine('b', { noNode: true })];
    expect(kcpPreflightFailures({ ...inputs(k, ms) }, true)).toEqual([]);
    expect(kcpPreflightFailures({ ...inputs(kcp(3), ms) }, true)).toHaveLength(1);
  });
});
