import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import { createWorld } from '../../engine/world/world.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

// A clusterctl template in the v1beta1 API (converted by CAPI's conversion webhooks, api/core/v1beta1/conversion.go
// and api/controlplane/kubeadm/v1beta1/conversion.go) on a provider the simulator has never heard of (AWS): the
// infrastructure kinds are served by the resolver and provisioned by the mock provider (truth F81, F82).
const FIXTURE = '../../engine/controllers/capi/testdata/aws-v1beta1.clusterctl.yaml';
const VARIABLES = {
  CLUSTER_NAME: 'aws-demo',
  AWS_REGION: 'eu-west-1',
  CONTROL_PLANE_MACHINE_COUNT: '3',
  WORKER_MACHINE_COUNT: '2',
  KUBERNETES_VERSION: 'v1.33.4',
};

const list = (w: ReturnType<typeof createWorld>, resource: string): KubeObject[] => [...w.api.peek(resource)];

describe('a v1beta1 clusterctl template with AWSMachineTemplate infrastructure', () => {
  it('is stored as v1beta2 with references converted to apiGroup', () => {
    const opts = scenarioWorldOptions(FIXTURE, VARIABLES);
    expect(opts.objects!.map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual([
      'cluster.x-k8s.io/v1beta1 Cluster/aws-demo',
      'infrastructure.cluster.x-k8s.io/v1beta2 AWSCluster/aws-demo',
      'infrastructure.cluster.x-k8s.io/v1beta2 AWSMachineTemplate/aws-demo-cp',
      'controlplane.cluster.x-k8s.io/v1beta1 KubeadmControlPlane/aws-demo-cp',
      'infrastructure.cluster.x-k8s.io/v1beta2 AWSMachineTemplate/aws-demo-md-0',
      'bootstrap.cluster.x-k8s.io/v1beta1 KubeadmConfigTemplate/aws-demo-md-0',
      'cluster.x-k8s.io/v1beta1 MachineDeployment/aws-demo-md-0',
    ]);
    const world = createWorld(opts);
    world.runUntil(1);
    const cluster = list(world, 'clusters.cluster.x-k8s.io')[0]!;
    expect(cluster.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(cluster.spec?.infrastructureRef).toEqual({
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'AWSCluster',
      name: 'aws-demo',
    });
    const kcp = list(world, 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io')[0]!;
    expect(kcp.spec?.machineTemplate).toMatchObject({
      spec: {
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'AWSMachineTemplate',
          name: 'aws-demo-cp',
        },
        deletion: { nodeDrainTimeoutSeconds: 120 },
      },
    });
    const md = list(world, 'machinedeployments.cluster.x-k8s.io')[0]!;
    expect(md.spec?.rollout).toMatchObject({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    });
  });

  it('runs to a Running cluster: AWSMachines provisioned, Nodes joined, every Machine Running', () => {
    const world = createWorld(scenarioWorldOptions(FIXTURE, VARIABLES));
    expect(world.runToConvergence().converged).toBe(true);
    const machines = list(world, 'machines.cluster.x-k8s.io');
    expect(machines).toHaveLength(5);
    expect(machines.every((m) => m.status?.phase === 'Running')).toBe(true);
    expect(machines.filter((m) => m.metadata.labels?.['cluster.x-k8s.io/control-plane-name'])).toHaveLength(
      3,
    );
    // The Machine template's v1beta1 nodeDrainTimeout: 5m reached the workers as seconds.
    const workers = machines.filter((m) => m.metadata.labels?.['cluster.x-k8s.io/deployment-name']);
    expect(
      workers.map(
        (m) =>
          (m.spec?.deletion as { nodeDrainTimeoutSeconds?: number } | undefined)?.nodeDrainTimeoutSeconds,
      ),
    ).toEqual([300, 300]);

    const awsMachines = list(world, 'awsmachines.infrastructure.cluster.x-k8s.io');
    expect(awsMachines.map((m) => m.metadata.name).sort()).toEqual(
      machines.map((m) => m.metadata.name).sort(),
    );
    for (const am of awsMachines) {
      expect(am.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
      expect(am.spec?.providerID).toBe(`in-memory://${am.metadata.name}`);
      expect(am.spec?.instanceType).toBe(
        am.metadata.name!.startsWith('aws-demo-cp-') ? 't3.large' : 't3.medium',
      );
    }
    expect(list(world, 'nodes')).toHaveLength(5);
    const awsCluster = list(world, 'awsclusters.infrastructure.cluster.x-k8s.io')[0]!;
    expect(awsCluster.spec?.region).toBe('eu-west-1');
    const cluster = list(world, 'clusters.cluster.x-k8s.io')[0]!;
    expect(cluster.status?.phase).toBe('Provisioned');
    expect(
      (cluster.status?.conditions as { type: string; status: string }[]).find(
        (c) => c.type === 'ControlPlaneInitialized',
      )?.status,
    ).toBe('True');
    const md = list(world, 'machinedeployments.cluster.x-k8s.io')[0]!;
    expect(md.status).toMatchObject({ replicas: 2, availableReplicas: 2, upToDateReplicas: 2 });
    const kcp = list(world, 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io')[0]!;
    expect(kcp.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    for (const t of world.capi.trackers.values()) expect(t.violations()).toEqual([]);
  });
});
