/**
 * autoscaling/v2 HorizontalPodAutoscaler. Defaults from k8s.io/kubernetes pkg/apis/autoscaling/v2/defaults.go
 * (SetDefaults_HorizontalPodAutoscaler, SetDefaults_HorizontalPodAutoscalerBehavior), validation from
 * pkg/apis/autoscaling/validation/validation.go (ValidateHorizontalPodAutoscalerSpec, validateBehavior,
 * validateMetrics) with the upstream messages, status reset from pkg/registry/autoscaling/horizontalpodautoscaler
 * strategy.go, printer columns from kubectl's printers.go printHorizontalPodAutoscaler.
 *
 * Only Resource metrics are validated field by field; the other metric source types are accepted with their type
 * checked, and the simulated controller reports them as not simulated.
 */
import { fieldInvalid, fieldNotSupported, fieldRequired } from '../field-errors.ts';
import { isPlainObject } from '../json.ts';
import type { FieldError, ResourceDefinition } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { AGE_COLUMN } from './core.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** pkg/apis/autoscaling/types.go DefaultCPUUtilization: the metric an HPA without metrics gets. */
export const DEFAULT_CPU_UTILIZATION = 80;
/** validation.go MaxStabilizationWindowSeconds and MaxPeriodSeconds. */
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
export const MAX_PERIOD_SECONDS = 1800;

export const METRIC_SOURCE_TYPES = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'] as const;
export const METRIC_TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'] as const;
export const SCALING_POLICY_TYPES = ['Pods', 'Percent'] as const;
export const SELECT_POLICIES = ['Max', 'Min', 'Disabled'] as const;

export interface HpaScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface HpaScalingRules {
  /** Unset only for scaleDown: the controller then uses --horizontal-pod-autoscaler-downscale-stabilization. */
  stabilizationWindowSeconds?: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HpaScalingPolicy[];
}

/** defaults.go defaultHPAScaleUpRules: no window, the larger of +4 Pods and +100% per 15 s. */
export function defaultScaleUpRules(): HpaScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** defaults.go defaultHPAScaleDownRules: -100% per 15 s; the window is left to the controller's flag. */
export function defaultScaleDownRules(): HpaScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

// defaults.go copyHPAScalingRules: the fields the user set win over the defaults, one by one.
function fillRules(given: unknown, defaults: HpaScalingRules): Obj {
  const g = asObj(given);
  if (!g) return defaults as unknown as Obj;
  const out: Obj = { ...g };
  out.selectPolicy ??= defaults.selectPolicy;
  if (out.stabilizationWindowSeconds === undefined && defaults.stabilizationWindowSeconds !== undefined)
    out.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  out.policies ??= defaults.policies;
  return out;
}

