/**
 * What CAPI's validating webhooks reject (v1.14: core/webhooks/admission/*.go and
 * controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go), with their field paths and wording.
 * They run on objects that already passed the CRD schema (capi-schema.ts), so shapes are trusted here.
 *
 * Left out: taint rules, template metadata validation, machineNaming name generation, KCP's list of
 * immutable kubeadmConfigSpec paths, kubeadmConfigSpec/KubeadmConfig validation, ClusterClass and topology.
 */
import type { FieldError } from '../resource.ts';
import { fieldForbidden, fieldInvalid, fieldRequired } from '../field-errors.ts';
import { isPlainObject, jsonEqual } from '../json.ts';
import { isValidLabelValue } from '../names.ts';
import {
  isEverything,
  labelSelectorFromObject,
  matchesLabels,
  SelectorError,
  selectorToString,
  type LabelSelector,
} from '../selectors.ts';
import type { KubeObject } from '../types.ts';
import {
  getPath,
  intOrPercentError,
  intOrStringIntValue,
  isIntOrString,
  majorMinor,
  versionErrors,
  type IntOrString,
  type JsonObject,
} from './capi-fields.ts';
// Invalid selector values print as Go's %#v of the metav1.LabelSelector struct, as the webhooks pass it.
import { goLabelSelector } from './apps.ts';
import { CLUSTER_NAME_LABEL, MACHINE_POOL_NAME_LABEL } from './capi-labels.ts';

const SKIP_PREFLIGHT_ANNOTATION = 'machineset.cluster.x-k8s.io/skip-preflight-checks';
/** api/core/v1beta2/common_types.go MachineSetPreflightCheck*, sorted as sets.List prints them. */
const PREFLIGHT_CHECKS = [
  'All',
  'ControlPlaneIsStable',
  'ControlPlaneVersionSkew',
  'KubeadmVersionSkew',
  'KubernetesVersionSkew',
];

function specOf(obj: KubeObject | undefined): JsonObject {
  return obj && isPlainObject(obj.spec) ? obj.spec : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function clusterNameImmutable(newSpec: JsonObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  return str(specOf(old).clusterName) !== str(newSpec.clusterName)
    ? [fieldForbidden('spec.clusterName', 'field is immutable')]
    : [];
}

function bootstrapErrors(field: string, spec: JsonObject): FieldError[] {
  const bootstrap = isPlainObject(spec.bootstrap) ? spec.bootstrap : {};
  if (isPlainObject(bootstrap.configRef) || typeof bootstrap.dataSecretName === 'string') return [];
  return [
    fieldRequired(field, `expected either ${field}.dataSecretName or ${field}.configRef to be populated`),
  ];
}

function versionIfSet(field: string, v: unknown): FieldError[] {
  return typeof v === 'string' && v !== '' ? versionErrors(field, v) : [];
}

function intOrPercent(field: string, v: unknown): FieldError[] {
  if (!isIntOrString(v)) return [];
  const err = intOrPercentError(v);
  return err ? [fieldInvalid(field, String(v), `must be either an int or a percentage: ${err}`)] : [];
}

function machineNamingErrors(spec: JsonObject): FieldError[] {
  const template = getPath(spec, 'machineNaming', 'template');
  if (typeof template !== 'string' || template === '' || template.includes('{{ .random }}')) return [];
  return [
    fieldInvalid('spec.machineNaming.template', template, 'invalid template, {{ .random }} is missing'),
  ];
}

/** validateSkippedMachineSetPreflightChecks (MachineSetPreflightChecks is on by default since v1.9). */
function preflightAnnotationErrors(obj: KubeObject): FieldError[] {
  const skip = obj.metadata.annotations?.[SKIP_PREFLIGHT_ANNOTATION];
  if (!skip) return [];
  const unknown = skip
    .split(',')
    .map((s) => s.trim())
    .filter((s) => !PREFLIGHT_CHECKS.includes(s));
  if (unknown.length === 0) return [];
  return [
    fieldInvalid(
      `metadata.annotations.${SKIP_PREFLIGHT_ANNOTATION}`,
      unknown,
      `skipped preflight check(s) must be among: [${PREFLIGHT_CHECKS.join(' ')}]`,
    ),
  ];
}

function clusterNamesMatch(spec: JsonObject): FieldError[] {
  const templateClusterName = str(getPath(spec, 'template', 'spec', 'clusterName'));
  if (str(spec.clusterName) === templateClusterName) return [];
  return [
    fieldInvalid(
      'spec.clusterName',
      spec.clusterName,
      'spec.clusterName and spec.template.spec.clusterName must be set to the same value',
    ),
  ];
}

/** core/webhooks/admission/machine.go (*Machine).validate. */
export function machineWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  // MachinePool Machines get their bootstrap from the pool (labels.IsMachinePoolOwned).
  const poolOwned = obj.metadata.labels?.[MACHINE_POOL_NAME_LABEL] !== undefined;
  if (!poolOwned) errs.push(...bootstrapErrors('spec.bootstrap', spec));
  errs.push(...clusterNameImmutable(spec, old));
  errs.push(...versionIfSet('spec.version', spec.version));
  return errs;
}

