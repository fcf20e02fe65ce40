/**
 * Cluster API v1beta1 ⇄ v1beta2 conversion, as CAPI's conversion webhooks do it (v1.14:
 * core/webhooks/conversion/*.go with api/core/v1beta1/conversion.go, controlplane/kubeadm/webhooks/conversion
 * with api/controlplane/kubeadm/v1beta1/conversion.go, api/bootstrap/kubeadm/v1beta1/conversion.go).
 * v1beta2 is the storage version; these functions never mutate their input and leave every field they do
 * not know exactly where it was.
 *
 * Converted, both ways:
 * - References: v1beta1 ObjectReference {apiVersion, kind, name, namespace} ⇄ v1beta2 {apiGroup, kind, name}
 *   for Cluster spec.infrastructureRef / spec.controlPlaneRef, Machine spec.infrastructureRef /
 *   spec.bootstrap.configRef (also inside MachineSet, MachineDeployment and MachinePool templates) and KCP's
 *   infrastructureRef. Going down, apiVersion comes from an ApiVersionLookup (upstream reads the CRD contract
 *   labels) and namespace is the object's own.
 * - Machine timeouts: nodeDrainTimeout / nodeVolumeDetachTimeout / nodeDeletionTimeout (Go durations) ⇄
 *   spec.deletion.*Seconds (whole seconds, truncated), for Machine specs and KCP's machineTemplate.
 * - MachineSet / MachineDeployment / MachinePool: spec.minReadySeconds ⇄ spec.template.spec.minReadySeconds;
 *   MS spec.deletePolicy ⇄ spec.deletion.order; MD spec.strategy{type, rollingUpdate{maxSurge,
 *   maxUnavailable, deletePolicy}, remediation.maxInFlight} ⇄ spec.rollout.strategy, spec.deletion.order,
 *   spec.remediation.maxInFlight; MD spec.rolloutAfter ⇄ spec.rollout.after; machineNamingStrategy ⇄
 *   machineNaming.
 * - KubeadmControlPlane (and KubeadmControlPlaneTemplate's spec.template.spec): machineTemplate.{infrastructureRef,
 *   readinessGates, taints, node*Timeout} ⇄ machineTemplate.spec.{…, deletion}; rolloutStrategy / rolloutAfter /
 *   rolloutBefore ⇄ rollout.{strategy, after, before}; remediationStrategy ⇄ remediation (durations ⇄ seconds).
 * - MachineHealthCheck: unhealthyConditions[].timeout ⇄ checks.unhealthyNodeConditions[].timeoutSeconds,
 *   unhealthyMachineConditions ⇄ checks.unhealthyMachineConditions, nodeStartupTimeout ⇄
 *   checks.nodeStartupTimeoutSeconds, maxUnhealthy ⇄ remediation.triggerIf.unhealthyLessThanOrEqualTo,
 *   unhealthyRange ⇄ remediation.triggerIf.unhealthyInRange, remediationTemplate ⇄ remediation.templateRef.
 * - Cluster spec.topology.class / classNamespace ⇄ spec.topology.classRef.
 * - Status: v1beta1 conditions and legacy counters/failure fields ⇄ status.deprecated.v1beta1; the v1beta1
 *   status.v1beta2 block ⇄ v1beta2 conditions and counters; bootstrapReady / infrastructureReady /
 *   controlPlaneReady / initialized / ready ⇄ status.initialization.*; Machine nodeRef; Cluster failureDomains
 *   (map ⇄ list sorted by name); the Machine phase Updating reads as Running in v1beta1.
 *
 * Not converted (passed through unchanged): KubeadmConfig / KubeadmConfigTemplate / kubeadmConfigSpec fields
 * (bootstrap-token TTLs, extraArgs map ⇄ list, kubeadm timeouts), ClusterClass, ClusterResourceSet(Binding),
 * the rest of Cluster topology. Dropped as upstream drops them: MD revisionHistoryLimit and
 * progressDeadlineSeconds, the extra ObjectReference fields (uid, resourceVersion, fieldPath), a Machine's
 * v1beta2-only spec.minReadySeconds and status.failureDomain when read as v1beta1. Upstream keeps such
 * v1beta2-only data in a cluster.x-k8s.io/conversion-data annotation; this simulator does not write it.
 */
import { cloneJson, isPlainObject } from '../json.ts';
import type { ResourceRegistry } from '../resource.ts';
import { ApiError, splitApiVersion, type KubeObject } from '../types.ts';
import { goDurationToSeconds, secondsToGoDuration } from './go-duration.ts';

type Obj = Record<string, unknown>;

/** The apiVersion to write into a v1beta1 ObjectReference for a group and kind, e.g. from the registry. */
export type ApiVersionLookup = (group: string, kind: string) => string | undefined;

export const CAPI_STORAGE_VERSION = 'v1beta2';
export const CAPI_V1BETA1 = 'v1beta1';

