import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { healthCheckTarget, mhcChecksOf, mhcTargets, type MhcChecks } from './targets.ts';
import { cluster, cond, machine, node, runningMachine } from '../test-fixtures.ts';

// core/reconcilers/machinehealthcheck/machinehealthcheck_targets.go; truth F61–F67.
const checks = (o: Partial<MhcChecks> = {}): MhcChecks => ({
  nodeStartupTimeoutSeconds: 600,
  unhealthyNodeConditions: [
    { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
    { type: 'Ready', status: 'False', timeoutSeconds: 300 },
  ],
  unhealthyMachineConditions: [],
  ...o,
});
const worker = (name: string, o: Parameters<typeof machine>[1] = {}) =>
  machine(name, { labels: { 'cluster.x-k8s.io/cluster-name': 'demo', pool: 'a' }, ...o });
const readyCluster = cluster({
  conditions: [
    cond('InfrastructureReady', 'True', 'Ready', 0),
    cond('ControlPlaneInitialized', 'True', 'Initialized', 100),
  ],
});

describe('MHC targets (getTargetsFromMHC, shouldSkipRemediation)', () => {
  it('F61: selector + cluster-name label in the namespace, without paused or skip-remediation Machines', () => {
    const mhc: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineHealthCheck',
      metadata: { name: 'mhc', namespace: 'default' },
      spec: { clusterName: 'demo', selector: { matchLabels: { pool: 'a' } } },
    };
    const ms = [
      worker('in'),
      worker('paused', { annotations: { 'cluster.x-k8s.io/paused': '' } }),
      worker('skipped', { annotations: { 'cluster.x-k8s.io/skip-remediation': '' } }),
      machine('other-cluster', { labels: { 'cluster.x-k8s.io/cluster-name': 'x', pool: 'a' } }),
      worker('other-ns', { namespace: 'kube-system' }),
      machine('other-pool', { labels: { 'cluster.x-k8s.io/cluster-name': 'demo', pool: 'b' } }),
    ];
    expect(mhcTargets(mhc, ms).map((m) => m.metadata.name)).toEqual(['in']);
    expect(mhcChecksOf(mhc)).toEqual({
      nodeStartupTimeoutSeconds: 600,
      unhealthyNodeConditions: [],
      unhealthyMachineConditions: [],
    });
  });
});

