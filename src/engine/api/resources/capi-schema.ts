/**
 * What the v1beta2 CRDs' OpenAPI schemas reject (core/config/crd/bases/*.yaml and the kubeadm providers'
 * config/crd/bases), for the fields the simulator's controllers read. kube-apiserver runs these checks
 * before the validating webhooks, and a request that fails them never reaches the webhooks.
 *
 * Not covered: taints, readinessGates patterns, the kubeadmConfigSpec schema, ClusterClass and topology
 * internals, and MinProperties on optional sub-objects.
 */
import type { FieldError } from '../resource.ts';
import { fieldInvalid, fieldRequired } from '../field-errors.ts';
import { isPlainObject } from '../json.ts';
import type { KubeObject } from '../types.ts';
import { MAX_REPLICAS } from './apps.ts';
import {
  checkEnum,
  checkInt32,
  checkString,
  checkStringMap,
  getPath,
  isInt32,
  isIntOrString,
  replicaErrors,
  wrongType,
  type JsonObject,
} from './capi-fields.ts';

const DNS_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS_SUBDOMAIN_RE = new RegExp(DNS_SUBDOMAIN_PATTERN);
const KIND_PATTERN = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
const KIND_RE = new RegExp(KIND_PATTERN);
const UNHEALTHY_RANGE_PATTERN = '^\\[[0-9]+-[0-9]+\\]$';
const UNHEALTHY_RANGE_RE = new RegExp(UNHEALTHY_RANGE_PATTERN);
const FORBIDDEN_MHC_MACHINE_CONDITIONS = [
  'Ready',
  'Available',
  'HealthCheckSucceeded',
  'OwnerRemediated',
  'ExternallyRemediated',
];

function pattern(field: string, v: string, re: RegExp, source: string): FieldError[] {
  return re.test(v) ? [] : [fieldInvalid(field, v, `${field} in body should match '${source}'`)];
}

function requiredObject(field: string, v: unknown): { errs: FieldError[]; obj?: JsonObject } {
  if (v === undefined || v === null) return { errs: [fieldRequired(field)] };
  if (!isPlainObject(v)) return { errs: [wrongType(field, v, 'object')] };
  return { errs: [], obj: v };
}

function optionalObject(field: string, v: unknown): { errs: FieldError[]; obj?: JsonObject } {
  if (v === undefined || v === null) return { errs: [] };
  if (!isPlainObject(v)) return { errs: [wrongType(field, v, 'object')] };
  return { errs: [], obj: v };
}

function requiredString(field: string, v: unknown, min: number, max: number): FieldError[] {
  if (v === undefined || v === null) return [fieldRequired(field)];
  return checkString(field, v, min, max);
}

function intOrStringType(field: string, v: unknown): FieldError[] {
  if (v === undefined || v === null || isIntOrString(v)) return [];
  return [fieldInvalid(field, v, `${field} in body must be of type integer or string: "${typeof v}"`)];
}

/** The root `spec` the v1beta2 CRDs mark required (Cluster, Machine, MachineSet, MachineDeployment, MHC, …). */
export function requiredSpec(obj: KubeObject): { errs: FieldError[]; spec?: JsonObject } {
  const { errs, obj: spec } = requiredObject('spec', obj.spec);
  return spec ? { errs, spec } : { errs };
}

/** api/core/v1beta2/common_types.go ContractVersionedObjectReference: apiGroup, kind and name, all required. */
export function contractRefErrors(field: string, v: unknown, isRequired: boolean): FieldError[] {
  const { errs, obj } = isRequired ? requiredObject(field, v) : optionalObject(field, v);
  if (!obj) return errs;
  const out = [...errs];
  for (const [key, max, re, src] of [
    ['apiGroup', 253, DNS_SUBDOMAIN_RE, DNS_SUBDOMAIN_PATTERN],
    ['kind', 63, KIND_RE, KIND_PATTERN],
    ['name', 253, DNS_SUBDOMAIN_RE, DNS_SUBDOMAIN_PATTERN],
  ] as const) {
    const f = `${field}.${key}`;
    const value = obj[key];
    const e = requiredString(f, value, 1, max);
    out.push(...(e.length || typeof value !== 'string' ? e : pattern(f, value, re, src)));
  }
  return out;
}