function child(parent: Obj, key: string): Obj | undefined {
  const v = parent[key];
  return isPlainObject(v) ? v : undefined;
}

/** parent[key] as an object, created when absent (callers only write into it). */
function ensure(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isPlainObject(v)) return v;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (isPlainObject(v) && Object.keys(v).length === 0);
}

/** Moves from[fromKey] to to[toKey] (when present), optionally mapping the value. */
function move(from: Obj, fromKey: string, to: Obj, toKey: string, map?: (v: unknown) => unknown): void {
  if (!(fromKey in from)) return;
  const v = from[fromKey];
  delete from[fromKey];
  if (v === undefined || v === null) return;
  to[toKey] = map ? map(v) : v;
}

function dropIfEmpty(parent: Obj, key: string): void {
  if (key in parent && isEmpty(parent[key])) delete parent[key];
}

class ConversionFailure extends Error {}

/** ConvertToSeconds over a metav1.Duration string. */
function durationToSeconds(field: string): (v: unknown) => unknown {
  return (v) => {
    const seconds = typeof v === 'string' ? goDurationToSeconds(v) : undefined;
    if (seconds === undefined) {
      throw new ConversionFailure(`${field}: time: invalid duration ${JSON.stringify(v)}`);
    }
    return seconds;
  };
}

function secondsToDuration(v: unknown): unknown {
  return typeof v === 'number' ? secondsToGoDuration(v) : v;
}

// ---------------------------------------------------------------------------------------------------------
// References (core/webhooks/conversion/common.go convertToContractVersionedObjectReference / convertToObjectReference)

/** schema.ParseGroupVersion: "" and "v1" have no group; more than one "/" is an error. */
function groupOf(apiVersion: unknown, field: string): string {
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') return '';
  if (typeof apiVersion !== 'string' || apiVersion.split('/').length > 2) {
    throw new ConversionFailure(
      `failed to convert object: failed to parse apiVersion: unexpected GroupVersion string: ${String(apiVersion)} (${field})`,
    );
  }
  return splitApiVersion(apiVersion).group;
}

function refUp(parent: Obj, key: string, field: string): void {
  const ref = child(parent, key);
  if (!ref) return;
  const out: Obj = {};
  const group = groupOf(ref.apiVersion, `${field}.apiVersion`);
  if (group) out.apiGroup = group;
  if (ref.kind !== undefined) out.kind = ref.kind;
  if (ref.name !== undefined) out.name = ref.name;
  parent[key] = out;
}

function refDown(parent: Obj, key: string, ctx: DownContext): void {
  const ref = child(parent, key);
  if (!ref || isEmpty(ref)) {
    if (ref) delete parent[key];
    return;
  }
  const group = typeof ref.apiGroup === 'string' ? ref.apiGroup : '';
  const kind = typeof ref.kind === 'string' ? ref.kind : '';
  const out: Obj = { apiVersion: ctx.apiVersionFor(group, kind), kind: ref.kind };
  if (ctx.namespace !== undefined) out.namespace = ctx.namespace;
  out.name = ref.name;
  parent[key] = out;
}

interface DownContext {
  namespace: string | undefined;
  apiVersionFor: (group: string, kind: string) => string;
}

// ---------------------------------------------------------------------------------------------------------
// Machine spec (api/core/v1beta1/conversion.go Convert_v1beta1_MachineSpec_To_v1beta2_MachineSpec and back)

const TIMEOUTS = [
  ['nodeDrainTimeout', 'nodeDrainTimeoutSeconds'],
  ['nodeVolumeDetachTimeout', 'nodeVolumeDetachTimeoutSeconds'],
  ['nodeDeletionTimeout', 'nodeDeletionTimeoutSeconds'],
] as const;

function timeoutsUp(from: Obj, to: Obj, field: string): void {
  const deletion = ensure(to, 'deletion');
  for (const [old, seconds] of TIMEOUTS) {
    move(from, old, deletion, seconds, durationToSeconds(`${field}.${old}`));
  }
  dropIfEmpty(to, 'deletion');
}

function timeoutsDown(from: Obj, to: Obj): void {
  const deletion = child(from, 'deletion');
  if (!deletion) return;
  delete from.deletion;
  for (const [old, seconds] of TIMEOUTS) move(deletion, seconds, to, old, secondsToDuration);
}

function machineSpecUp(spec: Obj, field: string): void {
  const bootstrap = child(spec, 'bootstrap');
  if (bootstrap) refUp(bootstrap, 'configRef', `${field}.bootstrap.configRef`);
  refUp(spec, 'infrastructureRef', `${field}.infrastructureRef`);
  timeoutsUp(spec, spec, field);
}

