import { describe, expect, it } from 'vitest';
import { cloneJson } from '../json.ts';
import type { KubeObject } from '../types.ts';
import {
  DEFAULT_MHC_UNHEALTHY_LESS_THAN_OR_EQUAL_TO,
  defaultCluster,
  defaultClusterResourceSet,
  defaultKubeadmControlPlane,
  defaultMachine,
  defaultMachineDeployment,
  defaultMachineHealthCheck,
  defaultMachinePool,
  defaultMachineSet,
} from './capi-defaults.ts';
import { mustFormatLabelValue } from './capi-labels.ts';

const MIN = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
const MAX = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';

function md(spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: { name: 'demo-md-0', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: {
      clusterName: 'demo',
      selector: {},
      template: { spec: { clusterName: 'demo', version: '1.35.0' } },
      ...spec,
    },
  };
}

describe('defaultMachineDeployment (core/webhooks/admission/machinedeployment.go Default)', () => {
  it('fills replicas 1, RollingUpdate with maxSurge 1 / maxUnavailable 0, the selector, labels and the v prefix', () => {
    const obj = md();
    defaultMachineDeployment(obj);
    expect(obj.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'demo' });
    expect(obj.spec).toEqual({
      clusterName: 'demo',
      replicas: 1,
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
      selector: {
        matchLabels: {
          'cluster.x-k8s.io/deployment-name': 'demo-md-0',
          'cluster.x-k8s.io/cluster-name': 'demo',
        },
      },
      template: {
        metadata: {
          labels: {
            'cluster.x-k8s.io/deployment-name': 'demo-md-0',
            'cluster.x-k8s.io/cluster-name': 'demo',
          },
        },
        spec: { clusterName: 'demo', version: 'v1.35.0' },
      },
    });
  });

  it('keeps what the user set and only adds the cluster-name label to a non-empty selector', () => {
    const obj = md({
      replicas: 0,
      selector: { matchLabels: { pool: 'a' } },
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } },
      template: { metadata: { labels: { pool: 'a' } }, spec: { clusterName: 'demo', version: 'v1.34.1' } },
    });
    defaultMachineDeployment(obj);
    expect(obj.spec?.replicas).toBe(0);
    expect(obj.spec?.selector).toEqual({
      matchLabels: { pool: 'a', 'cluster.x-k8s.io/cluster-name': 'demo' },
    });
    expect(obj.spec?.rollout).toEqual({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    });
  });

  it('treats a null matchLabels (as in "selector: {matchLabels:}" YAML) as empty', () => {
    const obj = md({ selector: { matchLabels: null } });
    defaultMachineDeployment(obj);
    expect(obj.spec?.selector).toEqual({
      matchLabels: {
        'cluster.x-k8s.io/deployment-name': 'demo-md-0',
        'cluster.x-k8s.io/cluster-name': 'demo',
      },
    });
  });

  it('gives OnDelete no rolling-update parameters', () => {
    const obj = md({ rollout: { strategy: { type: 'OnDelete' } } });
    defaultMachineDeployment(obj);
    expect(obj.spec?.rollout).toEqual({ strategy: { type: 'OnDelete' } });
  });

  it('a selector with only matchExpressions is not empty: no deployment-name label is added', () => {
    const obj = md({ selector: { matchExpressions: [{ key: 'pool', operator: 'Exists' }] } });
    defaultMachineDeployment(obj);
    expect(obj.spec?.selector).toEqual({
      matchExpressions: [{ key: 'pool', operator: 'Exists' }],
      matchLabels: { 'cluster.x-k8s.io/cluster-name': 'demo' },
    });
  });

  // calculateMachineDeploymentReplicas
  it('defaults replicas from the autoscaler min size on create', () => {
    const obj = md({}, { [MIN]: '3', [MAX]: '7' });
    defaultMachineDeployment(obj);
    expect(obj.spec?.replicas).toBe(3);
  });

  it('on update clamps the old replicas into [min, max] when replicas is dropped', () => {
    const cases: [number, number][] = [
      [1, 3],
      [5, 5],
      [9, 7],
    ];
    for (const [oldReplicas, expected] of cases) {
      const old = md({ replicas: oldReplicas });
      const obj = md({}, { [MIN]: '3', [MAX]: '7' });
      defaultMachineDeployment(obj, old);
      expect(obj.spec?.replicas).toBe(expected);
    }
  });

  it('needs both autoscaler annotations and leaves replicas unset when one does not parse', () => {
    const onlyMin = md({}, { [MIN]: '3' });
    defaultMachineDeployment(onlyMin);
    expect(onlyMin.spec?.replicas).toBe(1);
    const bad = md({}, { [MIN]: 'three', [MAX]: '7' });
    defaultMachineDeployment(bad);
    expect(bad.spec?.replicas).toBeUndefined();
  });

  it('is idempotent', () => {
    const once = md();
    defaultMachineDeployment(once);
    const twice = cloneJson(once);
    defaultMachineDeployment(twice);
    expect(twice).toEqual(once);
  });

  it('leaves a malformed spec for validation to report', () => {
    const obj = { ...md(), spec: 'oops' } as unknown as KubeObject;
    expect(() => defaultMachineDeployment(obj)).not.toThrow();
    expect(obj.spec).toBe('oops');
  });
});

