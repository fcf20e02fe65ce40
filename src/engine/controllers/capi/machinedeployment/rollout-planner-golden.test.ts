/**
 * Replays CAPI's golden rollout sequences (core/reconcilers/machinedeployment/testdata/{rollingupdate,ondelete}/
 * *.golden, produced by machinedeployment_rollout_rollingupdate_test.go Test_RollingUpdateSequences and
 * machinedeployment_rollout_ondelete_test.go Test_OnDeleteSequences) through this module's planner and compares
 * the whole log, line by line. The harness mirrors the upstream test's fakes (machinedeployment_rollout_planner_test.go
 * machineSetControllerMutator, machineControllerMutator & co.): MachineSets named ms1, ms2…, Machines m1, m2… that
 * are available as soon as they exist; a MachineSet scale-down removes Machines at once in numeric name order; for
 * OnDelete a fake user deletes outdated Machines one at a time and a fake Machine controller removes their
 * finalizer. Each iteration runs the MD reconcile, then every MachineSet, then (OnDelete) the user and the Machines.
 * Truth facts F52–F56.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { DISABLE_MACHINE_CREATE_ANNOTATION, REVISION_ANNOTATION } from '../labels.ts';
import { computeRevisionAnnotations } from './revision.ts';
import { planRollout, type RolloutMachineSet, type RolloutPlan } from './rollout-planner.ts';
import { findNewAndOldMachineSets, machineTemplateUpToDate } from './template.ts';
import { resolveFenceposts } from './fenceposts.ts';
import surge1unavail0 from './testdata/rollingupdate-3r-surge1-unavail0.golden.log?raw';
import surge0unavail1 from './testdata/rollingupdate-3r-surge0-unavail1.golden.log?raw';
import r6surge3unavail1 from './testdata/rollingupdate-6r-surge3-unavail1.golden.log?raw';
import r6surge1unavail3 from './testdata/rollingupdate-6r-surge1-unavail3.golden.log?raw';
import r6surge10unavail0 from './testdata/rollingupdate-6r-surge10-unavail0.golden.log?raw';
import r6surge0unavail10 from './testdata/rollingupdate-6r-surge0-unavail10.golden.log?raw';
import scaleUp12 from './testdata/rollingupdate-6r-surge3-unavail1-scale-up-12.golden.log?raw';
import scaleDown6 from './testdata/rollingupdate-12r-surge3-unavail1-scale-down-6.golden.log?raw';
import changeSpec from './testdata/rollingupdate-6r-surge3-unavail1-change-spec.golden.log?raw';
import onDelete3r from './testdata/ondelete-3r-user1.golden.log?raw';
import onDelete6r from './testdata/ondelete-6r-user2.golden.log?raw';
import onDeleteScaleUp9 from './testdata/ondelete-6r-user1-scale-up-9.golden.log?raw';
import onDeleteScaleDown6 from './testdata/ondelete-12r-user1-scale-down-6.golden.log?raw';
import onDeleteChangeSpec from './testdata/ondelete-6r-user1-change-spec.golden.log?raw';

interface FakeMachine {
  name: string;
  /** The MachineSet template the Machine was created from. */
  template: string;
  deleting: boolean;
}

interface FakeMS {
  name: string;
  /** The template field the upstream fakes vary (failureDomain "v1", "v2", …). */
  template: string;
  spec: number;
  status: number;
  available: number;
  upToDate?: number;
  annotations: Record<string, string>;
  machines: FakeMachine[];
}

interface Scope {
  strategy: 'RollingUpdate' | 'OnDelete';
  /** OnDelete: how many Machines the fake user lets be missing before deleting the next one. */
  maxUserUnavailable: number;
  md: {
    replicas: number;
    template: string;
    maxSurge: number;
    maxUnavailable: number;
    status: number;
    available: number;
    upToDate?: number;
  };
  /** The test-case parameters as written (the header prints them unresolved). */
  params: { maxSurge: number; maxUnavailable: number };
  machineSets: FakeMS[];
  uid: number;
}

const num = (name: string, prefix: string) => Number(name.slice(prefix.length));
const byMSName = (a: FakeMS, b: FakeMS) => num(a.name, 'ms') - num(b.name, 'ms');