/** metav1.LabelSelectorAsSelector on a struct-typed selector (never nil: absent reads as empty). */
function parseSelector(v: unknown): { selector: LabelSelector } | { error: string } {
  try {
    return { selector: labelSelectorFromObject(v ?? {}) };
  } catch (e) {
    if (e instanceof SelectorError) return { error: e.message };
    throw e;
  }
}

function stringLabels(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The selector ↔ template-labels rule; MachineSet reports Invalid, MachineDeployment Forbidden. */
function selectorTemplateErrors(spec: JsonObject, mismatch: 'Invalid' | 'Forbidden'): FieldError[] {
  const parsed = parseSelector(spec.selector);
  if ('error' in parsed) return [fieldInvalid('spec.selector', goLabelSelector(spec.selector), parsed.error)];
  const templateLabels = getPath(spec, 'template', 'metadata', 'labels');
  if (matchesLabels(parsed.selector, stringLabels(templateLabels))) return [];
  const detail = `must match spec.selector "${selectorToString(parsed.selector)}"`;
  return [
    mismatch === 'Invalid'
      ? fieldInvalid('spec.template.metadata.labels', templateLabels, detail)
      : fieldForbidden('spec.template.metadata.labels', detail),
  ];
}

/** core/webhooks/admission/machineset.go (*MachineSet).validate. */
export function machineSetWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const templateSpec = getPath(spec, 'template', 'spec');
  return [
    ...bootstrapErrors('spec.template.spec.bootstrap', isPlainObject(templateSpec) ? templateSpec : {}),
    ...selectorTemplateErrors(spec, 'Invalid'),
    ...preflightAnnotationErrors(obj),
    ...clusterNameImmutable(spec, old),
    ...clusterNamesMatch(spec),
    ...versionIfSet('spec.template.spec.version', getPath(templateSpec, 'version')),
    ...machineNamingErrors(spec),
  ];
}

/** core/webhooks/admission/machinedeployment.go validateRolloutStrategy. */
function rolloutStrategyErrors(spec: JsonObject): FieldError[] {
  const ru = getPath(spec, 'rollout', 'strategy', 'rollingUpdate');
  if (!isPlainObject(ru)) return [];
  const path = 'spec.rollout.strategy.rollingUpdate';
  const errs = [
    ...intOrPercent(`${path}.maxUnavailable`, ru.maxUnavailable),
    ...intOrPercent(`${path}.maxSurge`, ru.maxSurge),
  ];
  // Only int zeros count: "0%" and 0 together are allowed (and later resolve to maxUnavailable 1).
  if (ru.maxUnavailable === 0 && ru.maxSurge === 0) {
    errs.push(fieldInvalid(path, '0', 'maxUnavailable and maxSurge cannot both be 0'));
  }
  return errs;
}

/** core/webhooks/admission/machinedeployment.go (*MachineDeployment).validate. */
export function machineDeploymentWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const name = obj.metadata.name;
  // The name is used as the deployment-name label value.
  if (typeof name === 'string') {
    for (const e of isValidLabelValue(name)) {
      errs.push(fieldInvalid('metadata.name', name, `must be a valid label value: ${e}`));
    }
  }
  const templateSpec = getPath(spec, 'template', 'spec');
  errs.push(
    ...bootstrapErrors('spec.template.spec.bootstrap', isPlainObject(templateSpec) ? templateSpec : {}),
  );
  errs.push(...selectorTemplateErrors(spec, 'Forbidden'));
  errs.push(...preflightAnnotationErrors(obj));
  errs.push(...clusterNameImmutable(spec, old));
  errs.push(...clusterNamesMatch(spec));
  errs.push(...rolloutStrategyErrors(spec));
  errs.push(...intOrPercent('spec.remediation.maxInFlight', getPath(spec, 'remediation', 'maxInFlight')));
  errs.push(...versionIfSet('spec.template.spec.version', getPath(templateSpec, 'version')));
  errs.push(...machineNamingErrors(spec));
  return errs;
}

/** core/webhooks/admission/machinepool.go (*MachinePool).validate: the parts that apply without MachinePool internals. */
export function machinePoolWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const templateSpec = getPath(spec, 'template', 'spec');
  return [
    ...bootstrapErrors('spec.template.spec.bootstrap', isPlainObject(templateSpec) ? templateSpec : {}),
    ...clusterNameImmutable(spec, old),
    ...versionIfSet('spec.template.spec.version', getPath(templateSpec, 'version')),
  ];
}

