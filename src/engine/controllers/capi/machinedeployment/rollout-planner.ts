/**
 * The MachineDeployment rollout planner (CAPI v1.12+): it decides the next spec.replicas of every MachineSet.
 * core/reconcilers/machinedeployment/machinedeployment_rollout_rollingupdate.go (planRollingUpdate,
 * reconcileNewMachineSet, reconcileOldMachineSetsRollingUpdate, scaleDownOldMSs, reconcileDeadlockBreaker),
 * machinedeployment_rollout_ondelete.go (planOnDelete, reconcileOldMachineSetsOnDelete), mdutil/util.go
 * (NewMSNewReplicas, TotalMachineSetsReplicaSum, MachineSetsByCreationTimestamp).
 *
 * Truth facts: F52 (newMS scale-up bounded by replicas + maxSurge over Σ max(spec, status)), F54 (minAvailable,
 * totalScaleDown, oldest old MS first, unavailable replicas first, worst-case availability accounting),
 * F55 (golden traces, see rollout-planner-golden.test.ts), F56 (OnDelete: old MSs only shrink to match their
 * Machines or a smaller MD; newMS fills up to spec.replicas).
 *
 * The planner works on a small numeric view of each MachineSet; it never touches objects. The in-place update
 * parts (move annotations, acknowledge-move, InPlaceUpdates feature gate — alpha, off by default) are left out.
 */
import type { KubeObject } from '../../../api/types.ts';
import { asNumber, compareNames, creationMs, nameOf } from '../fields.ts';

/** What the planner needs to know about one MachineSet. */
export interface RolloutMachineSet {
  name: string;
  /** creationTimestamp in virtual ms; undefined sorts first like Go's zero time. */
  createdMs?: number | undefined;
  specReplicas: number;
  statusReplicas?: number | undefined;
  availableReplicas?: number | undefined;
  upToDateReplicas?: number | undefined;
}

export interface RolloutMachineDeployment {
  replicas: number;
  strategy: 'RollingUpdate' | 'OnDelete';
  /** mdutil.MaxSurge (0 for OnDelete). */
  maxSurge: number;
  /** mdutil.MaxUnavailable (0 for OnDelete). */
  maxUnavailable: number;
}

export interface RolloutPlanInput {
  md: RolloutMachineDeployment;
  /** The current MachineSet (an existing match, or the one about to be created with 0 replicas). */
  newMS: RolloutMachineSet;
  /** The other MachineSets, in FindNewAndOldMachineSets order. */
  oldMSs: readonly RolloutMachineSet[];
  /** Notes already explaining the newMS (e.g. "this is now the current MachineSet"). */
  newMSNotes?: readonly string[];
}

export interface RolloutPlan {
  /** New spec.replicas per MachineSet name; MachineSets not listed keep theirs. */
  scaleIntents: Map<string, number>;
  /** Why each MachineSet changes, in the wording of the upstream planner notes. */
  notes: Map<string, string[]>;
}

/** A MachineSet object as the planner sees it. */
export function rolloutViewOf(ms: KubeObject): RolloutMachineSet {
  const specReplicas = asNumber(ms.spec?.replicas);
  if (specReplicas === undefined)
    throw new Error(`spec.replicas for MachineSet ${nameOf(ms)} is nil, this is unexpected`);
  return {
    name: nameOf(ms),
    createdMs: creationMs(ms),
    specReplicas,
    statusReplicas: asNumber(ms.status?.replicas),
    availableReplicas: asNumber(ms.status?.availableReplicas),
    upToDateReplicas: asNumber(ms.status?.upToDateReplicas),
  };
}

const status = (ms: RolloutMachineSet) => ms.statusReplicas ?? 0;
const available = (ms: RolloutMachineSet) => ms.availableReplicas ?? 0;

/** mdutil.TotalMachineSetsReplicaSum: Σ max(spec, status). */
export function totalMachineSetsReplicaSum(machineSets: readonly RolloutMachineSet[]): number {
  let n = 0;
  for (const ms of machineSets) n += Math.max(ms.specReplicas, status(ms));
  return n;
}

/** mdutil.MachineSetsByCreationTimestamp. */
export function compareMachineSetsByCreation(a: RolloutMachineSet, b: RolloutMachineSet): number {
  const ta = a.createdMs ?? Number.NEGATIVE_INFINITY;
  const tb = b.createdMs ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareNames(a.name, b.name);
}

