import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import {
  calculateStatus,
  deploymentProgressing,
  pausedConditions,
  setCondition,
  syncRolloutStatus,
  type DeploymentCondition,
} from './deployment-status.ts';
import { deploymentViewOf, type RsView } from './deployment-util.ts';

const deployment = (
  status: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', generation: 2 },
  spec: {
    replicas: 4,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    progressDeadlineSeconds: 600,
    ...spec,
  },
  status,
});
const rs = (name: string, spec: number, available: number): RsView => ({
  name,
  created: '2026-01-01T00:00:00Z',
  specReplicas: spec,
  statusReplicas: spec,
  readyReplicas: available,
  availableReplicas: available,
  annotations: {},
});

describe('sync.go calculateStatus', () => {
  it('counts over every ReplicaSet, omits zeros, and sets Available against replicas − maxUnavailable', () => {
    const d = deployment();
    const s = calculateStatus(d, deploymentViewOf(d), [rs('old', 3, 3), rs('new', 2, 0)], rs('new', 2, 0), 0);
    expect(s).toMatchObject({
      observedGeneration: 2,
      replicas: 5,
      updatedReplicas: 2,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 2,
    });
    expect(s.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
    ]);
    const low = calculateStatus(d, deploymentViewOf(d), [rs('old', 4, 2)], undefined, 0);
    expect(low.updatedReplicas).toBeUndefined();
    expect(low.conditions![0]!.reason).toBe('MinimumReplicasUnavailable');
  });
});

describe('deployment_util.go SetDeploymentCondition', () => {
  const c = (status: DeploymentCondition['status'], reason: string, t: string): DeploymentCondition => ({
    type: 'Progressing',
    status,
    reason,
    message: reason,
    lastUpdateTime: t,
    lastTransitionTime: t,
  });
  it('same status and reason changes nothing; same status keeps the transition time', () => {
    const before = [c('True', 'A', 't1')];
    expect(setCondition(before, c('True', 'A', 't2'))).toEqual(before);
    expect(setCondition(before, c('True', 'B', 't2'))[0]).toMatchObject({
      reason: 'B',
      lastTransitionTime: 't1',
      lastUpdateTime: 't2',
    });
    expect(setCondition(before, c('False', 'B', 't2'))[0]!.lastTransitionTime).toBe('t2');
  });
});

describe('progress.go syncRolloutStatus', () => {
  it('progress refreshes ReplicaSetUpdated; completion sets NewReplicaSetAvailable', () => {
    const d = deployment({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, observedGeneration: 2 });
    const v = deploymentViewOf(d);
    const moving = syncRolloutStatus(d, v, [], [rs('old', 2, 2), rs('new', 3, 1)], rs('new', 3, 1), 5000);
    expect(moving.changed).toBe(true);
    const p = moving.status.conditions!.find((x) => x.type === 'Progressing')!;
    expect([p.reason, p.message]).toEqual(['ReplicaSetUpdated', 'ReplicaSet "new" is progressing.']);

    const done = syncRolloutStatus(d, v, [], [rs('old', 0, 0), rs('new', 4, 4)], rs('new', 4, 4), 9000);
    const q = done.status.conditions!.find((x) => x.type === 'Progressing')!;
    expect([q.reason, q.message]).toEqual([
      'NewReplicaSetAvailable',
      'ReplicaSet "new" has successfully progressed.',
    ]);
  });

  it('no progress past progressDeadlineSeconds gives ProgressDeadlineExceeded (DeploymentTimedOut)', () => {
    const stale = {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: '',
      lastUpdateTime: '2026-01-01T00:00:00Z',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    };
    const d = deployment({
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 3,
      readyReplicas: 3,
      conditions: [stale],
    });
    const all = [rs('old', 3, 3), rs('new', 1, 0)];
    const before = syncRolloutStatus(d, deploymentViewOf(d), [], all, all[1], 599_000);
    expect(before.status.conditions!.find((x) => x.type === 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    const after = syncRolloutStatus(d, deploymentViewOf(d), [], all, all[1], 601_000);
    const p = after.status.conditions!.find((x) => x.type === 'Progressing')!;
    expect([p.status, p.reason]).toEqual(['False', 'ProgressDeadlineExceeded']);
  });

  it('DeploymentProgressing notices more updated, fewer old, more ready or more available', () => {
    const old = { replicas: 5, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4 };
    expect(deploymentProgressing(old, { ...old })).toBe(false);
    expect(deploymentProgressing(old, { ...old, updatedReplicas: 2 })).toBe(true);
    expect(deploymentProgressing(old, { ...old, replicas: 4 })).toBe(true);
    expect(deploymentProgressing(old, { ...old, availableReplicas: 5 })).toBe(true);
  });
});

describe('sync.go checkPausedConditions', () => {
  it('paused → DeploymentPaused, resumed → DeploymentResumed, timed out stays', () => {
    const paused = pausedConditions(deployment({}, { paused: true }), 0)!;
    expect(paused[0]).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    expect(pausedConditions(deployment({ conditions: paused }, { paused: true }), 0)).toBeUndefined();
    expect(pausedConditions(deployment({ conditions: paused }), 0)![0]!.reason).toBe('DeploymentResumed');
    const timedOut = [{ ...paused[0]!, reason: 'ProgressDeadlineExceeded' }];
    expect(pausedConditions(deployment({ conditions: timedOut }, { paused: true }), 0)).toBeUndefined();
  });
});
