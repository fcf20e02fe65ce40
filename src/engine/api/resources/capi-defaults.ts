/**
 * Defaulting as CAPI's mutating webhooks do it (v1.14 paths: core/webhooks/admission/*.go,
 * controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go). Every function fills the object in place,
 * tolerates malformed input (validation reports it next) and is idempotent.
 *
 * `old` is the stored object on an update. The webhooks need it only for the autoscaler hand-over rule of
 * calculate*Replicas; when the server does not pass it, a missing replicas field is treated as on create.
 */
import { isPlainObject } from '../json.ts';
import type { KubeObject } from '../types.ts';
import { ensureRecord, getPath, normalizeVersion, type JsonObject } from './capi-fields.ts';
import {
  AUTOSCALER_MAX_SIZE_ANNOTATION,
  AUTOSCALER_MIN_SIZE_ANNOTATION,
  CLUSTER_NAME_LABEL,
  MACHINE_DEPLOYMENT_NAME_LABEL,
  MACHINE_SET_NAME_LABEL,
  mustFormatLabelValue,
} from './capi-labels.ts';

/** core/webhooks/admission/machine.go defaultNodeDeletionTimeoutSeconds. */
export const DEFAULT_NODE_DELETION_TIMEOUT_SECONDS = 10;
/** api/core/v1beta2/machinehealthcheck_types.go DefaultNodeStartupTimeoutSeconds. */
export const DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS = 600;
/**
 * What the MHC controller uses when remediation.triggerIf.unhealthyLessThanOrEqualTo is unset
 * (core/reconcilers/machinehealthcheck/machinehealthcheck_controller.go defaultMaxUnhealthy). v1beta2 does not
 * store it; the v1beta1 webhook (v1.10 internal/webhooks/machinehealthcheck.go Default) used to write it.
 */
export const DEFAULT_MHC_UNHEALTHY_LESS_THAN_OR_EQUAL_TO = '100%';

function specOf(obj: KubeObject): JsonObject | undefined {
  if (obj.spec === undefined || obj.spec === null) obj.spec = {};
  return isPlainObject(obj.spec) ? obj.spec : undefined;
}

function labelsOf(obj: KubeObject): JsonObject | undefined {
  if (!isPlainObject(obj.metadata)) return undefined;
  return ensureRecord(obj.metadata as JsonObject, 'labels');
}

/** `m.Labels[clusterv1.ClusterNameLabel] = m.Spec.ClusterName`, common to the Machine-family webhooks. */
function setClusterNameLabel(obj: KubeObject, spec: JsonObject): void {
  const clusterName = spec.clusterName;
  if (typeof clusterName !== 'string') return;
  const labels = labelsOf(obj);
  if (labels) labels[CLUSTER_NAME_LABEL] = clusterName;
}

