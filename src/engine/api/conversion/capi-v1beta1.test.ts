/**
 * v1beta1 ⇄ v1beta2 conversion, checked against CAPI's conversion webhooks (core/webhooks/conversion/*.go,
 * api/core/v1beta1/conversion.go, controlplane/kubeadm/webhooks/conversion/kubeadmcontrolplane.go). The
 * v1beta1 documents are written the way clusterctl quickstart templates of the v1.10 era wrote them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isApiError, type KubeObject } from '../types.ts';
import { createRegistry } from '../registry.ts';
import { capiResources } from '../resources/capi.ts';
import { infrastructureResolver } from '../resources/capi-infrastructure.ts';
import {
  apiVersionLookupFromRegistry,
  capiV1beta1ToV1beta2,
  capiV1beta2ToV1beta1,
  createCapiConverters,
  type ApiVersionLookup,
} from './capi-v1beta1.ts';

const NS = 'quickstart';

function meta(name: string): KubeObject['metadata'] {
  return { name, namespace: NS, labels: { team: 'blue' }, annotations: { note: 'kept' } };
}

/** A registry that knows the CAPI kinds and, as a v1.10 management cluster would, Docker provider v1beta1 kinds. */
function lookup(): ApiVersionLookup {
  const registry = createRegistry();
  for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) }))
    registry.register(def);
  registry.addResolver(infrastructureResolver);
  for (const kind of ['DockerCluster', 'DockerMachineTemplate', 'DockerMachine']) {
    registry.byKind('infrastructure.cluster.x-k8s.io/v1beta1', kind);
  }
  return apiVersionLookupFromRegistry(registry);
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const clusterV1beta1 = (): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'Cluster',
  metadata: meta('capi-quickstart'),
  spec: {
    clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] }, serviceDomain: 'cluster.local' },
    infrastructureRef: {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'DockerCluster',
      namespace: NS,
      name: 'capi-quickstart',
    },
    controlPlaneRef: {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      namespace: NS,
      name: 'capi-quickstart-control-plane',
    },
    futureField: { keep: true },
  },
  status: {
    phase: 'Provisioned',
    infrastructureReady: true,
    controlPlaneReady: false,
    failureDomains: { fd2: { controlPlane: false }, fd1: { controlPlane: true, attributes: { zone: 'a' } } },
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    v1beta2: { conditions: [{ type: 'Available', status: 'False', reason: 'NotAvailable' }] },
  },
});

const machineDeploymentV1beta1 = (): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'MachineDeployment',
  metadata: meta('capi-quickstart-md-0'),
  spec: {
    clusterName: 'capi-quickstart',
    replicas: 3,
    minReadySeconds: 10,
    selector: { matchLabels: null },
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0, deletePolicy: 'Oldest' },
      remediation: { maxInFlight: '50%' },
    },
    rolloutAfter: '2026-02-01T00:00:00Z',
    machineNamingStrategy: { template: '{{ .machineSet.name }}-{{ .random }}' },
    template: {
      metadata: { labels: { pool: 'a' } },
      spec: {
        clusterName: 'capi-quickstart',
        version: 'v1.32.0',
        nodeDrainTimeout: '5m0s',
        nodeDeletionTimeout: '10s',
        bootstrap: {
          configRef: {
            apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
            kind: 'KubeadmConfigTemplate',
            namespace: NS,
            name: 'capi-quickstart-md-0',
          },
        },
        infrastructureRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'DockerMachineTemplate',
          namespace: NS,
          name: 'capi-quickstart-md-0',
        },
      },
    },
  },
});

