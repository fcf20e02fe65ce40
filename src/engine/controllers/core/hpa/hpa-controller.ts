/**
 * The HorizontalPodAutoscaler controller: k8s pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler on
 * the engine's controller runner, with the simulated metrics-server of metrics-source.ts.
 *
 * Each sync: GET the target's scale subresource, compute the CPU recommendation from the Pods its selector
 * matches (replica-calculator.ts), stabilize and rate-limit it (normalize.ts), write the scale if it changed,
 * and write the status only when it changed (updateStatusIfNeeded). Every HPA is synced again after the sync
 * period (--horizontal-pod-autoscaler-sync-period, 15 s), whatever the outcome: upstream's queue uses a fixed
 * interval rate limiter (NewDefaultHPARateLimiter), so errors are not retried sooner.
 *
 * Simplified: a new or changed HPA is synced at once (upstream's AddRateLimited waits one sync period first);
 * only Resource cpu metrics are computed; no events recorder (the trace's sim.note carries the decision).
 *
 * Convergence: upstream never stops resyncing, so "idle" here means "at a fixed point": the last sync changed
 * nothing, every recommendation in the stabilization windows equals the current one, the load will not change
 * again, and no Pod of the namespace has changed since. Any Pod event clears that, as does any HPA event.
 */
import type { ApiServer } from '../../../api/api.ts';
import { resourceIdOf, type ResourceId } from '../../../api/resource.ts';
import type { HpaScalingRules } from '../../../api/resources/autoscaling.ts';
import { parseLabelSelector } from '../../../api/selectors.ts';
import type { KubeObject } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import { generationChangedPredicate } from '../../../client/predicates.ts';
import type { InformerFactory } from '../../../client/informer-factory.ts';
import type { QueueProfile } from '../../../client/profiles.ts';
import { apiCall, type Reconcile, type ReconcileContext } from '../../../client/reconciler.ts';
import type { Transport } from '../../../client/transport.ts';
import type { Sim } from '../../../sim/sim.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { formatCpuMillis } from './cpu-quantity.ts';
import { nextChangeAfter, signalFor, type LoadSignal } from './load-signal.ts';
import { samplePods } from './metrics-source.ts';
import {
  createHistory,
  normalizeLegacy,
  normalizeWithBehaviors,
  recordInitialRecommendation,
  storeScaleEvent,
  type Behavior,
  type HpaHistory,
  type Normalized,
} from './normalize.ts';
import { DEFAULT_TOLERANCES, getResourceReplicas } from './replica-calculator.ts';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const DEFAULT_HPA_SYNC_PERIOD_MS = 15_000;
const HPAS = 'horizontalpodautoscalers.autoscaling';
const PODS = 'pods';

export interface HpaControllerOptions {
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  transport?: Transport;
  /** The scenario's load signals, one per scale target. */
  load?: readonly LoadSignal[];
  syncPeriodMs?: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization, for HPAs without behavior.scaleDown.stabilizationWindowSeconds. */
  downscaleStabilizationMs?: number;
  /** --concurrent-horizontal-pod-autoscaler-syncs, default 5. */
  workers?: number;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** horizontal.go setConditionInList: the transition time moves only when the status flips. */
function setCondition(
  conds: Condition[],
  type: string,
  status: boolean,
  reason: string,
  message: string,
  now: string,
) {
  const s = status ? 'True' : 'False';
  let c = conds.find((x) => x.type === type);
  if (!c) {
    c = { type, status: s, lastTransitionTime: now, reason, message };
    conds.push(c);
  }
  if (c.status !== s) c.lastTransitionTime = now;
  c.status = s;
  c.reason = reason;
  c.message = message;
}

const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);

function behaviorOf(hpa: KubeObject): Behavior | undefined {
  const b = hpa.spec?.behavior as { scaleUp?: HpaScalingRules; scaleDown?: HpaScalingRules } | undefined;
  if (!b?.scaleUp || !b.scaleDown) return undefined;
  return { scaleUp: b.scaleUp, scaleDown: b.scaleDown };
}

