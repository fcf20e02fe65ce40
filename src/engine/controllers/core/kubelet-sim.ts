/**
 * A stand-in for the kubelets (and the scheduler) of a cluster: a Pod that appears is started after a delay and
 * then reported Running and Ready through the status subresource, as the kubelet's status manager does
 * (k8s pkg/kubelet/status/status_manager.go syncPod → PATCH pods/status).
 *
 * Simplified, and said so in docs/architecture.md: without core Nodes there is no scheduling (spec.nodeName stays
 * as written; with Nodes, node/node-sim.ts binds Pods and gates their start through canStart), no
 * image pulls or probes (start delay ± 20% stands for all of them), and Pods are deleted at once rather than
 * after a termination grace period.
 */
import type { ApiServer } from '../../api/api.ts';
import type { KubeObject } from '../../api/types.ts';
import { createController, type Controller } from '../../client/controller.ts';
import { funcsPredicate } from '../../client/predicates.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { QueueProfile } from '../../client/profiles.ts';
import type { Transport } from '../../client/transport.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import type { Sim } from '../../sim/sim.ts';
import { virtualTimestamp } from '../../sim/timestamp.ts';
import { podPhase } from './pod-status.ts';

export const KUBELET = 'kubelet';
export const DEFAULT_POD_START_DELAY_MS = 2000;
export const POD_START_JITTER = 0.2;

export interface KubeletSimOptions {
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  /** How requests get their virtual latency (default: the API server's fault settings). */
  transport?: Transport;
  /** Mean delay from Pod creation to Running and Ready. */
  startDelayMs?: number;
  /**
   * With core Nodes (node/node-sim.ts canStart): only a Pod bound to a Node whose kubelet runs may start. The gate
   * wakes the Pod again through enqueue when that changes. Absent: every Pod starts, as before.
   */
  canStart?: (pod: KubeObject) => boolean;
  workers?: number;
}

function runningStatus(pod: KubeObject, nowMs: number): Record<string, unknown> {
  const ts = virtualTimestamp(nowMs);
  const containers = ((pod.spec?.containers as { name: string; image?: string }[] | undefined) ?? []).map(
    (c) => ({
      name: c.name,
      image: c.image ?? '',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: ts } },
    }),
  );
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: ts });
  return {
    ...(pod.status ?? {}),
    phase: 'Running',
    conditions: [
      cond('PodReadyToStartContainers'),
      cond('Initialized'),
      cond('ContainersReady'),
      cond('Ready'),
      cond('PodScheduled'),
    ],
    startTime: ts,
    containerStatuses: containers,
  };
}

export function createKubeletSim(sim: Sim, opts: KubeletSimOptions): Controller {
  const delay = opts.startDelayMs ?? DEFAULT_POD_START_DELAY_MS;
  if (!Number.isFinite(delay) || delay < 0)
    throw new RangeError(`pod start delay must be >= 0 ms, got ${delay}`);
  // When each pod (by uid) will have started. In memory, like a kubelet's pod workers: a crash forgets it and
  // the pod simply starts a fresh delay from when it is seen again.
  const startsAt = new Map<string, number>();

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const pod = ctx.cache('pods').get(req.namespace, req.name);
    if (!pod || pod.metadata.deletionTimestamp) {
      if (pod?.metadata.uid) startsAt.delete(pod.metadata.uid);
      return;
    }
    const phase = podPhase(pod);
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') {
      startsAt.delete(pod.metadata.uid!);
      return;
    }
    if (opts.canStart && !opts.canStart(pod)) {
      // Not scheduled yet, or its Node's kubelet is down: a fresh start delay begins when it can run.
      startsAt.delete(pod.metadata.uid!);
      return;
    }
    yield ctx.step('start containers');
    let at = startsAt.get(pod.metadata.uid!);
    if (at === undefined) {
      at = ctx.now() + ctx.rng.jitter(delay, POD_START_JITTER);
      startsAt.set(pod.metadata.uid!, at);
    }
    if (ctx.now() < at) return { requeueAfterMs: at - ctx.now() };
    yield ctx.step('report status');
    const next = ctx.clone(pod);
    next.status = runningStatus(pod, ctx.now());
    yield* ctx.client.updateStatus('pods', next);
    startsAt.delete(pod.metadata.uid!);
    return;
  };

  // A kubelet acts on pods it still has to start or stop; the status it has just reported itself (Running,
  // unchanged spec) needs no further sync, so those updates are filtered before they reach the queue.
  const needsKubelet = funcsPredicate({
    name: 'PodNeedsKubelet',
    update: (e) => {
      const pod = e.objectNew;
      if (!pod) return true;
      const phase = podPhase(pod);
      return (
        Boolean(pod.metadata.deletionTimestamp) ||
        (phase !== 'Running' && phase !== 'Succeeded' && phase !== 'Failed')
      );
    },
  });

  return createController(sim, {
    name: KUBELET,
    forResource: 'pods',
    forPredicates: [needsKubelet],
    maxConcurrentReconciles: opts.workers ?? 20,
    profile: opts.profile,
    reconciler: reconcile,
    informerFactory: opts.informerFactory,
    api: opts.api,
    ...(opts.transport ? { transport: opts.transport } : {}),
  });
}
