/**
 * maxSurge / maxUnavailable resolution for RollingUpdate MachineDeployments:
 * core/reconcilers/machinedeployment/mdutil/util.go ResolveFenceposts, MaxSurge, MaxUnavailable, IsRollingUpdate.
 *
 * Truth facts: F49 (webhook defaults RollingUpdate, maxSurge 1, maxUnavailable 0), F53 (percent: surge rounds up,
 * unavailable rounds down; both 0 → maxUnavailable 1; maxUnavailable capped at replicas and 0 when replicas is 0;
 * OnDelete has neither).
 */
import type { KubeObject } from '../../../api/types.ts';
import { asNumber, asString, path } from '../fields.ts';
import { scaledValueFromIntOrPercent, type IntOrString } from '../int-or-percent.ts';

export type RolloutStrategyType = 'RollingUpdate' | 'OnDelete';

/** ResolveFenceposts(maxSurge, maxUnavailable, desired). Throws on values that are neither ints nor percentages. */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable, desired, false);
  // Both resolving to 0 (validation forbids it explicitly, rounding can still get there): surge might not
  // work because of quota, so allow one unavailable instead.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

/** The strategy type; the webhook defaults an empty one to RollingUpdate. Unknown types throw. */
export function mdStrategyType(md: KubeObject): RolloutStrategyType {
  const t = asString(path(md.spec, 'rollout', 'strategy', 'type')) ?? '';
  if (t === '' || t === 'RollingUpdate') return 'RollingUpdate';
  if (t === 'OnDelete') return 'OnDelete';
  throw new Error(`unexpected deployment strategy type: ${t}`);
}

/** spec.replicas; the webhook defaults it to 1, so a missing value is an error here. */
export function mdReplicas(md: KubeObject): number {
  const r = asNumber(md.spec?.replicas);
  if (r === undefined)
    throw new Error(
      `spec.replicas for MachineDeployment ${md.metadata.name ?? ''} is nil, this is unexpected`,
    );
  return r;
}

function rollingUpdateValues(md: KubeObject): { maxSurge: IntOrString; maxUnavailable: IntOrString } {
  const ru = path(md.spec, 'rollout', 'strategy', 'rollingUpdate');
  // The MachineDeployment webhook always stores both (F49); these are its defaults.
  return {
    maxSurge: (path(ru, 'maxSurge') as IntOrString | undefined) ?? 1,
    maxUnavailable: (path(ru, 'maxUnavailable') as IntOrString | undefined) ?? 0,
  };
}

/** mdutil.MaxSurge. */
export function mdMaxSurge(md: KubeObject): number {
  if (mdStrategyType(md) !== 'RollingUpdate') return 0;
  const v = rollingUpdateValues(md);
  return resolveFenceposts(v.maxSurge, v.maxUnavailable, mdReplicas(md)).maxSurge;
}

/** mdutil.MaxUnavailable. */
export function mdMaxUnavailable(md: KubeObject): number {
  const replicas = mdReplicas(md);
  if (mdStrategyType(md) !== 'RollingUpdate' || replicas === 0) return 0;
  const v = rollingUpdateValues(md);
  return Math.min(resolveFenceposts(v.maxSurge, v.maxUnavailable, replicas).maxUnavailable, replicas);
}
