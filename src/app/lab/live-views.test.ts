import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import type { ReflectorSnapshot } from '../../live/reflector.ts';
import { loopModel } from '../../viz/loop-model.ts';
import {
  attachedLoopModel,
  capiObjectsOf,
  desiredRows,
  objectCounts,
  objectRows,
  traceControllers,
  watchFlowRows,
} from './live-views.ts';

const obj = (
  kind: string,
  name: string,
  spec?: Record<string, unknown>,
  status?: Record<string, unknown>,
): KubeObject => ({
  apiVersion: 'x/v1',
  kind,
  metadata: { name, namespace: 'default' },
  ...(spec ? { spec } : {}),
  ...(status ? { status } : {}),
});

describe('live views', () => {
  it('desired vs actual for every scalable kind, in ownership order', () => {
    const rows = desiredRows({
      MachineDeployment: [obj('MachineDeployment', 'md', { replicas: 3 }, { readyReplicas: 1, replicas: 2 })],
      ReplicaSet: [
        obj('ReplicaSet', 'web', { replicas: 2 }, { readyReplicas: 2, replicas: 2, observedGeneration: 0 }),
      ],
      Pod: [obj('Pod', 'p')],
    });
    expect(rows.map((r) => [r.kind, r.name, r.desired, r.ready, r.current, r.converged])).toEqual([
      ['ReplicaSet', 'web', 2, 2, 2, true],
      ['MachineDeployment', 'md', 3, 1, 2, false],
    ]);
  });

  it('status words: deletion first, then phase, Ready condition, replicas', () => {
    const rows = objectRows([
      { ...obj('Pod', 'a', {}, { phase: 'Running' }), metadata: { name: 'a', deletionTimestamp: 'x' } },
      obj('Machine', 'm', {}, { phase: 'Provisioning' }),
      obj('Node', 'n', {}, { conditions: [{ type: 'Ready', status: 'False' }] }),
      obj('Deployment', 'd', { replicas: 2 }, { readyReplicas: 1 }),
      obj('Cluster', 'c'),
    ]);
    expect(rows.map((r) => r.status)).toEqual(['Terminating', 'Provisioning', 'NotReady', '1/2 ready', '—']);
  });

  it('feeds the Cluster API views and counts', () => {
    const m = obj('Machine', 'm');
    const c = capiObjectsOf({ Machine: [m] });
    expect(c.machines).toEqual([m]);
    expect(c.clusters).toEqual([]);
    expect(objectCounts({ Machine: [m, m], Pod: [] })).toEqual({ Machine: { total: 2 }, Pod: { total: 0 } });
  });

  it('controllers from the trace, and watch flow from reflector counts', () => {
    expect(
      traceControllers([
        { seq: 1, t: 0, type: 'queue.add', controller: 'rs', key: 'a', deduped: false },
        { seq: 2, t: 0, type: 'controller.start', controller: 'kubelet' },
        { seq: 3, t: 0, type: 'queue.get', controller: 'rs', key: 'a', worker: 0 },
      ] as never),
    ).toEqual(['rs', 'kubelet']);
    const snap: ReflectorSnapshot = {
      resource: { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet' },
      state: 'watching',
      resourceVersion: '3',
      counts: {
        ADDED: 1,
        MODIFIED: 2,
        DELETED: 0,
        BOOKMARK: 4,
        ERROR: 1,
        lists: 2,
        watches: 3,
        expired: 1,
        failures: 0,
      },
      lastError: undefined,
      version: 1,
    };
    expect(watchFlowRows([snap])[0]).toMatchObject({
      resource: 'replicasets.apps',
      modified: 2,
      relists410: 1,
    });
  });
});

describe('attached loop model', () => {
  it('replaces what only a simulator knows with a note, and keeps the tokens', () => {
    const base = loopModel(
      { t: 10, controllers: [], informers: [], recent: [], objects: {} },
      { controller: 'rs', windowMs: 100, reducedMotion: false },
    );
    const m = attachedLoopModel(base);
    const queue = m.boxes.find((b) => b.id === 'queue')!;
    expect(base.boxes.find((b) => b.id === 'queue')!.lines[0]!.text).toBe('No queue');
    expect(queue.lines.map((l) => l.text).join(' ')).toBe('Contents: need the in-page simulator');
    expect(m.boxes.find((b) => b.id === 'workers')!.title).toMatch(/need the in-page simulator/);
    expect(m.tokens).toBe(base.tokens);
  });
});