/** core/webhooks/admission/machinehealthcheck.go (*MachineHealthCheck).validate. */
export function machineHealthCheckWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const parsed = parseSelector(spec.selector);
  if ('error' in parsed)
    errs.push(fieldInvalid('spec.selector', goLabelSelector(spec.selector), parsed.error));
  else if (isEverything(parsed.selector))
    errs.push(fieldRequired('spec.selector', 'selector must not be empty'));
  const selectedCluster = getPath(spec, 'selector', 'matchLabels', CLUSTER_NAME_LABEL);
  if (selectedCluster !== undefined && selectedCluster !== spec.clusterName) {
    errs.push(
      fieldInvalid(
        'spec.selector',
        goLabelSelector(spec.selector),
        'cannot specify a cluster selector other than the one specified by ClusterName',
      ),
    );
  }
  errs.push(...clusterNameImmutable(spec, old));
  // validateMachineHealthCheckNodeStartupTimeoutSeconds: 0 disables the check; otherwise at least 30 s.
  const startup = getPath(spec, 'checks', 'nodeStartupTimeoutSeconds');
  if (typeof startup === 'number' && startup !== 0 && startup < 30) {
    errs.push(fieldInvalid('spec.checks.nodeStartupTimeoutSeconds', startup, 'must be at least 30s'));
  }
  errs.push(
    ...intOrPercent(
      'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo',
      getPath(spec, 'remediation', 'triggerIf', 'unhealthyLessThanOrEqualTo'),
    ),
  );
  return errs;
}

function validIPv4(s: string): boolean {
  const parts = s.split('.');
  // Go's net.ParseIP rejects leading zeros ("010.0.0.1") since Go 1.17.
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function validIPv6(s: string): boolean {
  let groupsText = s;
  // An embedded IPv4 tail ("::ffff:10.0.0.1") stands for the last two groups.
  if (s.includes('.')) {
    const lastColon = s.lastIndexOf(':');
    if (!validIPv4(s.slice(lastColon + 1))) return false;
    groupsText = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return false;
  const split = (x: string | undefined): string[] => (x ? x.split(':') : []);
  const groups = [...split(halves[0]), ...split(halves[1])];
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 1 ? groups.length === 8 : groups.length < 8;
}

/** Go net.ParseCIDR's acceptance, with its error text. */
function cidrError(cidr: string): string | undefined {
  const slash = cidr.indexOf('/');
  const bad = `invalid CIDR address: ${cidr}`;
  if (slash < 0) return bad;
  const ip = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(bits)) return bad;
  if (validIPv4(ip)) return Number(bits) <= 32 ? undefined : bad;
  if (ip.includes(':') && validIPv6(ip)) return Number(bits) <= 128 ? undefined : bad;
  return bad;
}

function isDefinedRef(v: unknown): boolean {
  return isPlainObject(v) && Object.keys(v).length > 0;
}

/** core/webhooks/admission/cluster.go (*Cluster).validate, without topology validation. */
export function clusterWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const oldSpec = old ? specOf(old) : undefined;
  const errs: FieldError[] = [];
  const name = obj.metadata.name;
  if (typeof name === 'string') {
    for (const e of isValidLabelValue(name)) {
      errs.push(fieldInvalid('metadata.name', name, `must be a valid label value ${e}`));
    }
  }
  if (!isDefinedRef(spec.infrastructureRef) && oldSpec && isDefinedRef(oldSpec.infrastructureRef)) {
    errs.push(fieldForbidden('spec.infrastructureRef', 'cannot be removed'));
  }
  if (
    !isDefinedRef(spec.controlPlaneRef) &&
    !isDefinedRef(spec.infrastructureRef) &&
    !isDefinedRef(spec.topology)
  ) {
    errs.push(
      fieldForbidden(
        'spec',
        'one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set',
      ),
    );
  }
  if (!isDefinedRef(spec.controlPlaneRef) && oldSpec && isDefinedRef(oldSpec.controlPlaneRef)) {
    errs.push(fieldForbidden('spec.controlPlaneRef', 'cannot be removed'));
  }
  for (const net of ['pods', 'services']) {
    const blocks = getPath(spec, 'clusterNetwork', net, 'cidrBlocks');
    if (!Array.isArray(blocks)) continue;
    blocks.forEach((cidr, i) => {
      const err = typeof cidr === 'string' ? cidrError(cidr) : undefined;
      if (err) errs.push(fieldInvalid(`spec.clusterNetwork.${net}.cidrBlocks[${i}]`, cidr, err));
    });
  }
  if (oldSpec && isDefinedRef(oldSpec.topology) && !isDefinedRef(spec.topology)) {
    errs.push(fieldForbidden('spec.topology', 'cannot be removed from an existing Cluster'));
  }
  return errs;
}