function selectorSchemaErrors(field: string, v: unknown, isRequired: boolean): FieldError[] {
  const { errs, obj } = isRequired ? requiredObject(field, v) : optionalObject(field, v);
  if (!obj) return errs;
  const out = [...errs, ...checkStringMap(`${field}.matchLabels`, obj.matchLabels)];
  const exprs = obj.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) out.push(wrongType(`${field}.matchExpressions`, exprs, 'array'));
    else {
      exprs.forEach((e, i) => {
        const p = `${field}.matchExpressions[${i}]`;
        if (!isPlainObject(e)) return out.push(wrongType(p, e, 'object'));
        if (e.key === undefined) out.push(fieldRequired(`${p}.key`));
        if (e.operator === undefined) out.push(fieldRequired(`${p}.operator`));
      });
    }
  }
  return out;
}

/** api/core/v1beta2/machine_types.go MachineDeletionSpec: three optional int32 timeouts, minimum 0. */
function deletionSchemaErrors(field: string, v: unknown): FieldError[] {
  const deletion = optionalObject(field, v);
  if (!deletion.obj) return deletion.errs;
  return ['nodeDrainTimeoutSeconds', 'nodeVolumeDetachTimeoutSeconds', 'nodeDeletionTimeoutSeconds'].flatMap(
    (k) => checkInt32(`${field}.${k}`, deletion.obj![k], 0),
  );
}

/** api/core/v1beta2/machine_types.go MachineSpec, at `field` (spec, or spec.template.spec). */
export function machineSpecSchemaErrors(field: string, spec: JsonObject): FieldError[] {
  const out: FieldError[] = [];
  out.push(...requiredString(`${field}.clusterName`, spec.clusterName, 1, 63));
  const bootstrap = requiredObject(`${field}.bootstrap`, spec.bootstrap);
  out.push(...bootstrap.errs);
  if (bootstrap.obj) {
    out.push(...contractRefErrors(`${field}.bootstrap.configRef`, bootstrap.obj.configRef, false));
    out.push(...checkString(`${field}.bootstrap.dataSecretName`, bootstrap.obj.dataSecretName, 0, 253));
  }
  out.push(...contractRefErrors(`${field}.infrastructureRef`, spec.infrastructureRef, true));
  out.push(...checkString(`${field}.version`, spec.version, 1, 256));
  out.push(...checkString(`${field}.providerID`, spec.providerID, 1, 512));
  out.push(...checkString(`${field}.failureDomain`, spec.failureDomain, 1, 256));
  out.push(...checkInt32(`${field}.minReadySeconds`, spec.minReadySeconds, 0));
  out.push(...deletionSchemaErrors(`${field}.deletion`, spec.deletion));
  return out;
}

/** A `template: {metadata, spec: MachineSpec}` with its spec required. */
function machineTemplateSchemaErrors(field: string, v: unknown): FieldError[] {
  const template = requiredObject(field, v);
  if (!template.obj) return template.errs;
  const out = [...template.errs];
  const metadata = optionalObject(`${field}.metadata`, template.obj.metadata);
  out.push(...metadata.errs);
  if (metadata.obj) {
    out.push(...checkStringMap(`${field}.metadata.labels`, metadata.obj.labels));
    out.push(...checkStringMap(`${field}.metadata.annotations`, metadata.obj.annotations));
  }
  const spec = requiredObject(`${field}.spec`, template.obj.spec);
  out.push(...spec.errs);
  if (spec.obj) out.push(...machineSpecSchemaErrors(`${field}.spec`, spec.obj));
  return out;
}

export function machineSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  return spec ? machineSpecSchemaErrors('spec', spec) : errs;
}

/** MachineSet and MachineDeployment share clusterName, selector, template, replicas and deletion.order. */
function machineSetLikeSchemaErrors(spec: JsonObject): FieldError[] {
  const out: FieldError[] = [];
  out.push(...requiredString('spec.clusterName', spec.clusterName, 1, 63));
  out.push(...replicaErrors('spec.replicas', spec.replicas));
  out.push(...selectorSchemaErrors('spec.selector', spec.selector, true));
  out.push(...machineTemplateSchemaErrors('spec.template', spec.template));
  const deletion = optionalObject('spec.deletion', spec.deletion);
  out.push(...deletion.errs);
  if (deletion.obj)
    out.push(...checkEnum('spec.deletion.order', deletion.obj.order, ['Random', 'Newest', 'Oldest']));
  const naming = optionalObject('spec.machineNaming', spec.machineNaming);
  out.push(...naming.errs);
  if (naming.obj) out.push(...checkString('spec.machineNaming.template', naming.obj.template, 1, 256));
  return out;
}

