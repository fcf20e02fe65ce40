import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { nextMachineDeletionStep, type MachineDeletionInputs } from './deletion.ts';
import { cluster, infraObject, machine, node, pod, ts } from '../test-fixtures.ts';

// core/reconcilers/machine/machine_controller.go reconcileDelete and helpers; truth F26–F35.
const NOW = 1000_000;

function deleting(
  o: {
    annotations?: Record<string, string>;
    status?: Record<string, unknown>;
    spec?: Record<string, unknown>;
    nodeRef?: string | null;
  } = {},
) {
  return machine('m1', {
    deletedAt: 900,
    ...(o.annotations ? { annotations: o.annotations } : {}),
    spec: { providerID: 'in-memory://m1', ...o.spec },
    status: {
      phase: 'Deleting',
      ...(o.nodeRef === null ? {} : { nodeRef: { name: o.nodeRef ?? 'm1' } }),
      initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: true },
      ...o.status,
    },
  });
}

function inputs(m: KubeObject, o: Partial<MachineDeletionInputs> = {}): MachineDeletionInputs {
  return {
    machine: m,
    cluster: cluster(),
    activeControlPlaneMachines: 1,
    infraMachine: infraObject('DevMachine', 'm1'),
    bootstrapConfig: infraObject('KubeadmConfig', 'm1'),
    node: node('m1', { unschedulable: true }),
    podsOnNode: [],
    nowMs: NOW,
    ...o,
  };
}

/** Runs the workflow, applying each step the way the Machine controller would, and returns the visited steps. */
function walk(start: MachineDeletionInputs): string[] {
  let inp = start;
  const steps: string[] = [];
  for (let i = 0; i < 30; i++) {
    const d = nextMachineDeletionStep(inp);
    steps.push(d.step);
    const status = {
      ...inp.machine.status,
      deletion: { ...(inp.machine.status?.deletion as object), ...d.record },
    };
    let m: KubeObject = { ...inp.machine, status };
    switch (d.step) {
      case 'waitPreDrainHooks':
      case 'waitPreTerminateHooks': {
        const annotations = { ...m.metadata.annotations };
        for (const h of d.hooks ?? []) delete annotations[h];
        m = { ...m, metadata: { ...m.metadata, annotations } };
        break;
      }
      case 'cordon':
        inp = { ...inp, node: { ...inp.node!, spec: { ...inp.node!.spec, unschedulable: true } } };
        break;
      case 'drain':
        inp = { ...inp, podsOnNode: [] };
        break;
      case 'waitVolumeDetach':
        inp = { ...inp, node: { ...inp.node!, status: { ...inp.node!.status, volumesAttached: [] } } };
        break;
      case 'deleteInfrastructure':
        inp = {
          ...inp,
          infraMachine: {
            ...inp.infraMachine!,
            metadata: { ...inp.infraMachine!.metadata, deletionTimestamp: ts(950) },
          },
        };
        break;
      case 'waitInfrastructureGone':
        inp = { ...inp, infraMachine: undefined };
        break;
      case 'deleteBootstrap':
        inp = {
          ...inp,
          bootstrapConfig: {
            ...inp.bootstrapConfig!,
            metadata: { ...inp.bootstrapConfig!.metadata, deletionTimestamp: ts(950) },
          },
        };
        break;
      case 'waitBootstrapGone':
        inp = { ...inp, bootstrapConfig: undefined };
        break;
      case 'deleteNode':
        inp = { ...inp, node: undefined };
        break;
      case 'removeFinalizer':
        return steps;
    }
    inp = { ...inp, machine: m };
  }
  throw new Error('deletion did not finish');
}

