import { describe, expect, it } from 'vitest';
import { createRng } from '../../../sim/rng.ts';
import {
  dockerProviderID,
  IN_MEMORY_TIMINGS,
  inMemoryMachineGate,
  inMemoryNode,
  inMemoryProviderID,
  startupDelayMs,
} from './in-memory.ts';
import { cluster, machine } from '../test-fixtures.ts';
import { summarizeNodeConditions } from '../machine/status-conditions.ts';

// test/infrastructure/docker/.../inmemory/inmemorymachine_backend.go and clusterclass-in-memory.yaml; truth F81–F83.
describe('in-memory provider timings', () => {
  it('F82: VM 10 s, Node/API server/etcd 2 s, jitter 0.2', () => {
    expect(IN_MEMORY_TIMINGS).toEqual({
      vmStartupMs: 10_000,
      nodeStartupMs: 2_000,
      apiServerStartupMs: 2_000,
      etcdStartupMs: 2_000,
      startupJitter: 0.2,
    });
  });
  it('F81: the VM delay is startupDuration·(1 + rand·jitter): between 10 s and 12 s, reproducible from the seed', () => {
    const rng = createRng(7);
    const delays = Array.from({ length: 500 }, () => startupDelayMs(10_000, 0.2, rng));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...delays)).toBeLessThan(12_000);
    expect(new Set(delays).size).toBeGreaterThan(100);
    const again = createRng(7);
    expect(Array.from({ length: 500 }, () => startupDelayMs(10_000, 0.2, again))).toEqual(delays);
    expect(startupDelayMs(2000, 0, createRng(1))).toBe(2000);
    expect(() => startupDelayMs(-1, 0.2, createRng(1))).toThrow(/non-negative/);
  });
  it('F81/F83: providerID formats', () => {
    expect(inMemoryProviderID('demo-md-0-abcde-xyz12')).toBe('in-memory://demo-md-0-abcde-xyz12');
    expect(dockerProviderID('demo-cp-abcde')).toBe('docker:////demo-cp-abcde');
  });
});

describe('inMemoryMachineGate (ReconcileNormal)', () => {
  const withSecret = machine('w', { spec: { bootstrap: { dataSecretName: 'w' } } });
  const state = { vmCreatedMs: 1000, vmDelayMs: 10_500, nodeDelayMs: 2_000 };
  it('F81: waits for the Cluster infrastructure, then (workers) the control plane, then bootstrap data', () => {
    expect(inMemoryMachineGate(cluster({ infraProvisioned: false }), withSecret, state, 0).gate).toBe(
      'waitingForClusterInfrastructure',
    );
    expect(inMemoryMachineGate(cluster({ cpInitialized: false }), machine('w'), state, 0).gate).toBe(
      'waitingForControlPlaneInitialized',
    );
    const cp = machine('cp', { labels: { 'cluster.x-k8s.io/control-plane': '' } });
    expect(inMemoryMachineGate(cluster({ cpInitialized: false }), cp, state, 0).gate).toBe(
      'waitingForBootstrapData',
    );
  });
  it('F81: the VM is provisioned at creation + delay, the Node 2 s after that', () => {
    expect(inMemoryMachineGate(cluster(), withSecret, state, 5000)).toEqual({
      gate: 'waitingForVMStartup',
      requeueAfterMs: 6500,
    });
    expect(inMemoryMachineGate(cluster(), withSecret, { ...state, vmProvisionedMs: 11_500 }, 12_000)).toEqual(
      {
        gate: 'waitingForNodeStartup',
        requeueAfterMs: 1500,
      },
    );
    expect(
      inMemoryMachineGate(cluster(), withSecret, { ...state, vmProvisionedMs: 11_500 }, 13_500).gate,
    ).toBe('nodeProvisioned');
  });
  it('F81: the Node is Ready with no pressure from the start, and control-plane Nodes get the role label and taint', () => {
    const cp = machine('cp', {
      labels: { 'cluster.x-k8s.io/control-plane': '' },
      spec: { version: 'v1.35.0' },
    });
    const n = inMemoryNode('cp', cp, 4000);
    expect(n.metadata.labels).toEqual({ 'node-role.kubernetes.io/control-plane': '' });
    expect(n.spec).toEqual({
      providerID: 'in-memory://cp',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
    expect(summarizeNodeConditions(n).status).toBe('True');
    expect(inMemoryNode('w', machine('w'), 0).metadata.labels).toBeUndefined();
  });
});
