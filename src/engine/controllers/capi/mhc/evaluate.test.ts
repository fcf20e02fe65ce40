import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { evaluateMachineHealthCheck } from './evaluate.ts';
import { cluster, cond, node, runningMachine } from '../test-fixtures.ts';

const mhc = (triggerIf: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineHealthCheck',
  metadata: { name: 'mhc', namespace: 'default' },
  spec: {
    clusterName: 'demo',
    selector: {},
    checks: {
      nodeStartupTimeoutSeconds: 600,
      unhealthyNodeConditions: [{ type: 'Ready', status: 'Unknown', timeoutSeconds: 300 }],
    },
    remediation: { triggerIf },
    ...extra,
  },
});
const target = (name: string, o: Parameters<typeof runningMachine>[1] = {}) =>
  runningMachine(name, { labels: { 'cluster.x-k8s.io/cluster-name': 'demo' }, ...o });
const nodes: Record<string, KubeObject> = {
  a: node('a'),
  b: node('b', { ready: 'Unknown', readySince: 0 }),
  c: node('c', { ready: 'Unknown', readySince: 900 }),
};
const nodeOf = (m: KubeObject) => nodes[m.metadata.name!];

// machinehealthcheck_controller.go reconcile / patchUnhealthyTargets; truth F61, F66–F70.
describe('evaluateMachineHealthCheck', () => {
  it('F70: marks unhealthy Machines OwnerRemediated=False/WaitingForRemediation and never deletes anything', () => {
    const e = evaluateMachineHealthCheck(
      mhc(),
      cluster(),
      [target('c'), target('b'), target('a')],
      nodeOf,
      1_000_000,
    );
    expect(e).toMatchObject({
      targets: ['a', 'b', 'c'],
      expectedMachines: 3,
      currentHealthy: 1,
      remediationsAllowed: 1,
    });
    const byName = Object.fromEntries(
      e.machinePatches.map((p) => [
        p.machine.metadata.name,
        p.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`),
      ]),
    );
    expect(byName).toEqual({
      a: ['HealthCheckSucceeded=True/HealthCheckSucceeded'],
      b: ['HealthCheckSucceeded=False/UnhealthyNode', 'OwnerRemediated=False/WaitingForRemediation'],
    });
    // F66: c's timer (Unknown since 900 s, 300 s timeout) fires at 1200 s + 1 s.
    expect(e.requeueAfterMs).toBe(201_000);
    expect(e.health.get('c')).toEqual({ state: 'pending', nextCheckMs: 201_000 });
  });

  it('F70: leaves an OwnerRemediated the owner already moved on (False) alone, and skips deleting Machines', () => {
    const moving = target('b', { conditions: [cond('OwnerRemediated', 'False', 'MachineDeleting')] });
    const deleting = target('b', { deletedAt: 5 });
    for (const m of [moving, deleting]) {
      const e = evaluateMachineHealthCheck(mhc(), cluster(), [m], nodeOf, 1_000_000);
      expect(e.machinePatches[0]!.conditions.map((c) => c.type)).toEqual(['HealthCheckSucceeded']);
    }
  });

  it('F69: when remediation is not allowed, HealthCheckSucceeded is still written but no OwnerRemediated and no requeue', () => {
    const e = evaluateMachineHealthCheck(
      mhc({ unhealthyLessThanOrEqualTo: 0 }),
      cluster(),
      [target('a'), target('b'), target('c')],
      nodeOf,
      1_000_000,
    );
    expect(e.remediationAllowedCondition).toMatchObject({ status: 'False', reason: 'TooManyUnhealthy' });
    expect(e.remediationsAllowed).toBe(0);
    expect(e.machinePatches.every((p) => p.conditions.length === 1)).toBe(true);
    expect(e.requeueAfterMs).toBeUndefined();
  });

  it('refuses external remediation, which the simulator does not model', () => {
    expect(() =>
      evaluateMachineHealthCheck(
        mhc({}, { remediation: { templateRef: { name: 't' } } }),
        cluster(),
        [],
        nodeOf,
        0,
      ),
    ).toThrow('external remediation (spec.remediation.templateRef) is not simulated');
  });
});