/** mdutil.NewMSNewReplicas: the newMS target and the note that explains it. */
export function newMSNewReplicas(
  md: RolloutMachineDeployment,
  allMSs: readonly RolloutMachineSet[],
  newMSReplicas: number,
): { replicas: number; note: string } {
  const current = totalMachineSetsReplicaSum(allMSs);
  if (md.strategy === 'RollingUpdate') {
    const maxTotal = md.replicas + md.maxSurge;
    if (current >= maxTotal) {
      return {
        replicas: newMSReplicas,
        note: `${current} current Machines >= ${md.replicas} MachineDeployment spec.replicas + ${md.maxSurge} maxSurge`,
      };
    }
    const up = Math.min(maxTotal - current, md.replicas - newMSReplicas);
    return {
      replicas: newMSReplicas + up,
      note: `${current} current Machines < ${md.replicas} MachineDeployment spec.replicas + ${md.maxSurge} maxSurge`,
    };
  }
  if (current >= md.replicas) {
    return {
      replicas: newMSReplicas,
      note: `${current} current Machines >= ${md.replicas} MachineDeployment spec.replicas`,
    };
  }
  return {
    replicas: newMSReplicas + (md.replicas - current),
    note: `${current} current Machines < ${md.replicas} MachineDeployment spec.replicas`,
  };
}

class Planner {
  readonly scaleIntents = new Map<string, number>();
  readonly notes = new Map<string, string[]>();
  readonly oldMSs: RolloutMachineSet[];

  constructor(
    readonly md: RolloutMachineDeployment,
    readonly newMS: RolloutMachineSet,
    oldMSs: readonly RolloutMachineSet[],
  ) {
    this.oldMSs = [...oldMSs];
  }

  note(ms: RolloutMachineSet, msg: string) {
    const list = this.notes.get(ms.name) ?? [];
    if (!list.includes(msg)) list.push(msg);
    this.notes.set(ms.name, list);
  }

  get allMSs() {
    return [...this.oldMSs, this.newMS];
  }

  reconcileNewMachineSet() {
    const { md, newMS } = this;
    if (newMS.specReplicas === md.replicas) return;
    if (newMS.specReplicas > md.replicas) {
      this.note(newMS, 'scale down to align MachineSet spec.replicas to MachineDeployment spec.replicas');
      this.scaleIntents.set(newMS.name, md.replicas);
      return;
    }
    const { replicas, note } = newMSNewReplicas(md, this.allMSs, newMS.specReplicas);
    if (replicas !== newMS.specReplicas) {
      this.note(newMS, note);
      this.scaleIntents.set(newMS.name, replicas);
    }
  }

  reconcileOldMachineSetsRollingUpdate() {
    const all = this.allMSs;
    if (this.oldMSs.reduce((n, ms) => n + ms.specReplicas, 0) === 0) return;
    const minAvailable = Math.max(this.md.replicas - this.md.maxUnavailable, 0);
    const totalSpec = all.reduce((n, ms) => n + ms.specReplicas, 0);
    let totalAvailable = all.reduce((n, ms) => n + available(ms), 0);
    // Scale-downs already in flight (spec below status) could still remove available Machines.
    let pending = 0;
    for (const ms of all) {
      const intent = this.scaleIntents.get(ms.name);
      const target = intent === undefined ? ms.specReplicas : Math.min(ms.specReplicas, intent);
      if (target < status(ms)) pending += status(ms) - target;
    }
    // Unavailable Machines on the newMS slow the rollout down instead of breaking more Machines.
    const newMSUnavailable = Math.max(this.newMS.specReplicas - available(this.newMS), 0);
    let total = Math.max(totalSpec - pending - minAvailable - newMSUnavailable, 0);
    if (total <= 0) return;
    this.oldMSs.sort(compareMachineSetsByCreation);
    [total, totalAvailable] = this.scaleDownOldMSs(total, totalAvailable, minAvailable, true);
    this.scaleDownOldMSs(total, totalAvailable, minAvailable, false);
  }

