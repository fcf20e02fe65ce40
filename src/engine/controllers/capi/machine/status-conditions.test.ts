import { describe, expect, it } from 'vitest';
import {
  availableCondition,
  bootstrapConfigReadyCondition,
  computeMachineStatus,
  infrastructureReadyCondition,
  nodeReadyAndHealthyConditions,
  readyCondition,
  summarizeNodeConditions,
  upToDateCondition,
} from './status-conditions.ts';
import { getCondition } from '../conditions.ts';
import { cluster, cond, infraObject, machine, node, runningMachine, ts } from '../test-fixtures.ts';
import type { KubeObject } from '../../../api/types.ts';

// core/reconcilers/machine/machine_controller_status.go; truth F9, F10, F17, F21, F22, F24, F25, §B.
describe('BootstrapConfigReady (setBootstrapReadyCondition)', () => {
  it('F9: True/DataSecretProvided when there is no configRef', () => {
    const m = machine('m', { spec: { bootstrap: { dataSecretName: 's' } } });
    expect(bootstrapConfigReadyCondition(m, undefined)).toEqual({
      type: 'BootstrapConfigReady',
      status: 'True',
      reason: 'DataSecretProvided',
    });
  });
  it('mirrors the config Ready condition, else falls back to bootstrapDataSecretCreated', () => {
    const m = machine('m');
    const cfg = infraObject('KubeadmConfig', 'm', {
      conditions: [cond('Ready', 'False', 'WaitingForControlPlane', 3, 'cp')],
    });
    expect(bootstrapConfigReadyCondition(m, cfg)).toMatchObject({
      status: 'False',
      reason: 'WaitingForControlPlane',
      message: 'cp',
    });
    expect(bootstrapConfigReadyCondition(m, infraObject('KubeadmConfig', 'm'))).toEqual({
      type: 'BootstrapConfigReady',
      status: 'False',
      reason: 'NotReady',
      message: 'KubeadmConfig status.initialization.dataSecretCreated is false',
    });
  });
  it('reports a missing config as ObjectDoesNotExist, or ObjectDeleted while deleting', () => {
    expect(bootstrapConfigReadyCondition(machine('m'), undefined)).toMatchObject({
      status: 'False',
      reason: 'ObjectDoesNotExist',
    });
    const del = machine('m', {
      deletedAt: 5,
      status: { initialization: { bootstrapDataSecretCreated: true } },
    });
    expect(bootstrapConfigReadyCondition(del, undefined)).toMatchObject({
      reason: 'ObjectDeleted',
      message: 'KubeadmConfig has been deleted',
    });
  });
});

describe('InfrastructureReady (setInfrastructureReadyCondition)', () => {
  it('F17: an InfraMachine gone after provisioning is ObjectDeleted "while the Machine still exists"', () => {
    const m = machine('m', { status: { initialization: { infrastructureProvisioned: true } } });
    expect(infrastructureReadyCondition(m, undefined)).toEqual({
      type: 'InfrastructureReady',
      status: 'False',
      reason: 'ObjectDeleted',
      message: 'DevMachine has been deleted while the Machine still exists',
    });
  });
  it('falls back to infrastructureProvisioned when the InfraMachine has no Ready condition', () => {
    const m = machine('m', { status: { initialization: { infrastructureProvisioned: true } } });
    expect(infrastructureReadyCondition(m, infraObject('DevMachine', 'm'))).toMatchObject({
      status: 'True',
      reason: 'Ready',
      message: '',
    });
  });
});

