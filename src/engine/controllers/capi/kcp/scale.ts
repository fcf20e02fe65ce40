/**
 * KubeadmControlPlane scaling decisions, one Machine at a time: controlplane/kubeadm/reconcilers/
 * kubeadmcontrolplane/kubeadmcontrolplane_controller.go reconcile, scale.go (initializeControlPlane,
 * scaleUpControlPlane, scaleDownControlPlane, selectMachineForInPlaceUpdateOrScaleDown), update.go rollingUpdate,
 * preflight.go (preflightChecks, checkHealthiness), controlplane/kubeadm/pkg/control_plane.go
 * (MachineInFailureDomainWithMostMachines, FailureDomainWithMostMachines, NextFailureDomainForScaleUp),
 * util/failuredomains (PickMost, PickFewest), pkg/filters.go UpToDate.
 *
 * Truth facts: F78 (replicas 1 / maxSurge 1 defaults; rollout takes precedence over scaling; 0 Machines →
 * initialize; fewer → scale up by one after preflight checks; more → scale down the oldest Machine of the failure
 * domain with the most Machines; "one operation at a time"), §C (KCP maxSurge 1, 0 allowed), §D (KCP internals
 * may be simplified).
 *
 * Simplified: a Machine is outdated when its spec.version differs from the KCP's or rollout.after expired (the
 * KubeadmConfig / infrastructure template comparison is left to the caller through `isUpToDate`); etcd quorum
 * arithmetic and certificate handling are inputs, not computed; failure-domain ties are broken by name (upstream
 * iterates a Go map there, so its tie-break is not deterministic).
 */
import type { KubeObject } from '../../../api/types.ts';
import { conditionsOf, getCondition } from '../conditions.ts';
import {
  asNumber,
  asString,
  compareByCreation,
  compareNames,
  creationMs,
  isDeleting,
  nameOf,
  path,
  timeMs,
} from '../fields.ts';
import {
  DELETE_MACHINE_ANNOTATION,
  hasAnnotation,
  KCP_REMEDIATION_IN_PROGRESS_ANNOTATION,
} from '../labels.ts';
import {
  clusterControlPlaneEndpointValid,
  clusterFailureDomains,
  clusterInfrastructureProvisioned,
} from '../cluster/fields.ts';
import { machineFailureDomain, machineNodeRefName, machineVersion } from '../machine/fields.ts';

/** controlplane/kubeadm/reconcilers/kubeadmcontrolplane/consts.go. */
export const KCP_DELETE_REQUEUE_AFTER_MS = 30_000;
export const KCP_PREFLIGHT_FAILED_REQUEUE_AFTER_MS = 15_000;

const CONTROL_PLANE_COMPONENT_CONDITIONS = [
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
];
const ETCD_CONDITIONS = ['EtcdPodHealthy', 'EtcdMemberHealthy'];

export interface KcpInputs {
  kcp: KubeObject;
  cluster: KubeObject;
  /** The control-plane Machines the KCP owns, deleting ones included. */
  machines: readonly KubeObject[];
  nowMs: number;
  /** Stacked (managed) etcd, the kubeadm default. */
  etcdManaged?: boolean;
  /** The KCP CertificatesAvailable condition is True (checked before joining a new Machine). */
  certificatesAvailable?: boolean;
  /** Whether a Machine matches the KCP spec; default compares spec.version and rollout.after. */
  isUpToDate?: (machine: KubeObject) => boolean;
}

export type KcpDecision =
  | { op: 'waitForClusterInfrastructure' }
  | { op: 'waitForControlPlaneEndpoint' }
  | { op: 'initialize'; failureDomain: string }
  | { op: 'scaleUp'; failureDomain: string; rollout: boolean }
  | { op: 'scaleDown'; machine: KubeObject; rollout: boolean }
  | { op: 'preflightFailed'; reasons: string[]; requeueAfterMs: number }
  | { op: 'none' };

/** pkg/filters.go UpToDate, reduced to version and spec.rollout.after (see the module note). */
export function kcpMachineUpToDate(kcp: KubeObject, machine: KubeObject, nowMs: number): boolean {
  if (machineVersion(machine) !== (asString(kcp.spec?.version) ?? '')) return false;
  const after = timeMs(path(kcp.spec, 'rollout', 'after'));
  const created = creationMs(machine) ?? Number.NEGATIVE_INFINITY;
  return !(after !== undefined && after < nowMs && created < after);
}

/** Failure domains usable by control-plane Machines (ControlPlane.FailureDomains). */
const cpFailureDomains = (cluster: KubeObject) =>
  clusterFailureDomains(cluster)
    .filter((fd) => fd.controlPlane)
    .map((fd) => fd.name);

interface FdCount {
  id: string;
  priority: number;
  all: number;
}