const msObject = (ms: FakeMS): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: { name: ms.name, annotations: ms.annotations },
  spec: { replicas: ms.spec, template: { spec: { failureDomain: ms.template } } },
});
const mdObject = (s: Scope): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'md' },
  spec: { replicas: s.md.replicas, template: { spec: { failureDomain: s.md.template } } },
});
const view = (ms: FakeMS): RolloutMachineSet => ({
  name: ms.name,
  specReplicas: ms.spec,
  statusReplicas: ms.status,
  availableReplicas: ms.available,
  upToDateReplicas: ms.upToDate,
});

const machineNames = (ms: FakeMS) => ms.machines.map((m) => m.name).join(',');
const msSummary = (ms: FakeMS) =>
  `${ms.name}: ${ms.status}/${ms.spec} replicas, ${ms.available} available, ${ms.upToDate ?? 0} upToDate (${machineNames(ms)})`;
const mdSummary = (s: Scope) =>
  `md: ${s.md.status}/${s.md.replicas} replicas, ${s.md.available} available, ${s.md.upToDate ?? 0} upToDate`;

class Log {
  text: string;
  constructor(name: string) {
    this.text = `## ${name}\n\n`;
  }
  /** fileLogger.Logf: continuation lines not starting with "[" get two more spaces. */
  add(s: string) {
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    this.text += body.includes('\n')
      ? body
          .split('\n')
          .map((l) => (l.startsWith('[') ? l : `  ${l}`))
          .join('\n') + '\n'
      : body + '\n';
  }
}

function summary(s: Scope): string {
  s.machineSets.sort(byMSName);
  return `  ${mdSummary(s)}\n` + s.machineSets.map((ms) => `  ${msSummary(ms)}\n`).join('');
}

/** One reconcile of the fake MachineSet controller: syncReplicas, then updateStatus. */
function msController(log: Log, s: Scope, ms: FakeMS) {
  const diff = ms.machines.length - ms.spec;
  const byNum = (a: FakeMachine, b: FakeMachine) => num(a.name, 'm') - num(b.name, 'm');
  if (diff < 0) {
    if (ms.annotations[DISABLE_MACHINE_CREATE_ANNOTATION] !== 'true') {
      const created: FakeMachine[] = [];
      for (let i = 0; i < -diff; i++)
        created.push({ name: `m${++s.uid}`, template: ms.template, deleting: false });
      ms.machines = [...ms.machines, ...created].sort(byNum);
      log.add(
        `[MS controller] - ${ms.name} scale up to ${ms.spec}/${ms.spec} replicas (${created.map((m) => m.name).join(',')} created)`,
      );
    }
  } else if (diff > 0) {
    const ordered = [...ms.machines].sort(byNum);
    const deleted = ordered.slice(0, diff);
    ms.machines = ordered.slice(diff);
    log.add(
      `[MS controller] - ${ms.name} scale down to ${ms.spec}/${ms.spec} replicas (${deleted.map((m) => m.name).join(',')} deleted)`,
    );
  }
  ms.status = ms.machines.length;
  ms.available = ms.machines.length;
  ms.upToDate = ms.template === s.md.template ? ms.machines.length : 0;
}

/** getMachineSetDiff + rolloutPlannerResultSummary for one MachineSet. */
function plannerLine(
  ms: FakeMS,
  original: FakeMS | undefined,
  isCurrent: boolean,
  plan: RolloutPlan,
): string {
  const reason = (plan.notes.get(ms.name) ?? []).join(', ');
  if (!original) {
    let o = `  ${msSummary(ms)}\n`;
    o += `    - MachineSet ${ms.name} created, it is now the current MachineSet\n`;
    if (ms.spec > 0)
      o += `    - Scaled up current MachineSet ${ms.name} from 0 to ${ms.spec} replicas (+${ms.spec})\n      - Reason: ${reason}\n`;
    return o;
  }
  const changed = original.spec !== ms.spec;
  const counts = changed
    ? `from ${ms.status}/${original.spec} to ${ms.status}/${ms.spec} replicas`
    : `${ms.status}/${ms.spec} replicas`;
  let o = `  ${ms.name}: ${counts}, ${ms.available} available, ${ms.upToDate ?? 0} upToDate (${machineNames(ms)})\n`;
  const changes: string[] = [];
  if (changed) changes.push(`replicas ${ms.spec}`);
  if (
    original.annotations[REVISION_ANNOTATION] !== ms.annotations[REVISION_ANNOTATION] &&
    ms.annotations[REVISION_ANNOTATION] !== undefined
  ) {
    changes.push(`${REVISION_ANNOTATION}: ${ms.annotations[REVISION_ANNOTATION]}`);
  }
  if (
    original.annotations[DISABLE_MACHINE_CREATE_ANNOTATION] !==
    ms.annotations[DISABLE_MACHINE_CREATE_ANNOTATION]
  ) {
    const v = ms.annotations[DISABLE_MACHINE_CREATE_ANNOTATION];
    changes.push(
      v === undefined
        ? `${DISABLE_MACHINE_CREATE_ANNOTATION} removed`
        : `${DISABLE_MACHINE_CREATE_ANNOTATION}: ${v}`,
    );
  }
  const type = isCurrent ? 'current' : 'old';
  if (ms.spec < original.spec) {
    o += `    - Scaled down ${type} MachineSet ${ms.name} from ${original.spec} to ${ms.spec} replicas (-${original.spec - ms.spec})\n      - Reason: ${reason}\n`;
  }
  if (ms.spec > original.spec) {
    o += `    - Scaled up ${type} MachineSet ${ms.name} from ${original.spec} to ${ms.spec} replicas (+${ms.spec - original.spec})\n      - Reason: ${reason}\n`;
  }
  if (!changed && changes.length > 0) o += `    - Updated ${type} MachineSet ${ms.name}\n`;
  if (changes.length > 0) o += `      - Diff: ${changes.join(',')}\n`;
  return o;
}

