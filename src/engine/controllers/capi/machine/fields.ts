/**
 * Typed reads of the Machine fields the CAPI rules look at (api/core/v1beta2/machine_types.go names), plus the
 * Node fields the Machine controller and the MHC read. Shared by the machine, machineset, machinedeployment,
 * mhc and kcp rule modules.
 */
import type { KubeObject } from '../../../api/types.ts';
import { asNumber, asRecord, asString, path, readRef, timeMs, type ObjectRef } from '../fields.ts';

export const machineProviderID = (m: KubeObject): string => asString(m.spec?.providerID) ?? '';
export const machineVersion = (m: KubeObject): string => asString(m.spec?.version) ?? '';
export const machineClusterName = (m: KubeObject): string => asString(m.spec?.clusterName) ?? '';
export const machineFailureDomain = (m: KubeObject): string => asString(m.spec?.failureDomain) ?? '';
export const machineBootstrapConfigRef = (m: KubeObject): ObjectRef | undefined =>
  readRef(path(m.spec, 'bootstrap', 'configRef'));
export const machineDataSecretName = (m: KubeObject): string | undefined =>
  asString(path(m.spec, 'bootstrap', 'dataSecretName'));
export const machineInfrastructureRef = (m: KubeObject): ObjectRef | undefined =>
  readRef(m.spec?.infrastructureRef);
export const machinePhaseField = (m: KubeObject): string => asString(m.status?.phase) ?? '';
/** status.nodeRef.name; IsDefined() is "name is set". */
export const machineNodeRefName = (m: KubeObject): string | undefined =>
  asString(path(m.status, 'nodeRef', 'name')) || undefined;
export const bootstrapDataSecretCreated = (m: KubeObject): boolean =>
  path(m.status, 'initialization', 'bootstrapDataSecretCreated') === true;
export const infrastructureProvisioned = (m: KubeObject): boolean =>
  path(m.status, 'initialization', 'infrastructureProvisioned') === true;
export const machineMinReadySeconds = (m: KubeObject): number => asNumber(m.spec?.minReadySeconds) ?? 0;
export const machineKubeletVersion = (m: KubeObject): string =>
  asString(path(m.status, 'nodeInfo', 'kubeletVersion')) ?? '';

/** spec.deletion timeouts in seconds; undefined when unset (nil pointer upstream). */
export function machineDeletionTimeouts(m: KubeObject): {
  nodeDrainTimeoutSeconds?: number;
  nodeVolumeDetachTimeoutSeconds?: number;
  nodeDeletionTimeoutSeconds?: number;
} {
  const d = asRecord(m.spec?.deletion);
  const out: {
    nodeDrainTimeoutSeconds?: number;
    nodeVolumeDetachTimeoutSeconds?: number;
    nodeDeletionTimeoutSeconds?: number;
  } = {};
  const drain = asNumber(d?.nodeDrainTimeoutSeconds);
  const vol = asNumber(d?.nodeVolumeDetachTimeoutSeconds);
  const del = asNumber(d?.nodeDeletionTimeoutSeconds);
  if (drain !== undefined) out.nodeDrainTimeoutSeconds = drain;
  if (vol !== undefined) out.nodeVolumeDetachTimeoutSeconds = vol;
  if (del !== undefined) out.nodeDeletionTimeoutSeconds = del;
  return out;
}

/** status.deletion timestamps (virtual ms) the Machine controller records while deleting (F28, F29, F31, F32). */
export function machineDeletionStatus(m: KubeObject): {
  waitForPreDrainHookStartMs?: number;
  nodeDrainStartMs?: number;
  waitForNodeVolumeDetachStartMs?: number;
  waitForPreTerminateHookStartMs?: number;
} {
  const d = asRecord(m.status?.deletion);
  const out: {
    waitForPreDrainHookStartMs?: number;
    nodeDrainStartMs?: number;
    waitForNodeVolumeDetachStartMs?: number;
    waitForPreTerminateHookStartMs?: number;
  } = {};
  if (!d) return out;
  const a = timeMs(d.waitForPreDrainHookStartTime);
  const b = timeMs(d.nodeDrainStartTime);
  const c = timeMs(d.waitForNodeVolumeDetachStartTime);
  const e = timeMs(d.waitForPreTerminateHookStartTime);
  if (a !== undefined) out.waitForPreDrainHookStartMs = a;
  if (b !== undefined) out.nodeDrainStartMs = b;
  if (c !== undefined) out.waitForNodeVolumeDetachStartMs = c;
  if (e !== undefined) out.waitForPreTerminateHookStartMs = e;
  return out;
}

/** A readiness gate (spec.readinessGates[]): conditionType plus optional polarity "Negative". */
export function machineReadinessGates(m: KubeObject): { conditionType: string; negative: boolean }[] {
  const gates = m.spec?.readinessGates;
  if (!Array.isArray(gates)) return [];
  const out: { conditionType: string; negative: boolean }[] = [];
  for (const g of gates) {
    const t = asString(asRecord(g)?.conditionType);
    if (t) out.push({ conditionType: t, negative: asRecord(g)?.polarity === 'Negative' });
  }
  return out;
}

/** A Node condition (core/v1 NodeCondition). */
export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function nodeConditions(node: KubeObject): readonly NodeCondition[] {
  const c = node.status?.conditions;
  return Array.isArray(c) ? (c as NodeCondition[]) : [];
}

/** The last Node condition of a type, as the Go loops that overwrite on each match return. */
export function nodeCondition(node: KubeObject, type: string): NodeCondition | undefined {
  let found: NodeCondition | undefined;
  for (const c of nodeConditions(node)) if (c.type === type) found = c;
  return found;
}

/** controllers/noderefutil IsNodeUnreachable: the first Ready condition is Unknown. */
export function isNodeUnreachable(node: KubeObject | undefined): boolean {
  if (!node) return false;
  for (const c of nodeConditions(node)) if (c.type === 'Ready') return c.status === 'Unknown';
  return false;
}