function countByFailureDomain(
  fds: string[],
  all: readonly KubeObject[],
  priority: readonly KubeObject[],
): FdCount[] {
  const counts = new Map(fds.map((id) => [id, { id, priority: 0, all: 0 }]));
  for (const m of all) {
    const c = counts.get(machineFailureDomain(m));
    if (c) c.all++;
  }
  for (const m of priority) {
    const c = counts.get(machineFailureDomain(m));
    if (c) c.priority++;
  }
  return [...counts.values()];
}

/** failuredomains.PickFewest: fewest priority Machines, then fewest Machines overall, then name. */
export function pickFewestFailureDomain(
  fds: string[],
  all: readonly KubeObject[],
  priority: readonly KubeObject[],
): string {
  const counts = countByFailureDomain(fds, all, priority);
  counts.sort((a, b) => a.priority - b.priority || a.all - b.all || compareNames(a.id, b.id));
  return counts[0]?.id ?? '';
}

/** failuredomains.PickMost: most eligible Machines, then most overall, then name; "" when none has any. */
export function pickMostFailureDomain(
  fds: string[],
  all: readonly KubeObject[],
  eligible: readonly KubeObject[],
): string {
  const counts = countByFailureDomain(fds, all, eligible);
  counts.sort((a, b) => b.priority - a.priority || b.all - a.all || compareNames(a.id, b.id));
  const top = counts[0];
  return top && top.priority > 0 ? top.id : '';
}

/** NextFailureDomainForScaleUp: spread up-to-date, non-deleting Machines evenly. */
export function nextFailureDomainForScaleUp(inputs: KcpInputs): string {
  const fds = cpFailureDomains(inputs.cluster);
  if (fds.length === 0) return '';
  const upToDate = inputs.machines.filter((m) => isUpToDate(inputs, m) && !isDeleting(m));
  return pickFewestFailureDomain(fds, inputs.machines, upToDate);
}

/**
 * MachineInFailureDomainWithMostMachines: Machines outside the known failure domains go first; otherwise the
 * oldest eligible Machine of the failure domain holding the most of them.
 */
export function machineInFailureDomainWithMostMachines(
  cluster: KubeObject,
  all: readonly KubeObject[],
  eligible: readonly KubeObject[],
): KubeObject | undefined {
  const fds = cpFailureDomains(cluster);
  const known = new Set(fds);
  const stray = eligible.filter((m) => !known.has(machineFailureDomain(m)));
  const oldest = (ms: readonly KubeObject[]) => [...ms].sort(compareByCreation)[0];
  const fd =
    stray.length > 0 ? machineFailureDomain(oldest(stray)!) : pickMostFailureDomain(fds, all, eligible);
  return oldest(eligible.filter((m) => machineFailureDomain(m) === fd));
}

const hasUnhealthyComponents = (m: KubeObject, etcd: boolean) => {
  const conds = conditionsOf(m);
  const types = etcd
    ? [...CONTROL_PLANE_COMPONENT_CONDITIONS, ...ETCD_CONDITIONS]
    : CONTROL_PLANE_COMPONENT_CONDITIONS;
  return types.some((t) => getCondition(conds, t)?.status === 'False');
};

/** selectMachineForInPlaceUpdateOrScaleDown. */
export function selectMachineForScaleDown(
  inputs: KcpInputs,
  outdated: readonly KubeObject[],
): KubeObject | undefined {
  const etcd = inputs.etcdManaged ?? true;
  const annotated = (ms: readonly KubeObject[]) =>
    ms.filter((m) => hasAnnotation(m, DELETE_MACHINE_ANNOTATION));
  let eligible: readonly KubeObject[];
  if (annotated(outdated).length > 0) eligible = annotated(outdated);
  else if (annotated(inputs.machines).length > 0) eligible = annotated(inputs.machines);
  else if (outdated.some((m) => hasUnhealthyComponents(m, etcd)))
    eligible = outdated.filter((m) => hasUnhealthyComponents(m, etcd));
  else if (outdated.length > 0) eligible = outdated;
  else eligible = inputs.machines;
  return machineInFailureDomainWithMostMachines(inputs.cluster, inputs.machines, eligible);
}

const isUpToDate = (inputs: KcpInputs, m: KubeObject) =>
  inputs.isUpToDate ? inputs.isUpToDate(m) : kcpMachineUpToDate(inputs.kcp, m, inputs.nowMs);

/**
 * preflightChecks: no Machine may be deleting, and every other Machine needs a Node and healthy control-plane
 * components (and etcd when managed). Returns the reasons it fails, or [] when it passes.
 */