/** One reconcile of the MachineDeployment controller: find/create the newMS, plan, apply the intents. */
function mdController(log: Log, s: Scope, tolerate: { unavailable?: boolean; surge?: boolean }) {
  const originals = new Map(
    s.machineSets.map((ms) => [
      ms.name,
      { ...ms, annotations: { ...ms.annotations }, machines: [...ms.machines] },
    ]),
  );
  const objects = new Map(s.machineSets.map((ms) => [ms.name, ms]));
  const found = findNewAndOldMachineSets(mdObject(s), s.machineSets.map(msObject), 0);
  const oldMSs = found.oldMSs.map((o) => objects.get(o.metadata.name!)!);
  const notes: string[] = [];
  let newMS = found.newMS ? objects.get(found.newMS.metadata.name!)! : undefined;
  if (!newMS) {
    newMS = {
      name: `ms${s.machineSets.length + 1}`,
      template: s.md.template,
      spec: 0,
      status: 0,
      available: 0,
      annotations: {},
      machines: [],
    };
    s.machineSets.push(newMS);
  }
  const oldRevision = newMS.annotations[REVISION_ANNOTATION];
  const rev = computeRevisionAnnotations(found.newMS ? msObject(newMS) : undefined, oldMSs.map(msObject));
  Object.assign(newMS.annotations, rev.annotations, { [DISABLE_MACHINE_CREATE_ANNOTATION]: 'false' });
  if (found.newMS && oldRevision !== rev.revision) notes.push('this is now the current MachineSet');
  // computeDesiredOldMS: old MachineSets may not create Machines under OnDelete.
  for (const ms of oldMSs)
    ms.annotations[DISABLE_MACHINE_CREATE_ANNOTATION] = s.strategy === 'OnDelete' ? 'true' : 'false';

  const plan = planRollout({
    md: {
      replicas: s.md.replicas,
      strategy: s.strategy,
      maxSurge: s.md.maxSurge,
      maxUnavailable: s.md.maxUnavailable,
    },
    newMS: view(newMS),
    oldMSs: oldMSs.map(view),
    newMSNotes: notes,
  });
  for (const ms of s.machineSets) {
    const intent = plan.scaleIntents.get(ms.name);
    if (intent !== undefined) ms.spec = intent;
  }
  s.md.status = s.machineSets.reduce((n, ms) => n + ms.status, 0);
  s.md.available = s.machineSets.reduce((n, ms) => n + ms.available, 0);
  // The OnDelete harness only sets replicas and availableReplicas on the MD status.
  if (s.strategy === 'RollingUpdate') {
    const upToDate = s.machineSets.filter((ms) => ms.upToDate !== undefined);
    s.md.upToDate = upToDate.length ? upToDate.reduce((n, ms) => n + ms.upToDate!, 0) : undefined;
  }

  s.machineSets.sort(byMSName);
  let out = `[MD controller] - Result of rollout planner\n  md: ${mdSummary(s)}\n`;
  for (const ms of s.machineSets) out += plannerLine(ms, originals.get(ms.name), ms === newMS, plan);
  log.add(out);

  // Only the RollingUpdate harness checks the rollout constraints.
  if (s.strategy === 'OnDelete') return;
  const minAvailable = s.md.replicas - Math.min(s.md.maxUnavailable, s.md.replicas);
  if (s.md.available < minAvailable) {
    expect(tolerate.unavailable, 'maxUnavailable breached').toBe(true);
    log.add('[Toleration] tolerate maxUnavailable breach');
  }
  const total = s.machineSets.reduce((n, ms) => n + Math.max(ms.spec, ms.status), 0);
  if (total > s.md.replicas + s.md.maxSurge) {
    expect(tolerate.surge, 'maxSurge breached').toBe(true);
    log.add('[Toleration] tolerate maxSurge breach');
  }
}