describe('NodeReady / NodeHealthy (setNodeHealthyAndReadyConditions, summarizeNodeConditions)', () => {
  it('F21: Unknown until the Cluster infrastructure is provisioned and the control plane initialized', () => {
    const [ready] = nodeReadyAndHealthyConditions(
      cluster({ infraProvisioned: false }),
      machine('m'),
      undefined,
    );
    expect(ready).toMatchObject({
      status: 'Unknown',
      message: 'Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
    });
    const [, healthy] = nodeReadyAndHealthyConditions(
      cluster({ cpInitialized: false }),
      machine('m'),
      undefined,
    );
    expect(healthy).toMatchObject({
      status: 'Unknown',
      reason: 'InspectionFailed',
      message: 'Waiting for Cluster control plane to be initialized',
    });
  });
  it('F22: NodeReady mirrors Node Ready; NodeHealthy needs no Memory/Disk/PID pressure', () => {
    const [ready, healthy] = nodeReadyAndHealthyConditions(
      cluster(),
      runningMachine('m'),
      node('m', { readySince: 4 }),
    );
    expect(ready).toMatchObject({ status: 'True', reason: 'NodeReady', lastTransitionTime: ts(4) });
    expect(healthy).toEqual({ type: 'NodeHealthy', status: 'True', reason: 'NodeHealthy', message: '' });
    expect(summarizeNodeConditions(node('m', { pressure: ['DiskPressure'] }))).toEqual({
      status: 'False',
      reason: 'NodeNotHealthy',
      message: '* Node.DiskPressure: kubelet has DiskPressure',
    });
    expect(summarizeNodeConditions(node('m', { ready: 'Unknown' }))).toMatchObject({
      status: 'Unknown',
      reason: 'NodeHealthyUnknown',
    });
    expect(summarizeNodeConditions(node('m', { conditions: [] }))).toMatchObject({ status: 'Unknown' });
  });
  it('groups identical issue messages as Node.AllConditions', () => {
    const n = node('m', {
      conditions: [
        { type: 'Ready', status: 'Unknown', message: 'Kubelet stopped posting node status.' },
        { type: 'MemoryPressure', status: 'Unknown', message: 'Kubelet stopped posting node status.' },
        { type: 'DiskPressure', status: 'False' },
        { type: 'PIDPressure', status: 'False' },
      ],
    });
    expect(summarizeNodeConditions(n).message).toBe(
      '* Node.AllConditions: Kubelet stopped posting node status.',
    );
  });
  it('F10: a Node deleted out of band makes both False/NodeDeleted', () => {
    const [ready, healthy] = nodeReadyAndHealthyConditions(cluster(), runningMachine('m'), undefined);
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'NodeDeleted',
      message: 'Node m has been deleted while the Machine still exists',
    });
    expect(healthy.reason).toBe('NodeDeleted');
  });
  it('waits for a Node with the providerID, or for the provider to report one', () => {
    const withID = machine('m', { spec: { providerID: 'in-memory://m' } });
    expect(nodeReadyAndHealthyConditions(cluster(), withID, undefined)[0].message).toBe(
      'Waiting for a Node with spec.providerID in-memory://m to exist',
    );
    expect(nodeReadyAndHealthyConditions(cluster(), machine('m'), undefined)[0].message).toBe(
      'Waiting for DevMachine to report spec.providerID',
    );
  });
});

describe('Ready and Available (setReadyCondition, setAvailableCondition)', () => {
  const healthy = [
    cond('Deleting', 'False', 'NotDeleting'),
    cond('Updating', 'False', 'NotUpdating'),
    cond('BootstrapConfigReady', 'True', 'Ready'),
    cond('InfrastructureReady', 'True', 'Ready'),
    cond('NodeHealthy', 'True', 'NodeHealthy'),
  ];
  it('F24: True when all parts are fine, HealthCheckSucceeded may be missing', () => {
    expect(readyCondition(machine('m'), healthy, 0)).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'Ready',
      message: '',
    });
  });
  it('F24: an MHC-failed Machine is not Ready', () => {
    const r = readyCondition(
      machine('m'),
      [...healthy, cond('HealthCheckSucceeded', 'False', 'NodeStartupTimeout', 0, 'late')],
      0,
    );
    expect(r).toMatchObject({ status: 'False', reason: 'NotReady', message: '* HealthCheckSucceeded: late' });
  });
  it('F24: a deleting Machine is never Ready and shows the deletion stage; deleted parts are not issues', () => {
    const del = machine('m', { deletedAt: 10 });
    const list = [
      cond(
        'Deleting',
        'True',
        'WaitingForInfrastructureDeletion',
        10,
        'Waiting for DevMachine to be deleted',
      ),
      cond('Updating', 'False', 'NotUpdating'),
      cond('BootstrapConfigReady', 'True', 'Ready'),
      cond('InfrastructureReady', 'False', 'ObjectDeleted', 10, 'DevMachine has been deleted'),
      cond('NodeHealthy', 'True', 'NodeHealthy'),
    ];
    expect(readyCondition(del, list, 20_000)).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'NotReady',
      message: '* Deleting: Machine deletion in progress, stage: WaitingForInfrastructureDeletion',
    });
    expect(readyCondition(del, list, 20 * 60_000).message).toContain('since more than 15m');
  });
  it('readiness gates join the summary, with negative polarity when asked', () => {
    const m = machine('m', {
      spec: { readinessGates: [{ conditionType: 'Bad', polarity: 'Negative' }, { conditionType: 'Good' }] },
    });
    const r = readyCondition(m, [...healthy, cond('Bad', 'True', 'Oops'), cond('Good', 'True', 'Fine')], 0);
    expect(r).toMatchObject({ status: 'False', message: '* Bad: Oops' });
  });
  it('F25: Available once Ready has been True for minReadySeconds, with the time left to wait', () => {
    const m = machine('m', { spec: { minReadySeconds: 30 } });
    const list = [cond('Ready', 'True', 'Ready', 100)];
    expect(availableCondition(m, list, 110_000)).toEqual({
      condition: { type: 'Available', status: 'False', reason: 'WaitingForMinReadySeconds' },
      requeueAfterMs: 20_000,
    });
    expect(availableCondition(m, list, 130_000).condition).toEqual({
      type: 'Available',
      status: 'True',
      reason: 'Available',
    });
    expect(availableCondition(m, [cond('Ready', 'False', 'NotReady')], 0).condition.status).toBe('False');
  });
});