describe('nextMachineDeletionStep (machine_controller.go reconcileDelete)', () => {
  it('F26: walks the strict order hooks → cordon/drain → volumes → pre-terminate → infra → bootstrap → Node → finalizer', () => {
    const m = deleting({
      annotations: {
        'pre-drain.delete.hook.machine.cluster.x-k8s.io/b': '',
        'pre-drain.delete.hook.machine.cluster.x-k8s.io/a': '',
        'pre-terminate.delete.hook.machine.cluster.x-k8s.io/kcp-cleanup': '',
      },
    });
    const steps = walk(
      inputs(m, { node: node('m1', { volumes: 1 }), podsOnNode: [pod('web', { ownerKind: 'ReplicaSet' })] }),
    );
    expect(steps).toEqual([
      'waitPreDrainHooks',
      'cordon',
      'drain',
      'waitVolumeDetach',
      'waitPreTerminateHooks',
      'deleteInfrastructure',
      'waitInfrastructureGone',
      'deleteBootstrap',
      'waitBootstrapGone',
      'deleteNode',
      'removeFinalizer',
    ]);
  });

  it('F28: lists the pre-drain hooks sorted and records waitForPreDrainHookStartTime once', () => {
    const m = deleting({
      annotations: {
        'pre-drain.delete.hook.machine.cluster.x-k8s.io/z': '',
        'pre-drain.delete.hook.machine.cluster.x-k8s.io': '',
      },
    });
    const d = nextMachineDeletionStep(inputs(m));
    expect(d).toMatchObject({
      step: 'waitPreDrainHooks',
      reason: 'WaitingForPreDrainHook',
      message:
        'Waiting for pre-drain hooks to succeed (hooks: pre-drain.delete.hook.machine.cluster.x-k8s.io,pre-drain.delete.hook.machine.cluster.x-k8s.io/z)',
      record: { waitForPreDrainHookStartTime: ts(1000) },
    });
    const again = nextMachineDeletionStep(
      inputs(
        deleting({
          annotations: m.metadata.annotations!,
          status: { deletion: { waitForPreDrainHookStartTime: ts(950) } },
        }),
      ),
    );
    expect(again.record).toEqual({});
  });

  it('F29: drain evicts ReplicaSet Pods, leaves DaemonSet and mirror Pods, and requeues after 20 s', () => {
    const d = nextMachineDeletionStep(
      inputs(deleting({ status: { deletion: { nodeDrainStartTime: ts(950) } } }), {
        podsOnNode: [
          pod('web', { ownerKind: 'ReplicaSet' }),
          pod('kube-proxy', { ownerKind: 'DaemonSet' }),
          pod('etcd', { mirror: true }),
        ],
      }),
    );
    expect(d.step).toBe('drain');
    expect(d.reason).toBe('DrainingNode');
    expect(d.requeueAfterMs).toBe(20_000);
    expect(d.drain?.evictNow.map((p) => p.metadata.name)).toEqual(['web']);
    expect(d.drain?.skipped.map((p) => p.metadata.name)).toEqual(['etcd', 'kube-proxy']);
    expect(d.message).toContain('Drain not completed yet (started at 2026-01-01T00:15:50Z):');
    // Only DaemonSet/mirror Pods left: drain is complete and the next step follows.
    const after = nextMachineDeletionStep(
      inputs(deleting({ status: { deletion: { nodeDrainStartTime: ts(950) } } }), {
        podsOnNode: [pod('kube-proxy', { ownerKind: 'DaemonSet' })],
      }),
    );
    expect(after.step).toBe('deleteInfrastructure');
  });

  it('F30: drain is skipped by the exclude annotation, by an expired nodeDrainTimeoutSeconds, or when the InfraMachine is deleting', () => {
    const pods = [pod('web', { ownerKind: 'ReplicaSet' })];
    const excluded = deleting({ annotations: { 'machine.cluster.x-k8s.io/exclude-node-draining': '' } });
    expect(nextMachineDeletionStep(inputs(excluded, { podsOnNode: pods })).step).toBe('deleteInfrastructure');

    const timedOut = deleting({
      spec: { deletion: { nodeDrainTimeoutSeconds: 60 } },
      status: { deletion: { nodeDrainStartTime: ts(940) } },
    });
    expect(nextMachineDeletionStep(inputs(timedOut, { podsOnNode: pods })).step).toBe('deleteInfrastructure');
    const notYet = deleting({
      spec: { deletion: { nodeDrainTimeoutSeconds: 61 } },
      status: { deletion: { nodeDrainStartTime: ts(940) } },
    });
    expect(nextMachineDeletionStep(inputs(notYet, { podsOnNode: pods })).step).toBe('drain');

    const infraDeleting = infraObject('DevMachine', 'm1', { deletedAt: 950 });
    expect(
      nextMachineDeletionStep(inputs(deleting(), { podsOnNode: pods, infraMachine: infraDeleting })).step,
    ).toBe('waitInfrastructureGone');
  });

  it('F30/F32: once waiting for pre-terminate hooks has started, drain and volume wait are never resumed', () => {
    const m = deleting({
      annotations: { 'pre-terminate.delete.hook.machine.cluster.x-k8s.io/x': '' },
      status: { deletion: { waitForPreTerminateHookStartTime: ts(950) } },
    });
    const d = nextMachineDeletionStep(
      inputs(m, { podsOnNode: [pod('web')], node: node('m1', { volumes: 2 }) }),
    );
    expect(d).toMatchObject({
      step: 'waitPreTerminateHooks',
      reason: 'WaitingForPreTerminateHook',
      record: {},
    });
  });

  it('F31: volume wait is skipped by annotation, by timeout, and for an unreachable Node', () => {
    const vols = node('m1', { volumes: 1, unschedulable: true });
    expect(nextMachineDeletionStep(inputs(deleting(), { node: vols }))).toMatchObject({
      step: 'waitVolumeDetach',
      reason: 'WaitingForVolumeDetach',
      message: 'Waiting for Node volumes to be detached (started at 2026-01-01T00:16:40Z)',
      requeueAfterMs: 20_000,
    });
    const excluded = deleting({
      annotations: { 'machine.cluster.x-k8s.io/exclude-wait-for-node-volume-detach': '' },
    });
    expect(nextMachineDeletionStep(inputs(excluded, { node: vols })).step).toBe('deleteInfrastructure');
    const timedOut = deleting({
      spec: { deletion: { nodeVolumeDetachTimeoutSeconds: 10 } },
      status: { deletion: { waitForNodeVolumeDetachStartTime: ts(990) } },
    });
    expect(nextMachineDeletionStep(inputs(timedOut, { node: vols })).step).toBe('deleteInfrastructure');
    const unreachable = node('m1', { volumes: 1, unschedulable: true, ready: 'Unknown' });
    expect(nextMachineDeletionStep(inputs(deleting(), { node: unreachable })).step).toBe(
      'deleteInfrastructure',
    );
  });

  it('F27: with the Cluster deleting, no nodeRef, or no control-plane Machine left, Node steps are skipped but infra/bootstrap still go', () => {
    const hooks = { 'pre-drain.delete.hook.machine.cluster.x-k8s.io/a': '' };
    const clusterDeleting = nextMachineDeletionStep(
      inputs(deleting({ annotations: hooks }), { cluster: cluster({ deletedAt: 800 }) }),
    );
    expect(clusterDeleting).toMatchObject({
      step: 'deleteInfrastructure',
      nodeDeletionBlockedBy: 'clusterIsBeingDeleted',
    });

    const noNode = nextMachineDeletionStep(
      inputs(deleting({ annotations: hooks, nodeRef: null }), {
        node: undefined,
        infraMachine: undefined,
        bootstrapConfig: undefined,
      }),
    );
    expect(noNode).toMatchObject({
      step: 'removeFinalizer',
      reason: 'DeletionCompleted',
      nodeDeletionBlockedBy: 'nilNodeRef',
    });

    const lastCP = nextMachineDeletionStep(
      inputs(deleting({ annotations: hooks }), {
        activeControlPlaneMachines: 0,
        infraMachine: undefined,
        bootstrapConfig: undefined,
      }),
    );
    expect(lastCP).toMatchObject({ step: 'removeFinalizer', nodeDeletionBlockedBy: 'noControlPlaneNodes' });

    const cpDeleting = infraObject('KubeadmControlPlane', 'demo-control-plane', { deletedAt: 800 });
    expect(
      nextMachineDeletionStep(inputs(deleting({ annotations: hooks }), { controlPlane: cpDeleting }))
        .nodeDeletionBlockedBy,
    ).toBe('controlPlaneIsBeingDeleted');
  });

  it('F27: without nodeRef, a Node found by providerID is adopted as nodeRef and goes through the Node steps', () => {
    const d = nextMachineDeletionStep(inputs(deleting({ nodeRef: null }), { node: node('m1') }));
    expect(d).toMatchObject({ step: 'cordon', setNodeRef: 'm1', nodeName: 'm1' });
  });

  it('F33: waits for InfraMachine and BootstrapConfig NotFound with the real reasons', () => {
    expect(nextMachineDeletionStep(inputs(deleting()))).toMatchObject({
      step: 'deleteInfrastructure',
      reason: 'WaitingForInfrastructureDeletion',
      message: 'Waiting for DevMachine to be deleted',
    });
    expect(nextMachineDeletionStep(inputs(deleting(), { infraMachine: undefined }))).toMatchObject({
      step: 'deleteBootstrap',
      reason: 'WaitingForBootstrapDeletion',
      message: 'Waiting for KubeadmConfig to be deleted',
    });
    // No configRef (dataSecretName given): nothing to wait for.
    const noRef = deleting({ spec: { bootstrap: { dataSecretName: 's' } } });
    expect(nextMachineDeletionStep(inputs(noRef, { infraMachine: undefined })).step).toBe('deleteNode');
  });

  it('F34: a failing Node delete is retried until deletionTimestamp + nodeDeletionTimeoutSeconds, then the finalizer goes anyway', () => {
    const base = { infraMachine: undefined, bootstrapConfig: undefined, nodeDeleteFailed: true };
    const m = deleting({ spec: { deletion: { nodeDeletionTimeoutSeconds: 10 } } });
    expect(nextMachineDeletionStep(inputs(m, { ...base, nowMs: 905_000 }))).toMatchObject({
      step: 'deleteNode',
      reason: 'DeletingNode',
      message: 'Error deleting Node, please check controller logs for errors',
    });
    expect(nextMachineDeletionStep(inputs(m, { ...base, nowMs: 910_000 })).step).toBe('removeFinalizer');
    const forever = deleting({ spec: { deletion: { nodeDeletionTimeoutSeconds: 0 } } });
    expect(nextMachineDeletionStep(inputs(forever, { ...base, nowMs: 99_000_000 })).step).toBe('deleteNode');
  });

  it('F35: ends with DeletionCompleted', () => {
    expect(
      nextMachineDeletionStep(
        inputs(deleting(), { infraMachine: undefined, bootstrapConfig: undefined, node: undefined }),
      ),
    ).toMatchObject({
      step: 'removeFinalizer',
      reason: 'DeletionCompleted',
      message: 'Deletion completed',
    });
  });

  it('refuses a Machine that is not deleting', () => {
    expect(() => nextMachineDeletionStep(inputs(machine('m1')))).toThrow(/no deletionTimestamp/);
  });
});