  scaleDownOldMSs(
    total: number,
    totalAvailable: number,
    minAvailable: number,
    onlyUnavailable: boolean,
  ): [number, number] {
    for (const ms of this.oldMSs) {
      if (total <= 0) break;
      const replicas = this.scaleIntents.get(ms.name) ?? ms.specReplicas;
      if (replicas <= 0) continue;
      const before = totalAvailable;
      const maxScaleDown = onlyUnavailable ? Math.max(replicas - available(ms), 0) : replicas;
      let scaleDown = Math.min(maxScaleDown, total);
      if (scaleDown === 0) continue;
      if (available(ms) > 0) {
        // Assume the worst: the MachineSet controller deletes available Machines first.
        let newSpec = Math.max(replicas - scaleDown, 0);
        let existingToDelete = Math.max(status(ms) - newSpec, 0);
        if (existingToDelete > 0) {
          if (totalAvailable - minAvailable < existingToDelete) {
            const canDelete = Math.max(totalAvailable - minAvailable, 0);
            newSpec = Math.min(status(ms) - canDelete, replicas);
            scaleDown = Math.max(replicas - newSpec, 0);
            existingToDelete = Math.max(status(ms) - newSpec, 0);
          }
          totalAvailable -= Math.min(available(ms), existingToDelete);
        }
      }
      if (scaleDown > 0) {
        this.note(
          ms,
          before === totalAvailable
            ? 'scale down to align to existing Machines or scale down by removing unavailable replicas (and no available replicas exist on the MachineSet)'
            : `${before} available replicas > ${minAvailable} minimum available replicas`,
        );
        this.scaleIntents.set(ms.name, Math.max(replicas - scaleDown, 0));
        total = Math.max(total - scaleDown, 0);
      }
    }
    return [total, totalAvailable];
  }

  /** Breaks the deadlock of unavailable Machines stuck on old MachineSets by breaching maxUnavailable by one. */
  reconcileDeadlockBreaker() {
    const oldStatus = this.oldMSs.reduce((n, ms) => n + status(ms), 0);
    if (oldStatus === 0) return;
    if (oldStatus === this.oldMSs.reduce((n, ms) => n + available(ms), 0)) return;
    for (const ms of this.allMSs) {
      if (ms.specReplicas !== status(ms) || this.scaleIntents.has(ms.name)) return;
    }
    if (available(this.newMS) !== status(this.newMS)) return;
    for (const ms of this.oldMSs) {
      if (available(ms) === status(ms) || ms.specReplicas === 0) continue;
      this.note(this.newMS, 'scaling down by 1 to unblock rollout stuck due to unavailable Machine on oldMS');
      this.scaleIntents.set(ms.name, Math.max(ms.specReplicas - 1, 0));
      return;
    }
  }

  reconcileOldMachineSetsOnDelete() {
    const oldSpec = this.oldMSs.reduce((n, ms) => n + ms.specReplicas, 0);
    if (oldSpec === 0) return;
    const newMSReplicas = this.scaleIntents.get(this.newMS.name) ?? this.newMS.specReplicas;
    let total = Math.max(oldSpec + newMSReplicas - this.md.replicas, 0);
    this.oldMSs.sort(compareMachineSetsByCreation);
    // Drop spec.replicas that no longer have a Machine (a user deleted one, or a half-built newMS became old).
    for (const ms of this.oldMSs) {
      if (ms.specReplicas <= 0) continue;
      const down = Math.max(ms.specReplicas - status(ms), 0);
      if (down > 0) {
        this.note(ms, 'scale down to align to existing Machines');
        this.scaleIntents.set(ms.name, Math.max(ms.specReplicas - down, 0));
        total -= down;
      }
    }
    for (const ms of this.oldMSs) {
      if (total <= 0) break;
      const intent = this.scaleIntents.get(ms.name) ?? ms.specReplicas;
      if (intent <= 0) continue;
      const down = Math.min(intent, total);
      if (down > 0) {
        this.note(ms, 'scale down to align MachineSet spec.replicas to MachineDeployment spec.replicas');
        // Upstream subtracts from spec.replicas here, not from the intent set by the loop above.
        this.scaleIntents.set(ms.name, Math.max(ms.specReplicas - down, 0));
        total -= down;
      }
    }
  }
}

function validate(input: RolloutPlanInput) {
  const bad = (v: number) => !Number.isInteger(v) || v < 0;
  if (bad(input.md.replicas) || bad(input.md.maxSurge) || bad(input.md.maxUnavailable)) {
    throw new Error(
      'rollout planner: MachineDeployment replicas, maxSurge and maxUnavailable must be non-negative integers',
    );
  }
  for (const ms of [input.newMS, ...input.oldMSs]) {
    if (bad(ms.specReplicas))
      throw new Error(`rollout planner: MachineSet ${ms.name} spec.replicas must be a non-negative integer`);
  }
}

/** planRollingUpdate or planOnDelete, by md.strategy. */
export function planRollout(input: RolloutPlanInput): RolloutPlan {
  validate(input);
  const p = new Planner(input.md, input.newMS, input.oldMSs);
  for (const n of input.newMSNotes ?? []) p.note(input.newMS, n);
  p.reconcileNewMachineSet();
  if (input.md.strategy === 'RollingUpdate') {
    p.reconcileOldMachineSetsRollingUpdate();
    p.reconcileDeadlockBreaker();
  } else {
    p.reconcileOldMachineSetsOnDelete();
  }
  return { scaleIntents: p.scaleIntents, notes: p.notes };
}
