import { describe, expect, it } from 'vitest';
import { aggregateFieldErrors } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { autoscalingResources } from './autoscaling.ts';

const def = autoscalingResources()[0]!;
const hpa = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web' },
    maxReplicas: 10,
    ...spec,
  },
});
const errorsOf = (obj: KubeObject) => {
  def.defaulting!(obj);
  return aggregateFieldErrors(def.validate!(obj));
};

describe('autoscaling/v2 defaults (pkg/apis/autoscaling/v2/defaults.go)', () => {
  it('minReplicas 1 and a cpu 80% metric; behavior stays unset when not given', () => {
    const o = hpa({});
    def.defaulting!(o);
    expect(o.spec?.minReplicas).toBe(1);
    expect(o.spec?.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
    expect(o.spec?.behavior).toBeUndefined();
  });
  it('a behavior that is set gets the default rules; the scale-down window stays unset for the controller flag', () => {
    const o = hpa({ behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    def.defaulting!(o);
    expect(o.spec?.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
    });
  });
});

describe('autoscaling/v2 validation (pkg/apis/autoscaling/validation/validation.go)', () => {
  it('accepts a Resource cpu Utilization HPA', () => {
    expect(
      errorsOf(
        hpa({
          minReplicas: 2,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
            },
          ],
        }),
      ),
    ).toBe('');
  });
  it('scaleTargetRef kind and name are required', () => {
    expect(errorsOf(hpa({ scaleTargetRef: { apiVersion: 'apps/v1' } }))).toBe(
      '[spec.scaleTargetRef.kind: Required value, spec.scaleTargetRef.name: Required value]',
    );
  });
  it('minReplicas >= 1, maxReplicas > 0 and >= minReplicas', () => {
    expect(errorsOf(hpa({ minReplicas: 0 }))).toBe(
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    );
    expect(errorsOf(hpa({ minReplicas: 5, maxReplicas: 3 }))).toBe(
      'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`',
    );
    expect(errorsOf(hpa({ maxReplicas: 0 }))).toBe(
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    );
  });
  it('metric type, target type and averageUtilization are checked', () => {
    expect(errorsOf(hpa({ metrics: [{ type: 'Cpu' }] }))).toContain(
      'spec.metrics[0].type: Unsupported value: "Cpu"',
    );
    expect(
      errorsOf(
        hpa({
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } },
            },
          ],
        }),
      ),
    ).toBe('spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
  });
  it('behavior windows and policies are bounded', () => {
    expect(
      errorsOf(
        hpa({
          behavior: {
            scaleDown: {
              stabilizationWindowSeconds: 4000,
              policies: [{ type: 'Percent', value: 0, periodSeconds: 2000 }],
            },
          },
        }),
      ),
    ).toBe(
      '[spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600, ' +
        'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero, ' +
        'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 2000: must be less than or equal to 1800]',
    );
  });
});
