import { describe, expect, it } from 'vitest';
import {
  newMSNewReplicas,
  planRollout,
  rolloutViewOf,
  totalMachineSetsReplicaSum,
  type RolloutMachineSet,
} from './rollout-planner.ts';
import { ts } from '../test-fixtures.ts';

// machinedeployment_rollout_rollingupdate.go / _ondelete.go and mdutil NewMSNewReplicas; truth F52, F54, F56.
const ms = (
  name: string,
  spec: number,
  status = spec,
  available = status,
  createdMs?: number,
): RolloutMachineSet => ({
  name,
  specReplicas: spec,
  statusReplicas: status,
  availableReplicas: available,
  createdMs,
});
const RU = (replicas: number, maxSurge: number, maxUnavailable: number) => ({
  replicas,
  strategy: 'RollingUpdate' as const,
  maxSurge,
  maxUnavailable,
});
const intents = (p: { scaleIntents: Map<string, number> }) => Object.fromEntries(p.scaleIntents);

describe('NewMSNewReplicas (mdutil)', () => {
  it('F52: a brand-new MD of 3 gets its MachineSet at 3 at once (Σ max(spec,status) = 0 < 3 + maxSurge)', () => {
    expect(newMSNewReplicas(RU(3, 1, 0), [ms('ms1', 0)], 0)).toEqual({
      replicas: 3,
      note: '0 current Machines < 3 MachineDeployment spec.replicas + 1 maxSurge',
    });
  });
  it('F52: no scale-up once Σ max(spec, status) reaches replicas + maxSurge', () => {
    expect(newMSNewReplicas(RU(3, 1, 0), [ms('old', 2, 3), ms('new', 1)], 1).replicas).toBe(1);
    expect(totalMachineSetsReplicaSum([ms('old', 2, 3), ms('new', 1)])).toBe(4);
  });
  it('OnDelete fills up to spec.replicas only', () => {
    const od = { replicas: 3, strategy: 'OnDelete' as const, maxSurge: 0, maxUnavailable: 0 };
    expect(newMSNewReplicas(od, [ms('old', 2), ms('new', 0)], 0)).toEqual({
      replicas: 1,
      note: '2 current Machines < 3 MachineDeployment spec.replicas',
    });
  });
});

describe('planRollout, RollingUpdate (planRollingUpdate)', () => {
  it('scales a too-large newMS straight down to the MD replicas', () => {
    const p = planRollout({ md: RU(2, 1, 0), newMS: ms('new', 5), oldMSs: [] });
    expect(intents(p)).toEqual({ new: 2 });
    expect(p.notes.get('new')).toEqual([
      'scale down to align MachineSet spec.replicas to MachineDeployment spec.replicas',
    ]);
  });

  it('F54: does not scale old MachineSets down while the newMS has unavailable Machines', () => {
    // Everything unavailable: without the newMS rule the unavailable-first pass would drop ms1 to 2.
    const p = planRollout({ md: RU(3, 1, 0), newMS: ms('ms2', 1, 1, 0), oldMSs: [ms('ms1', 3, 3, 0)] });
    expect(intents(p)).toEqual({});
  });

  it('F54: counts scale-downs already in flight (spec < status) against the availability budget', () => {
    const p = planRollout({ md: RU(3, 1, 0), newMS: ms('ms2', 1), oldMSs: [ms('ms1', 2, 3, 3)] });
    expect(intents(p)).toEqual({});
  });

  it('F54: oldest old MachineSet first, within the minAvailable budget', () => {
    // replicas 6, maxUnavailable 2 → minAvailable 4; total scale-down 2, all from the older ms-a.
    const p = planRollout({
      md: RU(6, 0, 2),
      newMS: ms('new', 0),
      oldMSs: [ms('ms-b', 3, 3, 3, 2000), ms('ms-a', 3, 3, 3, 1000)],
    });
    expect(intents(p)).toEqual({ 'ms-a': 1 });
    expect(p.notes.get('ms-a')).toEqual(['6 available replicas > 4 minimum available replicas']);
  });

  it('F54: unavailable replicas go first, and the worst case (available Machines deleted first) limits every step', () => {
    // ms-b (newer) has an unavailable replica: the unavailable-only pass takes it before the older ms-a;
    // the budget left (5 available − 1 assumed lost − 4 min = 0) then blocks ms-a and any further ms-b step.
    const p = planRollout({
      md: RU(6, 0, 2),
      newMS: ms('new', 0),
      oldMSs: [ms('ms-a', 3, 3, 3, 1000), ms('ms-b', 3, 3, 2, 2000)],
    });
    expect(intents(p)).toEqual({ 'ms-b': 2 });
    expect(p.notes.get('ms-b')).toEqual(['5 available replicas > 4 minimum available replicas']);
  });

  it('F54: an unavailable replica on an old MachineSet is not assumed to be the one deleted; the deadlock breaker handles it', () => {
    const p = planRollout({
      md: RU(6, 0, 1),
      newMS: ms('new', 0),
      oldMSs: [ms('ms-b', 3, 3, 3, 2000), ms('ms-a', 3, 3, 2, 1000)],
    });
    expect(intents(p)).toEqual({ 'ms-a': 2 });
    expect(p.notes.get('new')).toEqual([
      'scaling down by 1 to unblock rollout stuck due to unavailable Machine on oldMS',
    ]);
  });

  it('breaks a deadlock of unavailable Machines on old MachineSets by going one below maxUnavailable', () => {
    const p = planRollout({ md: RU(3, 1, 0), newMS: ms('ms2', 1), oldMSs: [ms('ms1', 3, 3, 2)] });
    expect(intents(p)).toEqual({ ms1: 2 });
    expect(p.notes.get('ms2')).toEqual([
      'scaling down by 1 to unblock rollout stuck due to unavailable Machine on oldMS',
    ]);
    // While the newMS itself is not all available, no deadlock breaking.
    expect(
      intents(planRollout({ md: RU(3, 1, 0), newMS: ms('ms2', 1, 1, 0), oldMSs: [ms('ms1', 3, 3, 2)] })),
    ).toEqual({});
  });

  it('rejects negative or fractional numbers', () => {
    expect(() => planRollout({ md: RU(-1, 1, 0), newMS: ms('n', 0), oldMSs: [] })).toThrow(
      /non-negative integers/,
    );
    expect(() => planRollout({ md: RU(1, 1, 0), newMS: ms('n', 0.5), oldMSs: [] })).toThrow(
      /MachineSet n spec.replicas/,
    );
  });
});

