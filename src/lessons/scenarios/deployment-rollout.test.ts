/**
 * The Deployment controller in a running world (k8s pkg/controller/deployment), through the deployment-rollout
 * scenario and a few variations: the rollout invariants are checked at every commit of the trace.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import type { DeploymentController } from '../../engine/controllers/core/deployment/deployment-controller.ts';
import { isPodReady } from '../../engine/controllers/core/pod-status.ts';
import { isSettled } from '../../engine/controllers/core/settled.ts';
import { createWorld } from '../../engine/world/world.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

const RS = 'replicasets.apps';
const list = (w: LabWorld, resource: string) => [...w.api.peek(resource)];
const livePods = (w: LabWorld) => list(w, 'pods').filter((p) => !p.metadata.deletionTimestamp);
const replicaSets = (w: LabWorld) =>
  list(w, RS).sort((a, b) =>
    a.metadata.annotations!['deployment.kubernetes.io/revision']!.localeCompare(
      b.metadata.annotations!['deployment.kubernetes.io/revision']!,
    ),
  );
const image = (o: KubeObject) =>
  ((o.spec?.template as KubeObject).spec?.containers as { image: string }[])[0]!.image;
const noIllegalSteps = (w: LabWorld) =>
  expect((w.controllers.get('deployment-controller') as DeploymentController).steps.violations()).toEqual([]);

function deployment(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
      ...extra,
    },
  };
}

const bump = (w: LabWorld, img: string) =>
  w.act({
    action: 'patch',
    target: { kind: 'Deployment', name: 'web' },
    patch: { spec: { template: { spec: { containers: [{ name: 'web', image: img }] } } } },
  });

describe('deployment-rollout scenario (rolling.go rolloutRolling, default 25% / 25%)', () => {
  it('converges, then rolls to the new image within replicas + maxSurge and replicas − maxUnavailable at every commit', () => {
    const world = createWorld(scenarioWorldOptions('deployment-rollout.yaml'));
    // 4 replicas: maxSurge 25% rounds up to 1, maxUnavailable 25% rounds down to 1 (ResolveFenceposts).
    const violations: string[] = [];
    let maxPods = 0;
    let minAvailable = Infinity;
    world.api.onCommit(() => {
      if (world.sim.now() < 30_000) return;
      const pods = livePods(world);
      const available = pods.filter(isPodReady).length;
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, available);
      if (pods.length > 5) violations.push(`t=${world.sim.now()}: ${pods.length} pods > 4 + 1`);
      if (available < 3) violations.push(`t=${world.sim.now()}: ${available} available < 4 - 1`);
    });
    world.runUntil(29_000);
    // Only the timeline is left: the first rollout is complete (kubectl rollout status would say so).
    expect(world.pendingTimeline()).toBe(1);
    expect(isSettled(world.api.get('deployments.apps', 'default', 'web'))).toBe(true);
    const [first] = replicaSets(world);
    expect(first!.spec?.replicas).toBe(4);

    expect(world.runToConvergence().converged).toBe(true);
    expect(world.sim.now()).toBeGreaterThan(30_000);
    expect(violations).toEqual([]);
    // The rollout did use its budget: a fifth pod, and a moment with only three available.
    expect(maxPods).toBe(5);
    expect(minAvailable).toBe(3);

    const [old, next] = replicaSets(world);
    expect(replicaSets(world)).toHaveLength(2);
    // revisionHistoryLimit 10: the old ReplicaSet stays, scaled to 0 (sync.go cleanupDeployment).
    expect(old!.metadata.name).toBe(first!.metadata.name);
    expect(old!.spec?.replicas).toBe(0);
    expect(image(old!)).toBe('nginx:1.27');
    expect(next!.spec?.replicas).toBe(4);
    expect(image(next!)).toBe('nginx:1.28');
    // sync.go getNewReplicaSet: <deployment>-<pod-template-hash>, the hash in labels, selector and template.
    const hash = next!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(next!.metadata.name).toBe(`web-${hash}`);
    expect((next!.spec?.selector as { matchLabels: Record<string, string> }).matchLabels).toEqual({
      app: 'web',
      'pod-template-hash': hash,
    });
    expect(next!.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '2',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
    expect(next!.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        controller: true,
        blockOwnerDeletion: true,
      }),
    ]);
    for (const p of list(world, 'pods')) expect(p.metadata.labels!['pod-template-hash']).toBe(hash);

    const d = world.api.get('deployments.apps', 'default', 'web');
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({
      observedGeneration: d.metadata.generation,
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
    });
    expect(d.status!.unavailableReplicas).toBeUndefined();
    const conds = d.status!.conditions as { type: string; status: string; reason: string; message: string }[];
    expect(conds.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(conds[1]!.message).toBe(`ReplicaSet "web-${hash}" has successfully progressed.`);
    noIllegalSteps(world);

    world.runUntil(world.sim.now() + 600_000);
    expect(world.isConverged()).toBe(true);
  });

  it('reports a rollout in progress with unavailableReplicas and Progressing ReplicaSetUpdated', () => {
    const world = createWorld(scenarioWorldOptions('deployment-rollout.yaml'));
    world.runUntil(31_000);
    expect(world.isConverged()).toBe(false);
    const d = world.api.get('deployments.apps', 'default', 'web');
    expect(d.status!.updatedReplicas).toBeGreaterThan(0);
    expect(d.status!.unavailableReplicas).toBeGreaterThan(0);
    const progressing = (d.status!.conditions as { type: string; reason: string }[]).find(
      (c) => c.type === 'Progressing',
    );
    expect(['ReplicaSetUpdated', 'NewReplicaSetCreated']).toContain(progressing!.reason);
  });

  it('is deterministic: the same seed gives the same ReplicaSet names and trace length', () => {
    const a = createWorld(scenarioWorldOptions('deployment-rollout.yaml'));
    const b = createWorld(scenarioWorldOptions('deployment-rollout.yaml'));
    a.runToConvergence();
    b.runToConvergence();
    expect(replicaSets(a).map((r) => r.metadata.name)).toEqual(replicaSets(b).map((r) => r.metadata.name));
    expect(a.sim.trace.size()).toBe(b.sim.trace.size());
  });
});

describe('Deployment controller variations', () => {
  it('Recreate scales every old Pod away before the new ReplicaSet gets any (recreate.go rolloutRecreate)', () => {
    const w = createWorld({ seed: 3, objects: [deployment(3, { strategy: { type: 'Recreate' } })] });
    expect(w.runToConvergence().converged).toBe(true);
    const mixed: string[] = [];
    w.api.onCommit(() => {
      const imgs = new Set(livePods(w).map((p) => (p.spec?.containers as { image: string }[])[0]!.image));
      if (imgs.size > 1) mixed.push(`t=${w.sim.now()}`);
    });
    bump(w, 'nginx:1.28');
    expect(w.runToConvergence().converged).toBe(true);
    expect(mixed).toEqual([]);
    expect(replicaSets(w).map((r) => r.spec?.replicas)).toEqual([0, 3]);
    noIllegalSteps(w);
  });

  it('a resize without a template change scales the one active ReplicaSet (sync.go scale)', () => {
    const w = createWorld({ seed: 4, objects: [deployment(2)] });
    w.runToConvergence();
    w.act({ action: 'scale', target: { kind: 'Deployment', name: 'web' }, replicas: 6 });
    expect(w.runToConvergence().converged).toBe(true);
    const [rs] = replicaSets(w);
    expect(replicaSets(w)).toHaveLength(1);
    expect(rs!.spec?.replicas).toBe(6);
    expect(rs!.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('6');
    // 25% of 6 rounds up to 2.
    expect(rs!.metadata.annotations!['deployment.kubernetes.io/max-replicas']).toBe('8');
    expect(livePods(w)).toHaveLength(6);
  });

  it('a paused Deployment does not roll out a template change until resumed (checkPausedConditions)', () => {
    const w = createWorld({ seed: 5, objects: [deployment(2)] });
    w.runToConvergence();
    w.act({
      action: 'patch',
      target: { kind: 'Deployment', name: 'web' },
      patch: { spec: { paused: true } },
    });
    bump(w, 'nginx:1.28');
    expect(w.runToConvergence().converged).toBe(true);
    expect(replicaSets(w)).toHaveLength(1);
    let d = w.api.get('deployments.apps', 'default', 'web');
    const reason = () =>
      (d.status!.conditions as { type: string; reason: string }[]).find((c) => c.type === 'Progressing')!
        .reason;
    expect(reason()).toBe('DeploymentPaused');
    w.act({
      action: 'patch',
      target: { kind: 'Deployment', name: 'web' },
      patch: { spec: { paused: false } },
    });
    expect(w.runToConvergence().converged).toBe(true);
    expect(replicaSets(w).map((r) => [image(r), r.spec?.replicas])).toEqual([
      ['nginx:1.27', 0],
      ['nginx:1.28', 2],
    ]);
    d = w.api.get('deployments.apps', 'default', 'web');
    expect(reason()).toBe('NewReplicaSetAvailable');
  });

  it('keeps only revisionHistoryLimit old ReplicaSets, deleting the oldest revisions (cleanupDeployment)', () => {
    const w = createWorld({ seed: 6, objects: [deployment(2, { revisionHistoryLimit: 1 })] });
    w.runToConvergence();
    for (const img of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30']) {
      bump(w, img);
      expect(w.runToConvergence().converged).toBe(true);
    }
    expect(
      replicaSets(w).map((r) => [r.metadata.annotations!['deployment.kubernetes.io/revision'], image(r)]),
    ).toEqual([
      ['3', 'nginx:1.29'],
      ['4', 'nginx:1.30'],
    ]);
  });

  it('adopts a matching orphan ReplicaSet instead of creating one (ClaimReplicaSets)', () => {
    const w = createWorld({ seed: 7, objects: [deployment(2)] });
    w.runToConvergence();
    const [rs] = replicaSets(w);
    w.act({
      action: 'patch',
      target: { kind: 'ReplicaSet', name: rs!.metadata.name! },
      patch: { metadata: { ownerReferences: null } },
    });
    expect(w.runToConvergence().converged).toBe(true);
    expect(replicaSets(w)).toHaveLength(1);
    expect(replicaSets(w)[0]!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'web', controller: true }),
    ]);
  });
});