export function kcpPreflightFailures(inputs: KcpInputs, isScaleUp: boolean, exclude?: KubeObject): string[] {
  if (inputs.machines.length === 0) return [];
  if (isScaleUp && inputs.certificatesAvailable === false)
    return ["Certificates are missing or unknown, can't join a new machine"];
  const deleting = inputs.machines.filter(isDeleting).map(nameOf);
  if (deleting.length > 0) return [`Waiting for machines to be deleted: ${deleting.join(', ')}`];
  const etcd = inputs.etcdManaged ?? true;
  const types = etcd
    ? [...CONTROL_PLANE_COMPONENT_CONDITIONS, ...ETCD_CONDITIONS]
    : CONTROL_PLANE_COMPONENT_CONDITIONS;
  const errors: string[] = [];
  for (const m of inputs.machines) {
    if (exclude && nameOf(m) === nameOf(exclude)) continue;
    if (!machineNodeRefName(m)) {
      errors.push(
        `Machine ${nameOf(m)} does not have a corresponding Node yet (Machine.status.nodeRef not set)`,
      );
      continue;
    }
    const conds = conditionsOf(m);
    for (const t of types) {
      const c = getCondition(conds, t);
      if (!c) errors.push(`Machine ${nameOf(m)} does not have ${t} condition`);
      else if (c.status === 'False')
        errors.push(`Machine ${nameOf(m)} reports ${t} condition is false (${c.message})`);
      else if (c.status === 'Unknown')
        errors.push(`Machine ${nameOf(m)} reports ${t} condition is unknown (${c.message})`);
    }
  }
  // With a remediation in progress a replacement may join as long as some Machine is fully healthy.
  if (errors.length > 0 && isScaleUp && hasAnnotation(inputs.kcp, KCP_REMEDIATION_IN_PROGRESS_ANNOTATION)) {
    const anyHealthy = inputs.machines.some(
      (m) =>
        machineNodeRefName(m) &&
        CONTROL_PLANE_COMPONENT_CONDITIONS.every((t) => getCondition(conditionsOf(m), t)?.status === 'True'),
    );
    return anyHealthy
      ? []
      : [
          'cannot add a new control plane Machine when there are no control plane Machines with all Kubernetes control plane components in healthy state. Please check Kubernetes control plane component status',
        ];
  }
  return errors;
}

function preflightResult(
  inputs: KcpInputs,
  isScaleUp: boolean,
  exclude?: KubeObject,
): KcpDecision | undefined {
  const failures = kcpPreflightFailures(inputs, isScaleUp, exclude);
  if (failures.length === 0) return undefined;
  const deleting = failures[0]!.startsWith('Waiting for machines to be deleted');
  return {
    op: 'preflightFailed',
    reasons: failures,
    requeueAfterMs: deleting ? KCP_DELETE_REQUEUE_AFTER_MS : KCP_PREFLIGHT_FAILED_REQUEUE_AFTER_MS,
  };
}

/** The scale/rollout step of KubeadmControlPlane reconcile (after remediation had its turn). */
export function nextKcpOperation(inputs: KcpInputs): KcpDecision {
  const { kcp, cluster, machines } = inputs;
  if (!clusterInfrastructureProvisioned(cluster)) return { op: 'waitForClusterInfrastructure' };
  if (!clusterControlPlaneEndpointValid(cluster)) return { op: 'waitForControlPlaneEndpoint' };
  const desired = asNumber(kcp.spec?.replicas);
  if (desired === undefined) throw new Error(`KubeadmControlPlane ${nameOf(kcp)} has no spec.replicas`);
  const maxSurge = asNumber(path(kcp.spec, 'rollout', 'strategy', 'rollingUpdate', 'maxSurge')) ?? 1;
  if (maxSurge !== 0 && maxSurge !== 1)
    throw new Error(`KubeadmControlPlane ${nameOf(kcp)} maxSurge must be 0 or 1, got ${maxSurge}`);

  // Rollout first (MachinesNeedingRollout: outdated and not already deleting).
  const outdated = machines.filter((m) => !isDeleting(m) && !isUpToDate(inputs, m));
  if (outdated.length > 0) {
    if (machines.length < desired + maxSurge) {
      return (
        preflightResult(inputs, true) ?? {
          op: 'scaleUp',
          failureDomain: nextFailureDomainForScaleUp(inputs),
          rollout: true,
        }
      );
    }
    const victim = selectMachineForScaleDown(inputs, outdated);
    if (!victim) throw new Error('failed to select next Machine for rollout');
    return preflightResult(inputs, false, victim) ?? { op: 'scaleDown', machine: victim, rollout: true };
  }
  if (machines.length === 0 && desired > 0)
    return { op: 'initialize', failureDomain: nextFailureDomainForScaleUp(inputs) };
  if (machines.length < desired) {
    return (
      preflightResult(inputs, true) ?? {
        op: 'scaleUp',
        failureDomain: nextFailureDomainForScaleUp(inputs),
        rollout: false,
      }
    );
  }
  if (machines.length > desired) {
    const victim = selectMachineForScaleDown(inputs, []);
    if (!victim) throw new Error('failed to pick control plane Machine to delete');
    return preflightResult(inputs, false, victim) ?? { op: 'scaleDown', machine: victim, rollout: false };
  }
  return { op: 'none' };
}
