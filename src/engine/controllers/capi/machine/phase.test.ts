import { describe, expect, it } from 'vitest';
import { machinePhase, machinePhaseUpdate, typedMachinePhase } from './phase.ts';
import { cond, machine } from '../test-fixtures.ts';

// core/reconcilers/machine/machine_controller_status.go setMachinePhaseAndLastUpdated; truth F1–F10.
describe('machinePhase (setMachinePhaseAndLastUpdated, last rule wins)', () => {
  it('F1: an empty phase becomes Pending', () => {
    expect(machinePhase(machine('m'))).toBe('Pending');
  });

  it('F2: bootstrap data ready but infrastructure not provisioned → Provisioning', () => {
    const m = machine('m', {
      status: { phase: 'Pending', initialization: { bootstrapDataSecretCreated: true } },
    });
    expect(machinePhase(m)).toBe('Provisioning');
  });

  it('F3: spec.providerID set → Provisioned', () => {
    const m = machine('m', {
      spec: { providerID: 'in-memory://m' },
      status: {
        phase: 'Provisioning',
        initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: true },
      },
    });
    expect(machinePhase(m)).toBe('Provisioned');
  });

  it('F4: nodeRef + infrastructureProvisioned → Running, without looking at Node Ready (TestReconcileMachinePhases)', () => {
    const m = machine('m', {
      spec: { providerID: 'in-memory://m' },
      status: {
        nodeRef: { name: 'm' },
        initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: true },
      },
      conditions: [
        cond('NodeReady', 'False', 'NodeNotReady'),
        cond('NodeHealthy', 'Unknown', 'NodeHealthyUnknown'),
      ],
    });
    expect(machinePhase(m)).toBe('Running');
  });

  it('F4: nodeRef without infrastructureProvisioned is not Running', () => {
    const m = machine('m', { status: { phase: 'Pending', nodeRef: { name: 'm' } } });
    expect(machinePhase(m)).toBe('Pending');
  });

  it('F5: Updating condition True → Updating (in-place updates)', () => {
    const m = machine('m', {
      spec: { providerID: 'p' },
      status: { nodeRef: { name: 'm' }, initialization: { infrastructureProvisioned: true } },
      conditions: [cond('Updating', 'True', 'InPlaceUpdating')],
    });
    expect(machinePhase(m)).toBe('Updating');
  });

  it('F6: a deletionTimestamp makes it Deleting whatever else is true', () => {
    const m = machine('m', {
      deletedAt: 30,
      spec: { providerID: 'p' },
      status: {
        phase: 'Running',
        nodeRef: { name: 'm' },
        initialization: { infrastructureProvisioned: true },
      },
      conditions: [cond('Updating', 'True')],
    });
    expect(machinePhase(m)).toBe('Deleting');
  });

  it('F8: a stored phase that no rule overrides is kept; Failed/Deleted/Unknown are never produced by the rules', () => {
    // Only the stored value survives: no rule returns those phases by itself.
    expect(machinePhase(machine('m', { status: { phase: 'Failed' } }))).toBe('Failed');
    expect(typedMachinePhase('Bogus')).toBe('Unknown');
    expect(typedMachinePhase('Running')).toBe('Running');
  });

  it('F9: with dataSecretName and no configRef the phase goes Pending → Provisioned (no Provisioning)', () => {
    const m = machine('m', {
      spec: { bootstrap: { dataSecretName: 'secret' } },
      status: { phase: 'Pending' },
    });
    expect(machinePhase(m)).toBe('Pending');
    const provisioned = machine('m', {
      spec: { bootstrap: { dataSecretName: 'secret' }, providerID: 'p' },
      status: { phase: 'Pending', initialization: { infrastructureProvisioned: true } },
    });
    expect(machinePhase(provisioned)).toBe('Provisioned');
  });

  it('F10: the Node vanishing does not clear nodeRef, so the phase stays Running', () => {
    const m = machine('m', {
      spec: { providerID: 'p' },
      status: {
        phase: 'Running',
        nodeRef: { name: 'gone' },
        initialization: { infrastructureProvisioned: true },
      },
      conditions: [cond('NodeHealthy', 'False', 'NodeDeleted')],
    });
    expect(machinePhase(m)).toBe('Running');
  });

  it('F7: lastUpdated only moves when the phase changes', () => {
    expect(machinePhaseUpdate(machine('m')).changed).toBe(true);
    expect(machinePhaseUpdate(machine('m', { status: { phase: 'Pending' } }))).toEqual({
      phase: 'Pending',
      changed: false,
    });
  });
});