describe('planRollout, OnDelete (planOnDelete)', () => {
  const OD = (replicas: number) => ({
    replicas,
    strategy: 'OnDelete' as const,
    maxSurge: 0,
    maxUnavailable: 0,
  });
  it('F56: old MachineSets are never shrunk below their Machines; a deleted Machine is acknowledged then replaced', () => {
    expect(intents(planRollout({ md: OD(3), newMS: ms('new', 0), oldMSs: [ms('old', 3)] }))).toEqual({});
    const afterUserDelete = planRollout({ md: OD(3), newMS: ms('new', 0), oldMSs: [ms('old', 3, 2, 2)] });
    expect(intents(afterUserDelete)).toEqual({ old: 2 });
    expect(afterUserDelete.notes.get('old')).toEqual(['scale down to align to existing Machines']);
    expect(intents(planRollout({ md: OD(3), newMS: ms('new', 0), oldMSs: [ms('old', 2)] }))).toEqual({
      new: 1,
    });
  });
  it('F56: an MD scale-down shrinks the oldest old MachineSets first', () => {
    const p = planRollout({
      md: OD(2),
      newMS: ms('new', 1),
      oldMSs: [ms('b', 3, 3, 3, 2000), ms('a', 3, 3, 3, 1000)],
    });
    expect(intents(p)).toEqual({ a: 0, b: 1 });
  });
  it('F56: after aligning to existing Machines, the MD scale-down step counts from spec.replicas (upstream behaviour)', () => {
    // a: spec 3 but only 2 Machines → 2; then the scale-down pass computes 3 − 2 = 1, not 2 − 2.
    const p = planRollout({
      md: OD(2),
      newMS: ms('new', 1),
      oldMSs: [ms('a', 3, 2, 2, 1000), ms('b', 3, 3, 3, 2000)],
    });
    expect(intents(p)).toEqual({ a: 1, b: 1 });
  });
});

describe('rolloutViewOf', () => {
  it('reads spec/status and refuses a MachineSet without spec.replicas', () => {
    const obj = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineSet',
      metadata: { name: 'ms', creationTimestamp: ts(3) },
      spec: { replicas: 2 },
      status: { replicas: 1, availableReplicas: 1, upToDateReplicas: 0 },
    };
    expect(rolloutViewOf(obj)).toEqual({
      name: 'ms',
      createdMs: 3000,
      specReplicas: 2,
      statusReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 0,
    });
    expect(() => rolloutViewOf({ ...obj, spec: {} })).toThrow('spec.replicas for MachineSet ms is nil');
  });
});
