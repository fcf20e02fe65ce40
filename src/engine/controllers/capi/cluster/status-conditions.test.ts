import { describe, expect, it } from 'vitest';
import {
  clusterControlPlaneInitializedCondition,
  clusterDeletingCondition,
  clusterInfrastructureProvisionedNext,
  clusterInfrastructureReadyCondition,
} from './status-conditions.ts';
import { cluster, cond, infraObject, machine } from '../test-fixtures.ts';

// core/reconcilers/cluster/cluster_controller_status.go + cluster_controller_phases.go; truth F72–F74, F76.
describe('Cluster conditions', () => {
  it('F72/F73: infrastructureProvisioned is true at once without an infrastructureRef, sticky once true', () => {
    const noRef = cluster({ infraProvisioned: false, spec: { infrastructureRef: undefined } });
    expect(clusterInfrastructureProvisionedNext(noRef, undefined)).toBe(true);
    const withRef = cluster({ infraProvisioned: false });
    expect(clusterInfrastructureProvisionedNext(withRef, infraObject('DevCluster', 'demo'))).toBe(false);
    expect(
      clusterInfrastructureProvisionedNext(
        withRef,
        infraObject('DevCluster', 'demo', { status: { initialization: { provisioned: true } } }),
      ),
    ).toBe(true);
    expect(clusterInfrastructureProvisionedNext(cluster(), undefined)).toBe(true);
  });

  it('InfrastructureReady mirrors the InfraCluster Ready condition or falls back to infrastructureProvisioned', () => {
    expect(
      clusterInfrastructureReadyCondition(
        cluster({ infraProvisioned: false }),
        infraObject('DevCluster', 'demo'),
      ),
    ).toEqual({
      type: 'InfrastructureReady',
      status: 'False',
      reason: 'NotReady',
      message: 'DevCluster status.initialization.provisioned is false',
    });
    expect(
      clusterInfrastructureReadyCondition(
        cluster(),
        infraObject('DevCluster', 'demo', { conditions: [cond('Ready', 'True', 'Ready', 3)] }),
      ),
    ).toMatchObject({
      status: 'True',
    });
    expect(clusterInfrastructureReadyCondition(cluster(), undefined)).toMatchObject({
      reason: 'ObjectDeleted',
      message: 'DevCluster has been deleted while the cluster still exists',
    });
  });

  it('F74: ControlPlaneInitialized follows the control plane object, and is never recomputed once True', () => {
    const c = cluster({ conditions: [cond('ControlPlaneInitialized', 'False', 'NotInitialized')] });
    const kcp = infraObject('KubeadmControlPlane', 'cp', {
      status: { initialization: { controlPlaneInitialized: true } },
    });
    expect(clusterControlPlaneInitializedCondition(c, kcp, [])).toEqual({
      type: 'ControlPlaneInitialized',
      status: 'True',
      reason: 'Initialized',
    });
    expect(
      clusterControlPlaneInitializedCondition(c, infraObject('KubeadmControlPlane', 'cp'), []),
    ).toMatchObject({ status: 'False', reason: 'NotInitialized' });
    expect(clusterControlPlaneInitializedCondition(c, undefined, [])).toMatchObject({
      status: 'Unknown',
      message: 'KubeadmControlPlane does not exist',
    });
    expect(clusterControlPlaneInitializedCondition(cluster(), undefined, [])).toBeUndefined();
  });

  it('F74: without a controlPlaneRef, any control-plane Machine with a nodeRef initializes it', () => {
    const c = cluster({ conditions: [], spec: { controlPlaneRef: undefined } });
    const cp = (nodeRef: boolean) =>
      machine('cp', {
        labels: { 'cluster.x-k8s.io/control-plane': '' },
        status: nodeRef ? { nodeRef: { name: 'n' } } : {},
      });
    expect(clusterControlPlaneInitializedCondition(c, undefined, [cp(false)])).toMatchObject({
      status: 'False',
      message: 'Waiting for the first control plane machine to have status.nodeRef set',
    });
    expect(clusterControlPlaneInitializedCondition(c, undefined, [cp(true)])?.status).toBe('True');
  });

  it('F76: Deleting carries the deletion step', () => {
    expect(clusterDeletingCondition(cluster(), 'x', 'y')).toEqual({
      type: 'Deleting',
      status: 'False',
      reason: 'NotDeleting',
    });
    expect(clusterDeletingCondition(cluster({ deletedAt: 1 }), 'WaitingForWorkersDeletion', 'm')).toEqual({
      type: 'Deleting',
      status: 'True',
      reason: 'WaitingForWorkersDeletion',
      message: 'm',
    });
  });
});
