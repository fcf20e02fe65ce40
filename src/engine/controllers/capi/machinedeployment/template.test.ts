import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { findNewAndOldMachineSets, machineTemplateUpToDate, rolloutFieldsHash } from './template.ts';
import { ts } from '../test-fixtures.ts';

const template = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  metadata,
  spec,
});
const base = {
  version: 'v1.34.0',
  bootstrap: {
    configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: 'b' },
  },
  infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachineTemplate', name: 'i' },
};
const ms = (name: string, replicas: number, spec: Record<string, unknown>, createdAt = 0): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineSet',
  metadata: { name, creationTimestamp: ts(createdAt) },
  spec: { replicas, template: template(spec) },
});
const md = (spec: Record<string, unknown>, after?: number): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'md' },
  spec: {
    replicas: 3,
    template: template(spec),
    ...(after !== undefined ? { rollout: { after: ts(after) } } : {}),
  },
});

// mdutil/util.go MachineTemplateUpToDate, MachineTemplateDeepCopyRolloutFields, FindNewAndOldMachineSets; truth F50.
describe('MachineTemplateUpToDate', () => {
  it('F50: labels, annotations, minReadySeconds, readinessGates, deletion timeouts and taints never trigger a rollout', () => {
    const current = template(
      { ...base, minReadySeconds: 1, deletion: { nodeDrainTimeoutSeconds: 5 }, taints: [{ key: 'a' }] },
      { labels: { a: '1' } },
    );
    const desired = template(
      { ...base, minReadySeconds: 9, readinessGates: [{ conditionType: 'X' }] },
      { annotations: { b: '2' } },
    );
    expect(machineTemplateUpToDate(current, desired)).toMatchObject({
      upToDate: true,
      eligibleForInPlaceUpdate: false,
    });
  });
  it('F50: version, bootstrap, infrastructureRef and failureDomain do, with the UpToDate condition wording', () => {
    const r = machineTemplateUpToDate(
      template(base),
      template({
        ...base,
        version: 'v1.35.0',
        bootstrap: { configRef: { ...base.bootstrap.configRef, name: 'b2' } },
        infrastructureRef: { ...base.infrastructureRef, name: 'i2' },
        failureDomain: 'fd2',
      }),
    );
    expect(r.upToDate).toBe(false);
    expect(r.conditionMessages).toEqual([
      'Version v1.34.0, v1.35.0 required',
      'KubeadmConfig is not up-to-date',
      'DevMachine is not up-to-date',
      'Failure domain , fd2 required',
    ]);
    expect(r.logMessages[0]).toBe('spec.version v1.34.0, v1.35.0 required');
  });
  it('reports dataSecretName changes when there is no configRef', () => {
    const r = machineTemplateUpToDate(
      template({ bootstrap: { dataSecretName: 'a' } }),
      template({ bootstrap: { dataSecretName: 'b' } }),
    );
    expect(r.conditionMessages).toEqual(['spec.bootstrap.dataSecretName a, b required']);
  });
  it('hashes only the rollout fields', () => {
    expect(rolloutFieldsHash(template({ ...base, minReadySeconds: 3 }))).toBe(
      rolloutFieldsHash(template(base)),
    );
    expect(rolloutFieldsHash(template({ ...base, version: 'v2' }))).not.toBe(
      rolloutFieldsHash(template(base)),
    );
  });
});

describe('FindNewAndOldMachineSets', () => {
  it('F50: picks the matching MachineSet with the most replicas as newMS; the rest are old', () => {
    const r = findNewAndOldMachineSets(
      md(base),
      [ms('small', 1, base), ms('old', 3, { ...base, version: 'v0' }), ms('big', 2, base)],
      0,
    );
    expect(r.newMS?.metadata.name).toBe('big');
    expect(r.oldMSs.map((m) => m.metadata.name)).toEqual(['old', 'small']);
    expect(r.upToDateResults.get('small')?.eligibleForInPlaceUpdate).toBe(false);
  });
  it('explains why a new MachineSet is needed', () => {
    expect(findNewAndOldMachineSets(md(base), [], 0).createReason).toBe(
      'no MachineSets exist for the MachineDeployment',
    );
    const r = findNewAndOldMachineSets(md({ ...base, version: 'v9' }), [ms('a', 3, base)], 0);
    expect(r.newMS).toBeUndefined();
    expect(r.createReason).toBe(
      "couldn't find MachineSet matching MachineDeployment spec template: MachineSet a needs rollout: spec.version v1.34.0, v9 required",
    );
  });
  it('F50: an expired spec.rollout.after requires a MachineSet created at or after it', () => {
    const sets = [ms('before', 3, base, 10)];
    expect(findNewAndOldMachineSets(md(base, 100), sets, 50_000).newMS?.metadata.name).toBe('before');
    const expired = findNewAndOldMachineSets(md(base, 100), sets, 200_000);
    expect(expired.newMS).toBeUndefined();
    expect(expired.createReason).toContain('no MachineSet has been created afterwards');
    expect(
      findNewAndOldMachineSets(md(base, 100), [...sets, ms('after', 0, base, 150)], 200_000).newMS?.metadata
        .name,
    ).toBe('after');
  });
});