function isExternalEtcd(spec: JsonObject): boolean {
  return isDefinedRef(getPath(spec, 'kubeadmConfigSpec', 'clusterConfiguration', 'etcd', 'external'));
}

/**
 * controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go validateKubeadmControlPlaneSpec, plus
 * validateVersion on update. The infrastructureRef paths say "machineTemplate.infrastructure" as upstream does.
 */
export function kubeadmControlPlaneWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const replicas = spec.replicas;
  if (replicas === undefined || replicas === null) errs.push(fieldRequired('spec.replicas', 'is required'));
  else if (typeof replicas === 'number' && replicas <= 0) {
    errs.push(fieldForbidden('spec.replicas', 'cannot be less than or equal to 0'));
  }
  // Stacked etcd needs an odd member count to keep quorum through a rolling replacement.
  if (!isExternalEtcd(spec) && typeof replicas === 'number' && replicas % 2 === 0) {
    errs.push(fieldForbidden('spec.replicas', 'cannot be an even number when etcd is stacked'));
  }
  const infraRef = getPath(spec, 'machineTemplate', 'spec', 'infrastructureRef');
  for (const k of ['apiGroup', 'kind', 'name']) {
    const v = getPath(infraRef, k);
    if (typeof v !== 'string' || v === '') {
      errs.push(fieldInvalid(`spec.machineTemplate.infrastructure.${k}`, v ?? '', 'cannot be empty'));
    }
  }
  errs.push(...versionErrors('spec.version', str(spec.version)));
  errs.push(...kcpRolloutErrors(spec));
  errs.push(...machineNamingErrors(spec));
  if (old) errs.push(...kcpVersionSkewErrors(str(specOf(old).version), str(spec.version)));
  return errs;
}

/** validateRolloutAndCertValidityFields, without the certificate validity checks. */
function kcpRolloutErrors(spec: JsonObject): FieldError[] {
  const strategy = getPath(spec, 'rollout', 'strategy');
  if (!isPlainObject(strategy) || Object.keys(strategy).length === 0) return [];
  const errs: FieldError[] = [];
  if (strategy.type !== 'RollingUpdate') {
    errs.push(fieldRequired('spec.rollout.strategy.type', 'only RollingUpdate is supported'));
  }
  const maxSurge = getPath(strategy, 'rollingUpdate', 'maxSurge');
  if (isIntOrString(maxSurge)) {
    const surge = intOrStringIntValue(maxSurge as IntOrString);
    const replicas = spec.replicas;
    if (surge === 0 && typeof replicas === 'number' && replicas < 3) {
      errs.push(
        fieldRequired(
          'spec.rollout.strategy.rollingUpdate',
          'when KubeadmControlPlane is configured to scale-in, replica count needs to be at least 3',
        ),
      );
    }
    if (surge !== 1 && surge !== 0) {
      errs.push(fieldRequired('spec.rollout.strategy.rollingUpdate.maxSurge', 'value must be 1 or 0'));
    }
  }
  return errs;
}

/** (*KubeadmControlPlane).validateVersion: an upgrade may move at most one minor version. */
function kcpVersionSkewErrors(from: string, to: string): FieldError[] {
  const a = majorMinor(from);
  const b = majorMinor(to);
  if (!a || !b) return [];
  const skips = b.major > a.major || (b.major === a.major && b.minor >= a.minor + 2);
  return skips
    ? [fieldForbidden('spec.version', `cannot update Kubernetes version from ${from} to ${to}`)]
    : [];
}

/** core/webhooks/admission/clusterresourceset.go (*ClusterResourceSet).validate. */
export function clusterResourceSetWebhookErrors(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const parsed = parseSelector(spec.clusterSelector);
  if ('error' in parsed)
    errs.push(fieldInvalid('spec.clusterSelector', goLabelSelector(spec.clusterSelector), parsed.error));
  else if (isEverything(parsed.selector)) {
    errs.push(
      fieldInvalid(
        'spec.clusterSelector',
        goLabelSelector(spec.clusterSelector),
        'selector must not be empty',
      ),
    );
  }
  if (old) {
    const oldSpec = specOf(old);
    if (str(oldSpec.strategy) !== '' && oldSpec.strategy !== spec.strategy) {
      errs.push(fieldInvalid('spec.strategy', spec.strategy, 'field is immutable'));
    }
    if (!jsonEqual(oldSpec.clusterSelector, spec.clusterSelector)) {
      errs.push(
        fieldInvalid('spec.clusterSelector', goLabelSelector(spec.clusterSelector), 'field is immutable'),
      );
    }
  }
  return errs;
}