/** v1beta1 MachineSpec has no minReadySeconds: the caller decides where it goes. */
function machineSpecDown(spec: Obj, ctx: DownContext): unknown {
  const bootstrap = child(spec, 'bootstrap');
  if (bootstrap) refDown(bootstrap, 'configRef', ctx);
  refDown(spec, 'infrastructureRef', ctx);
  timeoutsDown(spec, spec);
  const minReadySeconds = spec.minReadySeconds;
  delete spec.minReadySeconds;
  return minReadySeconds;
}

function templateSpec(spec: Obj): Obj | undefined {
  const template = child(spec, 'template');
  return template ? child(template, 'spec') : undefined;
}

/**
 * MachineSet / MachineDeployment / MachinePool: the template's MachineSpec, and minReadySeconds moving between
 * spec (v1beta1) and spec.template.spec (v1beta2). ConvertMachineSetV1Beta1ToHub reads a v1beta1 0 as unset
 * (its field is a plain int32); the MD and MP fields are pointers, so 0 is kept.
 */
function templateUp(spec: Obj, zeroMeansUnset: boolean): void {
  const tspec = templateSpec(spec);
  if (tspec) machineSpecUp(tspec, 'spec.template.spec');
  const minReady = spec.minReadySeconds;
  delete spec.minReadySeconds;
  if (minReady === undefined || minReady === null || (zeroMeansUnset && minReady === 0)) return;
  ensure(ensure(spec, 'template'), 'spec').minReadySeconds = minReady;
}

function templateDown(spec: Obj, ctx: DownContext): void {
  const tspec = templateSpec(spec);
  const minReady = tspec ? machineSpecDown(tspec, ctx) : undefined;
  if (minReady !== undefined) spec.minReadySeconds = minReady;
}

function namingUp(spec: Obj): void {
  const naming = child(spec, 'machineNamingStrategy');
  delete spec.machineNamingStrategy;
  if (naming && naming.template !== undefined) spec.machineNaming = { template: naming.template };
}

function namingDown(spec: Obj): void {
  const naming = child(spec, 'machineNaming');
  delete spec.machineNaming;
  if (naming && typeof naming.template === 'string' && naming.template !== '') {
    spec.machineNamingStrategy = { template: naming.template };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Status

interface StatusShape {
  /** v1beta1 top-level fields that v1beta2 keeps under status.deprecated.v1beta1. */
  legacy: readonly string[];
  /** v1beta2 top-level fields that v1beta1 carries under status.v1beta2 (besides conditions). */
  v1beta2: readonly string[];
  /** v1beta1 booleans ⇄ v1beta2 status.initialization.* (*bool: false reads as unset). */
  initialization: readonly (readonly [string, string])[];
}

function statusUp(obj: Obj, shape: StatusShape): Obj | undefined {
  const status = child(obj, 'status');
  if (!status) return undefined;
  const legacy: Obj = {};
  for (const k of shape.legacy) move(status, k, legacy, k);
  move(status, 'conditions', legacy, 'conditions');
  const v1beta2 = child(status, 'v1beta2');
  delete status.v1beta2;
  if (v1beta2) {
    move(v1beta2, 'conditions', status, 'conditions');
    for (const k of shape.v1beta2) move(v1beta2, k, status, k);
  }
  if (!isEmpty(legacy)) Object.assign(ensure(ensure(status, 'deprecated'), 'v1beta1'), legacy);
  const initialization: Obj = {};
  for (const [old, now] of shape.initialization) {
    const v = status[old];
    delete status[old];
    if (v === true) initialization[now] = true;
  }
  if (!isEmpty(initialization)) Object.assign(ensure(status, 'initialization'), initialization);
  return status;
}

function statusDown(obj: Obj, shape: StatusShape): Obj {
  const status = ensure(obj, 'status');
  const v1beta2: Obj = {};
  move(status, 'conditions', v1beta2, 'conditions');
  for (const k of shape.v1beta2) move(status, k, v1beta2, k);
  const legacy = child(child(status, 'deprecated') ?? {}, 'v1beta1');
  delete status.deprecated;
  if (legacy) {
    move(legacy, 'conditions', status, 'conditions');
    for (const k of shape.legacy) move(legacy, k, status, k);
  }
  if (!isEmpty(v1beta2)) status.v1beta2 = v1beta2;
  const initialization = child(status, 'initialization');
  delete status.initialization;
  for (const [old, now] of shape.initialization) status[old] = initialization?.[now] === true;
  return status;
}

const FAILURE = ['failureReason', 'failureMessage'] as const;
const NEW_COUNTERS = ['readyReplicas', 'availableReplicas', 'upToDateReplicas'] as const;

const STATUS_SHAPES: Record<string, StatusShape> = {
  Cluster: {
    legacy: FAILURE,
    v1beta2: ['controlPlane', 'workers'],
    initialization: [
      ['infrastructureReady', 'infrastructureProvisioned'],
      ['controlPlaneReady', 'controlPlaneInitialized'],
    ],
  },
  Machine: {
    legacy: FAILURE,
    v1beta2: [],
    initialization: [
      ['bootstrapReady', 'bootstrapDataSecretCreated'],
      ['infrastructureReady', 'infrastructureProvisioned'],
    ],
  },
  MachineSet: {
    legacy: ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas', ...FAILURE],
    v1beta2: NEW_COUNTERS,
    initialization: [],
  },
  MachineDeployment: {
    legacy: ['readyReplicas', 'availableReplicas', 'updatedReplicas', 'unavailableReplicas'],
    v1beta2: NEW_COUNTERS,
    initialization: [],
  },
  MachinePool: {
    legacy: ['readyReplicas', 'availableReplicas', 'unavailableReplicas', ...FAILURE],
    v1beta2: NEW_COUNTERS,
    initialization: [
      ['bootstrapReady', 'bootstrapDataSecretCreated'],
      ['infrastructureReady', 'infrastructureProvisioned'],
    ],
  },
  MachineHealthCheck: { legacy: [], v1beta2: [], initialization: [] },
  KubeadmControlPlane: {
    legacy: ['readyReplicas', 'updatedReplicas', 'unavailableReplicas', ...FAILURE],
    v1beta2: NEW_COUNTERS,
    initialization: [['initialized', 'controlPlaneInitialized']],
  },
  KubeadmConfig: {
    legacy: FAILURE,
    v1beta2: [],
    initialization: [['ready', 'dataSecretCreated']],
  },
};

// ---------------------------------------------------------------------------------------------------------
// Per kind

function clusterUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) {
    refUp(spec, 'infrastructureRef', 'spec.infrastructureRef');
    refUp(spec, 'controlPlaneRef', 'spec.controlPlaneRef');
    const topology = child(spec, 'topology');
    if (topology) {
      const classRef: Obj = {};
      move(topology, 'class', classRef, 'name');
      move(topology, 'classNamespace', classRef, 'namespace');
      if (!isEmpty(classRef)) topology.classRef = classRef;
    }
  }
  const status = statusUp(o, STATUS_SHAPES.Cluster!);
  const domains = status && child(status, 'failureDomains');
  if (status && domains) {
    // Convert_v1beta1_ClusterStatus_To_v1beta2_ClusterStatus sorts the map keys.
    status.failureDomains = Object.keys(domains)
      .sort()
      .map((name) => {
        const fd = child(domains, name) ?? {};
        const out: Obj = { name, controlPlane: fd.controlPlane === true };
        if (fd.attributes !== undefined) out.attributes = fd.attributes;
        return out;
      });
  }
}

function clusterDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) {
    refDown(spec, 'infrastructureRef', ctx);
    refDown(spec, 'controlPlaneRef', ctx);
    const topology = child(spec, 'topology');
    const classRef = topology && child(topology, 'classRef');
    if (topology && classRef) {
      delete topology.classRef;
      if (classRef.name !== undefined) topology.class = classRef.name;
      if (classRef.namespace !== undefined) topology.classNamespace = classRef.namespace;
    }
  }
  const status = statusDown(o, STATUS_SHAPES.Cluster!);
  const domains = status.failureDomains;
  if (Array.isArray(domains)) {
    const map: Obj = {};
    for (const fd of domains) {
      if (!isPlainObject(fd) || typeof fd.name !== 'string') continue;
      const entry: Obj = { controlPlane: fd.controlPlane === true };
      if (fd.attributes !== undefined) entry.attributes = fd.attributes;
      map[fd.name] = entry;
    }
    status.failureDomains = map;
  }
}

function machineUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) machineSpecUp(spec, 'spec');
  const status = statusUp(o, STATUS_SHAPES.Machine!);
  const nodeRef = status && child(status, 'nodeRef');
  if (status && nodeRef) {
    if (typeof nodeRef.name === 'string' && nodeRef.name !== '') status.nodeRef = { name: nodeRef.name };
    else delete status.nodeRef;
  }
}

function machineDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) machineSpecDown(spec, ctx);
  const status = statusDown(o, STATUS_SHAPES.Machine!);
  // v1beta1 has no Updating phase; only the Machine controller writes phase, so no round trip is needed.
  if (status.phase === 'Updating') status.phase = 'Running';
  delete status.failureDomain;
  const nodeRef = child(status, 'nodeRef');
  if (nodeRef && typeof nodeRef.name === 'string') {
    status.nodeRef = { apiVersion: 'v1', kind: 'Node', name: nodeRef.name };
  }
}

function machineSetUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) {
    templateUp(spec, true);
    if (spec.deletePolicy !== undefined && spec.deletePolicy !== '') {
      ensure(spec, 'deletion').order = spec.deletePolicy;
    }
    delete spec.deletePolicy;
    namingUp(spec);
  }
  statusUp(o, STATUS_SHAPES.MachineSet!);
}

function machineSetDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) {
    templateDown(spec, ctx);
    const deletion = child(spec, 'deletion');
    delete spec.deletion;
    if (deletion?.order !== undefined) spec.deletePolicy = deletion.order;
    namingDown(spec);
  }
  statusDown(o, STATUS_SHAPES.MachineSet!);
}

function machineDeploymentUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) {
    templateUp(spec, false);
    const strategy = child(spec, 'strategy');
    delete spec.strategy;
    if (strategy) {
      const rollout = ensure(spec, 'rollout');
      const target = ensure(rollout, 'strategy');
      if (strategy.type !== undefined) target.type = strategy.type;
      const ru = child(strategy, 'rollingUpdate');
      if (ru) {
        const targetRu: Obj = {};
        move(ru, 'maxUnavailable', targetRu, 'maxUnavailable');
        move(ru, 'maxSurge', targetRu, 'maxSurge');
        if (!isEmpty(targetRu)) target.rollingUpdate = targetRu;
        if (ru.deletePolicy !== undefined && ru.deletePolicy !== null)
          ensure(spec, 'deletion').order = ru.deletePolicy;
      }
      const maxInFlight = child(strategy, 'remediation')?.maxInFlight;
      if (maxInFlight !== undefined && maxInFlight !== null)
        ensure(spec, 'remediation').maxInFlight = maxInFlight;
      dropIfEmpty(rollout, 'strategy');
    }
    if (spec.rolloutAfter !== undefined && spec.rolloutAfter !== null)
      ensure(spec, 'rollout').after = spec.rolloutAfter;
    delete spec.rolloutAfter;
    dropIfEmpty(spec, 'rollout');
    namingUp(spec);
    // Gone in v1beta2 (Convert_v1beta1_MachineDeploymentSpec_To_v1beta2_MachineDeploymentSpec).
    delete spec.revisionHistoryLimit;
    delete spec.progressDeadlineSeconds;
  }
  statusUp(o, STATUS_SHAPES.MachineDeployment!);
}

function machineDeploymentDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) {
    templateDown(spec, ctx);
    const rollout = child(spec, 'rollout');
    delete spec.rollout;
    const strategy: Obj = {};
    const rs = rollout && child(rollout, 'strategy');
    if (rs && !isEmpty(rs)) {
      if (rs.type !== undefined) strategy.type = rs.type;
      const ru = child(rs, 'rollingUpdate');
      if (ru && !isEmpty(ru)) strategy.rollingUpdate = { ...ru };
    }
    const deletion = child(spec, 'deletion');
    delete spec.deletion;
    if (deletion?.order !== undefined) ensure(strategy, 'rollingUpdate').deletePolicy = deletion.order;
    const remediation = child(spec, 'remediation');
    delete spec.remediation;
    if (remediation?.maxInFlight !== undefined)
      ensure(strategy, 'remediation').maxInFlight = remediation.maxInFlight;
    if (!isEmpty(strategy)) spec.strategy = strategy;
    if (rollout?.after !== undefined) spec.rolloutAfter = rollout.after;
    namingDown(spec);
  }
  statusDown(o, STATUS_SHAPES.MachineDeployment!);
}

function machinePoolUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) templateUp(spec, false);
  statusUp(o, STATUS_SHAPES.MachinePool!);
}

function machinePoolDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) templateDown(spec, ctx);
  statusDown(o, STATUS_SHAPES.MachinePool!);
}

function conditionsUp(list: unknown, field: string): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((c, i) => {
    if (!isPlainObject(c)) return c;
    const out: Obj = { ...c };
    move(out, 'timeout', out, 'timeoutSeconds', durationToSeconds(`${field}[${i}].timeout`));
    return out;
  });
}

function conditionsDown(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((c) => {
    if (!isPlainObject(c)) return c;
    const out: Obj = { ...c };
    // Convert_v1beta2_UnhealthyMachineCondition_To_v1beta1: a missing timeout is the zero Duration.
    out.timeout = typeof out.timeoutSeconds === 'number' ? secondsToGoDuration(out.timeoutSeconds) : '0s';
    delete out.timeoutSeconds;
    return out;
  });
}

function machineHealthCheckUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) {
    const checks: Obj = {};
    move(spec, 'unhealthyConditions', checks, 'unhealthyNodeConditions', (v) =>
      conditionsUp(v, 'spec.unhealthyConditions'),
    );
    move(spec, 'unhealthyMachineConditions', checks, 'unhealthyMachineConditions', (v) =>
      conditionsUp(v, 'spec.unhealthyMachineConditions'),
    );
    move(
      spec,
      'nodeStartupTimeout',
      checks,
      'nodeStartupTimeoutSeconds',
      durationToSeconds('spec.nodeStartupTimeout'),
    );
    if (!isEmpty(checks)) Object.assign(ensure(spec, 'checks'), checks);
    const triggerIf: Obj = {};
    move(spec, 'maxUnhealthy', triggerIf, 'unhealthyLessThanOrEqualTo');
    move(spec, 'unhealthyRange', triggerIf, 'unhealthyInRange');
    const remediation: Obj = {};
    if (!isEmpty(triggerIf)) remediation.triggerIf = triggerIf;
    const template = child(spec, 'remediationTemplate');
    delete spec.remediationTemplate;
    if (template) {
      // MachineHealthCheckRemediationTemplateReference keeps only apiVersion, kind and name.
      const ref: Obj = {};
      for (const k of ['apiVersion', 'kind', 'name']) if (template[k] !== undefined) ref[k] = template[k];
      remediation.templateRef = ref;
    }
    if (!isEmpty(remediation)) Object.assign(ensure(spec, 'remediation'), remediation);
  }
  statusUp(o, STATUS_SHAPES.MachineHealthCheck!);
}

function machineHealthCheckDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) {
    const checks = child(spec, 'checks');
    delete spec.checks;
    if (checks) {
      move(checks, 'unhealthyNodeConditions', spec, 'unhealthyConditions', conditionsDown);
      move(checks, 'unhealthyMachineConditions', spec, 'unhealthyMachineConditions', conditionsDown);
      move(checks, 'nodeStartupTimeoutSeconds', spec, 'nodeStartupTimeout', secondsToDuration);
    }
    const remediation = child(spec, 'remediation');
    delete spec.remediation;
    const triggerIf = remediation && child(remediation, 'triggerIf');
    if (triggerIf) {
      move(triggerIf, 'unhealthyLessThanOrEqualTo', spec, 'maxUnhealthy');
      if (triggerIf.unhealthyInRange !== '') move(triggerIf, 'unhealthyInRange', spec, 'unhealthyRange');
    }
    const templateRef = remediation && child(remediation, 'templateRef');
    if (templateRef && !isEmpty(templateRef)) {
      // ConvertMachineHealthCheckHubToV1Beta1 fills in the MHC's own namespace.
      spec.remediationTemplate = {
        ...templateRef,
        ...(ctx.namespace !== undefined ? { namespace: ctx.namespace } : {}),
      };
    }
  }
  statusDown(o, STATUS_SHAPES.MachineHealthCheck!);
}

/** KCP spec fields shared with KubeadmControlPlaneTemplate's spec.template.spec. */
function kcpSpecUp(spec: Obj, field: string, hasInfraRef: boolean): void {
  const mt = child(spec, 'machineTemplate');
  if (mt) {
    const mtSpec: Obj = child(mt, 'spec') ?? {};
    if (hasInfraRef) {
      refUp(mt, 'infrastructureRef', `${field}.machineTemplate.infrastructureRef`);
      move(mt, 'infrastructureRef', mtSpec, 'infrastructureRef');
    }
    move(mt, 'readinessGates', mtSpec, 'readinessGates');
    move(mt, 'taints', mtSpec, 'taints');
    timeoutsUp(mt, mtSpec, `${field}.machineTemplate`);
    if (!isEmpty(mtSpec)) mt.spec = mtSpec;
  }
  const rollout: Obj = {};
  const strategy = child(spec, 'rolloutStrategy');
  delete spec.rolloutStrategy;
  if (strategy) {
    // v1beta1 defaulted type to RollingUpdate in the CRD; the template conversion fills it the same way.
    const out: Obj = { type: strategy.type ?? 'RollingUpdate' };
    const maxSurge = child(strategy, 'rollingUpdate')?.maxSurge;
    if (maxSurge !== undefined && maxSurge !== null) out.rollingUpdate = { maxSurge };
    rollout.strategy = out;
  }
  move(spec, 'rolloutAfter', rollout, 'after');
  const before = child(spec, 'rolloutBefore');
  delete spec.rolloutBefore;
  if (before?.certificatesExpiryDays !== undefined && before.certificatesExpiryDays !== null) {
    rollout.before = { certificatesExpiryDays: before.certificatesExpiryDays };
  }
  if (!isEmpty(rollout)) Object.assign(ensure(spec, 'rollout'), rollout);
  const remediation = child(spec, 'remediationStrategy');
  delete spec.remediationStrategy;
  if (remediation) {
    const out: Obj = {};
    move(remediation, 'maxRetry', out, 'maxRetry');
    move(
      remediation,
      'minHealthyPeriod',
      out,
      'minHealthyPeriodSeconds',
      durationToSeconds(`${field}.remediationStrategy.minHealthyPeriod`),
    );
    move(
      remediation,
      'retryPeriod',
      out,
      'retryPeriodSeconds',
      durationToSeconds(`${field}.remediationStrategy.retryPeriod`),
    );
    if (!isEmpty(out)) Object.assign(ensure(spec, 'remediation'), out);
  }
  namingUp(spec);
}

