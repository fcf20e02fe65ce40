import { describe, expect, it } from 'vitest';
import { aggregateFieldErrors } from '../field-errors.ts';
import { getPath } from '../json-path.ts';
import type { ResourceDefinition } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { appsResources, MAX_REPLICAS } from './apps.ts';

const def = (kind: string): ResourceDefinition => appsResources().find((d) => d.kind === kind)!;

const workload = (kind: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    ...spec,
  },
});

const errorsOf = (kind: string, obj: KubeObject, old?: KubeObject) => {
  const d = def(kind);
  d.defaulting?.(obj);
  return aggregateFieldErrors(d.validate!(obj, old));
};

describe('apps/v1 defaults (apps/v1 defaults.go)', () => {
  it('Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600', () => {
    const d = workload('Deployment', {});
    def('Deployment').defaulting!(d);
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });
  it('ReplicaSet: replicas 1; the pod template gets PodSpec defaults', () => {
    const rs = workload('ReplicaSet', {});
    def('ReplicaSet').defaulting!(rs);
    expect(getPath(rs, '.spec.replicas')).toBe(1);
    expect(getPath(rs, '.spec.template.spec.restartPolicy')).toBe('Always');
  });
});

describe('apps/v1 validation (apps validation.go)', () => {
  it('spec.selector is required', () => {
    expect(errorsOf('ReplicaSet', workload('ReplicaSet', { selector: undefined }))).toBe(
      'spec.selector: Required value',
    );
  });
  it('the selector must match the template labels, with the upstream message', () => {
    const rs = workload('ReplicaSet', {
      template: {
        metadata: { labels: { tier: 'nginx' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
      selector: { matchLabels: { tier: 'frontend' } },
    });
    expect(errorsOf('ReplicaSet', rs)).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"tier":"nginx"}: `selector` does not match template `labels`',
    );
  });
  it('an empty selector is invalid', () => {
    expect(errorsOf('Deployment', workload('Deployment', { selector: {} }))).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });
  it('replicas must be >= 0 and within the simulator limit', () => {
    expect(errorsOf('ReplicaSet', workload('ReplicaSet', { replicas: -1 }))).toBe(
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(errorsOf('ReplicaSet', workload('ReplicaSet', { replicas: MAX_REPLICAS + 1 }))).toBe(
      'spec.replicas: Invalid value: 100001: must be less than or equal to 100000 (a limit of this simulator; Kubernetes allows up to 2147483647)',
    );
    expect(errorsOf('ReplicaSet', workload('ReplicaSet', { replicas: MAX_REPLICAS }))).toBe('');
  });
  it('template restartPolicy must be Always', () => {
    const rs = workload('ReplicaSet', {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
    expect(errorsOf('ReplicaSet', rs)).toBe(
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });
  it('Deployment strategy: maxSurge and maxUnavailable cannot both be 0; percents need a %', () => {
    expect(
      errorsOf(
        'Deployment',
        workload('Deployment', {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
        }),
      ),
    ).toBe(
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    );
    expect(
      errorsOf(
        'Deployment',
        workload('Deployment', {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10x', maxUnavailable: 1 } },
        }),
      ),
    ).toMatch(
      /^spec\.strategy\.rollingUpdate\.maxSurge: Invalid value: intstr\.IntOrString\{Type:1, IntVal:0, StrVal:"10x"\}: a valid percent string/,
    );
    expect(
      errorsOf('Deployment', workload('Deployment', { strategy: { type: 'Recreate', rollingUpdate: {} } })),
    ).toBe("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
  });
  it('progressDeadlineSeconds must exceed minReadySeconds', () => {
    expect(errorsOf('Deployment', workload('Deployment', { minReadySeconds: 700 }))).toBe(
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    );
  });
  it('apps/v1 selectors are immutable', () => {
    const old = workload('ReplicaSet', {});
    const next = workload('ReplicaSet', {
      selector: { matchLabels: { app: 'web', v: '2' } },
      template: {
        metadata: { labels: { app: 'web', v: '2' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
    expect(errorsOf('ReplicaSet', next, old)).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
  it('printer columns: Deployment READY is ready/desired, RS counts default to 0', () => {
    const d = workload('Deployment', { replicas: 3 });
    d.status = { readyReplicas: 2 };
    expect(def('Deployment').printerColumns!.find((c) => c.name === 'Ready')!.compute!(d)).toBe('2/3');
    expect(
      def('ReplicaSet').printerColumns!.find((c) => c.name === 'Current')!.compute!(
        workload('ReplicaSet', {}),
      ),
    ).toBe(0);
    expect(
      def('ReplicaSet').printerColumns!.find((c) => c.name === 'Selector')!.compute!(
        workload('ReplicaSet', {}),
      ),
    ).toBe('app=web');
  });
});
