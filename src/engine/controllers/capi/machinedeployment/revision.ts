/**
 * MachineSet bookkeeping a MachineDeployment writes: revisions, the desired/max replicas annotations, the new
 * MachineSet's name and machine-template-hash label (core/reconcilers/machinedeployment/mdutil/util.go MaxRevision,
 * Revision, ComputeRevisionAnnotations, GetRevisionAnnotations, MachineSetAnnotationsFromMachineDeployment;
 * machinedeployment_sync.go computeNewMachineSetName; machinedeployment_rollout_planner.go computeDesiredMS).
 *
 * Truth facts: F51 (new MS named "<md>-<5 random>", label machine-template-hash "<hash>-<same 5 random>",
 * deployment-name label, desired-replicas / max-replicas / revision = max old revision + 1; a revision never goes
 * down), §C name patterns.
 */
import type { KubeObject } from '../../../api/types.ts';
import type { Rng } from '../../../sim/rng.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from '../labels.ts';

const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;

/** Revision(obj): the revision annotation as an integer, 0 when absent; undefined when it does not parse. */
export function revisionOf(ms: KubeObject): number | undefined {
  const v = ms.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** MaxRevision: MachineSets whose revision does not parse are skipped. */
export function maxRevision(machineSets: readonly KubeObject[]): number {
  let max = 0;
  for (const ms of machineSets) {
    const r = revisionOf(ms);
    if (r !== undefined && r > max) max = r;
  }
  return max;
}

/**
 * ComputeRevisionAnnotations(newMS, oldMSs): the newMS revision is max(old) + 1, unless it already has a
 * higher one; a changed revision is appended to the deprecated revision-history annotation.
 */
export function computeRevisionAnnotations(
  newMS: KubeObject | undefined,
  oldMSs: readonly KubeObject[],
): { annotations: Record<string, string>; revision: string } {
  const annotations: Record<string, string> = {};
  const next = maxRevision(oldMSs) + 1;
  let revision = String(next);
  if (newMS) {
    const current = newMS.metadata.annotations?.[REVISION_ANNOTATION];
    if (current !== undefined) {
      if (!/^[+-]?\d+$/.test(current)) {
        throw new Error(
          `failed to parse current revision on MachineSet ${newMS.metadata.name ?? ''}: "${current}"`,
        );
      }
      if (next < Number(current)) revision = current;
    }
    const history = newMS.metadata.annotations?.[REVISION_HISTORY_ANNOTATION];
    if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
    if (current !== undefined && current !== revision) {
      annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${current}` : current;
    }
  }
  annotations[REVISION_ANNOTATION] = revision;
  return { annotations, revision };
}

const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'cluster.x-k8s.io/conversion-data',
]);

/** MachineSetAnnotationsFromMachineDeployment: MD annotations minus bookkeeping, plus desired/max replicas. */
export function machineSetAnnotationsFromMachineDeployment(
  md: KubeObject,
  replicas: number,
  maxSurge: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(md.metadata.annotations ?? {})) if (!SKIPPED.has(k)) out[k] = v;
  out[DESIRED_REPLICAS_ANNOTATION] = String(replicas);
  out[MAX_REPLICAS_ANNOTATION] = String(replicas + maxSurge);
  return out;
}

/**
 * computeNewMachineSetName(md.name + "-"): the suffix doubles as the unique part of the machine-template-hash
 * label, so MachineSets re-created by rollout.after with the same template stay distinct.
 */
export function newMachineSetName(mdName: string, rng: Rng): { name: string; suffix: string } {
  let base = `${mdName}-`;
  if (base.length > MAX_NAME_LENGTH - RANDOM_LENGTH) base = base.slice(0, MAX_NAME_LENGTH - RANDOM_LENGTH);
  const suffix = rng.suffix(RANDOM_LENGTH);
  return { name: base + suffix, suffix };
}

/** The machine-template-hash label value: "<template hash>-<name suffix>". */
export const machineTemplateHashLabelValue = (templateHash: number, suffix: string): string =>
  `${templateHash}-${suffix}`;