describe('defaultMachineSet (core/webhooks/admission/machineset.go Default)', () => {
  it('defaults replicas and the set-name selector, but not the selector’s cluster-name', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineSet',
      metadata: { name: 'ms-1' },
      spec: { clusterName: 'demo', template: { spec: { clusterName: 'demo', version: '1.34.0' } } },
    };
    defaultMachineSet(obj);
    expect(obj.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'demo' });
    expect(obj.spec).toEqual({
      clusterName: 'demo',
      replicas: 1,
      selector: { matchLabels: { 'cluster.x-k8s.io/set-name': 'ms-1' } },
      template: {
        metadata: { labels: { 'cluster.x-k8s.io/set-name': 'ms-1' } },
        spec: { clusterName: 'demo', version: 'v1.34.0' },
      },
    });
  });

  it('hashes a name that is not a valid label value (util/labels/format MustFormatValue)', () => {
    const name = `ms-${'x'.repeat(70)}`;
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineSet',
      metadata: { name },
      spec: { clusterName: 'demo', template: { spec: {} } },
    };
    defaultMachineSet(obj);
    const value = (obj.spec?.selector as { matchLabels: Record<string, string> }).matchLabels[
      'cluster.x-k8s.io/set-name'
    ];
    expect(value).toBe(mustFormatLabelValue(name));
    expect(value).toMatch(/^hash_[A-Za-z0-9_-]{6}_z$/);
  });
});

describe('defaultMachine (core/webhooks/admission/machine.go Default)', () => {
  it('adds the cluster-name label, the v prefix and nodeDeletionTimeoutSeconds 10', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Machine',
      metadata: { name: 'm', labels: { keep: 'me' } },
      spec: { clusterName: 'demo', version: '1.35.0' },
    };
    defaultMachine(obj);
    expect(obj.metadata.labels).toEqual({ keep: 'me', 'cluster.x-k8s.io/cluster-name': 'demo' });
    expect(obj.spec).toEqual({
      clusterName: 'demo',
      version: 'v1.35.0',
      deletion: { nodeDeletionTimeoutSeconds: 10 },
    });
  });

  it('keeps an explicit 0 (retry forever)', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Machine',
      metadata: { name: 'm' },
      spec: { clusterName: 'demo', deletion: { nodeDeletionTimeoutSeconds: 0 } },
    };
    defaultMachine(obj);
    expect(obj.spec?.deletion).toEqual({ nodeDeletionTimeoutSeconds: 0 });
  });
});

describe('defaultMachinePool (core/webhooks/admission/machinepool.go Default)', () => {
  it('defaults replicas, the template deletion timeout and version prefix', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachinePool',
      metadata: { name: 'mp' },
      spec: { clusterName: 'demo', template: { spec: { clusterName: 'demo', version: '1.33.2' } } },
    };
    defaultMachinePool(obj);
    expect(obj.spec).toEqual({
      clusterName: 'demo',
      replicas: 1,
      template: {
        spec: { clusterName: 'demo', version: 'v1.33.2', deletion: { nodeDeletionTimeoutSeconds: 10 } },
      },
    });
  });
});

describe('defaultMachineHealthCheck (core/webhooks/admission/machinehealthcheck.go Default)', () => {
  it('stores checks.nodeStartupTimeoutSeconds 600 and leaves unhealthyLessThanOrEqualTo to the controller', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineHealthCheck',
      metadata: { name: 'mhc' },
      spec: { clusterName: 'demo', selector: { matchLabels: { a: 'b' } } },
    };
    defaultMachineHealthCheck(obj);
    expect(obj.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'demo' });
    expect(obj.spec).toEqual({
      clusterName: 'demo',
      selector: { matchLabels: { a: 'b' } },
      checks: { nodeStartupTimeoutSeconds: 600 },
    });
    expect(DEFAULT_MHC_UNHEALTHY_LESS_THAN_OR_EQUAL_TO).toBe('100%');
  });
});

describe('defaultKubeadmControlPlane (controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go Default)', () => {
  it('defaults replicas 1, RollingUpdate with maxSurge 1 and the v prefix', () => {
    const obj: KubeObject = {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: 'cp' },
      spec: { version: '1.35.0' },
    };
    defaultKubeadmControlPlane(obj);
    expect(obj.spec).toEqual({
      replicas: 1,
      version: 'v1.35.0',
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    });
  });

  it('forces the strategy type to RollingUpdate and keeps maxSurge 0', () => {
    const obj: KubeObject = {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: 'cp' },
      spec: {
        replicas: 3,
        version: 'v1.35.0',
        rollout: { strategy: { type: 'Other', rollingUpdate: { maxSurge: 0 } } },
      },
    };
    defaultKubeadmControlPlane(obj);
    expect(obj.spec?.rollout).toEqual({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } },
    });
  });
});

describe('defaultCluster and defaultClusterResourceSet', () => {
  it('prefixes the topology version with v (core/webhooks/admission/cluster.go Default)', () => {
    const obj: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'c' },
      spec: { topology: { classRef: { name: 'quick-start' }, version: '1.35.0' } },
    };
    defaultCluster(obj);
    expect(obj.spec?.topology).toEqual({ classRef: { name: 'quick-start' }, version: 'v1.35.0' });
  });

  it('defaults a ClusterResourceSet strategy to ApplyOnce (core/webhooks/admission/clusterresourceset.go Default)', () => {
    const obj: KubeObject = {
      apiVersion: 'addons.cluster.x-k8s.io/v1beta2',
      kind: 'ClusterResourceSet',
      metadata: { name: 'crs' },
      spec: { clusterSelector: { matchLabels: { cni: 'calico' } } },
    };
    defaultClusterResourceSet(obj);
    expect(obj.spec?.strategy).toBe('ApplyOnce');
  });
});
