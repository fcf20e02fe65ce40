import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { planMachineSetRemediation, sortMachinesToRemediate } from './remediation.ts';
import { cond, runningMachine } from '../test-fixtures.ts';

const unhealthy = (
  name: string,
  o: { createdAt?: number; deletedAt?: number; annotations?: Record<string, string>; reason?: string } = {},
) =>
  runningMachine(name, {
    ...(o.createdAt !== undefined ? { createdAt: o.createdAt } : {}),
    ...(o.deletedAt !== undefined ? { deletedAt: o.deletedAt } : {}),
    ...(o.annotations ? { annotations: o.annotations } : {}),
    conditions: [
      cond('HealthCheckSucceeded', 'False', 'UnhealthyNode'),
      cond('OwnerRemediated', 'False', o.reason ?? 'WaitingForRemediation'),
    ],
  });

const ms = (revision = '2'): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: {
    name: 'ms',
    labels: { 'cluster.x-k8s.io/deployment-name': 'md' },
    annotations: { 'machinedeployment.clusters.x-k8s.io/revision': revision },
  },
  spec: { replicas: 3 },
});
const md = (maxInFlight?: number | string): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'md', annotations: { 'machinedeployment.clusters.x-k8s.io/revision': '2' } },
  spec: { replicas: 4, ...(maxInFlight !== undefined ? { remediation: { maxInFlight } } : {}) },
});
const names = (ms: KubeObject[]) => ms.map((m) => m.metadata.name);

// core/reconcilers/machineset/machineset_controller.go reconcileUnhealthyMachines; truth F45, F46, F70.
describe('MachineSet remediation (reconcileUnhealthyMachines)', () => {
  it('F45: deletes unhealthy Machines newest first after marking OwnerRemediated=False/MachineDeleting', () => {
    const plan = planMachineSetRemediation(
      ms(),
      [unhealthy('old', { createdAt: 1 }), unhealthy('new', { createdAt: 9 }), runningMachine('ok')],
      md(),
    );
    expect(names(plan.deleteMachines)).toEqual(['new', 'old']);
    expect(
      plan.patches.map((p) => [p.machine.metadata.name, p.condition.reason, p.condition.message]),
    ).toEqual([
      ['new', 'MachineDeleting', 'Machine is deleting'],
      ['old', 'MachineDeleting', 'Machine is deleting'],
    ]);
  });

  it('F45: the remediate-machine annotation goes first, then newest, then name', () => {
    const sorted = sortMachinesToRemediate([
      unhealthy('b', { createdAt: 5 }),
      unhealthy('a', { createdAt: 5 }),
      unhealthy('old-annotated', { createdAt: 0, annotations: { 'cluster.x-k8s.io/remediate-machine': '' } }),
      unhealthy('newest', { createdAt: 9 }),
    ]);
    expect(names(sorted)).toEqual(['old-annotated', 'newest', 'a', 'b']);
  });

  it('F45: an old-revision MachineSet marks CannotBeRemediated and deletes nothing (the rollout will)', () => {
    const plan = planMachineSetRemediation(ms('1'), [unhealthy('x')], md());
    expect(plan.deleteMachines).toEqual([]);
    expect(plan.patches[0]?.condition).toMatchObject({
      reason: 'CannotBeRemediated',
      message: "Machine won't be remediated because it is pending removal due to rollout",
    });
  });

  it('F45: maxInFlight (int or percent of MD replicas, rounded up) minus in-flight deletions limits remediation', () => {
    const inFlight = unhealthy('in-flight', { deletedAt: 1, reason: 'MachineDeleting' });
    const full = planMachineSetRemediation(ms(), [inFlight, unhealthy('a', { createdAt: 2 })], md(1));
    expect(full.deleteMachines).toEqual([]);
    expect(full.patches[0]?.condition).toMatchObject({
      reason: 'RemediationDeferred',
      message:
        'Waiting because there are already too many remediations in progress (spec.strategy.remediation.maxInFlight is 1)',
    });
    // 30% of 4 replicas rounds up to 2; one in flight leaves one slot: the newest goes, the other waits.
    const partial = planMachineSetRemediation(
      ms(),
      [inFlight, unhealthy('a', { createdAt: 2 }), unhealthy('b', { createdAt: 3 })],
      md('30%'),
    );
    expect(names(partial.deleteMachines)).toEqual(['b']);
    expect(partial.patches.map((p) => [p.machine.metadata.name, p.condition.reason])).toEqual([
      ['a', 'RemediationDeferred'],
      ['b', 'MachineDeleting'],
    ]);
  });

  it('F46: a Machine healthy again before remediation loses its OwnerRemediated condition', () => {
    const recovered = runningMachine('r', {
      conditions: [
        cond('HealthCheckSucceeded', 'True'),
        cond('OwnerRemediated', 'False', 'WaitingForRemediation'),
      ],
    });
    const plan = planMachineSetRemediation(ms(), [recovered], md());
    expect(names(plan.clearOwnerRemediated)).toEqual(['r']);
    expect(plan.deleteMachines).toEqual([]);
  });

  it('needs the owning MachineDeployment for a MachineSet that belongs to one', () => {
    expect(() => planMachineSetRemediation(ms(), [unhealthy('x')])).toThrow(
      'no owner MachineDeployment found for MachineSet ms',
    );
  });
});
