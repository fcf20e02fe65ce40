import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { podsToDelete } from './pod-ranking.ts';

const pod = (
  name: string,
  opts: { node?: string; phase?: string; ready?: boolean; created?: string; cost?: number } = {},
) =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z',
      ...(opts.cost !== undefined
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(opts.cost) } }
        : {}),
    },
    spec: opts.node ? { nodeName: opts.node } : {},
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: opts.ready === false ? 'False' : 'True',
          lastTransitionTime: '2026-01-01T00:00:10Z',
        },
      ],
    },
  }) as KubeObject;

const names = (ps: KubeObject[]) => ps.map((p) => p.metadata.name);

describe('pods to delete first (k8s controller_utils.go ActivePodsWithRanks.Less)', () => {
  it('unassigned before assigned, then Pending before Running, then not ready before ready', () => {
    const ps = [
      pod('running-ready', { node: 'n1' }),
      pod('running-notready', { node: 'n2', ready: false }),
      pod('pending', { node: 'n3', phase: 'Pending', ready: false }),
      pod('unassigned', { phase: 'Pending', ready: false }),
    ];
    expect(names(podsToDelete(ps, 4))).toEqual([
      'unassigned',
      'pending',
      'running-notready',
      'running-ready',
    ]);
  });

  it('lower deletion cost first, then pods doubled up on a node, then newer pods', () => {
    expect(
      names(podsToDelete([pod('a', { node: 'n1', cost: 5 }), pod('b', { node: 'n2', cost: 1 })], 1)),
    ).toEqual(['b']);
    const doubled = [pod('alone', { node: 'n1' }), pod('x', { node: 'n2' }), pod('y', { node: 'n2' })];
    expect(names(podsToDelete(doubled, 2))).toEqual(['x', 'y']);
    const byAge = [
      pod('old', { node: 'n1', created: '2026-01-01T00:00:00Z' }),
      pod('new', { node: 'n2', created: '2026-01-01T00:05:00Z' }),
    ];
    expect(names(podsToDelete(byAge, 1))).toEqual(['new']);
  });

  it('breaks full ties by name so that runs are deterministic', () => {
    expect(names(podsToDelete([pod('b', { node: 'n1' }), pod('a', { node: 'n2' })], 2))).toEqual(['a', 'b']);
  });
});