describe('healthCheckTarget (needsRemediation + healthCheckTargets)', () => {
  it('F62: the remediate-machine annotation makes a Machine unhealthy at once', () => {
    const m = runningMachine('m', { annotations: { 'cluster.x-k8s.io/remediate-machine': '' } });
    expect(
      healthCheckTarget({ cluster: cluster({ cpInitialized: false }), machine: m }, checks(), 0),
    ).toEqual({
      state: 'unhealthy',
      condition: {
        type: 'HealthCheckSucceeded',
        status: 'False',
        reason: 'HasRemediateAnnotation',
        message:
          'Health check failed: marked for remediation via cluster.x-k8s.io/remediate-machine annotation',
      },
    });
  });

  it('F63: workers are not judged before ControlPlaneInitialized, nobody before InfrastructureReady', () => {
    const late = 99_999_000;
    expect(
      healthCheckTarget({ cluster: cluster({ cpInitialized: false }), machine: worker('w') }, checks(), late)
        .state,
    ).toBe('notEvaluated');
    const cp = machine('cp', { labels: { 'cluster.x-k8s.io/control-plane': '' } });
    expect(
      healthCheckTarget({ cluster: cluster({ cpInitialized: false }), machine: cp }, checks(), late).state,
    ).toBe('unhealthy');
    expect(
      healthCheckTarget({ cluster: cluster({ infraReady: false }), machine: cp }, checks(), late).state,
    ).toBe('notEvaluated');
  });

  it('F64: node startup timeout counts from the latest of Machine creation and the readiness transitions', () => {
    // Cluster ControlPlaneInitialized at t=100 s is later than the Machine creation (t=0).
    const m = worker('w', { createdAt: 0 });
    expect(healthCheckTarget({ cluster: readyCluster, machine: m }, checks(), 700_000)).toEqual({
      state: 'pending',
      nextCheckMs: 1000,
    });
    expect(healthCheckTarget({ cluster: readyCluster, machine: m }, checks(), 700_001)).toMatchObject({
      state: 'unhealthy',
      condition: {
        reason: 'NodeStartupTimeout',
        message: 'Health check failed:\n  * Node failed to report startup in 10m0s',
      },
    });
    // A later Machine InfrastructureReady transition moves the reference point.
    const infraLate = worker('w', { conditions: [cond('InfrastructureReady', 'True', 'Ready', 200)] });
    expect(healthCheckTarget({ cluster: readyCluster, machine: infraLate }, checks(), 700_001).state).toBe(
      'pending',
    );
    // 0 disables the startup check.
    expect(
      healthCheckTarget(
        { cluster: readyCluster, machine: m },
        checks({ nodeStartupTimeoutSeconds: 0 }),
        99_999_000,
      ).state,
    ).toBe('notEvaluated');
  });

  it('F65: a nodeRef whose Node is gone is NodeDeleted', () => {
    const m = runningMachine('m', { labels: { 'cluster.x-k8s.io/cluster-name': 'demo' } });
    expect(healthCheckTarget({ cluster: readyCluster, machine: m }, checks(), 0)).toMatchObject({
      state: 'unhealthy',
      condition: { reason: 'NodeDeleted', message: 'Health check failed:\n  * Node m has been deleted' },
    });
  });

  it('F66: an unhealthy Node condition counts only strictly after lastTransitionTime + timeout; recheck at timeout − elapsed + 1 s', () => {
    const m = runningMachine('m');
    const n = node('m', { ready: 'Unknown', readySince: 1000 });
    expect(healthCheckTarget({ cluster: readyCluster, machine: m, node: n }, checks(), 1_200_000)).toEqual({
      state: 'pending',
      nextCheckMs: 101_000,
    });
    expect(healthCheckTarget({ cluster: readyCluster, machine: m, node: n }, checks(), 1_300_000).state).toBe(
      'pending',
    );
    expect(
      healthCheckTarget({ cluster: readyCluster, machine: m, node: n }, checks(), 1_300_001),
    ).toMatchObject({
      state: 'unhealthy',
      condition: {
        reason: 'UnhealthyNode',
        message:
          'Health check failed:\n  * Condition Ready on Node is reporting status Unknown with reason KubeletReady for more than 5m0s',
      },
    });
  });

  it('F66: unhealthy Machine conditions win the reason and list first', () => {
    const m = runningMachine('m', { conditions: [cond('EtcdMemberHealthy', 'False', 'Broken', 0)] });
    const n = node('m', { ready: 'False', readySince: 0 });
    const h = healthCheckTarget(
      { cluster: readyCluster, machine: m, node: n },
      checks({
        unhealthyMachineConditions: [{ type: 'EtcdMemberHealthy', status: 'False', timeoutSeconds: 60 }],
      }),
      1_000_000,
    );
    expect(h).toMatchObject({ state: 'unhealthy', condition: { reason: 'UnhealthyMachine' } });
    expect(h.state === 'unhealthy' && h.condition.message!.split('\n')).toEqual([
      'Health check failed:',
      '  * Condition EtcdMemberHealthy on Machine is reporting status False with reason Broken for more than 1m0s',
      '  * Condition Ready on Node is reporting status False with reason KubeletReady for more than 5m0s',
    ]);
  });

  it('F67: healthy needs a Node and no deletionTimestamp; a deleting Machine with a fine Node is neither', () => {
    expect(
      healthCheckTarget(
        { cluster: readyCluster, machine: runningMachine('m'), node: node('m') },
        checks(),
        5000,
      ),
    ).toEqual({
      state: 'healthy',
      condition: { type: 'HealthCheckSucceeded', status: 'True', reason: 'HealthCheckSucceeded' },
    });
    expect(
      healthCheckTarget(
        { cluster: readyCluster, machine: runningMachine('m', { deletedAt: 1 }), node: node('m') },
        checks(),
        5000,
      ).state,
    ).toBe('notEvaluated');
  });
});