/** strconv.ParseInt(s, 10, 32). */
function parseInt32(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/**
 * core/webhooks/admission/machinedeployment.go calculateMachineDeploymentReplicas (machineset.go and
 * machinepool.go have the same rule): keep a set value; with both autoscaler annotations use min size on
 * create, and on update clamp the old value into [min, max]; otherwise 1. Undefined when an annotation does
 * not parse: the webhook rejects the request then, and validation reports it here.
 */
function defaultReplicas(obj: KubeObject, spec: JsonObject, old: KubeObject | undefined): void {
  if (spec.replicas !== undefined && spec.replicas !== null) return;
  const annotations = obj.metadata.annotations;
  const minRaw = isPlainObject(annotations) ? annotations[AUTOSCALER_MIN_SIZE_ANNOTATION] : undefined;
  const maxRaw = isPlainObject(annotations) ? annotations[AUTOSCALER_MAX_SIZE_ANNOTATION] : undefined;
  if (minRaw === undefined || maxRaw === undefined) {
    spec.replicas = 1;
    return;
  }
  const min = typeof minRaw === 'string' ? parseInt32(minRaw) : undefined;
  const max = typeof maxRaw === 'string' ? parseInt32(maxRaw) : undefined;
  if (min === undefined || max === undefined) {
    delete spec.replicas;
    return;
  }
  const oldReplicas = old ? getPath(old, 'spec', 'replicas') : undefined;
  if (typeof oldReplicas !== 'number') spec.replicas = min;
  else if (oldReplicas < min) spec.replicas = min;
  else if (oldReplicas > max) spec.replicas = max;
  else spec.replicas = oldReplicas;
}

function matchLabelsAndTemplateLabels(
  spec: JsonObject,
): { selector: JsonObject; matchLabels: JsonObject; templateLabels: JsonObject } | undefined {
  const selector = ensureRecord(spec, 'selector');
  const matchLabels = selector && ensureRecord(selector, 'matchLabels');
  const template = ensureRecord(spec, 'template');
  const metadata = template && ensureRecord(template, 'metadata');
  const templateLabels = metadata && ensureRecord(metadata, 'labels');
  if (!selector || !matchLabels || !templateLabels) return undefined;
  return { selector, matchLabels, templateLabels };
}

function selectorIsEmpty(selector: JsonObject, matchLabels: JsonObject): boolean {
  const exprs = selector.matchExpressions;
  return Object.keys(matchLabels).length === 0 && !(Array.isArray(exprs) && exprs.length > 0);
}

function templateSpecOf(spec: JsonObject): JsonObject | undefined {
  const template = spec.template;
  return isPlainObject(template) && isPlainObject(template.spec) ? template.spec : undefined;
}

/** core/webhooks/admission/machine.go (*Machine).Default. */
export function defaultMachine(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setClusterNameLabel(obj, spec);
  normalizeVersion(spec, 'version');
  // DefaultMachineNodeDeletionTimeoutSeconds
  const deletion = ensureRecord(spec, 'deletion');
  if (
    deletion &&
    (deletion.nodeDeletionTimeoutSeconds === undefined || deletion.nodeDeletionTimeoutSeconds === null)
  ) {
    deletion.nodeDeletionTimeoutSeconds = DEFAULT_NODE_DELETION_TIMEOUT_SECONDS;
  }
}

/** core/webhooks/admission/machineset.go (*MachineSet).Default. Unlike the MD webhook it leaves the selector's cluster-name to the controller. */
export function defaultMachineSet(obj: KubeObject, old?: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setClusterNameLabel(obj, spec);
  defaultReplicas(obj, spec, old);
  const sel = matchLabelsAndTemplateLabels(spec);
  if (sel && selectorIsEmpty(sel.selector, sel.matchLabels) && typeof obj.metadata.name === 'string') {
    const value = mustFormatLabelValue(obj.metadata.name);
    sel.matchLabels[MACHINE_SET_NAME_LABEL] = value;
    sel.templateLabels[MACHINE_SET_NAME_LABEL] = value;
  }
  const templateSpec = templateSpecOf(spec);
  if (templateSpec) normalizeVersion(templateSpec, 'version');
}

/** core/webhooks/admission/machinedeployment.go (*MachineDeployment).Default. */
export function defaultMachineDeployment(obj: KubeObject, old?: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setClusterNameLabel(obj, spec);
  defaultReplicas(obj, spec, old);
  const sel = matchLabelsAndTemplateLabels(spec);

  const rollout = ensureRecord(spec, 'rollout');
  const strategy = rollout && ensureRecord(rollout, 'strategy');
  if (strategy) {
    if (strategy.type === undefined || strategy.type === null || strategy.type === '')
      strategy.type = 'RollingUpdate';
    // Only RollingUpdate gets maxSurge/maxUnavailable; OnDelete has no rolling parameters.
    if (strategy.type === 'RollingUpdate') {
      const rollingUpdate = ensureRecord(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        if (rollingUpdate.maxSurge === undefined || rollingUpdate.maxSurge === null)
          rollingUpdate.maxSurge = 1;
        if (rollingUpdate.maxUnavailable === undefined || rollingUpdate.maxUnavailable === null) {
          rollingUpdate.maxUnavailable = 0;
        }
      }
    }
  }

  if (sel) {
    if (selectorIsEmpty(sel.selector, sel.matchLabels) && typeof obj.metadata.name === 'string') {
      sel.matchLabels[MACHINE_DEPLOYMENT_NAME_LABEL] = obj.metadata.name;
      sel.templateLabels[MACHINE_DEPLOYMENT_NAME_LABEL] = obj.metadata.name;
    }
    // "Make sure selector and template to be in the same cluster."
    if (typeof spec.clusterName === 'string') {
      sel.matchLabels[CLUSTER_NAME_LABEL] = spec.clusterName;
      sel.templateLabels[CLUSTER_NAME_LABEL] = spec.clusterName;
    }
  }
  const templateSpec = templateSpecOf(spec);
  if (templateSpec) normalizeVersion(templateSpec, 'version');
}

/** core/webhooks/admission/machinepool.go (*MachinePool).Default. */
export function defaultMachinePool(obj: KubeObject, old?: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setClusterNameLabel(obj, spec);
  defaultReplicas(obj, spec, old);
  const templateSpec = templateSpecOf(spec);
  if (!templateSpec) return;
  const deletion = ensureRecord(templateSpec, 'deletion');
  if (
    deletion &&
    (deletion.nodeDeletionTimeoutSeconds === undefined || deletion.nodeDeletionTimeoutSeconds === null)
  ) {
    deletion.nodeDeletionTimeoutSeconds = DEFAULT_NODE_DELETION_TIMEOUT_SECONDS;
  }
  normalizeVersion(templateSpec, 'version');
}

/**
 * core/webhooks/admission/machinehealthcheck.go (*MachineHealthCheck).Default. Only the startup timeout is
 * stored; unhealthyLessThanOrEqualTo stays unset (see DEFAULT_MHC_UNHEALTHY_LESS_THAN_OR_EQUAL_TO).
 */
export function defaultMachineHealthCheck(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setClusterNameLabel(obj, spec);
  const checks = ensureRecord(spec, 'checks');
  if (
    checks &&
    (checks.nodeStartupTimeoutSeconds === undefined || checks.nodeStartupTimeoutSeconds === null)
  ) {
    checks.nodeStartupTimeoutSeconds = DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS;
  }
}

/**
 * controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go (*KubeadmControlPlane).Default: replicas 1,
 * RollingUpdate forced (the only strategy KCP has), maxSurge 1. Upstream also turns an empty version into
 * "v"; here an empty version stays empty so that validation says "Required" rather than "v is not semver".
 */
export function defaultKubeadmControlPlane(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  normalizeVersion(spec, 'version');
  const rollout = ensureRecord(spec, 'rollout');
  const strategy = rollout && ensureRecord(rollout, 'strategy');
  if (!strategy) return;
  strategy.type = 'RollingUpdate';
  const rollingUpdate = ensureRecord(strategy, 'rollingUpdate');
  if (rollingUpdate && (rollingUpdate.maxSurge === undefined || rollingUpdate.maxSurge === null)) {
    rollingUpdate.maxSurge = 1;
  }
}

/** core/webhooks/admission/cluster.go (*Cluster).Default, without ClusterClass variable defaulting. */
export function defaultCluster(obj: KubeObject): void {
  const topology = getPath(obj, 'spec', 'topology');
  if (isPlainObject(topology)) normalizeVersion(topology, 'version');
}

/** core/webhooks/admission/clusterresourceset.go (*ClusterResourceSet).Default. */
export function defaultClusterResourceSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec && (spec.strategy === undefined || spec.strategy === null || spec.strategy === '')) {
    spec.strategy = 'ApplyOnce';
  }
}
