import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCapiControllers } from '../controllers/capi/capi-controllers.ts';
import { traceToJsonl } from '../sim/trace.ts';
import { buildWorld, type LabWorld } from './build-world.ts';
import { isClusterApiVersion, runsClusterApi } from './cluster-api-rule.ts';
import { webReplicaSet as rs } from './example-objects.ts';
import { createWorld } from './world.ts';
import type { WorldOptions } from './world-types.ts';

const dockerCluster: KubeObject = {
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
  kind: 'DockerCluster',
  metadata: { name: 'demo', namespace: 'default' },
  spec: {},
};
const cluster: KubeObject = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  metadata: { name: 'demo', namespace: 'default' },
  spec: {
    infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DockerCluster', name: 'demo' },
  },
};

const run = (w: LabWorld) => {
  w.runUntil(120_000);
  return traceToJsonl(w.sim.trace.all());
};

const clusterStatus = (w: LabWorld) => [...w.api.peek('clusters.cluster.x-k8s.io')][0]?.status;

describe('isClusterApiVersion', () => {
  it.each([
    ['cluster.x-k8s.io/v1beta2', true],
    ['infrastructure.cluster.x-k8s.io/v1beta1', true],
    ['bootstrap.cluster.x-k8s.io/v1beta2', true],
    ['controlplane.cluster.x-k8s.io/v1beta2', true],
    ['mycluster.x-k8s.io/v1', false],
    ['apps/v1', false],
    ['v1', false],
    ['cluster.x-k8s.io', false],
  ])('%s → %s', (apiVersion, expected) => {
    expect(isClusterApiVersion(apiVersion)).toBe(expected);
  });
});

describe('runsClusterApi', () => {
  it('follows the objects created at t = 0 and by timeline applies', () => {
    expect(runsClusterApi({ seed: 1, objects: [rs(2)] })).toBe(false);
    expect(runsClusterApi({ seed: 1 })).toBe(false);
    expect(runsClusterApi({ seed: 1, objects: [rs(2), dockerCluster] })).toBe(true);
    expect(
      runsClusterApi({
        seed: 1,
        objects: [rs(2)],
        timeline: [
          {
            atMs: 1000,
            action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 3 },
          },
          { atMs: 5000, action: { action: 'apply', objects: [cluster] } },
        ],
      }),
    ).toBe(true);
  });

  it('an explicit option wins either way', () => {
    expect(runsClusterApi({ seed: 1, clusterApi: true })).toBe(true);
    expect(runsClusterApi({ seed: 1, objects: [cluster], clusterApi: false })).toBe(false);
  });
});

describe('buildWorld: the Cluster API controllers as a plugin', () => {
  it('with the plugin, a Cluster API world has the same trace as createWorld', () => {
    const opts: WorldOptions = { seed: 7, objects: [dockerCluster, cluster, rs(3)] };
    expect(run(buildWorld(opts, { capi: createCapiControllers }))).toBe(run(createWorld(opts)));
  });

  it('without the plugin, a world that runs Cluster API is refused rather than built differently', () => {
    expect(() => buildWorld({ seed: 7, objects: [cluster] }, {})).toThrow(
      /Cluster API controllers.*not loaded/,
    );
    expect(() => buildWorld({ seed: 7, clusterApi: true }, {})).toThrow(/not loaded/);
  });

  it('a plain world needs no plugin: the same trace with or without it, and no Cluster API controller', () => {
    const opts: WorldOptions = { seed: 3, objects: [rs(4)] };
    const bare = buildWorld(opts, {});
    const full = createWorld(opts);
    expect(run(bare)).toBe(run(full));
    expect(full.capi.trackers.size).toBe(0);
    expect([...full.controllers.keys()].sort()).toEqual([...bare.controllers.keys()].sort());
    expect(createWorld({ seed: 3, objects: [rs(4), cluster] }).capi.trackers.size).toBeGreaterThan(0);
  });
});

describe('a world that does not run Cluster API', () => {
  it('stores a Cluster API object applied later, reconciles nothing, and says so once', () => {
    const w = createWorld({ seed: 1, objects: [rs(1)] });
    w.runUntil(5_000);
    w.act({ action: 'apply', objects: [dockerCluster, cluster] });
    w.runUntil(60_000);
    expect([...w.api.peek('clusters.cluster.x-k8s.io')].map((o) => o.metadata.name)).toEqual(['demo']);
    expect(clusterStatus(w)).toBeUndefined();
    const notes = w.sim.trace.all().filter((e) => e.type === 'sim.note');
    expect(notes).toHaveLength(1);
    expect(w.capi.notes).toEqual([
      expect.stringMatching(/^not running: the Cluster API controllers.*DockerCluster/),
    ]);
  });

  it('with clusterApi: true the same late apply is reconciled', () => {
    const w = createWorld({ seed: 1, objects: [rs(1)], clusterApi: true });
    w.runUntil(5_000);
    w.act({ action: 'apply', objects: [dockerCluster, cluster] });
    w.runUntil(60_000);
    expect(clusterStatus(w)).toBeDefined();
    expect(w.capi.notes.filter((n) => n.startsWith('not running'))).toEqual([]);
  });
});
