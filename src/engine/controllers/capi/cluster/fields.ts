/**
 * Typed reads of the Cluster fields other CAPI rules consult (api/core/v1beta2/cluster_types.go names).
 */
import type { KubeObject } from '../../../api/types.ts';
import { asNumber, asRecord, asString, path, readRef, type ObjectRef } from '../fields.ts';

export const clusterInfrastructureRef = (c: KubeObject): ObjectRef | undefined =>
  readRef(c.spec?.infrastructureRef);
export const clusterControlPlaneRef = (c: KubeObject): ObjectRef | undefined =>
  readRef(c.spec?.controlPlaneRef);
export const clusterInfrastructureProvisioned = (c: KubeObject): boolean =>
  path(c.status, 'initialization', 'infrastructureProvisioned') === true;
export const clusterPhaseField = (c: KubeObject): string => asString(c.status?.phase) ?? '';

/** APIEndpoint.IsValid: host set and port non-zero. */
export function clusterControlPlaneEndpointValid(c: KubeObject): boolean {
  const ep = asRecord(c.spec?.controlPlaneEndpoint);
  return (asString(ep?.host) ?? '') !== '' && (asNumber(ep?.port) ?? 0) !== 0;
}

/** status.failureDomains (v1beta2: a list of {name, controlPlane, attributes}). */
export function clusterFailureDomains(c: KubeObject): { name: string; controlPlane: boolean }[] {
  const list = c.status?.failureDomains;
  if (!Array.isArray(list)) return [];
  const out: { name: string; controlPlane: boolean }[] = [];
  for (const fd of list) {
    const name = asString(asRecord(fd)?.name);
    if (name) out.push({ name, controlPlane: asRecord(fd)?.controlPlane === true });
  }
  return out;
}