function kcpSpecDown(spec: Obj, ctx: DownContext, hasInfraRef: boolean): void {
  const mt = child(spec, 'machineTemplate');
  const mtSpec = mt && child(mt, 'spec');
  if (mt && mtSpec) {
    delete mt.spec;
    if (hasInfraRef) {
      refDown(mtSpec, 'infrastructureRef', ctx);
      move(mtSpec, 'infrastructureRef', mt, 'infrastructureRef');
    }
    move(mtSpec, 'readinessGates', mt, 'readinessGates');
    move(mtSpec, 'taints', mt, 'taints');
    timeoutsDown(mtSpec, mt);
  }
  const rollout = child(spec, 'rollout');
  delete spec.rollout;
  if (rollout) {
    const strategy = child(rollout, 'strategy');
    if (strategy && !isEmpty(strategy)) {
      const out: Obj = { type: strategy.type };
      const maxSurge = child(strategy, 'rollingUpdate')?.maxSurge;
      if (maxSurge !== undefined) out.rollingUpdate = { maxSurge };
      spec.rolloutStrategy = out;
    }
    move(rollout, 'after', spec, 'rolloutAfter');
    const before = child(rollout, 'before');
    if (before?.certificatesExpiryDays !== undefined) {
      spec.rolloutBefore = { certificatesExpiryDays: before.certificatesExpiryDays };
    }
  }
  const remediation = child(spec, 'remediation');
  delete spec.remediation;
  if (remediation && !isEmpty(remediation)) {
    const out: Obj = {};
    move(remediation, 'maxRetry', out, 'maxRetry');
    move(remediation, 'minHealthyPeriodSeconds', out, 'minHealthyPeriod', secondsToDuration);
    // RetryPeriod is a plain Duration in v1beta1: unset reads as "0s".
    out.retryPeriod = secondsToGoDuration(
      typeof remediation.retryPeriodSeconds === 'number' ? remediation.retryPeriodSeconds : 0,
    );
    spec.remediationStrategy = out;
  }
  namingDown(spec);
}

function kubeadmControlPlaneUp(o: Obj): void {
  const spec = child(o, 'spec');
  if (spec) kcpSpecUp(spec, 'spec', true);
  statusUp(o, STATUS_SHAPES.KubeadmControlPlane!);
  const status = child(o, 'status');
  // v1beta1 status.ready is derived (readyReplicas > 0) and has no v1beta2 field.
  if (status) delete status.ready;
}

function kubeadmControlPlaneDown(o: Obj, ctx: DownContext): void {
  const spec = child(o, 'spec');
  if (spec) kcpSpecDown(spec, ctx, true);
  const status = statusDown(o, STATUS_SHAPES.KubeadmControlPlane!);
  // Convert_v1beta2_KubeadmControlPlaneStatus_To_v1beta1: ready is rebuilt from the legacy readyReplicas.
  status.ready = typeof status.readyReplicas === 'number' && status.readyReplicas > 0;
}

function kcpTemplateSpec(o: Obj): Obj | undefined {
  const spec = child(o, 'spec');
  const template = spec && child(spec, 'template');
  return template && child(template, 'spec');
}

function kubeadmControlPlaneTemplateUp(o: Obj): void {
  const spec = kcpTemplateSpec(o);
  if (spec) kcpSpecUp(spec, 'spec.template.spec', false);
}

function kubeadmControlPlaneTemplateDown(o: Obj, ctx: DownContext): void {
  const spec = kcpTemplateSpec(o);
  if (spec) kcpSpecDown(spec, ctx, false);
}

function kubeadmConfigUp(o: Obj): void {
  statusUp(o, STATUS_SHAPES.KubeadmConfig!);
}

function kubeadmConfigDown(o: Obj): void {
  statusDown(o, STATUS_SHAPES.KubeadmConfig!);
}

interface KindConversion {
  up(o: Obj): void;
  down(o: Obj, ctx: DownContext): void;
}

const PASS_THROUGH: KindConversion = { up: () => undefined, down: () => undefined };

const CONVERSIONS: Record<string, KindConversion> = {
  Cluster: { up: clusterUp, down: clusterDown },
  Machine: { up: machineUp, down: machineDown },
  MachineSet: { up: machineSetUp, down: machineSetDown },
  MachineDeployment: { up: machineDeploymentUp, down: machineDeploymentDown },
  MachinePool: { up: machinePoolUp, down: machinePoolDown },
  MachineHealthCheck: { up: machineHealthCheckUp, down: machineHealthCheckDown },
  KubeadmControlPlane: { up: kubeadmControlPlaneUp, down: kubeadmControlPlaneDown },
  KubeadmControlPlaneTemplate: { up: kubeadmControlPlaneTemplateUp, down: kubeadmControlPlaneTemplateDown },
  KubeadmConfig: { up: kubeadmConfigUp, down: kubeadmConfigDown },
};