export function machineSetSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  return spec ? machineSetLikeSchemaErrors(spec) : errs;
}

export function machineDeploymentSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out = machineSetLikeSchemaErrors(spec);
  const rollout = optionalObject('spec.rollout', spec.rollout);
  out.push(...rollout.errs);
  const strategy = rollout.obj && optionalObject('spec.rollout.strategy', rollout.obj.strategy);
  if (strategy) out.push(...strategy.errs);
  if (strategy?.obj) {
    if (strategy.obj.type === undefined) out.push(fieldRequired('spec.rollout.strategy.type'));
    out.push(...checkEnum('spec.rollout.strategy.type', strategy.obj.type, ['RollingUpdate', 'OnDelete']));
    const ru = optionalObject('spec.rollout.strategy.rollingUpdate', strategy.obj.rollingUpdate);
    out.push(...ru.errs);
    if (ru.obj) {
      out.push(...intOrStringType('spec.rollout.strategy.rollingUpdate.maxSurge', ru.obj.maxSurge));
      out.push(
        ...intOrStringType('spec.rollout.strategy.rollingUpdate.maxUnavailable', ru.obj.maxUnavailable),
      );
    }
  }
  if (rollout.obj) out.push(...checkString('spec.rollout.after', rollout.obj.after));
  const remediation = optionalObject('spec.remediation', spec.remediation);
  out.push(...remediation.errs);
  if (remediation.obj)
    out.push(...intOrStringType('spec.remediation.maxInFlight', remediation.obj.maxInFlight));
  return out;
}

export function machinePoolSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  return [
    ...requiredString('spec.clusterName', spec.clusterName, 1, 63),
    ...replicaErrors('spec.replicas', spec.replicas),
    ...machineTemplateSchemaErrors('spec.template', spec.template),
  ];
}

function unhealthyConditionErrors(field: string, v: unknown, machine: boolean): FieldError[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return [wrongType(field, v, 'array')];
  const out: FieldError[] = [];
  v.forEach((c, i) => {
    const p = `${field}[${i}]`;
    if (!isPlainObject(c)) return out.push(wrongType(p, c, 'object'));
    out.push(...requiredString(`${p}.type`, c.type, 1, machine ? 316 : Infinity));
    if (machine) {
      if (c.status === undefined) out.push(fieldRequired(`${p}.status`));
      out.push(...checkEnum(`${p}.status`, c.status, ['True', 'False', 'Unknown']));
      if (typeof c.type === 'string' && FORBIDDEN_MHC_MACHINE_CONDITIONS.includes(c.type)) {
        out.push(
          fieldInvalid(
            `${p}.type`,
            c.type,
            'type must not be one of: Ready, Available, HealthCheckSucceeded, OwnerRemediated, ExternallyRemediated',
          ),
        );
      }
    } else {
      out.push(...requiredString(`${p}.status`, c.status, 1, Infinity));
    }
    if (c.timeoutSeconds === undefined) out.push(fieldRequired(`${p}.timeoutSeconds`));
    out.push(...checkInt32(`${p}.timeoutSeconds`, c.timeoutSeconds, 0));
  });
  return out;
}

/** api/core/v1beta2/machinehealthcheck_types.go: checks.*, remediation.triggerIf.* and templateRef. */
export function machineHealthCheckSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out: FieldError[] = [];
  out.push(...requiredString('spec.clusterName', spec.clusterName, 1, 63));
  out.push(...selectorSchemaErrors('spec.selector', spec.selector, true));
  const checks = optionalObject('spec.checks', spec.checks);
  out.push(...checks.errs);
  if (checks.obj) {
    out.push(...checkInt32('spec.checks.nodeStartupTimeoutSeconds', checks.obj.nodeStartupTimeoutSeconds, 0));
    out.push(
      ...unhealthyConditionErrors(
        'spec.checks.unhealthyNodeConditions',
        checks.obj.unhealthyNodeConditions,
        false,
      ),
    );
    out.push(
      ...unhealthyConditionErrors(
        'spec.checks.unhealthyMachineConditions',
        checks.obj.unhealthyMachineConditions,
        true,
      ),
    );
  }
  const remediation = optionalObject('spec.remediation', spec.remediation);
  out.push(...remediation.errs);
  if (remediation.obj) {
    const trigger = optionalObject('spec.remediation.triggerIf', remediation.obj.triggerIf);
    out.push(...trigger.errs);
    if (trigger.obj) {
      const range = trigger.obj.unhealthyInRange;
      const f = 'spec.remediation.triggerIf.unhealthyInRange';
      const e = checkString(f, range, 1, 32);
      out.push(
        ...(e.length || typeof range !== 'string'
          ? e
          : pattern(f, range, UNHEALTHY_RANGE_RE, UNHEALTHY_RANGE_PATTERN)),
      );
      out.push(
        ...intOrStringType(
          'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo',
          trigger.obj.unhealthyLessThanOrEqualTo,
        ),
      );
    }
    const ref = optionalObject('spec.remediation.templateRef', remediation.obj.templateRef);
    out.push(...ref.errs);
    if (ref.obj) {
      out.push(...requiredString('spec.remediation.templateRef.apiVersion', ref.obj.apiVersion, 1, 317));
      out.push(...requiredString('spec.remediation.templateRef.kind', ref.obj.kind, 1, 63));
      out.push(...requiredString('spec.remediation.templateRef.name', ref.obj.name, 1, 253));
    }
  }
  return out;
}

