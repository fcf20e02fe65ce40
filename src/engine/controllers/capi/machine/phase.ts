/**
 * Machine phase, recomputed at the end of every reconcile: core/reconcilers/machine/machine_controller_status.go
 * setMachinePhaseAndLastUpdated. The rules run in order and the last match wins; a phase that no rule
 * overrides is kept (phases are informational, kubernetes-sigs/cluster-api#3036).
 *
 * Truth facts: F1 Pending, F2 Provisioning, F3 Provisioned, F4 Running (Node Ready NOT required), F5 Updating,
 * F6 Deleting wins, F7 lastUpdated only on change, F8 Deleted/Failed/Unknown never set, F9 no-configRef path
 * skips Provisioning, F10 nodeRef is never cleared so a Running Machine whose Node vanished stays Running.
 */
import type { KubeObject } from '../../../api/types.ts';
import { isDeleting } from '../fields.ts';
import { conditionsOf, isTrue } from '../conditions.ts';
import {
  bootstrapDataSecretCreated,
  infrastructureProvisioned,
  machineNodeRefName,
  machinePhaseField,
  machineProviderID,
} from './fields.ts';

/** Every value of api/core/v1beta2/machine_phase_types.go MachinePhase. */
export type MachinePhase =
  | 'Pending'
  | 'Provisioning'
  | 'Provisioned'
  | 'Running'
  | 'Updating'
  | 'Deleting'
  | 'Deleted'
  | 'Failed'
  | 'Unknown';

export const MACHINE_PHASES: readonly MachinePhase[] = [
  'Pending',
  'Provisioning',
  'Provisioned',
  'Running',
  'Updating',
  'Deleting',
  'Deleted',
  'Failed',
  'Unknown',
];

/** The phase the Machine controller writes for this Machine now (F1–F6). */
export function machinePhase(machine: KubeObject): string {
  let phase = machinePhaseField(machine);
  if (phase === '') phase = 'Pending';
  if (bootstrapDataSecretCreated(machine) && !infrastructureProvisioned(machine)) phase = 'Provisioning';
  if (machineProviderID(machine) !== '') phase = 'Provisioned';
  // F4: keyed on nodeRef + infrastructureProvisioned; the Node's Ready condition plays no part.
  if (machineNodeRefName(machine) !== undefined && infrastructureProvisioned(machine)) phase = 'Running';
  if (isTrue(conditionsOf(machine), 'Updating')) phase = 'Updating';
  if (isDeleting(machine)) phase = 'Deleting';
  return phase;
}

/**
 * api/core/v1beta2/machine_types.go GetTypedPhase: any string that is not a known phase reads as Unknown —
 * the only way "Unknown" ever shows up (F8).
 */
export function typedMachinePhase(phase: string): MachinePhase {
  return (MACHINE_PHASES as readonly string[]).includes(phase) ? (phase as MachinePhase) : 'Unknown';
}

/** F7: the new phase and whether status.lastUpdated must be set to now. */
export function machinePhaseUpdate(machine: KubeObject): { phase: string; changed: boolean } {
  const phase = machinePhase(machine);
  return { phase, changed: phase !== machinePhaseField(machine) };
}