describe('UpToDate (setUpToDateCondition)', () => {
  const ms = (version: string, createdAt = 0): KubeObject => ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineSet',
    metadata: { name: 'ms', creationTimestamp: ts(createdAt) },
    spec: { template: { spec: { version, infrastructureRef: { kind: 'DevMachineTemplate', name: 't' } } } },
  });
  const md = (version: string, after?: number): KubeObject => ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: { name: 'md' },
    spec: {
      template: { spec: { version, infrastructureRef: { kind: 'DevMachineTemplate', name: 't' } } },
      ...(after !== undefined ? { rollout: { after: ts(after) } } : {}),
    },
  });
  it('is only set for Machines of a MachineDeployment-owned MachineSet', () => {
    expect(upToDateCondition(machine('m'), [], undefined, undefined, 0)).toBeUndefined();
  });
  it('compares the MachineSet template with the MachineDeployment template', () => {
    expect(upToDateCondition(machine('m'), [], ms('v1.34.0'), md('v1.35.0'), 0)).toEqual({
      type: 'UpToDate',
      status: 'False',
      reason: 'NotUpToDate',
      message: '* Version v1.34.0, v1.35.0 required',
    });
    expect(
      upToDateCondition(machine('m', { spec: { version: 'v1.35.0' } }), [], ms('v1.35.0'), md('v1.35.0'), 0)
        ?.status,
    ).toBe('True');
  });
  it('an expired rollout.after makes older MachineSets outdated', () => {
    expect(upToDateCondition(machine('m'), [], ms('v1', 5), md('v1', 10), 20_000)?.message).toBe(
      '* MachineDeployment spec.rolloutAfter expired',
    );
  });
  it('a kubelet older than spec.version is Updating', () => {
    const m = machine('m', { spec: { version: 'v1' }, status: { nodeInfo: { kubeletVersion: 'v0' } } });
    expect(upToDateCondition(m, [], ms('v1'), md('v1'), 0)).toMatchObject({
      status: 'False',
      reason: 'Updating',
    });
  });
});

describe('computeMachineStatus (updateStatus order)', () => {
  it('brings a fully provisioned Machine to Running, Ready and Available in one pass, setting lastUpdated on phase change', () => {
    const m = machine('m', {
      spec: { providerID: 'in-memory://m', version: 'v1' },
      status: {
        phase: 'Provisioned',
        nodeRef: { name: 'm' },
        initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: true },
      },
    });
    const out = computeMachineStatus({
      machine: m,
      cluster: cluster(),
      bootstrapConfig: infraObject('KubeadmConfig', 'm', { conditions: [cond('Ready', 'True', 'Ready')] }),
      infraMachine: infraObject('DevMachine', 'm', { conditions: [cond('Ready', 'True', 'Ready')] }),
      node: node('m'),
      nowMs: 50_000,
    });
    expect(out.phase).toBe('Running');
    expect(out.lastUpdated).toBe(ts(50));
    expect(out.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Available=True',
      'Ready=True',
      'BootstrapConfigReady=True',
      'InfrastructureReady=True',
      'NodeHealthy=True',
      'NodeReady=True',
      'Updating=False',
      'Deleting=False',
    ]);
  });
  it('keeps lastUpdated unset when the phase does not change', () => {
    const out = computeMachineStatus({
      machine: machine('m', { status: { phase: 'Pending' } }),
      cluster: cluster(),
      nowMs: 0,
    });
    expect(out.phase).toBe('Pending');
    expect(out.lastUpdated).toBeUndefined();
    expect(getCondition(out.conditions, 'Ready')?.status).toBe('False');
  });
});