describe('capiV1beta1ToV1beta2', () => {
  it('Cluster: references become {apiGroup, kind, name}; status moves to v1beta2 places', () => {
    const up = capiV1beta1ToV1beta2(clusterV1beta1());
    expect(up.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(up.metadata).toEqual(meta('capi-quickstart'));
    expect(up.spec).toEqual({
      clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] }, serviceDomain: 'cluster.local' },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'DockerCluster',
        name: 'capi-quickstart',
      },
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: 'capi-quickstart-control-plane',
      },
      futureField: { keep: true },
    });
    expect(up.status).toEqual({
      phase: 'Provisioned',
      initialization: { infrastructureProvisioned: true },
      // Convert_v1beta1_ClusterStatus_To_v1beta2_ClusterStatus sorts failure domains by name.
      failureDomains: [
        { name: 'fd1', controlPlane: true, attributes: { zone: 'a' } },
        { name: 'fd2', controlPlane: false },
      ],
      conditions: [{ type: 'Available', status: 'False', reason: 'NotAvailable' }],
      deprecated: {
        v1beta1: {
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
        },
      },
    });
  });

  it('MachineDeployment: strategy → rollout, deletePolicy → deletion.order, minReadySeconds → template, timeouts → seconds', () => {
    const up = capiV1beta1ToV1beta2(machineDeploymentV1beta1());
    expect(up.spec).toEqual({
      clusterName: 'capi-quickstart',
      replicas: 3,
      selector: { matchLabels: null },
      rollout: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        after: '2026-02-01T00:00:00Z',
      },
      deletion: { order: 'Oldest' },
      remediation: { maxInFlight: '50%' },
      machineNaming: { template: '{{ .machineSet.name }}-{{ .random }}' },
      template: {
        metadata: { labels: { pool: 'a' } },
        spec: {
          clusterName: 'capi-quickstart',
          version: 'v1.32.0',
          minReadySeconds: 10,
          deletion: { nodeDrainTimeoutSeconds: 300, nodeDeletionTimeoutSeconds: 10 },
          bootstrap: {
            configRef: {
              apiGroup: 'bootstrap.cluster.x-k8s.io',
              kind: 'KubeadmConfigTemplate',
              name: 'capi-quickstart-md-0',
            },
          },
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'DockerMachineTemplate',
            name: 'capi-quickstart-md-0',
          },
        },
      },
    });
  });

  it('MachineDeployment: drops revisionHistoryLimit and progressDeadlineSeconds, as upstream does', () => {
    const md = machineDeploymentV1beta1();
    md.spec!.revisionHistoryLimit = 1;
    md.spec!.progressDeadlineSeconds = 600;
    const up = capiV1beta1ToV1beta2(md);
    expect(up.spec).not.toHaveProperty('revisionHistoryLimit');
    expect(up.spec).not.toHaveProperty('progressDeadlineSeconds');
  });

  it('MachineHealthCheck: checks.* and remediation.triggerIf.* with durations in seconds', () => {
    const up = capiV1beta1ToV1beta2({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineHealthCheck',
      metadata: meta('capi-quickstart-mhc'),
      spec: {
        clusterName: 'capi-quickstart',
        maxUnhealthy: '40%',
        unhealthyRange: '[1-3]',
        nodeStartupTimeout: '10m',
        selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': 'capi-quickstart-md-0' } },
        unhealthyConditions: [
          { type: 'Ready', status: 'Unknown', timeout: '300s' },
          { type: 'Ready', status: 'False', timeout: '5m' },
        ],
        remediationTemplate: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'DockerRemediationTemplate',
          name: 'rt',
          namespace: NS,
        },
      },
    });
    expect(up.spec).toEqual({
      clusterName: 'capi-quickstart',
      selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': 'capi-quickstart-md-0' } },
      checks: {
        nodeStartupTimeoutSeconds: 600,
        unhealthyNodeConditions: [
          { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
          { type: 'Ready', status: 'False', timeoutSeconds: 300 },
        ],
      },
      remediation: {
        triggerIf: { unhealthyLessThanOrEqualTo: '40%', unhealthyInRange: '[1-3]' },
        templateRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'DockerRemediationTemplate',
          name: 'rt',
        },
      },
    });
  });

  it('KubeadmControlPlane: machineTemplate fields move under machineTemplate.spec; rollout and remediation renamed', () => {
    const up = capiV1beta1ToV1beta2({
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
      kind: 'KubeadmControlPlane',
      metadata: meta('capi-quickstart-control-plane'),
      spec: {
        replicas: 3,
        version: 'v1.32.0',
        machineTemplate: {
          metadata: { labels: { tier: 'cp' } },
          infrastructureRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'DockerMachineTemplate',
            namespace: NS,
            name: 'capi-quickstart-control-plane',
          },
          nodeDrainTimeout: '1m',
        },
        rolloutStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        rolloutBefore: { certificatesExpiryDays: 21 },
        remediationStrategy: { maxRetry: 5, retryPeriod: '5m', minHealthyPeriod: '2h' },
        kubeadmConfigSpec: { clusterConfiguration: { apiServer: { certSANs: ['localhost'] } } },
      },
      status: { initialized: true, ready: true, readyReplicas: 3, replicas: 3, version: 'v1.32.0' },
    });
    expect(up.spec).toEqual({
      replicas: 3,
      version: 'v1.32.0',
      machineTemplate: {
        metadata: { labels: { tier: 'cp' } },
        spec: {
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'DockerMachineTemplate',
            name: 'capi-quickstart-control-plane',
          },
          deletion: { nodeDrainTimeoutSeconds: 60 },
        },
      },
      rollout: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        before: { certificatesExpiryDays: 21 },
      },
      remediation: { maxRetry: 5, retryPeriodSeconds: 300, minHealthyPeriodSeconds: 7200 },
      kubeadmConfigSpec: { clusterConfiguration: { apiServer: { certSANs: ['localhost'] } } },
    });
    // Old readyReplicas counted Nodes: it moves to deprecated rather than pretending to be the new counter.
    expect(up.status).toEqual({
      replicas: 3,
      version: 'v1.32.0',
      initialization: { controlPlaneInitialized: true },
      deprecated: { v1beta1: { readyReplicas: 3 } },
    });
  });

  it('Machine: nodeRef keeps only the name; readiness booleans become status.initialization', () => {
    const up = capiV1beta1ToV1beta2({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'Machine',
      metadata: meta('m-1'),
      spec: {
        clusterName: 'capi-quickstart',
        bootstrap: { dataSecretName: 'm-1' },
        infrastructureRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'DockerMachine',
          name: 'm-1',
        },
      },
      status: {
        phase: 'Running',
        bootstrapReady: true,
        infrastructureReady: false,
        nodeRef: { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'abc' },
        failureReason: 'UpdateError',
      },
    });
    expect(up.status).toEqual({
      phase: 'Running',
      initialization: { bootstrapDataSecretCreated: true },
      nodeRef: { name: 'node-1' },
      deprecated: { v1beta1: { failureReason: 'UpdateError' } },
    });
  });

  it('KubeadmConfig: status.ready becomes initialization.dataSecretCreated; the spec passes through', () => {
    const spec = { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: { 'eviction-hard': 'x' } } } };
    const up = capiV1beta1ToV1beta2({
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1',
      kind: 'KubeadmConfig',
      metadata: meta('m-1'),
      spec,
      status: { ready: true, dataSecretName: 'm-1' },
    });
    expect(up.spec).toEqual(spec);
    expect(up.status).toEqual({ dataSecretName: 'm-1', initialization: { dataSecretCreated: true } });
  });

  it('never changes its input', () => {
    const input = deepFreeze(machineDeploymentV1beta1());
    expect(() => capiV1beta1ToV1beta2(input)).not.toThrow();
    const cluster = deepFreeze(clusterV1beta1());
    expect(() => capiV1beta2ToV1beta1(capiV1beta1ToV1beta2(cluster))).not.toThrow();
  });

  it('fails like a conversion webhook (500 InternalError) on a bad duration, naming the field', () => {
    const md = machineDeploymentV1beta1();
    (md.spec!.template as { spec: Record<string, unknown> }).spec.nodeDrainTimeout = '5 minutes';
    let thrown: unknown;
    try {
      capiV1beta1ToV1beta2(md);
    } catch (e) {
      thrown = e;
    }
    expect(isApiError(thrown)).toBe(true);
    if (!isApiError(thrown)) return;
    expect(thrown.code).toBe(500);
    expect(thrown.reason).toBe('InternalError');
    expect(thrown.message).toBe(
      'Internal error occurred: conversion webhook for cluster.x-k8s.io/v1beta1, Kind=MachineDeployment failed: ' +
        'spec.template.spec.nodeDrainTimeout: time: invalid duration "5 minutes"',
    );
  });

  it('rejects a reference apiVersion with more than one slash (schema.ParseGroupVersion)', () => {
    const cluster = clusterV1beta1();
    (cluster.spec!.infrastructureRef as Record<string, unknown>).apiVersion = 'a/b/c';
    expect(() => capiV1beta1ToV1beta2(cluster)).toThrow(/failed to parse apiVersion/);
  });
});