function defaultHpa(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }
  // SetDefaults_HorizontalPodAutoscalerBehavior: a behavior that is set gets every unset rule filled in; an
  // unset behavior stays unset, and the controller then takes its legacy path (horizontal.go normalizeDesiredReplicas).
  const behavior = asObj(spec.behavior);
  if (behavior) {
    behavior.scaleUp = fillRules(behavior.scaleUp, defaultScaleUpRules());
    behavior.scaleDown = fillRules(behavior.scaleDown, defaultScaleDownRules());
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function validateScaleTargetRef(ref: unknown, path: string): FieldError[] {
  const r = asObj(ref);
  if (!r) return [fieldRequired(path, '')];
  const errs: FieldError[] = [];
  // validation.go ValidateCrossVersionObjectReference
  if (typeof r.kind !== 'string' || r.kind === '') errs.push(fieldRequired(`${path}.kind`, ''));
  if (typeof r.name !== 'string' || r.name === '') errs.push(fieldRequired(`${path}.name`, ''));
  return errs;
}

function validateRules(rules: unknown, path: string): FieldError[] {
  const r = asObj(rules);
  if (!r) return [];
  const errs: FieldError[] = [];
  const win = r.stabilizationWindowSeconds;
  if (win !== undefined) {
    if (!isInt(win)) errs.push(fieldInvalid(`${path}.stabilizationWindowSeconds`, win, 'must be an integer'));
    else if (win < 0)
      errs.push(
        fieldInvalid(`${path}.stabilizationWindowSeconds`, win, 'must be greater than or equal to zero'),
      );
    else if (win > MAX_STABILIZATION_WINDOW_SECONDS)
      errs.push(
        fieldInvalid(
          `${path}.stabilizationWindowSeconds`,
          win,
          `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
        ),
      );
  }
  if (r.selectPolicy !== undefined && !(SELECT_POLICIES as readonly unknown[]).includes(r.selectPolicy))
    errs.push(fieldNotSupported(`${path}.selectPolicy`, r.selectPolicy, SELECT_POLICIES));
  const policies = r.policies;
  if (policies === undefined) return errs;
  if (!Array.isArray(policies) || policies.length === 0) {
    errs.push(fieldRequired(`${path}.policies`, 'must specify at least one Policy'));
    return errs;
  }
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    const pol = asObj(p) ?? {};
    if (!(SCALING_POLICY_TYPES as readonly unknown[]).includes(pol.type))
      errs.push(fieldNotSupported(`${pp}.type`, pol.type ?? '', SCALING_POLICY_TYPES));
    if (!isInt(pol.value) || pol.value <= 0)
      errs.push(fieldInvalid(`${pp}.value`, pol.value ?? 0, 'must be greater than zero'));
    const period = pol.periodSeconds;
    if (!isInt(period) || period <= 0)
      errs.push(fieldInvalid(`${pp}.periodSeconds`, period ?? 0, 'must be greater than zero'));
    else if (period > MAX_PERIOD_SECONDS)
      errs.push(
        fieldInvalid(`${pp}.periodSeconds`, period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`),
      );
  });
  return errs;
}

function validateResourceMetric(res: unknown, path: string): FieldError[] {
  const r = asObj(res);
  if (!r) return [fieldRequired(path, 'must populate information for the given metric source')];
  const errs: FieldError[] = [];
  if (typeof r.name !== 'string' || r.name === '')
    errs.push(fieldRequired(`${path}.name`, 'must specify a resource name'));
  const target = asObj(r.target);
  if (!target) return [...errs, fieldRequired(`${path}.target`, '')];
  // validation.go validateMetricTarget
  if (!(METRIC_TARGET_TYPES as readonly unknown[]).includes(target.type)) {
    errs.push(fieldNotSupported(`${path}.target.type`, target.type ?? '', METRIC_TARGET_TYPES));
    return errs;
  }
  const util = target.averageUtilization;
  if (util !== undefined && (!isInt(util) || util < 1))
    errs.push(fieldInvalid(`${path}.target.averageUtilization`, util, 'must be greater than 0'));
  if (target.type === 'Utilization' && util === undefined)
    errs.push(
      fieldRequired(
        `${path}.target.averageUtilization`,
        'must set either a target raw value or a target utilization',
      ),
    );
  if (target.type !== 'Utilization' && target.value === undefined && target.averageValue === undefined)
    errs.push(fieldRequired(`${path}.target`, 'must set either a target raw value or a target utilization'));
  return errs;
}