/** The OnDelete fake user: deletes the first outdated Machine while more than replicas − maxUserUnavailable remain. */
function userDeletesOutdatedMachine(
  log: Log,
  s: Scope,
  iteration: number,
  canDelete: boolean,
  desiredTemplate: string,
) {
  const all = s.machineSets.flatMap((ms) => ms.machines);
  const inFlight = all.filter((m) => m.deleting).length;
  const totAvailable = Math.max(all.length - inFlight, 0);
  const minAvailable = Math.max(s.md.replicas - s.maxUserUnavailable, 0);
  if (!(totAvailable > minAvailable && canDelete)) return;
  const outdated = all.filter(
    (m) =>
      !machineTemplateUpToDate(
        { spec: { failureDomain: m.template } },
        { spec: { failureDomain: desiredTemplate } },
      ).upToDate,
  );
  const first = outdated[0];
  if (first && !first.deleting) {
    log.add(`[User] Iteration ${iteration}, Deleting machine ${first.name}`);
    first.deleting = true;
  }
}

function isDesired(s: Scope, desiredNewMS: string, desiredMachines: string[], msCount: number): boolean {
  if (s.md.status !== s.md.replicas || s.md.available !== s.md.replicas || s.machineSets.length !== msCount)
    return false;
  return s.machineSets.every((ms) =>
    ms.name === desiredNewMS
      ? ms.spec === s.md.replicas &&
        ms.status === s.md.replicas &&
        ms.available === s.md.replicas &&
        machineNames(ms) === desiredMachines.join()
      : ms.spec === 0 && ms.status === 0 && ms.available === 0 && ms.machines.length === 0,
  );
}

interface Case {
  name: string;
  golden: string;
  scope: Scope;
  desiredMachines: string[];
  tolerate?: { unavailable?: boolean; surge?: boolean };
}

function run(c: Case): string {
  const s = c.scope;
  const log = new Log(c.name);
  log.add(`[Test] Initial state\n${summary(s)}`);
  const machines = s.machineSets.reduce((n, ms) => n + ms.machines.length, 0);
  log.add(
    s.strategy === 'OnDelete'
      ? `[Test] Rollout ${machines} replicas, onDeleteStrategy`
      : `[Test] Rollout ${machines} replicas, MaxSurge=${s.params.maxSurge}, MaxUnavailable=${s.params.maxUnavailable}`,
  );
  let canDelete = false;
  const upToDateExisting = s.machineSets.find(
    (ms) =>
      machineTemplateUpToDate(
        { spec: { failureDomain: ms.template } },
        { spec: { failureDomain: s.md.template } },
      ).upToDate,
  );
  const desiredNewMS = upToDateExisting?.name ?? `ms${s.machineSets.length + 1}`;
  const msCount = upToDateExisting ? s.machineSets.length : s.machineSets.length + 1;
  const desiredTemplate = s.md.template;
  for (let i = 1; i <= 50; i++) {
    const tasks = ['md', ...s.machineSets.map((ms) => ms.name), `ms${s.machineSets.length + 1}`];
    if (s.strategy === 'OnDelete') {
      tasks.push('delete-machine', ...s.machineSets.flatMap((ms) => ms.machines.map((m) => m.name)));
    }
    for (const task of tasks) {
      if (task === 'md') {
        log.add(`[MD controller] Iteration ${i}, Reconcile md`);
        mdController(log, s, c.tolerate ?? {});
        canDelete = true;
        continue;
      }
      if (task === 'delete-machine') {
        userDeletesOutdatedMachine(log, s, i, canDelete, desiredTemplate);
        continue;
      }
      const ms = s.machineSets.find((x) => x.name === task);
      if (ms) {
        log.add(`[MS controller] Iteration ${i}, Reconcile ${msSummary(ms)}`);
        msController(log, s, ms);
        continue;
      }
      for (const owner of s.machineSets) {
        const m = owner.machines.find((x) => x.name === task);
        if (!m) continue;
        log.add(`[M controller] Iteration ${i}, Reconcile ${m.name}`);
        if (m.deleting) {
          log.add(`[M controller] - ${m.name} finalizer removed`);
          owner.machines = owner.machines.filter((x) => x !== m);
        }
      }
    }
    if (isDesired(s, desiredNewMS, c.desiredMachines, msCount)) {
      log.add(`[Test] Final state\n${summary(s)}`);
      return log.text;
    }
  }
  throw new Error(`${c.name}: desired state not reached in 50 iterations`);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);