function cidrBlocksSchemaErrors(field: string, v: unknown): FieldError[] {
  const net = optionalObject(field, v);
  if (!net.obj) return net.errs;
  const blocks = net.obj.cidrBlocks;
  const f = `${field}.cidrBlocks`;
  if (blocks === undefined || blocks === null) return [fieldRequired(f)];
  if (!Array.isArray(blocks)) return [wrongType(f, blocks, 'array')];
  if (blocks.length < 1) return [fieldInvalid(f, blocks.length, `${f} in body should have at least 1 items`)];
  return blocks.flatMap((b, i) => checkString(`${f}[${i}]`, b, 1, 43));
}

/** api/core/v1beta2/cluster_types.go ClusterSpec (MinProperties=1) without topology internals. */
export function clusterSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out: FieldError[] = [];
  if (Object.keys(spec).length < 1)
    out.push(fieldInvalid('spec', 0, 'spec in body should have at least 1 properties'));
  out.push(...contractRefErrors('spec.infrastructureRef', spec.infrastructureRef, false));
  out.push(...contractRefErrors('spec.controlPlaneRef', spec.controlPlaneRef, false));
  const network = optionalObject('spec.clusterNetwork', spec.clusterNetwork);
  out.push(...network.errs);
  if (network.obj) {
    out.push(...portErrors('spec.clusterNetwork.apiServerPort', network.obj.apiServerPort));
    out.push(...cidrBlocksSchemaErrors('spec.clusterNetwork.services', network.obj.services));
    out.push(...cidrBlocksSchemaErrors('spec.clusterNetwork.pods', network.obj.pods));
    out.push(...checkString('spec.clusterNetwork.serviceDomain', network.obj.serviceDomain, 1, 253));
  }
  const endpoint = optionalObject('spec.controlPlaneEndpoint', spec.controlPlaneEndpoint);
  out.push(...endpoint.errs);
  if (endpoint.obj) {
    out.push(...checkString('spec.controlPlaneEndpoint.host', endpoint.obj.host, 1, 512));
    out.push(...portErrors('spec.controlPlaneEndpoint.port', endpoint.obj.port));
  }
  if (spec.paused !== undefined && typeof spec.paused !== 'boolean')
    out.push(wrongType('spec.paused', spec.paused, 'boolean'));
  return out;
}

function portErrors(field: string, v: unknown): FieldError[] {
  const e = checkInt32(field, v, 1);
  if (e.length || v === undefined) return e;
  return (v as number) > 65535
    ? [fieldInvalid(field, v, `${field} in body should be less than or equal to 65535`)]
    : [];
}

