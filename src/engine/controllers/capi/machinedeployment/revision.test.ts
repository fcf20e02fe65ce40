import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { createRng } from '../../../sim/rng.ts';
import {
  computeRevisionAnnotations,
  machineSetAnnotationsFromMachineDeployment,
  machineTemplateHashLabelValue,
  maxRevision,
  newMachineSetName,
} from './revision.ts';

const ms = (name: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: { name, annotations },
});
const REV = 'machinedeployment.clusters.x-k8s.io/revision';
const HIST = 'machinedeployment.clusters.x-k8s.io/revision-history';

// mdutil/util.go MaxRevision, ComputeRevisionAnnotations, MachineSetAnnotationsFromMachineDeployment;
// machinedeployment_sync.go computeNewMachineSetName; truth F51.
describe('revisions', () => {
  it('F51: a new MachineSet gets max(old revisions) + 1, skipping unparsable ones', () => {
    expect(maxRevision([ms('a', { [REV]: '2' }), ms('b', { [REV]: 'x' }), ms('c')])).toBe(2);
    expect(computeRevisionAnnotations(undefined, [ms('a', { [REV]: '2' })])).toEqual({
      annotations: { [REV]: '3' },
      revision: '3',
    });
  });
  it('F51: an old MachineSet that becomes current again moves to the newest revision and records history', () => {
    const back = ms('a', { [REV]: '1' });
    expect(computeRevisionAnnotations(back, [ms('b', { [REV]: '4' })])).toEqual({
      annotations: { [REV]: '5', [HIST]: '1' },
      revision: '5',
    });
  });
  it('never lowers a revision', () => {
    expect(computeRevisionAnnotations(ms('a', { [REV]: '7' }), [ms('b', { [REV]: '2' })]).revision).toBe('7');
    expect(() => computeRevisionAnnotations(ms('a', { [REV]: 'x' }), [])).toThrow(
      'failed to parse current revision',
    );
  });
});

describe('MachineSet annotations and names', () => {
  it('F51: copies MD annotations except bookkeeping, and sets desired-replicas and max-replicas', () => {
    const md: KubeObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: {
        name: 'md',
        annotations: { team: 'x', [REV]: '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
    };
    expect(machineSetAnnotationsFromMachineDeployment(md, 3, 1)).toEqual({
      team: 'x',
      'machinedeployment.clusters.x-k8s.io/desired-replicas': '3',
      'machinedeployment.clusters.x-k8s.io/max-replicas': '4',
    });
  });
  it('F51: names the MachineSet "<md>-<5 random>" and reuses the suffix in machine-template-hash', () => {
    const { name, suffix } = newMachineSetName('demo-md-0', createRng(5));
    expect(name).toBe(`demo-md-0-${suffix}`);
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(machineTemplateHashLabelValue(1234, suffix)).toBe(`1234-${suffix}`);
    expect(newMachineSetName('x'.repeat(80), createRng(5)).name).toHaveLength(63);
  });
});
