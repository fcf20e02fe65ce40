import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { createRng } from '../../../sim/rng.ts';
import {
  generateFromTemplate,
  machineLabelsFromMachineSet,
  machineNameForMachineSet,
  mustFormatLabelValue,
  renderMachineName,
} from './naming.ts';

// machineset_controller.go computeDesiredMachine / machineLabelsFromMachineSet; internal/topology/names/names.go;
// controllers/external/util.go GenerateTemplate; truth F40, F41.
describe('Machine names (names.go templateGenerator)', () => {
  it('F40: default "{{ .machineSet.name }}-{{ .random }}" with a 5-char suffix from the seeded Rng', () => {
    const ms: KubeObject = {
      apiVersion: 'v',
      kind: 'MachineSet',
      metadata: { name: 'demo-md-0-abcde' },
      spec: { clusterName: 'demo' },
    };
    const a = machineNameForMachineSet(ms, createRng(1));
    expect(a).toMatch(/^demo-md-0-abcde-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(machineNameForMachineSet(ms, createRng(1))).toBe(a);
  });
  it('supports spec.machineNaming.template with cluster name and rejects templates without {{ .random }}', () => {
    expect(
      renderMachineName(
        '{{ .cluster.name }}-w-{{.random}}',
        { clusterName: 'c', machineSetName: 'ms' },
        createRng(2),
      ),
    ).toMatch(/^c-w-.{5}$/);
    expect(() =>
      renderMachineName('{{ .machineSet.name }}', { clusterName: 'c', machineSetName: 'ms' }, createRng(2)),
    ).toThrow('{{ .random }} is missing');
    expect(() =>
      renderMachineName(
        '{{ .nope }}-{{ .random }}',
        { clusterName: 'c', machineSetName: 'ms' },
        createRng(2),
      ),
    ).toThrow(/no entry for key/);
  });
  it('F40: names over 63 characters are cut to 58 plus a fresh 5-char suffix', () => {
    const name = renderMachineName(
      undefined,
      { clusterName: 'c', machineSetName: 'x'.repeat(70) },
      createRng(3),
    );
    expect(name).toHaveLength(63);
    expect(name.slice(0, 58)).toBe('x'.repeat(58));
  });
});

describe('labels and clones', () => {
  it('F41: Machine labels = template labels + set-name + deployment-name', () => {
    const ms: KubeObject = {
      apiVersion: 'v',
      kind: 'MachineSet',
      metadata: { name: 'ms-1', labels: { 'cluster.x-k8s.io/deployment-name': 'md' } },
      spec: { template: { metadata: { labels: { team: 'a' } } } },
    };
    expect(machineLabelsFromMachineSet(ms)).toEqual({
      team: 'a',
      'cluster.x-k8s.io/set-name': 'ms-1',
      'cluster.x-k8s.io/deployment-name': 'md',
    });
  });
  it('MustFormatValue hashes names that are not valid label values', () => {
    expect(mustFormatLabelValue('ok-name')).toBe('ok-name');
    const long = mustFormatLabelValue('a'.repeat(64));
    expect(long).toMatch(/^hash_[A-Za-z0-9_-]{6}_z$/);
    expect(mustFormatLabelValue('a'.repeat(64))).toBe(long);
  });
  it('F41: GenerateTemplate strips "Template", copies spec.template, adds cloned-from annotations and cluster-name', () => {
    const tmpl: KubeObject = {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'DevMachineTemplate',
      metadata: { name: 'demo-md-0' },
      spec: { template: { metadata: { labels: { x: '1' } }, spec: { backend: { inMemory: {} } } } },
    };
    const owner = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'MachineSet', name: 'ms', uid: 'u' };
    const out = generateFromTemplate({
      template: tmpl,
      name: 'ms-abcde',
      namespace: 'default',
      clusterName: 'demo',
      ownerRef: owner,
    });
    expect(out).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'DevMachine',
      metadata: {
        name: 'ms-abcde',
        namespace: 'default',
        labels: { x: '1', 'cluster.x-k8s.io/cluster-name': 'demo' },
        annotations: {
          'cluster.x-k8s.io/cloned-from-name': 'demo-md-0',
          'cluster.x-k8s.io/cloned-from-groupkind': 'DevMachineTemplate.infrastructure.cluster.x-k8s.io',
        },
        ownerReferences: [owner],
      },
      spec: { backend: { inMemory: {} } },
    });
    expect(out.spec).not.toBe((tmpl.spec as { template: { spec: unknown } }).template.spec);
  });
});
