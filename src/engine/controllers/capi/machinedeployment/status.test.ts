import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import {
  deploymentComplete,
  machineDeploymentAvailableCondition,
  machineDeploymentPhase,
  machineDeploymentReplicaCounters,
  machineSetsToCleanUp,
} from './status.ts';
import { ts } from '../test-fixtures.ts';

const md = (
  replicas: number,
  o: { deletedAt?: number; generation?: number; maxUnavailable?: number | string } = {},
): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: {
    name: 'md',
    generation: o.generation ?? 1,
    ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
  },
  spec: {
    replicas,
    rollout: {
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: o.maxUnavailable ?? 0 },
      },
    },
  },
});
const ms = (
  name: string,
  spec: number,
  status?: Record<string, number>,
  o: { createdAt?: number; generation?: number; deletedAt?: number } = {},
): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: {
    name,
    generation: o.generation ?? 1,
    creationTimestamp: ts(o.createdAt ?? 0),
    ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
  },
  spec: { replicas: spec },
  ...(status ? { status } : {}),
});

// machinedeployment_status.go setReplicas/setPhase/setAvailableCondition, mdutil DeploymentComplete,
// machinedeployment_sync.go cleanupDeployment; truth F57–F59.
describe('MachineDeployment status', () => {
  it('F58: counters are sums over MachineSets that report them', () => {
    expect(
      machineDeploymentReplicaCounters([
        ms('a', 2, { replicas: 2, availableReplicas: 1 }),
        ms('b', 1, { replicas: 1, availableReplicas: 1, upToDateReplicas: 1 }),
        ms('c', 0),
      ]),
    ).toEqual({ replicas: 3, availableReplicas: 2, upToDateReplicas: 1 });
  });
  it('F58: phase compares spec.replicas with Σ status.replicas; deleting is ScalingDown', () => {
    const sets = [ms('a', 2, { replicas: 2 })];
    expect(machineDeploymentPhase(md(2), sets)).toBe('Running');
    expect(machineDeploymentPhase(md(3), sets)).toBe('ScalingUp');
    expect(machineDeploymentPhase(md(1), sets)).toBe('ScalingDown');
    expect(machineDeploymentPhase(md(2, { deletedAt: 1 }), sets)).toBe('ScalingDown');
  });
  it('F59: Available iff availableReplicas ≥ replicas − maxUnavailable, with the upstream message', () => {
    expect(machineDeploymentAvailableCondition(md(3, { maxUnavailable: 1 }), 2)).toEqual({
      type: 'Available',
      status: 'True',
      reason: 'Available',
    });
    expect(machineDeploymentAvailableCondition(md(3), 2)).toEqual({
      type: 'Available',
      status: 'False',
      reason: 'NotAvailable',
      message:
        '2 available replicas, at least 3 required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is 3)',
    });
    expect(machineDeploymentAvailableCondition(md(3), undefined).status).toBe('Unknown');
  });
});

describe('DeploymentComplete and cleanup', () => {
  it('F57: complete when upToDate = replicas = available = spec and the generation is observed', () => {
    expect(
      deploymentComplete(md(3), {
        replicas: 3,
        upToDateReplicas: 3,
        availableReplicas: 3,
        observedGeneration: 1,
      }),
    ).toBe(true);
    expect(
      deploymentComplete(md(3), {
        replicas: 4,
        upToDateReplicas: 3,
        availableReplicas: 4,
        observedGeneration: 1,
      }),
    ).toBe(false);
    expect(
      deploymentComplete(md(3, { generation: 2 }), {
        replicas: 3,
        upToDateReplicas: 3,
        availableReplicas: 3,
        observedGeneration: 1,
      }),
    ).toBe(false);
  });
  it('F57: deletes only empty, observed, not-deleting old MachineSets, oldest first', () => {
    const out = machineSetsToCleanUp([
      ms('newer-empty', 0, { replicas: 0, observedGeneration: 1 }, { createdAt: 5 }),
      ms('older-empty', 0, { replicas: 0, observedGeneration: 1 }, { createdAt: 1 }),
      ms('still-has-machines', 0, { replicas: 1, observedGeneration: 1 }),
      ms('unobserved', 0, { replicas: 0, observedGeneration: 1 }, { generation: 2 }),
      ms('deleting', 0, { replicas: 0, observedGeneration: 1 }, { deletedAt: 3 }),
    ]);
    expect(out.map((m) => m.metadata.name)).toEqual(['older-empty', 'newer-empty']);
  });
});