describe('round trips', () => {
  it.each([
    ['Cluster', clusterV1beta1],
    ['MachineDeployment', machineDeploymentV1beta1],
  ])('%s v1beta1 → v1beta2 → v1beta1 gives the spec back', (_kind, make) => {
    const original = make();
    const back = capiV1beta2ToV1beta1(capiV1beta1ToV1beta2(original), lookup());
    expect(back.apiVersion).toBe(original.apiVersion);
    expect(back.metadata).toEqual(original.metadata);
    expect(back.spec).toEqual(original.spec);
  });

  it('Cluster status round-trips the fields v1beta1 shows', () => {
    const original = clusterV1beta1();
    const back = capiV1beta2ToV1beta1(capiV1beta1ToV1beta2(original), lookup());
    expect(back.status).toEqual(original.status);
  });

  it('MachineSet v1beta1 → v1beta2 → v1beta1', () => {
    const original: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineSet',
      metadata: meta('ms-1'),
      spec: {
        clusterName: 'capi-quickstart',
        replicas: 2,
        minReadySeconds: 30,
        deletePolicy: 'Newest',
        selector: { matchLabels: { pool: 'a' } },
        template: {
          metadata: { labels: { pool: 'a' } },
          spec: {
            clusterName: 'capi-quickstart',
            bootstrap: { dataSecretName: 'static-bootstrap' },
            infrastructureRef: {
              apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
              kind: 'DockerMachineTemplate',
              namespace: NS,
              name: 'tpl',
            },
            nodeVolumeDetachTimeout: '1h0m0s',
          },
        },
      },
      status: {
        replicas: 2,
        readyReplicas: 1,
        availableReplicas: 1,
        v1beta2: { readyReplicas: 2, availableReplicas: 1, upToDateReplicas: 2 },
      },
    };
    const up = capiV1beta1ToV1beta2(original);
    expect(up.spec).toMatchObject({
      deletion: { order: 'Newest' },
      template: { spec: { minReadySeconds: 30, deletion: { nodeVolumeDetachTimeoutSeconds: 3600 } } },
    });
    expect(up.status).toEqual({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 1,
      upToDateReplicas: 2,
      deprecated: { v1beta1: { readyReplicas: 1, availableReplicas: 1 } },
    });
    const back = capiV1beta2ToV1beta1(up, lookup());
    expect(back.spec).toEqual(original.spec);
    expect(back.status).toEqual(original.status);
  });

  it('KubeadmControlPlane and MachineHealthCheck v1beta1 specs round-trip in canonical duration form', () => {
    const kcp: KubeObject = {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
      kind: 'KubeadmControlPlane',
      metadata: meta('cp'),
      spec: {
        replicas: 3,
        version: 'v1.32.0',
        machineTemplate: {
          infrastructureRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'DockerMachineTemplate',
            namespace: NS,
            name: 'cp',
          },
          nodeDeletionTimeout: '10s',
        },
        rolloutStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        remediationStrategy: { maxRetry: 3, retryPeriod: '0s', minHealthyPeriod: '1h0m0s' },
        kubeadmConfigSpec: { format: 'cloud-config' },
      },
    };
    const mhc: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineHealthCheck',
      metadata: meta('mhc'),
      spec: {
        clusterName: 'capi-quickstart',
        maxUnhealthy: 2,
        nodeStartupTimeout: '10m0s',
        selector: { matchLabels: { pool: 'a' } },
        unhealthyConditions: [{ type: 'Ready', status: 'False', timeout: '5m0s' }],
        remediationTemplate: { apiVersion: 'x.io/v1', kind: 'RT', name: 'rt', namespace: NS },
      },
    };
    for (const original of [kcp, mhc]) {
      const back = capiV1beta2ToV1beta1(capiV1beta1ToV1beta2(original), lookup());
      expect(back.spec).toEqual(original.spec);
    }
  });

  it('v1beta1 durations come back in Go’s canonical form ("5m" → "5m0s")', () => {
    const md = machineDeploymentV1beta1();
    (md.spec!.template as { spec: Record<string, unknown> }).spec.nodeDrainTimeout = '5m';
    const back = capiV1beta2ToV1beta1(capiV1beta1ToV1beta2(md), lookup());
    expect((back.spec!.template as { spec: Record<string, unknown> }).spec.nodeDrainTimeout).toBe('5m0s');
  });

  it('a stored v1beta2 Machine reads as v1beta1 with an ObjectReference nodeRef, Running for Updating, and booleans', () => {
    const stored: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Machine',
      metadata: { name: 'm-1', namespace: NS },
      spec: {
        clusterName: 'c',
        minReadySeconds: 5,
        bootstrap: {
          configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name: 'm-1' },
        },
        infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name: 'm-1' },
        deletion: { nodeDeletionTimeoutSeconds: 10 },
      },
      status: {
        phase: 'Updating',
        failureDomain: 'fd1',
        nodeRef: { name: 'node-1' },
        initialization: { infrastructureProvisioned: true },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
    const down = capiV1beta2ToV1beta1(stored);
    expect(down.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    expect(down.spec).toEqual({
      clusterName: 'c',
      bootstrap: {
        configRef: {
          apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
          kind: 'KubeadmConfig',
          namespace: NS,
          name: 'm-1',
        },
      },
      infrastructureRef: {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
        kind: 'DevMachine',
        namespace: NS,
        name: 'm-1',
      },
      nodeDeletionTimeout: '10s',
    });
    expect(down.status).toEqual({
      phase: 'Running',
      nodeRef: { apiVersion: 'v1', kind: 'Node', name: 'node-1' },
      bootstrapReady: false,
      infrastructureReady: true,
      v1beta2: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });

  it('hub → spoke → hub keeps any deletion timeouts (property)', () => {
    const seconds = fc.option(fc.integer({ min: 0, max: 2147483647 }), { nil: undefined });
    fc.assert(
      fc.property(seconds, seconds, seconds, (drain, detach, del) => {
        const deletion: Record<string, number> = {};
        if (drain !== undefined) deletion.nodeDrainTimeoutSeconds = drain;
        if (detach !== undefined) deletion.nodeVolumeDetachTimeoutSeconds = detach;
        if (del !== undefined) deletion.nodeDeletionTimeoutSeconds = del;
        const stored: KubeObject = {
          apiVersion: 'cluster.x-k8s.io/v1beta2',
          kind: 'Machine',
          metadata: { name: 'm', namespace: NS },
          spec: {
            clusterName: 'c',
            bootstrap: { dataSecretName: 's' },
            infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name: 'm' },
            ...(Object.keys(deletion).length ? { deletion } : {}),
          },
        };
        const again = capiV1beta1ToV1beta2(capiV1beta2ToV1beta1(stored));
        expect(again.spec).toEqual(stored.spec);
      }),
    );
  });
});

