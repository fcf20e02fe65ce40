/**
 * Bug lab BL-12, deadtime makes a "perfect" autoscaler oscillate: a teaching controller that scales every
 * ReplicaSet annotated `lab.reconcile.dev/naive-ideal` (L/t, the number of Pods the load really needs) once per
 * 15 s sync (the HPA's default --horizontal-pod-autoscaler-sync-period) with naive-autoscaler-law.ts.
 *
 * Its metric is modelled, not measured: it reads the load per Pod as if only the Pods of d syncs ago were
 * serving (new Pods are not ready yet). The setpoints it wrote are kept in the annotation
 * `lab.reconcile.dev/naive-history`, so the learner reads the trace on the object itself.
 * - buggy: gain 1 (the HPA's full correction, without its readiness handling);
 * - fixed: gain 0.5, slower but stable for d = 1 (lessons-research.md L5: the largest stable gain is 1.000
 *   at d = 1, 0.618 at d = 2).
 */
import { createController, type Controller } from '../../client/controller.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import { naiveAtRest, naiveNextReplicas } from './naive-autoscaler-law.ts';
import { LAB_PREFIX, type TeachingDeps, type Variant } from './teaching-deps.ts';

export const NAIVE_AUTOSCALER_CONTROLLER = 'naive-autoscaler';
export const NAIVE_IDEAL = `${LAB_PREFIX}naive-ideal`;
export const NAIVE_HISTORY = `${LAB_PREFIX}naive-history`;
export const NAIVE_SYNC_PERIOD_MS = 15_000;
/** How many setpoints the history annotation keeps (more than the largest deadtime, 4). */
const HISTORY_KEPT = 12;
const RS = 'replicasets.apps';

export function parseHistory(raw: string | undefined): number[] {
  if (!raw) return [];
  const out = raw.split(',').map(Number);
  return out.every((n) => Number.isInteger(n) && n >= 1) ? out : [];
}

export function createNaiveAutoscalerController(
  deps: TeachingDeps,
  variant: Variant,
  deadtime: number,
): Controller {
  const gain = variant === 'buggy' ? 1 : 0.5;
  const lastSync = new Map<string, number>();

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('read metric');
    const rs = ctx.cache(RS).get(req.namespace, req.name);
    const ideal = Number(rs?.metadata.annotations?.[NAIVE_IDEAL]);
    if (!rs || !(ideal > 0)) {
      lastSync.delete(req.key);
      return;
    }
    const since = lastSync.get(req.key);
    // Our own write wakes us too: wait for the next sync period, as the HPA's fixed-interval queue does.
    if (since !== undefined && ctx.now() - since < NAIVE_SYNC_PERIOD_MS)
      return { requeueAfterMs: NAIVE_SYNC_PERIOD_MS - (ctx.now() - since) };
    let history = parseHistory(rs.metadata.annotations?.[NAIVE_HISTORY]);
    const current = (rs.spec?.replicas as number | undefined) ?? 1;
    // Someone else changed the setpoint (or this is the first sync): the loop starts again from it.
    if (history[history.length - 1] !== current) history = [current];
    const next = naiveNextReplicas(history, ideal, deadtime, gain);
    // At rest nothing will change again: stop resyncing so the world can converge (any change wakes us).
    if (naiveAtRest(history, next, deadtime)) return;
    yield ctx.step('scale');
    const kept = [...history, next].slice(-HISTORY_KEPT);
    yield* ctx.client.patch(RS, req.namespace, req.name, 'merge', {
      metadata: { annotations: { [NAIVE_HISTORY]: kept.join(',') } },
      spec: { replicas: next },
    });
    lastSync.set(req.key, ctx.now());
    return { requeueAfterMs: NAIVE_SYNC_PERIOD_MS };
  };

  return createController(deps.sim, {
    name: NAIVE_AUTOSCALER_CONTROLLER,
    forResource: RS,
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
}
