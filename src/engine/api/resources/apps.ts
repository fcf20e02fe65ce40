/**
 * The apps/v1 kinds: ReplicaSet and Deployment. Defaults from k8s.io/kubernetes pkg/apis/apps/v1/defaults.go,
 * validation from pkg/apis/apps/validation/validation.go (ValidateReplicaSetSpec, ValidateDeploymentSpec,
 * ValidatePodTemplateSpecForReplicaSet) with the upstream messages, generation and status rules from
 * pkg/registry/apps/{replicaset,deployment}/strategy.go, printer columns from kubectl's printers.go.
 */
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, goRepr } from '../field-errors.ts';
import { isPlainObject, jsonEqual } from '../json.ts';
import type { FieldError, PrinterColumn, ResourceDefinition } from '../resource.ts';
import {
  labelSelectorFromObject,
  matchesLabels,
  selectorToString,
  type LabelSelector,
} from '../selectors.ts';
import type { KubeObject } from '../types.ts';
import {
  FIELD_IMMUTABLE_ERROR_MSG,
  IS_NEGATIVE_ERROR_MSG,
  validateLabelSelector,
  validateNonnegative,
} from '../validation.ts';
import { AGE_COLUMN, defaultPodSpec, validatePodTemplate } from './core.ts';

/** A simulator limit, not a Kubernetes one (which allows any int32): keeps a typo from creating a million Pods. */
export const MAX_REPLICAS = 100000;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);

const goStr = (s: unknown) => JSON.stringify(String(s ?? ''));

