/** The bug labs' teaching controllers, driven through a world: registration, variants and their params. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import { readParams } from '../../engine/world/params.ts';
import { createWorld } from '../../engine/world/world.ts';
import { CLAIM_CLEANUP_CONTROLLER } from '../../engine/controllers/teaching/claim-cleanup.ts';
import {
  CLOUD_MACHINE_CONTROLLER,
  INFRA_MACHINE_LABEL,
  MACHINE_UID_TAG,
} from '../../engine/controllers/teaching/cloud-machines.ts';
import { GITOPS_CONTROLLER, GITOPS_REPLICAS } from '../../engine/controllers/teaching/gitops-sync.ts';
import {
  NAIVE_AUTOSCALER_CONTROLLER,
  NAIVE_HISTORY,
  NAIVE_IDEAL,
  parseHistory,
} from '../../engine/controllers/teaching/naive-autoscaler.ts';

const TEACHING = [
  GITOPS_CONTROLLER,
  NAIVE_AUTOSCALER_CONTROLLER,
  CLAIM_CLEANUP_CONTROLLER,
  CLOUD_MACHINE_CONTROLLER,
];

function replicaSet(replicas: number, annotations: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  };
}

const infraMachine: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'worker-0', namespace: 'default', labels: { [INFRA_MACHINE_LABEL]: 'true' } },
  data: {},
};

describe('teaching controllers', () => {
  it('are not registered unless a param asks for them, so other worlds are unchanged', () => {
    const w = createWorld({ seed: 1 });
    for (const name of TEACHING) expect(w.controllers.has(name)).toBe(false);
    expect(w.teaching.cloud).toBeUndefined();
  });

  it('variant params are checked: a bad value is a clear error naming the choices', () => {
    expect(() => readParams({ gitopsSync: 'maybe' })).toThrow(/gitopsSync: must be one of off, buggy, fixed/);
    expect(() => readParams({ replicaSetExpectations: true })).toThrow(/must be one of on, off/);
    expect(() => readParams({ naiveAutoscalerDeadtime: 1.5 })).toThrow(/whole number/);
    expect(() => readParams({ noSuchKnob: 1 })).toThrow(/unknown parameter/);
    expect(readParams({ claimCleanup: 'fixed' }).claimCleanup).toBe('fixed');
  });

  // BL-03, cluster-api-provider-aws#5794 / #53: a panic after RunInstances duplicates VMs unless they are
  // tagged and looked up by the owner's UID.
  it('cloud machines: every panic leaks a VM when buggy, none when fixed', () => {
    for (const [variant, vms] of [
      ['buggy', 4],
      ['fixed', 1],
    ] as const) {
      const w = createWorld({
        seed: 1,
        objects: [infraMachine],
        params: { cloudMachines: variant, cloudPanics: 3 },
      });
      expect(w.runToConvergence(60_000).converged).toBe(true);
      expect(w.teaching.cloud!.vms()).toHaveLength(vms);
      const cm = [...w.api.peek('configmaps')][0]!;
      const recorded = (cm.data as Record<string, string>).providerID;
      expect(recorded).toMatch(/^aws:\/\/\/us-east-1a\/i-/);
      if (variant === 'fixed')
        expect(w.teaching.cloud!.vms()[0]!.tags[MACHINE_UID_TAG]).toBe(cm.metadata.uid);
    }
  });

  // BL-10, argo-cd#5105: only the buggy manifest carries replicas, so only it writes the field.
  it('gitops sync re-applies spec.replicas when buggy and never writes it when fixed', () => {
    for (const [variant, want] of [
      ['buggy', 1],
      ['fixed', 4],
    ] as const) {
      const w = createWorld({
        seed: 1,
        objects: [replicaSet(1, { [GITOPS_REPLICAS]: '1' })],
        params: { gitopsSync: variant },
      });
      w.runUntil(5_000);
      w.act({
        action: 'scale',
        target: { kind: 'ReplicaSet', name: 'web', namespace: 'default' },
        replicas: 4,
      });
      w.runUntil(30_000);
      const rs = [...w.api.peek('replicasets.apps')][0]!;
      expect(rs.spec?.replicas).toBe(want);
    }
  });

  // BL-12 (lessons-research.md part b): d = 1, gain 1 from 3 with 9 needed.
  it('naive autoscaler writes its setpoints into the history annotation', () => {
    const w = createWorld({
      seed: 1,
      objects: [replicaSet(3, { [NAIVE_IDEAL]: '9' })],
      params: { naiveAutoscaler: 'buggy', naiveAutoscalerDeadtime: 1 },
    });
    w.runUntil(95_000);
    const rs = [...w.api.peek('replicasets.apps')][0]!;
    expect(parseHistory(rs.metadata.annotations?.[NAIVE_HISTORY])).toEqual([3, 9, 27, 27, 9, 3, 3, 9]);
    expect(parseHistory('3,x')).toEqual([]);
  });
});