const machinesOf = (names: string[], template: string): FakeMachine[] =>
  names.map((name) => ({ name, template, deleting: false }));

function fresh(replicas: number, maxSurge: number, maxUnavailable: number): Scope {
  // Fenceposts as mdutil.MaxSurge / MaxUnavailable resolve them (F53).
  const f = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  const machines = machinesOf(range(1, replicas), 'v1');
  return {
    strategy: 'RollingUpdate',
    maxUserUnavailable: 0,
    md: {
      replicas,
      template: 'v2',
      maxSurge: f.maxSurge,
      maxUnavailable: Math.min(f.maxUnavailable, replicas),
      status: replicas,
      available: replicas,
    },
    params: { maxSurge, maxUnavailable },
    machineSets: [
      {
        name: 'ms1',
        template: 'v1',
        spec: replicas,
        status: replicas,
        available: replicas,
        annotations: {},
        machines,
      },
    ],
    uid: replicas,
  };
}
const fakeMS = (name: string, template: string, machines: string[]): FakeMS => ({
  name,
  template,
  spec: machines.length,
  status: machines.length,
  available: machines.length,
  annotations: {},
  machines: machinesOf(machines, template),
});

function midRollout(
  mdReplicas: number,
  mdTemplate: string,
  ms1: string[],
  ms2: string[],
  uid: number,
): Scope {
  const f = resolveFenceposts(3, 1, mdReplicas);
  return {
    strategy: 'RollingUpdate',
    maxUserUnavailable: 0,
    md: {
      replicas: mdReplicas,
      template: mdTemplate,
      maxSurge: f.maxSurge,
      maxUnavailable: f.maxUnavailable,
      status: mdReplicas,
      available: mdReplicas,
    },
    params: { maxSurge: 3, maxUnavailable: 1 },
    machineSets: [fakeMS('ms1', 'v1', ms1), fakeMS('ms2', 'v2', ms2)],
    uid,
  };
}

/** An OnDelete scope: mdutil.MaxSurge / MaxUnavailable are 0 for OnDelete. */
function onDelete(
  mdReplicas: number,
  mdTemplate: string,
  machineSets: FakeMS[],
  uid: number,
  maxUserUnavailable: number,
): Scope {
  return {
    strategy: 'OnDelete',
    maxUserUnavailable,
    md: {
      replicas: mdReplicas,
      template: mdTemplate,
      maxSurge: 0,
      maxUnavailable: 0,
      status: mdReplicas,
      available: mdReplicas,
    },
    params: { maxSurge: 0, maxUnavailable: 0 },
    machineSets,
    uid,
  };
}