/** Go's %#v of a metav1.LabelSelector, as validation prints it (the pointer is dereferenced first). */
export function goLabelSelector(sel: unknown): ReturnType<typeof goRepr> {
  const s = asObj(sel) ?? {};
  const ml = asObj(s.matchLabels);
  const labels = ml
    ? `map[string]string{${Object.keys(ml)
        .sort()
        .map((k) => `${goStr(k)}:${goStr(ml[k])}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => {
          const x = asObj(e) ?? {};
          const values = Array.isArray(x.values)
            ? `[]string{${x.values.map(goStr).join(', ')}}`
            : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goStr(x.key)}, Operator:${goStr(x.operator)}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goRepr(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`);
}

/** Go's %#v of an intstr.IntOrString (it has no value-receiver String method). */
function goIntOrString(v: unknown): ReturnType<typeof goRepr> {
  return typeof v === 'number'
    ? goRepr(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`)
    : goRepr(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goStr(v)}}`);
}

function validateReplicas(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v !== 'number' || !Number.isInteger(v)) return [fieldInvalid(field, v, 'must be an integer')];
  if (v < 0) return [fieldInvalid(field, v, IS_NEGATIVE_ERROR_MSG)];
  if (v > MAX_REPLICAS) {
    return [
      fieldInvalid(
        field,
        v,
        `must be less than or equal to ${MAX_REPLICAS} (a limit of this simulator; Kubernetes allows up to 2147483647)`,
      ),
    ];
  }
  return [];
}

// validation.go ValidateReplicaSetSpec and the shared part of ValidateDeploymentSpec.
function validateWorkloadSpec(spec: Obj, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateReplicas(spec.replicas, 'spec.replicas'));
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const rawSel = spec.selector;
  let selector: LabelSelector | undefined;
  if (rawSel === undefined || rawSel === null) {
    errs.push(fieldRequired('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(rawSel, 'spec.selector'));
    const s = asObj(rawSel) ?? {};
    const n =
      Object.keys(asObj(s.matchLabels) ?? {}).length +
      (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);
    if (n === 0)
      errs.push(
        fieldInvalid('spec.selector', goLabelSelector(rawSel), `empty selector is invalid for ${kindWord}`),
      );
  }
  try {
    selector = labelSelectorFromObject(rawSel ?? null);
  } catch {
    errs.push(fieldInvalid('spec.selector', goLabelSelector(rawSel), 'invalid label selector'));
  }
  const template = asObj(spec.template);
  if (!template) {
    errs.push(fieldRequired('spec.template'));
    return errs;
  }
  if (selector && selector.requirements.length > 0) {
    // ValidatePodTemplateSpecForReplicaSet: the selector must select the Pods the template makes.
    const labels = (asObj(asObj(template.metadata)?.labels) ?? {}) as Record<string, string>;
    if (!matchesLabels(selector, labels)) {
      errs.push(
        fieldInvalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'),
      );
    }
  }
  errs.push(...validatePodTemplate(template, 'spec.template'));
  const podSpec = asObj(template.spec);
  if (podSpec && podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always') {
    errs.push(fieldNotSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']));
  }
  if (podSpec && podSpec.activeDeadlineSeconds !== undefined) {
    errs.push(
      fieldForbidden(
        'spec.template.spec.activeDeadlineSeconds',
        // upstream says ReplicaSet for Deployments too: both use ValidatePodTemplateSpecForReplicaSet.
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

// apps/v1 makes spec.selector immutable (ValidateReplicaSetUpdate / ValidateDeploymentUpdate).
function validateSelectorImmutable(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  const sel = asObj(obj.spec)?.selector;
  const oldSel = asObj(old.spec)?.selector;
  return jsonEqual(sel ?? null, oldSel ?? null)
    ? []
    : [fieldInvalid('spec.selector', goLabelSelector(sel), FIELD_IMMUTABLE_ERROR_MSG)];
}

const PERCENT_RE = /^[0-9]+%$/;

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && PERCENT_RE.test(v)) return Number(v.slice(0, -1));
  return -1;
}

// validation.go ValidatePositiveIntOrPercent
function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'string') {
    return PERCENT_RE.test(v)
      ? []
      : [
          fieldInvalid(
            field,
            goIntOrString(v),
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
          ),
        ];
  }
  if (typeof v === 'number') return v < 0 ? [fieldInvalid(field, v, IS_NEGATIVE_ERROR_MSG)] : [];
  return [fieldInvalid(field, v, 'must be an integer or a percentage')];
}

// validation.go ValidateDeploymentStrategy / ValidateRollingUpdateDeployment
function validateStrategy(strategy: unknown): FieldError[] {
  const s = asObj(strategy) ?? {};
  const errs: FieldError[] = [];
  switch (s.type) {
    case 'Recreate':
      if (s.rollingUpdate !== undefined && s.rollingUpdate !== null) {
        errs.push(
          fieldForbidden(
            'spec.strategy.rollingUpdate',
            "may not be specified when strategy `type` is 'Recreate'",
          ),
        );
      }
      break;
    case 'RollingUpdate': {
      const ru = asObj(s.rollingUpdate);
      if (!ru) {
        errs.push(fieldRequired('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
        break;
      }
      errs.push(
        ...validatePositiveIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'),
      );
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(
          fieldInvalid(
            'spec.strategy.rollingUpdate.maxUnavailable',
            goIntOrString(ru.maxUnavailable),
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      }
      if (typeof ru.maxUnavailable === 'string' && intOrPercentValue(ru.maxUnavailable) > 100) {
        errs.push(
          fieldInvalid(
            'spec.strategy.rollingUpdate.maxUnavailable',
            goIntOrString(ru.maxUnavailable),
            'must not be greater than 100%',
          ),
        );
      }
      break;
    }
    default:
      errs.push(fieldNotSupported('spec.strategy', s, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function defaultTemplate(spec: Obj): void {
  const template = asObj(spec.template);
  const podSpec = asObj(template?.spec);
  if (podSpec) defaultPodSpec(podSpec);
}

function containersOf(obj: KubeObject): Obj[] {
  const c = asObj(asObj(asObj(obj.spec)?.template)?.spec)?.containers;
  return Array.isArray(c) ? c.filter(isPlainObject) : [];
}

function selectorString(obj: KubeObject): string {
  try {
    const s = selectorToString(labelSelectorFromObject(asObj(obj.spec)?.selector ?? null));
    return s || '<none>';
  } catch {
    return '<invalid>';
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const WIDE_COLUMNS: PrinterColumn[] = [
  {
    name: 'Containers',
    type: 'string',
    jsonPath: '.spec.template.spec.containers[*].name',
    priority: 1,
    compute: (o) =>
      containersOf(o)
        .map((c) => String(c.name))
        .join(','),
  },
  {
    name: 'Images',
    type: 'string',
    jsonPath: '.spec.template.spec.containers[*].image',
    priority: 1,
    compute: (o) =>
      containersOf(o)
        .map((c) => String(c.image))
        .join(','),
  },
  { name: 'Selector', type: 'string', jsonPath: '.spec.selector', priority: 1, compute: selectorString },
];

function replicaSetResource(): ResourceDefinition {
  return {
    group: 'apps',
    versions: ['v1'],
    kind: 'ReplicaSet',
    listKind: 'ReplicaSetList',
    plural: 'replicasets',
    singular: 'replicaset',
    shortNames: ['rs'],
    categories: ['all'],
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'spec',
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.spec.selector',
      },
    },
    selectableFields: ['status.replicas'],
    printerColumns: [
      {
        name: 'Desired',
        type: 'integer',
        jsonPath: '.spec.replicas',
        compute: (o) => num(asObj(o.spec)?.replicas),
      },
      {
        name: 'Current',
        type: 'integer',
        jsonPath: '.status.replicas',
        compute: (o) => num(asObj(o.status)?.replicas),
      },
      {
        name: 'Ready',
        type: 'integer',
        jsonPath: '.status.readyReplicas',
        compute: (o) => num(asObj(o.status)?.readyReplicas),
      },
      AGE_COLUMN,
      ...WIDE_COLUMNS,
    ],
    // replicaset/strategy.go PrepareForCreate: status reset to the zero ReplicaSetStatus.
    initialStatus: () => ({ replicas: 0 }),
    defaulting: (obj) => {
      const spec = (obj.spec ??= {});
      spec.replicas ??= 1;
      defaultTemplate(spec);
    },
    // A /status write keeps the stored spec object itself, which was validated when it was stored.
    validate: (obj, old) =>
      old && obj.spec === old.spec
        ? []
        : [
            ...validateWorkloadSpec(asObj(obj.spec) ?? {}, 'deployment'),
            ...validateSelectorImmutable(obj, old),
          ],
  };
}

function deploymentResource(): ResourceDefinition {
  return {
    group: 'apps',
    versions: ['v1'],
    kind: 'Deployment',
    listKind: 'DeploymentList',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    categories: ['all'],
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'spec',
    generationOnAnnotations: true,
    statusUpdateKeeps: ['labels'],
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.spec.selector',
      },
    },
    printerColumns: [
      {
        name: 'Ready',
        type: 'string',
        jsonPath: '.status.readyReplicas',
        compute: (o) => `${num(asObj(o.status)?.readyReplicas)}/${num(asObj(o.spec)?.replicas)}`,
      },
      {
        name: 'Up-to-date',
        type: 'integer',
        jsonPath: '.status.updatedReplicas',
        compute: (o) => num(asObj(o.status)?.updatedReplicas),
      },
      {
        name: 'Available',
        type: 'integer',
        jsonPath: '.status.availableReplicas',
        compute: (o) => num(asObj(o.status)?.availableReplicas),
      },
      AGE_COLUMN,
      ...WIDE_COLUMNS,
    ],
    initialStatus: () => ({}),
    // apps/v1 defaults.go SetDefaults_Deployment
    defaulting: (obj) => {
      const spec = (obj.spec ??= {});
      spec.replicas ??= 1;
      const strategy = (asObj(spec.strategy) ?? (spec.strategy = {})) as Obj;
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = (asObj(strategy.rollingUpdate) ?? (strategy.rollingUpdate = {})) as Obj;
        ru.maxUnavailable ??= '25%';
        ru.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultTemplate(spec);
    },
    validate: (obj, old) => {
      if (old && obj.spec === old.spec) return [];
      const spec = asObj(obj.spec) ?? {};
      const errs = validateWorkloadSpec(spec, 'deployment');
      errs.push(...validateStrategy(spec.strategy));
      errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
      if (spec.progressDeadlineSeconds !== undefined) {
        errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
        if (num(spec.progressDeadlineSeconds) <= num(spec.minReadySeconds)) {
          errs.push(
            fieldInvalid(
              'spec.progressDeadlineSeconds',
              spec.progressDeadlineSeconds,
              'must be greater than minReadySeconds',
            ),
          );
        }
      }
      errs.push(...validateSelectorImmutable(obj, old));
      return errs;
    },
  };
}

/** apps/v1 resource definitions, fresh each call. */
export function appsResources(): ResourceDefinition[] {
  return [replicaSetResource(), deploymentResource()];
}
