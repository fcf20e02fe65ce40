/**
 * The shared clusterctl fixture applied the way `kubectl apply` sends it to serve mode under load: one object per
 * request (a GET, then a POST with the last-applied annotation), with simulated time running between requests.
 * Whatever the order and the gaps, the cluster must come up: a level-based controller either watches what it
 * waits for or requeues. The Cluster's external watch maps events through owner references, so a DevCluster or
 * KubeadmControlPlane that arrives after its Cluster has gone quiet is only found by the Cluster's requeue
 * (core/reconcilers/cluster/cluster_controller_phases.go reconcileInfrastructure / reconcileControlPlane,
 * "Could not find ..., requeuing" after externalReadyWait).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  clusterctlVariables,
  FIXTURE_KINDS,
  templateObjects,
} from '../../engine/api/resources/test-clusterctl.ts';
import type { KubeObject } from '../../engine/api/types.ts';
import { createRng } from '../../engine/sim/rng.ts';
import { createWorld } from '../../engine/world/world.ts';

const FIXTURE = fileURLToPath(
  new URL('../../../../shared/fixtures/capi/cluster-kcp-md.v1beta2.yaml', import.meta.url),
);
/** The fixture's documents after envsubst, in the file's order. */
const DOCS: KubeObject[] = templateObjects(
  readFileSync(FIXTURE, 'utf8'),
  clusterctlVariables({ CLUSTER_NAME: 'watched' }),
)
  // kubectl posts each object to its namespace's path; the facade fills metadata.namespace from it.
  .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'default' } }));

const KINDS = DOCS.map((o) => o.kind);
/** Gaps between two requests, in virtual ms: back to back up to a stalled kubectl. */
const GAPS = [0, 1, 10, 50, 100, 500, 1000, 3000];
/** Long enough for the workers' VMs, Nodes and a Cluster requeue or two. */
const SETTLE_MS = 30 * 60_000;

interface Outcome {
  converged: boolean;
  clusterPhase: unknown;
  controlPlaneInitialized: string | undefined;
  kcpOwners: string[];
  controlPlaneMachines: number;
  machinePhases: string[];
}

/** Applies the documents one by one in `order`, time advancing by gaps[i] after the i-th. */
function applyOneByOne(order: readonly number[], gaps: readonly number[]): Outcome {
  const world = createWorld({ seed: 1, keepTrace: false, clusterApi: true });
  order.forEach((doc, i) => {
    world.act({ action: 'apply', objects: [DOCS[doc]!] });
    world.runUntil(world.sim.now() + gaps[i]!);
  });
  const { converged } = world.runToConvergence(SETTLE_MS);
  const cluster = [...world.api.peek('clusters.cluster.x-k8s.io')][0]!;
  const kcp = [...world.api.peek('kubeadmcontrolplanes.controlplane.cluster.x-k8s.io')][0]!;
  const machines = [...world.api.peek('machines.cluster.x-k8s.io')];
  const conditions = (cluster.status?.conditions ?? []) as { type: string; status: string }[];
  return {
    converged,
    clusterPhase: cluster.status?.phase,
    controlPlaneInitialized: conditions.find((c) => c.type === 'ControlPlaneInitialized')?.status,
    kcpOwners: (kcp.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`),
    controlPlaneMachines: machines.filter(
      (m) => m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined,
    ).length,
    machinePhases: machines.map((m) => String(m.status?.phase)),
  };
}

const UP: Outcome = {
  converged: true,
  clusterPhase: 'Provisioned',
  controlPlaneInitialized: 'True',
  kcpOwners: ['Cluster/watched'],
  controlPlaneMachines: 1,
  machinePhases: ['Running', 'Running', 'Running'],
};

const describeOrder = (order: readonly number[], gaps: readonly number[]) =>
  order.map((d, i) => `${KINDS[d]} +${gaps[i]}ms`).join(', ');

describe('the clusterctl fixture applied one object at a time, time running between requests', () => {
  it('the fixture has the seven documents these orders permute', () => {
    expect(KINDS).toEqual(FIXTURE_KINDS);
  });

  // The order kubectl sends. From a 10 ms gap on, the Cluster had gone quiet (its DevCluster provisioned, nothing
  // left to watch) before the KubeadmControlPlane arrived: the KCP was never adopted, never made a Machine, and
  // the workers waited for ControlPlaneInitialized forever.
  it.each(GAPS)('in document order, %i ms apart, the cluster comes up with its control plane', (gap) => {
    const order = DOCS.map((_, i) => i);
    expect(
      applyOneByOne(
        order,
        order.map(() => gap),
      ),
    ).toEqual(UP);
  });

  it('in reverse order, 1 s apart, the cluster comes up', () => {
    const order = DOCS.map((_, i) => DOCS.length - 1 - i);
    expect(
      applyOneByOne(
        order,
        order.map(() => 1000),
      ),
    ).toEqual(UP);
  });

  it('the control plane applied long after its Cluster settled is adopted by the Cluster requeue', () => {
    // cluster_controller_phases.go reconcileControlPlane: not found yet → RequeueAfter externalReadyWait (30 s).
    const kcp = KINDS.indexOf('KubeadmControlPlane');
    const order = [...DOCS.keys()].filter((i) => i !== kcp).concat(kcp);
    expect(
      applyOneByOne(
        order,
        order.map(() => 120_000),
      ),
    ).toEqual(UP);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
    'in a shuffled order with random gaps (seed %i), the cluster comes up',
    (seed) => {
      const rng = createRng(seed);
      const order = [...DOCS.keys()];
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const gaps = order.map(() => rng.pick(GAPS)!);
      expect(applyOneByOne(order, gaps), describeOrder(order, gaps)).toEqual(UP);
    },
  );
});
