import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCapiControllers } from '../controllers/capi/capi-controllers.ts';
import { traceToJsonl } from '../sim/trace.ts';
import { webReplicaSet as rs } from './example-objects.ts';
import { createWorld, createWorldWith } from './world.ts';
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

const run = (w: ReturnType<typeof createWorld>) => {
  w.runUntil(120_000);
  return traceToJsonl(w.sim.trace.all());
};

describe('createWorldWith: the Cluster API controllers as a plugin', () => {
  it('with the Cluster API factory gives the same trace as createWorld', () => {
    const opts: WorldOptions = { seed: 7, objects: [dockerCluster, cluster, rs(3)] };
    expect(run(createWorldWith(opts, { capi: createCapiControllers }))).toBe(run(createWorld(opts)));
  });

  // Not the same trace: the Cluster API controllers' informers start too, and that moves the RNG's draws.
  it('without it, a ReplicaSet world converges to the same objects, and no Cluster API controller is registered', () => {
    const opts: WorldOptions = { seed: 3, objects: [rs(4)] };
    const bare = createWorldWith(opts, {});
    const full = createWorld(opts);
    expect(bare.runToConvergence().converged).toBe(true);
    expect(full.runToConvergence().converged).toBe(true);
    expect(bare.summary().objects).toEqual(full.summary().objects);
    expect(bare.capi.trackers.size).toBe(0);
    expect([...bare.controllers.keys()].some((n) => full.capi.trackers.has(n))).toBe(false);
    expect(full.capi.trackers.size).toBeGreaterThan(0);
  });

  it('without it, Cluster API objects are stored and validated but nothing reconciles them', () => {
    const bare = createWorldWith({ seed: 1, objects: [dockerCluster, cluster] }, {});
    bare.runUntil(60_000);
    const stored = bare.api.peek('clusters.cluster.x-k8s.io');
    expect([...stored].map((o) => o.metadata.name)).toEqual(['demo']);
    const full = createWorld({ seed: 1, objects: [dockerCluster, cluster] });
    full.runUntil(60_000);
    // The Cluster controller writes status (phase, conditions); with no plugin nobody does.
    expect([...full.api.peek('clusters.cluster.x-k8s.io')][0]?.status).toBeDefined();
    expect([...stored][0]?.status).toBeUndefined();
  });
});
