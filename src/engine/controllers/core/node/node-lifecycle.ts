/**
 * The node lifecycle controller's health loop and taint-based eviction, on the kube-controller-manager defaults:
 *
 * - every 5 s (monitorNodeHealth), a Node whose Ready heartbeat and Lease have not moved for the grace period
 *   (50 s; 60 s for a Node that never posted Ready) gets its conditions set to Unknown (tryUpdateNodeHealth);
 * - the Ready status picks the Node's lifecycle taints: not-ready for False, unreachable for Unknown, none for True,
 *   each as NoSchedule and NoExecute (processTaintBaseEviction, doNoScheduleTaintingPass, markNodeAsReachable);
 * - Pods on a Node that is not Ready are marked Ready=False (pkg/controller/util/node/controller_utils.go
 *   MarkPodsNotReady);
 * - a Pod on a Node with NoExecute taints is deleted once its tolerations run out: 300 s by default
 *   (pkg/controller/tainteviction/taint_eviction.go processPodOnNode, getMinTolerationTime).
 *
 * SIMPLIFIED: no zones and no eviction rate limiting (the zone queue's first token is immediate, so one failed
 * Node is tainted at once as upstream); health is read from the API server's store, as a lister would; Pods bound
 * to a deleted Node are not garbage collected (podgc).
 */
import type { MockApiServer } from '../../../api/server.ts';
import { isApiError, type KubeObject } from '../../../api/types.ts';
import type { TimerHandle } from '../../../sim/scheduler.ts';
import type { Sim } from '../../../sim/sim.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { LEASES } from './node-kubelet.ts';
import {
  NODE_LEASE_NAMESPACE,
  NODE_LIFECYCLE_CONTROLLER,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_PERIOD_MS,
  TAINT_EVICTION_CONTROLLER,
  evictionDelayMs,
  lifecycleTaintKey,
  nodeCondition,
  nodeTaints,
  unknownConditions,
  withLifecycleTaints,
} from './node-rules.ts';

export interface NodeLifecycle {
  /** Starts watching a Node's health (the monitor loop runs while any Node is tracked). */
  track(nodeName: string): void;
  untrack(nodeName: string): void;
  /** Taint-based evictions scheduled and not yet run. */
  pendingEvictions(): number;
  /** One monitorNodeHealth pass now (the loop also runs it every 5 s). */
  monitor(): void;
}

interface Health {
  /** nodeHealthData.probeTimestamp: when a heartbeat or Lease renewal was last observed. */
  probeMs: number;
  heartbeat: string | undefined;
  renew: string | undefined;
}

interface Eviction {
  uid: string;
  node: string;
  atMs: number;
  handle: TimerHandle;
}

const podKey = (p: KubeObject) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (isApiError(e)) return undefined;
    throw e;
  }
}