const cases: Case[] = [
  {
    name: 'Regular rollout, 3 Replicas, maxSurge 1, maxUnavailable 0',
    golden: surge1unavail0,
    scope: fresh(3, 1, 0),
    desiredMachines: range(4, 6),
  },
  {
    name: 'Regular rollout, 3 Replicas, maxSurge 0, maxUnavailable 1',
    golden: surge0unavail1,
    scope: fresh(3, 0, 1),
    desiredMachines: range(4, 6),
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 3, maxUnavailable 1',
    golden: r6surge3unavail1,
    scope: fresh(6, 3, 1),
    desiredMachines: range(7, 12),
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 1, maxUnavailable 3',
    golden: r6surge1unavail3,
    scope: fresh(6, 1, 3),
    desiredMachines: range(7, 12),
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 10, maxUnavailable 0',
    golden: r6surge10unavail0,
    scope: fresh(6, 10, 0),
    desiredMachines: range(7, 12),
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 0, maxUnavailable 10',
    golden: r6surge0unavail10,
    scope: fresh(6, 0, 10),
    desiredMachines: range(7, 12),
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 3, maxUnavailable 1, scale up to 12',
    golden: scaleUp12,
    scope: midRollout(12, 'v2', range(4, 6), range(7, 9), 9),
    desiredMachines: range(7, 18),
    tolerate: { unavailable: true },
  },
  {
    name: 'Regular rollout, 12 Replicas, maxSurge 3, maxUnavailable 1, scale down to 6',
    golden: scaleDown6,
    scope: midRollout(6, 'v2', range(4, 12), range(13, 15), 15),
    desiredMachines: range(13, 18),
    tolerate: { surge: true },
  },
  {
    name: 'Regular rollout, 6 Replicas, maxSurge 3, maxUnavailable 1, change spec',
    golden: changeSpec,
    scope: midRollout(6, 'v3', range(4, 6), range(7, 9), 9),
    desiredMachines: range(10, 15),
  },
  {
    name: '3 replicas, maxUserUnavailable 1',
    golden: onDelete3r,
    scope: onDelete(3, 'v2', [fakeMS('ms1', 'v1', range(1, 3))], 3, 1),
    desiredMachines: range(4, 6),
  },
  {
    name: '6 replicas, maxUserUnavailable 2',
    golden: onDelete6r,
    scope: onDelete(6, 'v2', [fakeMS('ms1', 'v1', range(1, 6))], 6, 2),
    desiredMachines: range(7, 12),
  },
  {
    name: '6 Replicas, maxUserUnavailable 1, scale up to 9',
    golden: onDeleteScaleUp9,
    scope: onDelete(9, 'v2', [fakeMS('ms1', 'v1', range(4, 6)), fakeMS('ms2', 'v2', range(7, 9))], 9, 1),
    desiredMachines: range(7, 15),
  },
  {
    name: '12 Replicas, maxUserUnavailable 1,  scale down to 6',
    golden: onDeleteScaleDown6,
    scope: onDelete(6, 'v2', [fakeMS('ms1', 'v1', range(4, 12)), fakeMS('ms2', 'v2', range(13, 15))], 15, 1),
    desiredMachines: range(13, 18),
  },
  {
    name: '6 Replicas, maxUserUnavailable 1, change spec',
    golden: onDeleteChangeSpec,
    scope: onDelete(
      6,
      'v3',
      [fakeMS('ms1', 'v1', range(4, 6)), fakeMS('ms2', 'v2', range(7, 9)), fakeMS('ms3', 'v3', [])],
      9,
      1,
    ),
    desiredMachines: range(10, 15),
  },
];

describe('rollout planner against the CAPI golden rollout logs (Test_RollingUpdateSequences, Test_OnDeleteSequences)', () => {
  for (const c of cases) {
    it(`${c.scope.strategy === 'OnDelete' ? 'F56' : 'F55'}: ${c.name}`, () => {
      expect(run(c)).toBe(c.golden);
    });
  }

  it('F55: the MachineSet replica sequence of "3 replicas, maxsurge 1, maxunavailable 0" peaks at 4 and deletes m1, m2, m3 in name order', () => {
    const log = run({ ...cases[0]!, scope: fresh(3, 1, 0) });
    const specs = [...log.matchAll(/Scaled (?:up|down) \w+ MachineSet (ms\d) from (\d+) to (\d+)/g)].map(
      (m) => `${m[1]} ${m[2]}→${m[3]}`,
    );
    expect(specs).toEqual(['ms2 0→1', 'ms1 3→2', 'ms2 1→2', 'ms1 2→1', 'ms2 2→3', 'ms1 1→0']);
    expect([...log.matchAll(/\((m\d) deleted\)/g)].map((m) => m[1])).toEqual(['m1', 'm2', 'm3']);
    expect(Math.max(...[...log.matchAll(/md: md: (\d+)\//g)].map((m) => Number(m[1])))).toBe(4);
  });

  it('F55: with maxSurge 0 / maxUnavailable 1 the old MachineSet shrinks first, then the two alternate', () => {
    const log = run({ ...cases[1]!, scope: fresh(3, 0, 1) });
    const specs = [...log.matchAll(/Scaled (?:up|down) \w+ MachineSet (ms\d) from (\d+) to (\d+)/g)].map(
      (m) => `${m[1]} ${m[2]}→${m[3]}`,
    );
    expect(specs).toEqual(['ms1 3→2', 'ms2 0→1', 'ms1 2→1', 'ms2 1→2', 'ms1 1→0', 'ms2 2→3']);
  });
});
