import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/api/types.ts';
import { capiView, type CapiObjects } from '../app/lab/capi-views.ts';
import { objectGraphModel } from './object-graph-model.ts';

const ns = 'default';
const owner = (kind: string, name: string) => [
  { apiVersion: 'x/v1', kind, name, uid: name, controller: true },
];
const obj = (kind: string, name: string, extra: Partial<KubeObject> = {}): KubeObject =>
  ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind,
    metadata: { name, namespace: ns },
    ...extra,
  }) as KubeObject;

function machine(name: string, phase: string, ready: 'True' | 'False') {
  return obj('Machine', name, {
    metadata: { name, namespace: ns, ownerReferences: owner('MachineSet', 'ms') },
    spec: { infrastructureRef: { kind: 'DockerMachine', name } },
    status: {
      phase,
      nodeRef: { name },
      conditions: [{ type: 'Ready', status: ready, reason: '', message: '', lastTransitionTime: '' }],
    },
  } as Partial<KubeObject>);
}

function objects(machines: KubeObject[]): CapiObjects {
  return {
    clusters: [obj('Cluster', 'demo', { status: { phase: 'Provisioned' } })],
    controlPlanes: [],
    machineDeployments: [
      obj('MachineDeployment', 'md', {
        metadata: { name: 'md', namespace: ns, ownerReferences: owner('Cluster', 'demo') },
      }),
    ],
    machineSets: [
      obj('MachineSet', 'ms', {
        metadata: { name: 'ms', namespace: ns, ownerReferences: owner('MachineDeployment', 'md') },
      }),
    ],
    machines,
    infrastructure: machines.map((m) =>
      obj('DockerMachine', m.metadata.name!, {
        metadata: {
          name: m.metadata.name!,
          namespace: ns,
          ownerReferences: owner('Machine', m.metadata.name!),
        },
      }),
    ),
    bootstrapConfigs: [],
    nodes: machines.map(
      (m) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: m.metadata.name! } }) as KubeObject,
    ),
  };
}

describe('objectGraphModel', () => {
  it('draws the ownerReference tree Cluster → MachineDeployment → MachineSet → Machine, Machines folded', () => {
    const view = capiView(
      objects([machine('m-1', 'Running', 'True'), machine('m-2', 'Provisioning', 'False')]),
    );
    const m = objectGraphModel(view, { toggled: new Set(), selectedId: undefined });
    expect(m.rows.map((r) => [r.depth, r.label])).toEqual([
      [0, 'Cluster demo'],
      [1, 'MachineDeployment md'],
      [2, 'MachineSet ms'],
      [3, 'Machine m-1'],
      [3, 'Machine m-2'],
    ]);
    expect(m.rows[3]?.status).toBe('Running · ready');
    expect(m.rows[3]?.icon).not.toBe(m.rows[4]?.icon);
  });

  it('hangs the infrastructure Machine and the Node (by nodeRef) under an unfolded Machine', () => {
    const view = capiView(objects([machine('m-1', 'Running', 'True')]));
    const m = objectGraphModel(view, { toggled: new Set(['Machine/default/m-1']), selectedId: undefined });
    expect(m.rows.slice(4).map((r) => r.label)).toEqual(['DockerMachine m-1', 'Node m-1']);
    expect(m.ownerOf('Node//m-1')).toEqual({ kind: 'Machine', namespace: 'default', name: 'm-1' });
    expect(m.dependentsOf('MachineSet/default/ms')).toHaveLength(1);
  });

  it('groups identical sibling Machines by phase and Ready, as clusterctl describe does, and expands a group', () => {
    const ms = Array.from({ length: 2000 }, (_, i) =>
      machine(`w-${String(i).padStart(4, '0')}`, 'Running', 'True'),
    );
    ms.push(machine('z-new', 'Provisioning', 'False'));
    const view = capiView(objects(ms));
    const m = objectGraphModel(view, { toggled: new Set(), selectedId: undefined });
    const group = m.rows.find((r) => r.id.startsWith('group:'));
    expect(group?.label).toBe('2000 Machines');
    expect(group?.status).toBe('Running · ready');
    expect(m.rows.length).toBeLessThan(10);
    const open = objectGraphModel(view, {
      toggled: new Set([group!.id]),
      selectedId: undefined,
      maxChildren: 50,
    });
    expect(open.rows.filter((r) => r.kind === 'Machine' && r.ref).length).toBe(51);
    expect(open.rows.some((r) => r.label === '… 1950 more')).toBe(true);
  });

  it('opens the group that holds the selected Machine', () => {
    const ms = Array.from({ length: 6 }, (_, i) => machine(`w-${i}`, 'Running', 'True'));
    const m = objectGraphModel(capiView(objects(ms)), {
      toggled: new Set(),
      selectedId: 'Machine/default/w-3',
    });
    expect(m.rows.find((r) => r.selected)?.label).toBe('Machine w-3');
  });
});
