/**
 * One Node's kubelet, as far as the control plane can see it: it renews its Lease in kube-node-lease every
 * 10 s (+ up to 4% jitter) and posts the Node's status when it changes or every 5 minutes
 * (pkg/kubelet/kubelet_node_status.go syncNodeStatus → tryUpdateNodeStatus; pkg/kubelet/nodelease and
 * component-helpers apimachinery/lease/controller.go sync). A failed Node is a kubelet that has stopped:
 * no status, no Lease renewals, until it starts again.
 *
 * SIMPLIFIED: the kubelet's requests go straight to the API server without the controllers' virtual round trip,
 * and a failed request is simply retried at the next period.
 */
import type { MockApiServer } from '../../../api/server.ts';
import { isApiError, isNotFound, type KubeObject } from '../../../api/types.ts';
import type { TimerHandle } from '../../../sim/scheduler.ts';
import type { Sim } from '../../../sim/sim.ts';
import {
  KUBELET_ACTOR_PREFIX,
  NODE_LEASE_NAMESPACE,
  NODE_LEASE_RENEW_INTERVAL_MS,
  NODE_LEASE_RENEW_JITTER,
  NODE_STATUS_REPORT_FREQUENCY_MS,
  NODE_STATUS_UPDATE_FREQUENCY_MS,
  kubeletConditions,
  kubeletStatusChanged,
  nodeLease,
  virtualMicroTime,
} from './node-rules.ts';

export const LEASES = 'leases.coordination.k8s.io';

export interface NodeKubelet {
  readonly nodeName: string;
  running(): boolean;
  /** Starts (or restarts) the kubelet: status and Lease at once, then on their periods. */
  start(): void;
  /** Stops every heartbeat (a node failure, or the Node was deleted). */
  stop(): void;
}

export interface NodeKubeletHooks {
  /** After a (re)start has posted its status: the Pods bound here may need the kubelet again. */
  onStarted?(nodeName: string): void;
}

/** A write that fails (an injected apiError, a conflict) is retried at the next period, as the kubelet does. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (isApiError(e)) return undefined;
    throw e;
  }
}

export function createNodeKubelet(
  sim: Sim,
  api: MockApiServer,
  nodeName: string,
  hooks: NodeKubeletHooks = {},
): NodeKubelet {
  const actor = `${KUBELET_ACTOR_PREFIX}${nodeName}`;
  let alive = false;
  let leaseTimer: TimerHandle | undefined;
  let statusTimer: TimerHandle | undefined;
  let lastReportMs = Number.NEGATIVE_INFINITY;
  /** lease/controller.go latestLease: renewals update the last written Lease without a GET. */
  let latestLease: KubeObject | undefined;

  const readNode = (): KubeObject | undefined => {
    try {
      return api.get('nodes', undefined, nodeName, { actor });
    } catch (e) {
      if (isApiError(e)) return undefined;
      throw e;
    }
  };

  const postStatus = (node: KubeObject) => {
    const done = attempt(() =>
      api.patch(
        'nodes',
        undefined,
        nodeName,
        'merge',
        { status: { conditions: kubeletConditions(node, sim.now()) } },
        { actor, subresource: 'status' },
      ),
    );
    if (done) lastReportMs = sim.now();
  };

  /** kubelet_node_status.go tryUpdateNodeStatus: patch when changed, or when the report frequency is due. */
  const syncStatus = (force: boolean) => {
    const node = readNode();
    if (!node) return;
    if (force || kubeletStatusChanged(node) || sim.now() - lastReportMs >= NODE_STATUS_REPORT_FREQUENCY_MS)
      postStatus(node);
  };

  const ensureLease = (): KubeObject | undefined => {
    try {
      return api.get(LEASES, NODE_LEASE_NAMESPACE, nodeName, { actor });
    } catch (e) {
      if (!isNotFound(e)) {
        if (isApiError(e)) return undefined;
        throw e;
      }
    }
    const node = readNode();
    if (!node) return undefined;
    return attempt(() => api.create(LEASES, nodeLease(node, sim.now()), { actor }));
  };

  /** lease/controller.go sync: renew from the latest written Lease; on failure fall back to get-or-create. */
  const syncLease = () => {
    if (latestLease) {
      const next = { ...latestLease, spec: { ...latestLease.spec, renewTime: virtualMicroTime(sim.now()) } };
      const done = attempt(() => api.update(LEASES, next, { actor }));
      if (done) {
        latestLease = done;
        return;
      }
    }
    const lease = ensureLease();
    if (!lease) return;
    latestLease = lease;
    // A Lease this call created already carries the renewTime.
    if (lease.spec?.renewTime === virtualMicroTime(sim.now())) return;
    const next = { ...lease, spec: { ...lease.spec, renewTime: virtualMicroTime(sim.now()) } };
    latestLease = attempt(() => api.update(LEASES, next, { actor })) ?? latestLease;
  };

  const scheduleLease = () => {
    // wait.JitterUntil: period + rand·0.04·period after each sync.
    const delay = NODE_LEASE_RENEW_INTERVAL_MS * (1 + sim.rng.next() * NODE_LEASE_RENEW_JITTER);
    leaseTimer = sim.scheduler.after(
      Math.round(delay),
      () => {
        leaseTimer = undefined;
        if (!alive) return;
        syncLease();
        scheduleLease();
      },
      `kubelet ${nodeName} lease`,
    );
  };

  const scheduleStatus = () => {
    statusTimer = sim.scheduler.after(
      NODE_STATUS_UPDATE_FREQUENCY_MS,
      () => {
        statusTimer = undefined;
        if (!alive) return;
        syncStatus(false);
        scheduleStatus();
      },
      `kubelet ${nodeName} status`,
    );
  };

  return {
    nodeName,
    running: () => alive,
    start() {
      if (alive) return;
      alive = true;
      // A restarted kubelet posts its status at once (registerWithAPIServer, then the first syncNodeStatus).
      syncStatus(true);
      syncLease();
      scheduleStatus();
      scheduleLease();
      hooks.onStarted?.(nodeName);
    },
    stop() {
      alive = false;
      sim.scheduler.cancel(leaseTimer);
      sim.scheduler.cancel(statusTimer);
      leaseTimer = statusTimer = undefined;
      latestLease = undefined;
    },
  };
}

/** The heartbeat a Ready condition carries, for tests and views. */
export const heartbeatOf = (node: KubeObject): string | undefined =>
  (node.status?.conditions as { type: string; lastHeartbeatTime?: string }[] | undefined)?.find(
    (c) => c.type === 'Ready',
  )?.lastHeartbeatTime;