// ---------------------------------------------------------------------------------------------------------
// Entry points

function conversionError(obj: KubeObject, fromVersion: string, message: string): ApiError {
  const { group } = splitApiVersion(obj.apiVersion);
  // What kube-apiserver answers when a CRD conversion webhook fails (an InternalError, HTTP 500).
  const full = `Internal error occurred: conversion webhook for ${group}/${fromVersion}, Kind=${obj.kind} failed: ${message}`;
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: full,
    reason: 'InternalError',
    details: { causes: [{ message: full }] },
    code: 500,
  });
}

function convert(
  obj: KubeObject,
  toVersion: string,
  step: (copy: Obj) => void,
  fromVersion: string,
): KubeObject {
  const copy = cloneJson(obj);
  try {
    step(copy as Obj);
  } catch (e) {
    if (e instanceof ConversionFailure) throw conversionError(obj, fromVersion, e.message);
    throw e;
  }
  dropIfEmpty(copy as Obj, 'status');
  copy.apiVersion = `${splitApiVersion(obj.apiVersion).group}/${toVersion}`;
  return copy;
}

/**
 * A v1beta1 CAPI object as v1beta2, as a new object. Throws an ApiError (500, as a failed conversion
 * webhook) when a duration or apiVersion in it cannot be read; the input is never changed.
 */
export function capiV1beta1ToV1beta2(obj: KubeObject): KubeObject {
  const conv = CONVERSIONS[obj.kind] ?? PASS_THROUGH;
  return convert(obj, CAPI_STORAGE_VERSION, (o) => conv.up(o), CAPI_V1BETA1);
}

/** The default lookup: every CAPI group's contract version is v1beta2 today; the core group is "v1". */
export function defaultApiVersionFor(group: string): string {
  return group === '' ? 'v1' : `${group}/${CAPI_STORAGE_VERSION}`;
}

/** A stored v1beta2 CAPI object as a v1beta1 client reads it, as a new object. */
export function capiV1beta2ToV1beta1(obj: KubeObject, apiVersionFor?: ApiVersionLookup): KubeObject {
  const conv = CONVERSIONS[obj.kind] ?? PASS_THROUGH;
  const ctx: DownContext = {
    namespace: obj.metadata.namespace,
    apiVersionFor: (group, kind) => apiVersionFor?.(group, kind) ?? defaultApiVersionFor(group),
  };
  return convert(obj, CAPI_V1BETA1, (o) => conv.down(o, ctx), CAPI_STORAGE_VERSION);
}

/**
 * Looks a group/kind up in a registry and answers "<group>/<storage version>", as upstream's
 * apiVersionGetter answers from the CRD's contract labels.
 */
export function apiVersionLookupFromRegistry(registry: ResourceRegistry): ApiVersionLookup {
  return (group, kind) => {
    for (const def of registry.all()) {
      if (def.group === group && def.kind === kind && def.versions[0]) {
        return group ? `${group}/${def.versions[0]}` : def.versions[0];
      }
    }
    return undefined;
  };
}

export interface CapiConverters {
  /** ResourceDefinition.convertToStorage: rewrites obj in place (all or nothing). */
  convertToStorage(obj: KubeObject, fromVersion: string): void;
  /** ResourceDefinition.convertFromStorage: a new object; obj is left alone. */
  convertFromStorage(obj: KubeObject, toVersion: string): KubeObject;
}

function unsupported(obj: KubeObject, version: string): Error {
  return new Error(
    `${obj.kind}: cannot convert between ${version} and ${CAPI_STORAGE_VERSION}: served versions are ${CAPI_STORAGE_VERSION} and ${CAPI_V1BETA1}`,
  );
}

/**
 * The hooks a CAPI ResourceDefinition carries. `apiVersionFor` answers the apiVersion of a referenced kind
 * when writing v1beta1 references (see apiVersionLookupFromRegistry); without it every group reads v1beta2.
 *
 * @example
 * const { convertToStorage, convertFromStorage } = createCapiConverters(apiVersionLookupFromRegistry(registry));
 */
export function createCapiConverters(apiVersionFor?: ApiVersionLookup): CapiConverters {
  return {
    convertToStorage(obj, fromVersion) {
      if (fromVersion === CAPI_STORAGE_VERSION) return;
      if (fromVersion !== CAPI_V1BETA1) throw unsupported(obj, fromVersion);
      const converted = capiV1beta1ToV1beta2(obj);
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, converted);
    },
    convertFromStorage(obj, toVersion) {
      if (toVersion === CAPI_STORAGE_VERSION) return obj;
      if (toVersion !== CAPI_V1BETA1) throw unsupported(obj, toVersion);
      return capiV1beta2ToV1beta1(obj, apiVersionFor);
    },
  };
}