/** The first Resource cpu Utilization metric, as the simulator computes only that one. */
function cpuTarget(hpa: KubeObject): number | undefined {
  const metrics =
    (hpa.spec?.metrics as
      | {
          type?: string;
          resource?: { name?: string; target?: { type?: string; averageUtilization?: number } };
        }[]
      | undefined) ?? [];
  for (const m of metrics) {
    const t = m.resource?.target;
    if (
      m.type === 'Resource' &&
      m.resource?.name === 'cpu' &&
      t?.type === 'Utilization' &&
      typeof t.averageUtilization === 'number'
    )
      return t.averageUtilization;
  }
  return undefined;
}

export interface HpaController extends Controller {
  /** The recommendation history of an HPA ("namespace/name"), for the UI and tests. */
  history(key: string): Readonly<HpaHistory> | undefined;
}

export function createHpaController(sim: Sim, opts: HpaControllerOptions): HpaController {
  const { api } = opts;
  const syncPeriodMs = opts.syncPeriodMs ?? DEFAULT_HPA_SYNC_PERIOD_MS;
  const load = opts.load ?? [];
  const histories = new Map<string, HpaHistory>();
  /** HPA keys at a fixed point; see the file comment. */
  const atRest = new Set<string>();

  const podHandler: EventHandler = {
    name: 'HPA fixed-point invalidation (upstream does not watch Pods for enqueueing)',
    create: (e) => clearNamespace(e.object.metadata.namespace),
    update: (e) => clearNamespace(e.objectNew.metadata.namespace),
    delete: (e) => clearNamespace(e.object.metadata.namespace),
    generic() {},
  };
  function clearNamespace(ns: string | undefined) {
    if (atRest.size === 0) return;
    for (const key of atRest) if (key.startsWith(`${ns ?? ''}/`)) atRest.delete(key);
  }

  const note = (key: string, message: string) =>
    sim.trace.emit('sim.note', { message: `hpa ${key}: ${message}` });

  function* writeStatus(ctx: ReconcileContext, hpa: KubeObject, status: Record<string, unknown>) {
    if (JSON.stringify(hpa.status ?? {}) === JSON.stringify(status)) return;
    yield ctx.step('update status');
    const next = ctx.clone(hpa);
    next.status = status;
    yield* ctx.client.updateStatus(HPAS, next);
  }

  const reconcile: Reconcile = function* (req, ctx) {
    atRest.delete(req.key);
    yield ctx.step('fetch');
    const hpa = ctx.cache(HPAS).get(req.namespace, req.name);
    if (!hpa) {
      histories.delete(req.key);
      return;
    }
    const now = ctx.now();
    const ts = virtualTimestamp(now);
    const prevStatus = (hpa.status ?? {}) as Record<string, unknown>;
    const conds = ((prevStatus.conditions as Condition[] | undefined) ?? []).map((c) => ({ ...c }));
    const statusWith = (
      current: number,
      desired: number,
      metrics: unknown[] | undefined,
      rescaled: boolean,
    ) => {
      const s: Record<string, unknown> = {};
      if (metrics && metrics.length > 0) s.currentMetrics = metrics;
      if (current) s.currentReplicas = current;
      s.desiredReplicas = desired;
      const last = rescaled ? ts : prevStatus.lastScaleTime;
      if (last) s.lastScaleTime = last;
      if (conds.length > 0) s.conditions = conds;
      return s;
    };
    const period = { requeueAfterMs: syncPeriodMs };

    yield ctx.step('get scale');
    const ref = (hpa.spec?.scaleTargetRef ?? {}) as { apiVersion?: string; kind?: string; name?: string };
    const def = api.registry.byKind(ref.apiVersion ?? '', ref.kind ?? '');
    const resource: ResourceId | undefined = def?.subresources?.scale ? resourceIdOf(def) : undefined;
    let scale: KubeObject;
    try {
      if (!resource) throw new Error(`no scale subresource for ${ref.apiVersion ?? ''} ${ref.kind ?? ''}`);
      scale = yield* apiCall('get', resource, req.namespace, ref.name, () =>
        api.getScale(resource, req.namespace, ref.name ?? '', { actor: HPA_CONTROLLER }),
      );
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      setCondition(
        conds,
        'AbleToScale',
        false,
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${msg}`,
        ts,
      );
      note(req.key, `FailedGetScale: ${msg}`);
      yield* writeStatus(
        ctx,
        hpa,
        statusWith(
          num(prevStatus.currentReplicas, 0),
          num(prevStatus.desiredReplicas, 0),
          prevStatus.currentMetrics as unknown[] | undefined,
          false,
        ),
      );
      return period;
    }
    setCondition(
      conds,
      'AbleToScale',
      true,
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
      ts,
    );
    const current = num(scale.spec?.replicas, 0);
    const history = histories.get(req.key) ?? createHistory();
    histories.set(req.key, history);
    recordInitialRecommendation(history, current, now);

    const min = num(hpa.spec?.minReplicas, 1);
    const max = num(hpa.spec?.maxReplicas, 1);
    const behavior = behaviorOf(hpa);
    let desired = 0;
    let rescale = true;
    let reason = '';
    let metricStatuses: unknown[] | undefined;
    let normalized: Normalized | undefined;
    let recommendation = current;
    const target = { kind: ref.kind ?? '', name: ref.name ?? '', namespace: req.namespace };
    const signal = signalFor(load, target);

    if (current === 0) {
      // horizontal.go: a target scaled to zero by hand turns autoscaling off.
      desired = 0;
      rescale = false;
      setCondition(
        conds,
        'ScalingActive',
        false,
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
        ts,
      );
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      yield ctx.step('compute replicas');
      let computed;
      try {
        const utilizationTarget = cpuTarget(hpa);
        if (utilizationTarget === undefined)
          throw new Error('only Resource cpu Utilization metrics are simulated');
        const selector = typeof scale.status?.selector === 'string' ? scale.status.selector : '';
        if (!selector) {
          setCondition(
            conds,
            'ScalingActive',
            false,
            'InvalidSelector',
            "the HPA target's scale is missing a selector",
            ts,
          );
          throw new Error('selector is required');
        }
        const pods = ctx
          .cache(PODS)
          .list({ namespace: req.namespace, labelSelector: parseLabelSelector(selector) });
        const r = getResourceReplicas(
          current,
          utilizationTarget,
          samplePods(pods, signal?.shape, now),
          DEFAULT_TOLERANCES,
        );
        computed = { r, utilizationTarget };
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if (
          !conds.some(
            (c) => c.type === 'ScalingActive' && c.reason === 'InvalidSelector' && c.status === 'False',
          )
        )
          setCondition(
            conds,
            'ScalingActive',
            false,
            'FailedGetResourceMetric',
            `the HPA was unable to compute the replica count: failed to get cpu utilization: ${msg}`,
            ts,
          );
        note(req.key, `no recommendation: ${msg}`);
        yield* writeStatus(
          ctx,
          hpa,
          statusWith(current, num(prevStatus.desiredReplicas, 0), metricStatuses, false),
        );
        return period;
      }
      const { r, utilizationTarget } = computed;
      recommendation = r.replicas;
      metricStatuses = [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: { averageUtilization: r.utilization, averageValue: formatCpuMillis(r.rawAverageMilli) },
          },
        },
      ];
      const metricName = 'cpu resource utilization (percentage of request)';
      setCondition(
        conds,
        'ScalingActive',
        true,
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${metricName}`,
        ts,
      );
      if (r.replicas > current) reason = `${metricName} above target`;
      if (r.replicas < current) reason = 'All metrics below target';
      yield ctx.step('normalize');
      normalized = behavior
        ? normalizeWithBehaviors(
            history,
            now,
            current,
            r.replicas,
            min,
            max,
            behavior,
            opts.downscaleStabilizationMs,
          )
        : normalizeLegacy(history, now, current, r.replicas, min, max, opts.downscaleStabilizationMs);
      setCondition(
        conds,
        'AbleToScale',
        true,
        normalized.ableToScale.reason,
        normalized.ableToScale.message,
        ts,
      );
      setCondition(
        conds,
        'ScalingLimited',
        normalized.scalingLimited.limited,
        normalized.scalingLimited.reason,
        normalized.scalingLimited.message,
        ts,
      );
      desired = normalized.desired;
      rescale = desired !== current;
      note(
        req.key,
        `cpu ${r.utilization}% of ${utilizationTarget}% target (ratio ${Math.round(r.usageRatio * 1000) / 1000}, ` +
          `${r.readyPodCount} ready) → recommendation ${r.replicas} [${r.explanation}]; stabilized ${normalized.stabilized} ` +
          `[${normalized.ableToScale.reason}, window ${behavior ? `up ${normalized.windows.upMs / 1000}s / ` : ''}down ${normalized.windows.downMs / 1000}s]; ` +
          `${normalized.scalingLimited.reason} → ${rescale ? `scale ${current} → ${desired}` : `keep ${current}`}`,
      );
    }

    if (rescale) {
      yield ctx.step('update scale');
      try {
        yield* apiCall('update', resource!, req.namespace, ref.name, () =>
          api.updateScale(resource!, req.namespace, ref.name ?? '', desired, { actor: HPA_CONTROLLER }),
        );
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        setCondition(
          conds,
          'AbleToScale',
          false,
          'FailedUpdateScale',
          `the HPA controller was unable to update the target scale: ${msg}`,
          ts,
        );
        yield* writeStatus(
          ctx,
          hpa,
          statusWith(current, num(prevStatus.desiredReplicas, 0), metricStatuses, false),
        );
        return period;
      }
      setCondition(
        conds,
        'AbleToScale',
        true,
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
        ts,
      );
      storeScaleEvent(history, behavior, now, current, desired);
      if (!normalized) note(req.key, `scale ${current} → ${desired}: ${reason}`);
    } else {
      desired = current;
    }

    yield* writeStatus(ctx, hpa, statusWith(current, desired, metricStatuses, rescale));

    // A fixed point: nothing changed, nothing in the windows pulls elsewhere, and the load stays as it is.
    const windowMs = normalized ? Math.max(normalized.windows.upMs, normalized.windows.downMs) : 0;
    const settledHistory = history.recommendations.every(
      (rec) => rec.atMs <= now - windowMs || rec.replicas === recommendation,
    );
    if (
      !rescale &&
      recommendation === current &&
      settledHistory &&
      (!signal || nextChangeAfter(signal.shape, now) === undefined)
    )
      atRest.add(req.key);
    return period;
  };

  const controller = createController(sim, {
    name: HPA_CONTROLLER,
    forResource: HPAS,
    // Our own status writes must not trigger a sync: only a spec change (or a new HPA) does.
    forPredicates: [generationChangedPredicate()],
    watches: [{ resource: PODS, handler: podHandler }],
    maxConcurrentReconciles: opts.workers ?? 5,
    profile: opts.profile,
    reconciler: reconcile,
    informerFactory: opts.informerFactory,
    api,
    ...(opts.transport ? { transport: opts.transport } : {}),
  });

  const baseIdle = controller.isIdle.bind(controller);
  return Object.assign(controller, {
    history: (key: string) => histories.get(key),
    isIdle() {
      if (baseIdle()) return true;
      const q = controller.queue();
      if (!q || controller.state() !== 'running') return false;
      const s = q.snapshot();
      if (s.queued.length > 0 || s.processing.length > 0) return false;
      return s.waiting.every((w) => atRest.has(w.item));
    },
  });
}
