import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { nextClusterDeletionStep, type ClusterDeletionInputs } from './deletion.ts';
import { cluster, infraObject, machine, ts } from '../test-fixtures.ts';

const owned = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'demo', uid: 'c' };
const obj = (kind: string, name: string, o: { owned?: boolean; deletedAt?: number } = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind,
  metadata: {
    name,
    namespace: 'default',
    labels: { 'cluster.x-k8s.io/cluster-name': 'demo' },
    ...(o.owned ? { ownerReferences: [owned] } : {}),
    ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
  },
});
const worker = (name: string) => machine(name, { labels: { 'cluster.x-k8s.io/cluster-name': 'demo' } });
const cp = (name: string) =>
  machine(name, {
    labels: { 'cluster.x-k8s.io/cluster-name': 'demo', 'cluster.x-k8s.io/control-plane': '' },
  });
const deleting = cluster({ deletedAt: 10 });
const none = { machineDeployments: [], machineSets: [], machines: [] };
const inputs = (o: Partial<ClusterDeletionInputs> = {}): ClusterDeletionInputs => ({
  cluster: deleting,
  descendants: none,
  controlPlane: infraObject('KubeadmControlPlane', 'demo-control-plane'),
  infraCluster: infraObject('DevCluster', 'demo'),
  ...o,
});

// core/reconcilers/cluster/cluster_controller.go reconcileDelete; truth F76.
describe('nextClusterDeletionStep (reconcileDelete)', () => {
  it('F76: deletes directly owned MachineDeployments first and waits, requeueing every 5 s', () => {
    const md = obj('MachineDeployment', 'md-0', { owned: true });
    const d = nextClusterDeletionStep(
      inputs({
        descendants: {
          ...none,
          machineDeployments: [md],
          machineSets: [obj('MachineSet', 'md-0-abc')],
          machines: [worker('md-0-abc-x')],
        },
      }),
    );
    expect(d).toEqual({
      step: 'deleteDescendants',
      objects: [md],
      reason: 'WaitingForWorkersDeletion',
      message: '* MachineDeployments: md-0\n* MachineSets: md-0-abc\n* Worker Machines: md-0-abc-x',
      requeueAfterMs: 5000,
    });
    const later = nextClusterDeletionStep(
      inputs({ descendants: { ...none, machines: [worker('md-0-abc-x')] } }),
    );
    expect(later).toMatchObject({ step: 'waitDescendants', message: '* Worker Machines: md-0-abc-x' });
  });

  it('F76: control-plane Machines under a control plane object are left to it; stand-alone ones are deleted last', () => {
    expect(nextClusterDeletionStep(inputs({ descendants: { ...none, machines: [cp('cp-1')] } })).step).toBe(
      'deleteControlPlane',
    );
    const standalone = cluster({ deletedAt: 10, spec: { controlPlaneRef: undefined } });
    const cpm = { ...cp('cp-1'), metadata: { ...cp('cp-1').metadata, ownerReferences: [owned] } };
    const w = { ...worker('w-1'), metadata: { ...worker('w-1').metadata, ownerReferences: [owned] } };
    const d = nextClusterDeletionStep(
      inputs({ cluster: standalone, controlPlane: undefined, descendants: { ...none, machines: [cpm, w] } }),
    );
    expect(d.step === 'deleteDescendants' && d.objects.map((o) => o.metadata.name)).toEqual(['w-1', 'cp-1']);
    expect(d.step === 'deleteDescendants' && d.message).toBe(
      '* Control plane Machines: cp-1\n* Worker Machines: w-1',
    );
  });

  it('F76: then the control plane, then the infrastructure cluster, then the finalizer', () => {
    expect(nextClusterDeletionStep(inputs())).toEqual({
      step: 'deleteControlPlane',
      reason: 'WaitingForControlPlaneDeletion',
      message: 'Waiting for KubeadmControlPlane to be deleted',
    });
    expect(
      nextClusterDeletionStep(
        inputs({ controlPlane: infraObject('KubeadmControlPlane', 'x', { deletedAt: 11 }) }),
      ).step,
    ).toBe('waitControlPlaneGone');
    expect(nextClusterDeletionStep(inputs({ controlPlane: undefined }))).toEqual({
      step: 'deleteInfrastructure',
      reason: 'WaitingForInfrastructureDeletion',
      message: 'Waiting for DevCluster to be deleted',
    });
    expect(nextClusterDeletionStep(inputs({ controlPlane: undefined, infraCluster: undefined }))).toEqual({
      step: 'removeFinalizer',
      reason: 'DeletionCompleted',
      message: 'Deletion completed',
    });
  });

  it('lists at most five names per kind', () => {
    const many = Array.from({ length: 7 }, (_, i) => worker(`w-${i}`));
    const d = nextClusterDeletionStep(inputs({ descendants: { ...none, machines: many } }));
    expect(d.message).toBe('* Worker Machines: w-0, w-1, w-2, w-3, w-4, ... (2 more)');
  });

  it('refuses a Cluster that is not deleting', () => {
    expect(() => nextClusterDeletionStep(inputs({ cluster: cluster() }))).toThrow(/no deletionTimestamp/);
  });
});