function validateSpec(spec: Obj): FieldError[] {
  const errs = validateScaleTargetRef(spec.scaleTargetRef, 'spec.scaleTargetRef');
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (min !== undefined && (!isInt(min) || min < 1))
    errs.push(fieldInvalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max === undefined) errs.push(fieldRequired('spec.maxReplicas', ''));
  else if (!isInt(max) || max < 1) errs.push(fieldInvalid('spec.maxReplicas', max, 'must be greater than 0'));
  else if (isInt(min) && min > max)
    errs.push(fieldInvalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const metrics = spec.metrics;
  if (metrics !== undefined && !Array.isArray(metrics))
    errs.push(fieldInvalid('spec.metrics', metrics, 'must be a list of metric specs'));
  (Array.isArray(metrics) ? metrics : []).forEach((m, i) => {
    const path = `spec.metrics[${i}]`;
    const metric = asObj(m) ?? {};
    if (metric.type === undefined || metric.type === '') {
      errs.push(fieldRequired(`${path}.type`, 'must specify a metric source type'));
      return;
    }
    if (!(METRIC_SOURCE_TYPES as readonly unknown[]).includes(metric.type)) {
      errs.push(fieldNotSupported(`${path}.type`, metric.type, METRIC_SOURCE_TYPES));
      return;
    }
    if (metric.type === 'Resource') errs.push(...validateResourceMetric(metric.resource, `${path}.resource`));
  });
  const behavior = asObj(spec.behavior);
  if (behavior) {
    errs.push(...validateRules(behavior.scaleUp, 'spec.behavior.scaleUp'));
    errs.push(...validateRules(behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}

/** kubectl printers.go formatHPAMetrics, for the one metric kind the simulator computes. */
function targetsColumn(o: KubeObject): string {
  const metrics = Array.isArray(o.spec?.metrics) ? (o.spec.metrics as Obj[]) : [];
  const current = Array.isArray(o.status?.currentMetrics) ? (o.status.currentMetrics as Obj[]) : [];
  if (metrics.length === 0) return '<none>';
  return metrics
    .map((m, i) => {
      const res = asObj(m.resource);
      const target = asObj(res?.target);
      if (m.type !== 'Resource' || !res || target?.averageUtilization === undefined) return '<unsupported>';
      const cur = asObj(asObj(asObj(current[i])?.resource)?.current)?.averageUtilization;
      return `${String(res.name)}: ${cur === undefined ? '<unknown>' : `${String(cur)}%`}/${String(target.averageUtilization)}%`;
    })
    .join(', ');
}

function hpaResource(): ResourceDefinition {
  return {
    group: 'autoscaling',
    versions: ['v2'],
    kind: 'HorizontalPodAutoscaler',
    listKind: 'HorizontalPodAutoscalerList',
    plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    shortNames: ['hpa'],
    categories: ['all'],
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'spec',
    subresources: { status: true },
    printerColumns: [
      {
        name: 'Reference',
        type: 'string',
        jsonPath: '.spec.scaleTargetRef.name',
        compute: (o) => {
          const ref = asObj(o.spec?.scaleTargetRef);
          return `${String(ref?.kind ?? '')}/${String(ref?.name ?? '')}`;
        },
      },
      { name: 'Targets', type: 'string', jsonPath: '.spec.metrics', compute: targetsColumn },
      {
        name: 'MinPods',
        type: 'integer',
        jsonPath: '.spec.minReplicas',
        compute: (o) => num(o.spec?.minReplicas),
      },
      {
        name: 'MaxPods',
        type: 'integer',
        jsonPath: '.spec.maxReplicas',
        compute: (o) => num(o.spec?.maxReplicas),
      },
      {
        name: 'Replicas',
        type: 'integer',
        jsonPath: '.status.currentReplicas',
        compute: (o) => num(o.status?.currentReplicas) ?? 0,
      },
      AGE_COLUMN,
    ],
    // horizontalpodautoscaler/strategy.go PrepareForCreate: the status starts empty (desiredReplicas has no omitempty).
    initialStatus: () => ({ desiredReplicas: 0 }),
    defaulting: defaultHpa,
    validate: (obj, old) => (old && obj.spec === old.spec ? [] : validateSpec(asObj(obj.spec) ?? {})),
  };
}

/** autoscaling/v2 resource definitions, fresh each call. */
export function autoscalingResources(): ResourceDefinition[] {
  return [hpaResource()];
}