export function createNodeLifecycle(sim: Sim, api: MockApiServer): NodeLifecycle {
  const tracked = new Map<string, Health | undefined>();
  const evictions = new Map<string, Eviction>();
  let loop: TimerHandle | undefined;

  const actor = NODE_LIFECYCLE_CONTROLLER;

  const cancelEviction = (key: string) => {
    const ev = evictions.get(key);
    if (!ev) return;
    sim.scheduler.cancel(ev.handle);
    evictions.delete(key);
  };

  const evict = (pod: KubeObject) => {
    const key = podKey(pod);
    evictions.delete(key);
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name!;
    // taint_eviction.go addConditionAndDeletePod: a DisruptionTarget condition first, then the delete.
    const conditions = [
      ...((pod.status?.conditions as { type: string }[] | undefined) ?? []).filter(
        (c) => c.type !== 'DisruptionTarget',
      ),
      {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
        lastTransitionTime: virtualTimestamp(sim.now()),
      },
    ];
    attempt(() =>
      api.patch(
        'pods',
        ns,
        name,
        'merge',
        { status: { conditions } },
        {
          actor: TAINT_EVICTION_CONTROLLER,
          subresource: 'status',
        },
      ),
    );
    attempt(() =>
      api.delete('pods', ns, name, {
        actor: TAINT_EVICTION_CONTROLLER,
        preconditions: { uid: pod.metadata.uid! },
      }),
    );
  };

  const currentPod = (key: string, uid: string): KubeObject | undefined => {
    const [ns, name] = key.split('/') as [string, string];
    for (const p of api.peek('pods'))
      if (p.metadata.name === name && p.metadata.namespace === ns && p.metadata.uid === uid) return p;
    return undefined;
  };

  /** processPodOnNode for every Pod on the Node: evict now, schedule, or cancel. */
  const processNode = (node: KubeObject, pods: readonly KubeObject[]) => {
    const noExecute = nodeTaints(node).filter((t) => t.effect === 'NoExecute');
    const nodeName = node.metadata.name!;
    for (const pod of pods) {
      const key = podKey(pod);
      if (pod.metadata.deletionTimestamp) continue;
      const delay = evictionDelayMs(pod, noExecute);
      if (delay === undefined) {
        cancelEviction(key);
        continue;
      }
      if (delay === 0) {
        cancelEviction(key);
        evict(pod);
        continue;
      }
      const existing = evictions.get(key);
      // An eviction already scheduled keeps its start time; it only moves when the new deadline is earlier.
      if (existing && existing.uid === pod.metadata.uid && existing.atMs <= sim.now() + delay) continue;
      cancelEviction(key);
      const uid = pod.metadata.uid!;
      const atMs = sim.now() + delay;
      const handle = sim.scheduler.at(
        atMs,
        () => {
          const live = currentPod(key, uid);
          evictions.delete(key);
          if (live && live.spec?.nodeName === nodeName && !live.metadata.deletionTimestamp) evict(live);
        },
        `taint eviction ${key}`,
      );
      evictions.set(key, { uid, node: nodeName, atMs, handle });
    }
    // Pods gone from the Node (or the Node's NoExecute taints gone) lose their scheduled eviction.
    if (noExecute.length === 0)
      for (const [key, ev] of evictions) if (ev.node === nodeName) cancelEviction(key);
  };

  /** MarkPodsNotReady: the Ready condition of every Pod on the Node goes False. */
  const markPodsNotReady = (pods: readonly KubeObject[]) => {
    const ts = virtualTimestamp(sim.now());
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const conds = (pod.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
      if (!conds.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
      const next = conds.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: ts } : c,
      );
      attempt(() =>
        api.patch(
          'pods',
          pod.metadata.namespace,
          pod.metadata.name!,
          'merge',
          { status: { conditions: next } },
          {
            actor,
            subresource: 'status',
          },
        ),
      );
    }
  };

  const monitor = () => {
    const now = sim.now();
    const nodes = new Map<string, KubeObject>();
    for (const n of api.peek('nodes')) if (tracked.has(n.metadata.name!)) nodes.set(n.metadata.name!, n);
    const leases = new Map<string, KubeObject>();
    for (const l of api.peek(LEASES))
      if (l.metadata.namespace === NODE_LEASE_NAMESPACE) leases.set(l.metadata.name!, l);
    let podsByNode: Map<string, KubeObject[]> | undefined;
    const podsOn = (name: string) => {
      if (!podsByNode) {
        podsByNode = new Map();
        for (const p of api.peek('pods')) {
          const n = p.spec?.nodeName;
          if (typeof n !== 'string' || !tracked.has(n)) continue;
          const list = podsByNode.get(n);
          if (list) list.push(p);
          else podsByNode.set(n, [p]);
        }
      }
      return podsByNode.get(name) ?? [];
    };

    for (const [name, prev] of tracked) {
      let node = nodes.get(name);
      if (!node) continue;
      // tryUpdateNodeHealth: a changed heartbeat or a renewed Lease is a probe.
      const ready = nodeCondition(node, 'Ready');
      const renew = leases.get(name)?.spec?.renewTime as string | undefined;
      const health: Health = prev ?? { probeMs: now, heartbeat: ready?.lastHeartbeatTime, renew };
      if (prev) {
        if (ready?.lastHeartbeatTime !== health.heartbeat) {
          health.heartbeat = ready?.lastHeartbeatTime;
          health.probeMs = now;
        }
        if (renew !== undefined && renew !== health.renew) {
          health.renew = renew;
          health.probeMs = now;
        }
      }
      tracked.set(name, health);
      const grace = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
      if (now > health.probeMs + grace) {
        const conditions = unknownConditions(node, now);
        if (conditions) {
          node =
            attempt(
              () =>
                api.patch(
                  'nodes',
                  undefined,
                  name,
                  'merge',
                  { status: { conditions } },
                  { actor, subresource: 'status' },
                ).object,
            ) ?? node;
        }
      }
      const status = nodeCondition(node, 'Ready')?.status;
      // A Node that has not posted Ready yet is left alone until its startup grace period is over.
      if (status === undefined) continue;
      const taints = withLifecycleTaints(node, lifecycleTaintKey(status), now);
      if (taints) {
        node =
          attempt(
            () => api.patch('nodes', undefined, name, 'merge', { spec: { taints } }, { actor }).object,
          ) ?? node;
      }
      if (status !== 'True') markPodsNotReady(podsOn(name));
      const hasNoExecute = nodeTaints(node).some((t) => t.effect === 'NoExecute');
      if (hasNoExecute || [...evictions.values()].some((e) => e.node === name)) {
        // Re-read the Pods: marking them NotReady wrote new versions.
        podsByNode = undefined;
        processNode(node, podsOn(name));
      }
    }
  };

  const arm = () => {
    if (loop || tracked.size === 0) return;
    loop = sim.scheduler.after(
      NODE_MONITOR_PERIOD_MS,
      () => {
        loop = undefined;
        if (tracked.size === 0) return;
        monitor();
        arm();
      },
      'node-lifecycle monitorNodeHealth',
    );
  };

  return {
    track(nodeName) {
      if (!tracked.has(nodeName)) tracked.set(nodeName, undefined);
      arm();
    },
    untrack(nodeName) {
      tracked.delete(nodeName);
      for (const [key, ev] of evictions) if (ev.node === nodeName) cancelEviction(key);
      if (tracked.size === 0) {
        sim.scheduler.cancel(loop);
        loop = undefined;
      }
    },
    pendingEvictions: () => evictions.size,
    monitor,
  };
}
