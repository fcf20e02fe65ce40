import { describe, expect, it } from 'vitest';
import { aggregateFieldErrors } from '../field-errors.ts';
import type { ResourceDefinition } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { coreResources, defaultPodSpec, validatePodSpec } from './core.ts';

const def = (kind: string): ResourceDefinition => coreResources().find((d) => d.kind === kind)!;
const col = (d: ResourceDefinition, name: string, obj: KubeObject) =>
  d.printerColumns!.find((c) => c.name === name)!.compute!(obj);

describe('core/v1 definitions', () => {
  it('registers the kinds with kubectl short names, scopes and subresources', () => {
    const summary = coreResources().map(
      (d) =>
        `${d.kind}:${d.plural}:${d.shortNames?.join('/') ?? ''}:${d.scope}:${d.subresources?.status ? 's' : ''}`,
    );
    expect(summary).toEqual([
      'Namespace:namespaces:ns:Cluster:s',
      'Pod:pods:po:Namespaced:s',
      'Node:nodes:no:Cluster:s',
      'Secret:secrets::Namespaced:',
      'ConfigMap:configmaps:cm:Namespaced:',
      'Event:events:ev:Namespaced:',
    ]);
    expect(def('Pod').returnDeletedObject).toBe(true);
    expect(coreResources().every((d) => d.builtin)).toBe(true);
  });
});

describe('Pod defaults and validation (core/v1 defaults.go, core validation.go)', () => {
  it('fills the PodSpec defaults kubectl shows in -o yaml', () => {
    const spec: Record<string, unknown> = {
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
      ],
    };
    defaultPodSpec(spec);
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
    const [a, b] = spec.containers as Record<string, unknown>[];
    expect(a!.imagePullPolicy).toBe('Always');
    expect(b!.imagePullPolicy).toBe('IfNotPresent');
    expect(b!.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });
  it('requires containers, names and images, and rejects duplicates', () => {
    expect(aggregateFieldErrors(validatePodSpec({}, 'spec'))).toBe('spec.containers: Required value');
    const errs = validatePodSpec(
      { containers: [{ name: 'a', image: 'x' }, { name: 'a' }, { image: 'y' }] },
      'spec',
    );
    expect(aggregateFieldErrors(errs)).toBe(
      '[spec.containers[1].name: Duplicate value: "a", spec.containers[1].image: Required value, spec.containers[2].name: Required value]',
    );
  });
  it('pod updates may only change images (validation.go ValidatePodUpdate)', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'x' }], restartPolicy: 'Always' },
    };
    const image = { ...pod, spec: { containers: [{ name: 'a', image: 'y' }], restartPolicy: 'Always' } };
    const policy = { ...pod, spec: { containers: [{ name: 'a', image: 'x' }], restartPolicy: 'Never' } };
    const bind = { ...pod, spec: { ...pod.spec, nodeName: 'node-1' } };
    expect(def('Pod').validate!(image, pod)).toEqual([]);
    expect(def('Pod').validate!(bind, pod)).toEqual([]);
    expect(def('Pod').validate!(policy, pod)[0]?.detail).toMatch(
      /^pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });
  it('prints READY, STATUS and RESTARTS like kubectl', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} } },
          { name: 'b', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    };
    expect(col(def('Pod'), 'Ready', pod)).toBe('1/2');
    expect(col(def('Pod'), 'Status', pod)).toBe('CrashLoopBackOff');
    expect(col(def('Pod'), 'Restarts', pod)).toBe(3);
    expect(col(def('Pod'), 'Status', { ...pod, metadata: { name: 'p', deletionTimestamp: 'x' } })).toBe(
      'Terminating',
    );
  });
});

describe('Node, Secret, ConfigMap', () => {
  it('Node STATUS and ROLES columns', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(col(def('Node'), 'Status', node)).toBe('Ready,SchedulingDisabled');
    expect(col(def('Node'), 'Roles', node)).toBe('control-plane');
    expect(
      col(def('Node'), 'Status', {
        ...node,
        spec: {},
        status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
      }),
    ).toBe('Unknown');
  });
  it('Secret: type Opaque by default, stringData merged into data as base64', () => {
    const s: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { user: 'admin', pw: 'pässword' },
    };
    def('Secret').defaulting!(s);
    expect(s).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'Opaque',
      data: { user: 'YWRtaW4=', pw: 'cMOkc3N3b3Jk' },
    });
    expect(def('Secret').validate!({ ...s, data: { k: 'not base64!' } })[0]?.field).toBe('data[k]');
  });
  it('ConfigMap keys must be valid config keys; immutable ConfigMaps keep their data', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'bad key': 'x' },
    };
    expect(aggregateFieldErrors(def('ConfigMap').validate!(cm))).toBe(
      `data: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    const old: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: '1' },
      immutable: true,
    };
    expect(def('ConfigMap').validate!({ ...old, data: { a: '2' } }, old).map((e) => e.field)).toEqual([
      'data',
    ]);
  });
});
