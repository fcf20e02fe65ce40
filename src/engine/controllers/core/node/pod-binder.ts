/**
 * A tiny kube-scheduler: a Pod without spec.nodeName is bound to a feasible Node (Ready, schedulable, taints
 * tolerated) with the fewest Pods, ties broken by Node name. A Pod no Node fits waits until a Node changes, as the
 * scheduler's unschedulable queue moves Pods back on cluster events (pkg/scheduler/internal/queue
 * scheduling_queue.go MoveAllToActiveOrBackoffQueue).
 *
 * SIMPLIFIED: no resources, affinity or spreading (least Pods stands for the scoring plugins); the binding is a
 * patch of spec.nodeName by "default-scheduler" rather than a POST to pods/binding, and no PodScheduled=False is
 * written for a Pod that waits.
 */
import type { MockApiServer } from '../../../api/server.ts';
import type { StoredEvent } from '../../../api/store.ts';
import { isApiError, type KubeObject } from '../../../api/types.ts';
import type { TimerHandle } from '../../../sim/scheduler.ts';
import type { Sim } from '../../../sim/sim.ts';
import { SCHEDULER, nodeFitsPod } from './node-rules.ts';

/** The scheduler's own latency from seeing a Pod to binding it. */
export const SCHEDULING_DELAY_MS = 1;

export interface PodBinder {
  /** Every Pod write: unbound Pods join the queue, bound or deleted ones leave it. */
  notePod(e: StoredEvent): void;
  /** A Node changed: waiting Pods get another try. */
  nodesChanged(): void;
  /** Pods waiting for a Node. */
  waiting(): number;
  /** No binding pass is due (Pods no Node fits may still wait). */
  isIdle(): boolean;
}

const keyOf = (p: KubeObject) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

const wantsNode = (p: KubeObject) => {
  const phase = p.status?.phase;
  return !p.spec?.nodeName && !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
};

export function createPodBinder(
  sim: Sim,
  api: MockApiServer,
  /** The core Nodes that can take Pods (the ones with a simulated kubelet). */
  isSchedulableNode: (node: KubeObject) => boolean,
): PodBinder {
  const queue = new Map<string, KubeObject>();
  let timer: TimerHandle | undefined;

  const counts = () => {
    const perNode = new Map<string, number>();
    for (const p of api.peek('pods')) {
      const n = p.spec?.nodeName;
      if (typeof n !== 'string' || !n || p.metadata.deletionTimestamp) continue;
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    return perNode;
  };

  const flush = () => {
    timer = undefined;
    if (queue.size === 0) return;
    const nodes = [...api.peek('nodes')]
      .filter(isSchedulableNode)
      .sort((a, b) =>
        a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0,
      );
    if (nodes.length === 0) return;
    const perNode = counts();
    for (const [key, pod] of [...queue]) {
      let best: KubeObject | undefined;
      let bestCount = Infinity;
      for (const n of nodes) {
        if (!nodeFitsPod(n, pod)) continue;
        const c = perNode.get(n.metadata.name!) ?? 0;
        if (c < bestCount) {
          best = n;
          bestCount = c;
        }
      }
      if (!best) continue;
      const nodeName = best.metadata.name!;
      try {
        api.patch(
          'pods',
          pod.metadata.namespace,
          pod.metadata.name!,
          'merge',
          { spec: { nodeName } },
          {
            actor: SCHEDULER,
          },
        );
        perNode.set(nodeName, bestCount + 1);
        queue.delete(key);
      } catch (e) {
        if (!isApiError(e)) throw e;
        // A failed binding is retried with the next pass (the scheduler's backoff queue).
        schedule();
      }
    }
  };

  const schedule = () => {
    if (timer || queue.size === 0) return;
    timer = sim.scheduler.after(SCHEDULING_DELAY_MS, flush, 'scheduler bind');
  };

  return {
    notePod(e) {
      const key = keyOf(e.obj);
      if (e.type !== 'DELETED' && wantsNode(e.obj)) {
        queue.set(key, e.obj);
        schedule();
      } else queue.delete(key);
    },
    nodesChanged: schedule,
    waiting: () => queue.size,
    isIdle: () => timer === undefined,
  };
}