/** api/controlplane/kubeadm/v1beta2/kubeadm_control_plane_types.go KubeadmControlPlaneSpec (spec itself is optional). */
export function kubeadmControlPlaneSchemaErrors(obj: KubeObject): FieldError[] {
  if (obj.spec === undefined) return [];
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out: FieldError[] = [];
  // KCP's own webhook words the <= 0 case; the schema only knows the type (and the simulator's cap).
  if (spec.replicas !== undefined && !isInt32(spec.replicas))
    out.push(wrongType('spec.replicas', spec.replicas, 'integer'));
  else if (typeof spec.replicas === 'number' && spec.replicas > MAX_REPLICAS) {
    out.push(
      fieldInvalid(
        'spec.replicas',
        spec.replicas,
        `must be less than or equal to ${MAX_REPLICAS} (a limit of this simulator)`,
      ),
    );
  }
  out.push(...requiredString('spec.version', spec.version, 1, 256));
  const mt = requiredObject('spec.machineTemplate', spec.machineTemplate);
  out.push(...mt.errs);
  if (mt.obj) {
    const mtSpec = requiredObject('spec.machineTemplate.spec', mt.obj.spec);
    out.push(...mtSpec.errs);
    if (mtSpec.obj) {
      out.push(
        ...contractRefErrors(
          'spec.machineTemplate.spec.infrastructureRef',
          mtSpec.obj.infrastructureRef,
          true,
        ),
      );
      out.push(...deletionSchemaErrors('spec.machineTemplate.spec.deletion', mtSpec.obj.deletion));
    }
  }
  const rollout = optionalObject('spec.rollout', spec.rollout);
  out.push(...rollout.errs);
  if (rollout.obj) {
    const strategy = optionalObject('spec.rollout.strategy', rollout.obj.strategy);
    out.push(...strategy.errs);
    if (strategy.obj) {
      out.push(...checkEnum('spec.rollout.strategy.type', strategy.obj.type, ['RollingUpdate']));
      const ru = optionalObject('spec.rollout.strategy.rollingUpdate', strategy.obj.rollingUpdate);
      out.push(...ru.errs);
      if (ru.obj)
        out.push(...intOrStringType('spec.rollout.strategy.rollingUpdate.maxSurge', ru.obj.maxSurge));
    }
    const before = optionalObject('spec.rollout.before', rollout.obj.before);
    out.push(...before.errs);
    if (before.obj) {
      out.push(
        ...checkInt32('spec.rollout.before.certificatesExpiryDays', before.obj.certificatesExpiryDays, 7),
      );
    }
  }
  const remediation = optionalObject('spec.remediation', spec.remediation);
  out.push(...remediation.errs);
  if (remediation.obj) {
    out.push(...checkInt32('spec.remediation.maxRetry', remediation.obj.maxRetry));
    out.push(
      ...checkInt32('spec.remediation.minHealthyPeriodSeconds', remediation.obj.minHealthyPeriodSeconds, 0),
    );
    out.push(...checkInt32('spec.remediation.retryPeriodSeconds', remediation.obj.retryPeriodSeconds, 0));
  }
  return out;
}

/** Templates (KubeadmConfigTemplate, KubeadmControlPlaneTemplate): spec is optional, spec.template is not. */
export function templateSchemaErrors(obj: KubeObject): FieldError[] {
  if (obj.spec === undefined) return [];
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  return requiredObject('spec.template', spec.template).errs;
}

/** api/addons/v1beta2/clusterresourceset_types.go. */
export function clusterResourceSetSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out = selectorSchemaErrors('spec.clusterSelector', spec.clusterSelector, true);
  const resources = spec.resources;
  if (resources === undefined || resources === null) out.push(fieldRequired('spec.resources'));
  else if (!Array.isArray(resources)) out.push(wrongType('spec.resources', resources, 'array'));
  else {
    resources.forEach((r, i) => {
      const p = `spec.resources[${i}]`;
      if (!isPlainObject(r)) return out.push(wrongType(p, r, 'object'));
      out.push(...requiredString(`${p}.name`, r.name, 1, 253));
      if (r.kind === undefined) out.push(fieldRequired(`${p}.kind`));
      out.push(...checkEnum(`${p}.kind`, r.kind, ['Secret', 'ConfigMap']));
    });
  }
  out.push(...checkEnum('spec.strategy', spec.strategy, ['ApplyOnce', 'Reconcile']));
  return out;
}

export function clusterResourceSetBindingSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  return requiredString('spec.clusterName', spec.clusterName, 1, 63);
}

/** api/core/v1beta2/clusterclass_types.go: only the two required references are checked. */
export function clusterClassSchemaErrors(obj: KubeObject): FieldError[] {
  const { errs, spec } = requiredSpec(obj);
  if (!spec) return errs;
  const out: FieldError[] = [];
  if (getPath(spec, 'controlPlane') === undefined) out.push(fieldRequired('spec.controlPlane'));
  if (getPath(spec, 'infrastructure') === undefined) out.push(fieldRequired('spec.infrastructure'));
  return out;
}