describe('createCapiConverters (the ResourceDefinition hooks)', () => {
  it('convertToStorage rewrites the object in place to v1beta2', () => {
    const { convertToStorage } = createCapiConverters();
    const obj = clusterV1beta1();
    convertToStorage(obj, 'v1beta1');
    expect(obj.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(obj.spec?.infrastructureRef).toEqual({
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'DockerCluster',
      name: 'capi-quickstart',
    });
  });

  it('convertToStorage changes nothing when conversion fails', () => {
    const { convertToStorage } = createCapiConverters();
    const obj = machineDeploymentV1beta1();
    (obj.spec!.template as { spec: Record<string, unknown> }).spec.nodeDeletionTimeout = 'soon';
    const before = JSON.stringify(obj);
    expect(() => convertToStorage(obj, 'v1beta1')).toThrow(/invalid duration "soon"/);
    expect(JSON.stringify(obj)).toBe(before);
  });

  it('convertFromStorage returns a new object and uses the lookup for reference apiVersions', () => {
    const { convertFromStorage } = createCapiConverters(lookup());
    const stored = capiV1beta1ToV1beta2(clusterV1beta1());
    const snapshot = JSON.stringify(stored);
    const down = convertFromStorage(stored, 'v1beta1');
    expect(down).not.toBe(stored);
    expect(JSON.stringify(stored)).toBe(snapshot);
    expect((down.spec!.infrastructureRef as { apiVersion: string }).apiVersion).toBe(
      'infrastructure.cluster.x-k8s.io/v1beta1',
    );
    expect(convertFromStorage(stored, 'v1beta2')).toBe(stored);
  });

  it('refuses versions CAPI does not serve', () => {
    const { convertToStorage, convertFromStorage } = createCapiConverters();
    expect(() => convertToStorage(clusterV1beta1(), 'v1alpha4')).toThrow(
      /served versions are v1beta2 and v1beta1/,
    );
    expect(() => convertFromStorage(capiV1beta1ToV1beta2(clusterV1beta1()), 'v1alpha3')).toThrow(
      /cannot convert/,
    );
  });
});
