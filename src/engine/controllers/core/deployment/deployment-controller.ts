/**
 * The Deployment controller: k8s pkg/controller/deployment (deployment_controller.go syncDeployment, sync.go,
 * rolling.go, recreate.go, progress.go), on the engine's controller runner, with its Reconcile wrapped in a step
 * machine whose listing the code pane shows.
 *
 * What a learner can see match upstream:
 * - ReplicaSets are claimed by controllerRef: matching orphans adopted, owned ones that stopped matching released
 *   (controller_ref_manager.go ReplicaSetControllerRefManager.ClaimReplicaSets);
 * - the new ReplicaSet is `<deployment>-<pod-template-hash>`, with the hash in its labels, selector and template,
 *   and the revision, desired-replicas and max-replicas annotations (sync.go getNewReplicaSet);
 * - RollingUpdate scales the new ReplicaSet up to replicas + maxSurge, and old ones down keeping
 *   replicas − maxUnavailable available, one step per sync (rolling.go); Recreate scales old ones to 0, waits
 *   for their pods to go, then creates the new one (recreate.go);
 * - a resize without a template change and a paused Deployment take sync.go's sync/scale path, with proportional
 *   scaling across ReplicaSets mid-rollout;
 * - old ReplicaSets at 0 are kept up to revisionHistoryLimit (sync.go cleanupDeployment);
 * - status and the Available/Progressing/ReplicaFailure conditions (sync.go calculateStatus, progress.go), with
 *   status written through UpdateStatus from the sync's own copy of the Deployment, so the well-known
 *   "the object has been modified" conflict after creating a ReplicaSet happens here too.
 *
 * Simplified: no rollback (spec.rollbackTo / deprecated annotation), no events recorder, no revision-history
 * annotation, adoption without the uncached re-check of the Deployment (RecheckDeletionTimestamp), and a Pod
 * deletion wakes a Recreate Deployment without first counting its remaining Pods.
 */
import type { ApiServer } from '../../../api/api.ts';
import { cloneJson } from '../../../api/json.ts';
import { labelSelectorFromObject, matchesLabels } from '../../../api/selectors.ts';
import { isAlreadyExists, isNotFound, type KubeObject, type OwnerReference } from '../../../api/types.ts';
import { createController, type Controller } from '../../../client/controller.ts';
import type { EventHandler } from '../../../client/handlers.ts';
import type { InformerFactory } from '../../../client/informer-factory.ts';
import type { QueueProfile } from '../../../client/profiles.ts';
import type { ApiCall, Effect, Reconcile, ReconcileContext } from '../../../client/reconciler.ts';
import type { Transport } from '../../../client/transport.ts';
import type { Sim } from '../../../sim/sim.ts';
import { defineReconcileSteps, withStepMachine, type StepTracker } from '../../capi/runtime/step-machine.ts';
import { podPhase } from '../pod-status.ts';
import {
  NEW_RS_CREATED_REASON,
  FOUND_NEW_RS_REASON,
  getCondition,
  conditionsOf,
  newCondition,
  pausedConditions,
  plainStatus,
  progressDeadlineSeconds,
  setCondition,
  syncRolloutStatus,
  type DeploymentStatus,
  type RolloutStatus,
} from './deployment-status.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  byRevision,
  computePodTemplateHash,
  deploymentComplete,
  deploymentViewOf,
  equalIgnoreHash,
  filterActive,
  findNewAndOld,
  maxRevision,
  newRSNewReplicas,
  newReplicaSetAnnotations,
  newReplicaSetName,
  replicasAnnotations,
  replicasAnnotationsNeedUpdate,
  rsViewOf,
  type RsView,
} from './deployment-util.ts';
import {
  planScale,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  type ScaleStep,
} from './rollout-plan.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
const DEPLOYMENTS = 'deployments.apps';
const RS = 'replicasets.apps';
const PODS = 'pods';
const OWNER_INDEX = 'deploymentControllerUID';
const ORPHAN = 'orphan:';

export const DEPLOYMENT_STEPS = defineReconcileSteps({
  id: 'deployment',
  first: 'fetch',
  listing: [
    'func (dc *DeploymentController) syncDeployment(ctx context.Context, key string) error {',
    '  d, err := dc.dLister.Deployments(ns).Get(name); d = d.DeepCopy()',
    '  rsList, err := dc.getReplicaSetsForDeployment(ctx, d) // adopt and release by controllerRef',
    '  if d.DeletionTimestamp != nil { return dc.syncStatusOnly(ctx, d, rsList) }',
    '  dc.checkPausedConditions(ctx, d)',
    '  newRS, oldRSs, _ := dc.getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false)',
    '  if d.Spec.Paused || dc.isScalingEvent(ctx, d, rsList) { return dc.sync(ctx, d, rsList) } // scale',
    '  if d.Spec.Strategy.Type == apps.RecreateDeploymentStrategyType {',
    '    dc.scaleDownOldReplicaSetsForRecreate(ctx, oldRSs, d); if oldPodsRunning { return status }',
    '  }',
    '  if newRS == nil { newRS = create <d.Name>-<pod-template-hash> with revision maxOld+1 }',
    '  dc.reconcileNewReplicaSet(ctx, allRSs, newRS, d) // up to replicas + maxSurge',
    '  dc.reconcileOldReplicaSets(ctx, allRSs, oldRSs, newRS, d) // keep replicas - maxUnavailable available',
    '  if deploymentutil.DeploymentComplete(d, &d.Status) { dc.cleanupDeployment(ctx, oldRSs, d) }',
    '  return dc.syncRolloutStatus(ctx, allRSs, newRS, d) // conditions, then UpdateStatus',
    '}',
  ],
  steps: stepsInOrder([
    ['fetch', [2]],
    ['claim', [3]],
    ['paused', [5]],
    ['sync revision', [6]],
    ['scale', [7]],
    ['recreate scale down', [8, 9]],
    ['create replicaset', [11]],
    ['scale new', [12]],
    ['scale old', [13]],
    ['cleanup', [14]],
    ['status', [4, 15]],
  ]),
});

/** Each step may be followed by any later one: syncDeployment only moves forward. */
function stepsInOrder(list: [string, number[]][]) {
  const out: Record<string, { next: string[]; lines: number[] }> = {};
  list.forEach(([name, lines], i) => {
    out[name] = { next: list.slice(i + 1).map(([n]) => n), lines };
  });
  return out;
}

export interface DeploymentControllerOptions {
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  transport?: Transport;
  /** kube-controller-manager --concurrent-deployment-syncs, default 5. */
  workers?: number;
  /**
   * progress.go requeueStuckDeployment: while a rollout runs, each sync that changes nothing schedules a look at
   * progressDeadlineSeconds (600 s by default) later. Off by default here, because that pending requeue would
   * hold every world "not converged" for ten virtual minutes after each rollout; the deadline is still checked
   * on every sync that happens for another reason.
   */
  requeueStuckDeployments?: boolean;
}

export interface DeploymentController extends Controller {
  /** Each worker's step in the Reconcile listing, for the code pane. */
  readonly steps: StepTracker;
}

const controllerRefOf = (obj: KubeObject): OwnerReference | undefined =>
  obj.metadata.ownerReferences?.find((r) => r.controller === true);

const isDeploymentRef = (ref: OwnerReference | undefined): ref is OwnerReference =>
  ref !== undefined && ref.kind === 'Deployment' && ref.apiVersion.startsWith('apps/');

const ownerRefTo = (d: KubeObject): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: d.metadata.name!,
  uid: d.metadata.uid!,
  controller: true,
  blockOwnerDeletion: true,
});

export function createDeploymentController(
  sim: Sim,
  opts: DeploymentControllerOptions,
): DeploymentController {
  const factory = opts.informerFactory;
  const dInformer = factory.informerFor(DEPLOYMENTS);
  const rsInformer = factory.informerFor(RS);
  // The ReplicaSets a Deployment may claim: those it controls and its namespace's orphans.
  rsInformer.addIndexers({
    [OWNER_INDEX]: (rs) => {
      const ref = controllerRefOf(rs);
      return [ref ? ref.uid : `${ORPHAN}${rs.metadata.namespace ?? ''}`];
    },
  });

  const keyOf = (obj: KubeObject) => `${obj.metadata.namespace}/${obj.metadata.name}`;

  /** deployment_controller.go resolveControllerRef: only if the Deployment still exists with that UID. */
  const resolveRef = (ns: string | undefined, ref: OwnerReference): KubeObject | undefined => {
    const d = dInformer.get(ns, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  };

  /** deployment_controller.go getDeploymentsForReplicaSet: Deployments whose selector matches the labels. */
  const deploymentsSelecting = (rs: KubeObject): KubeObject[] =>
    dInformer.list({ namespace: rs.metadata.namespace }).filter((d) => {
      const sel = labelSelectorFromObject(d.spec?.selector);
      return sel.requirements.length > 0 && matchesLabels(sel, rs.metadata.labels);
    });

  // deployment_controller.go addReplicaSet / updateReplicaSet / deleteReplicaSet.
  const rsHandler: EventHandler = {
    name: 'Deployment ReplicaSet handler (controllerRef, orphans)',
    create(e, q) {
      const rs = e.object;
      const ref = controllerRefOf(rs);
      if (rs.metadata.deletionTimestamp || isDeploymentRef(ref)) {
        const d = isDeploymentRef(ref) ? resolveRef(rs.metadata.namespace, ref) : undefined;
        if (d) q.add(keyOf(d));
        return;
      }
      if (!ref) for (const d of deploymentsSelecting(rs)) q.add(keyOf(d));
    },
    update(e, q) {
      const { objectOld: old, objectNew: rs } = e;
      if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
      const oldRef = controllerRefOf(old);
      const ref = controllerRefOf(rs);
      const refChanged = oldRef?.uid !== ref?.uid;
      if (refChanged && isDeploymentRef(oldRef)) {
        const d = resolveRef(old.metadata.namespace, oldRef);
        if (d) q.add(keyOf(d));
      }
      if (isDeploymentRef(ref)) {
        const d = resolveRef(rs.metadata.namespace, ref);
        if (d) q.add(keyOf(d));
        return;
      }
      const labelsChanged =
        JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(rs.metadata.labels ?? {});
      if (!ref && (labelsChanged || refChanged)) for (const d of deploymentsSelecting(rs)) q.add(keyOf(d));
    },
    delete(e, q) {
      const ref = controllerRefOf(e.object);
      if (!isDeploymentRef(ref)) return;
      const d = resolveRef(e.object.metadata.namespace, ref);
      if (d) q.add(keyOf(d));
    },
    generic() {},
  };

  // deployment_controller.go deletePod: a Recreate Deployment waits for its old Pods to be gone.
  const podHandler: EventHandler = {
    name: 'Deployment pod handler (Recreate)',
    create() {},
    update() {},
    delete(e, q) {
      const rsRef = controllerRefOf(e.object);
      if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
      const rs = rsInformer.get(e.object.metadata.namespace, rsRef.name);
      const dRef = rs && rs.metadata.uid === rsRef.uid ? controllerRefOf(rs) : undefined;
      if (!isDeploymentRef(dRef)) return;
      const d = resolveRef(rs!.metadata.namespace, dRef);
      if (d && (d.spec?.strategy as { type?: string } | undefined)?.type === 'Recreate') q.add(keyOf(d));
    },
    generic() {},
  };

  /** ClaimReplicaSets: adopt matching orphans, release owned ones that no longer match. */
  function* claimReplicaSets(ctx: ReconcileContext, d: KubeObject) {
    const sel = labelSelectorFromObject(d.spec?.selector);
    const cache = ctx.cache(RS);
    const owned: KubeObject[] = [];
    const deleting = d.metadata.deletionTimestamp !== undefined;
    for (const rs of cache.byIndex(OWNER_INDEX, d.metadata.uid!)) {
      if (matchesLabels(sel, rs.metadata.labels)) {
        owned.push(rs);
        continue;
      }
      if (deleting) continue;
      const refs = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
      yield* ignoreNotFound(
        ctx.client.patch(RS, rs.metadata.namespace, rs.metadata.name!, 'merge', {
          metadata: { ownerReferences: refs, uid: rs.metadata.uid },
        }),
      );
    }
    if (deleting) return owned;
    for (const rs of cache.byIndex(OWNER_INDEX, `${ORPHAN}${d.metadata.namespace ?? ''}`)) {
      if (rs.metadata.deletionTimestamp || !matchesLabels(sel, rs.metadata.labels)) continue;
      const adopted = yield* ignoreNotFound(
        ctx.client.patch(RS, rs.metadata.namespace, rs.metadata.name!, 'merge', {
          metadata: {
            ownerReferences: [...(rs.metadata.ownerReferences ?? []), ownerRefTo(d)],
            uid: rs.metadata.uid,
          },
        }),
      );
      if (adopted) owned.push(adopted);
    }
    return owned;
  }

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const cached = ctx.cache(DEPLOYMENTS).get(req.namespace, req.name);
    if (!cached) return;
    // syncDeployment works on a deep copy it changes as it goes, and writes status from that copy.
    const d = ctx.clone(cached);
    const view = deploymentViewOf(d);
    const generation = d.metadata.generation ?? 0;

    yield ctx.step('claim');
    const claimed = yield* claimReplicaSets(ctx, d);
    /** The latest copy of each ReplicaSet this sync knows, by name: writes replace entries. */
    const rsByName = new Map<string, KubeObject>(claimed.map((rs) => [rs.metadata.name!, rs]));

    const writeStatus = function* (status: DeploymentStatus) {
      yield ctx.step('status');
      d.status = status as Record<string, unknown>;
      yield* ctx.client.updateStatus(DEPLOYMENTS, d);
    };

    const split = () => {
      const { newRS, oldRSs } = findNewAndOld(d.spec?.template, [...rsByName.values()]);
      return { newRS, oldRSs };
    };

    /** sync.go getNewReplicaSet for an existing new ReplicaSet: revision, annotations, minReadySeconds. */
    function* syncRevision(create: boolean) {
      const found = split();
      const oldRSs = found.oldRSs;
      let newRS = found.newRS;
      const newRevision = maxRevision(oldRSs.map(rsViewOf)) + 1;
      let statusDirty = false;
      if (newRS) {
        const anns = newReplicaSetAnnotations(
          d.metadata.annotations ?? {},
          rsViewOf(newRS),
          newRevision,
          true,
          view,
        );
        const minReady = (d.spec?.minReadySeconds as number | undefined) ?? 0;
        if (anns || ((newRS.spec?.minReadySeconds as number | undefined) ?? 0) !== minReady) {
          yield ctx.step('sync revision');
          const copy = ctx.clone(newRS);
          if (anns) copy.metadata.annotations = anns;
          copy.spec = { ...copy.spec, minReadySeconds: minReady };
          // Upstream returns the updated ReplicaSet here, before touching the Deployment's revision.
          newRS = yield* ctx.client.update(RS, copy);
          rsByName.set(newRS.metadata.name!, newRS);
          return { newRS, oldRSs };
        }
        const revision = newRS.metadata.annotations?.[REVISION_ANNOTATION];
        if (revision !== undefined && d.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
          d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
          statusDirty = true;
        }
        const conds = conditionsOf(d.status);
        if (progressDeadlineSeconds(d) !== undefined && !getCondition(conds, 'Progressing')) {
          d.status = {
            ...d.status,
            conditions: setCondition(
              conds,
              newCondition(
                'Progressing',
                'True',
                FOUND_NEW_RS_REASON,
                `Found new replica set "${newRS.metadata.name}"`,
                ctx.now(),
              ),
            ),
          };
          statusDirty = true;
        }
        if (statusDirty) {
          yield ctx.step('sync revision');
          // The returned object is dropped, as upstream does: later writes go from the same copy.
          yield* ctx.client.updateStatus(DEPLOYMENTS, d);
        }
        return { newRS, oldRSs };
      }
      if (!create) return { newRS: undefined, oldRSs };

      yield ctx.step('create replicaset');
      const collisionCount = d.status?.collisionCount as number | undefined;
      const hash = computePodTemplateHash(d.spec?.template, collisionCount);
      const template = cloneJson((d.spec?.template ?? {}) as Record<string, unknown>) as {
        metadata?: { labels?: Record<string, string> };
      };
      template.metadata = {
        ...template.metadata,
        labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
      };
      const selector = cloneJson((d.spec?.selector ?? {}) as { matchLabels?: Record<string, string> });
      selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
      const name = newReplicaSetName(d.metadata.name!, hash);
      const draft: RsView = {
        name,
        created: '\uffff',
        specReplicas: 0,
        statusReplicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        annotations: {},
      };
      const replicas = newRSNewReplicas(view, [...oldRSs.map(rsViewOf), draft], draft);
      const annotations =
        newReplicaSetAnnotations(d.metadata.annotations ?? {}, draft, newRevision, false, view) ?? {};
      const rs: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: d.metadata.namespace,
          labels: { ...template.metadata.labels },
          annotations,
          ownerReferences: [ownerRefTo(d)],
        },
        spec: {
          replicas,
          minReadySeconds: (d.spec?.minReadySeconds as number | undefined) ?? 0,
          selector,
          template,
        },
      };
      let created: KubeObject;
      let alreadyExists = false;
      try {
        created = yield* ctx.client.create(RS, rs);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        // sync.go getNewReplicaSet: the name is taken. Ours with the same template (a stale cache): use it.
        // Anyone else's: a hash collision, so bump collisionCount and try again with a different hash.
        const existing = ctx.cache(RS).get(d.metadata.namespace, name);
        // Not in the cache yet: the lister's NotFound goes back to the queue, nothing is bumped.
        if (!existing) throw e;
        const ours =
          controllerRefOf(existing)?.uid === d.metadata.uid &&
          equalIgnoreHash(existing.spec?.template, d.spec?.template);
        if (!ours) {
          d.status = { ...d.status, collisionCount: (collisionCount ?? 0) + 1 };
          yield* ctx.client.updateStatus(DEPLOYMENTS, d);
          throw e;
        }
        created = existing;
        alreadyExists = true;
      }
      rsByName.set(name, created);
      d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: String(newRevision) };
      if (!alreadyExists && progressDeadlineSeconds(d) !== undefined) {
        d.status = {
          ...d.status,
          conditions: setCondition(
            conditionsOf(d.status),
            newCondition(
              'Progressing',
              'True',
              NEW_RS_CREATED_REASON,
              `Created new replica set "${name}"`,
              ctx.now(),
            ),
          ),
        };
      }
      yield* ctx.client.updateStatus(DEPLOYMENTS, d);
      return { newRS: created, oldRSs };
    }

    /** sync.go scaleReplicaSet: spec.replicas and the replicas annotations, by Update of the cached copy. */
    function* applySteps(steps: readonly ScaleStep[]) {
      let scaled = false;
      for (const s of steps) {
        const rs = rsByName.get(s.name);
        if (!rs) continue;
        const v = rsViewOf(rs);
        const sizeChanged = v.specReplicas !== s.to;
        if (!sizeChanged && !(s.evenIfSameSize && replicasAnnotationsNeedUpdate(v, view))) continue;
        const copy = ctx.clone(rs);
        copy.spec = { ...copy.spec, replicas: s.to };
        copy.metadata.annotations = { ...copy.metadata.annotations, ...replicasAnnotations(view) };
        ctx.log(`${s.why}: ${s.name} ${s.from} → ${s.to}`);
        const updated = yield* ctx.client.update(RS, copy);
        rsByName.set(s.name, updated);
        if (sizeChanged) scaled = true;
      }
      return scaled;
    }

    const views = () => {
      const { newRS, oldRSs } = split();
      const newView = newRS ? rsViewOf(newRS) : undefined;
      const oldViews = oldRSs.map(rsViewOf);
      return { newRS, oldRSs, newView, oldViews, all: newView ? [...oldViews, newView] : oldViews };
    };

    function* finish(result: RolloutStatus) {
      if (result.changed) yield* writeStatus(result.status);
      return opts.requeueStuckDeployments === true && result.requeueAfterMs !== undefined
        ? { requeueAfterMs: result.requeueAfterMs }
        : undefined;
    }

    const rolloutStatus = () => {
      const v = views();
      return syncRolloutStatus(d, view, [...rsByName.values()], v.all, v.newView, ctx.now());
    };

    /** sync.go cleanupDeployment: delete the oldest old ReplicaSets beyond revisionHistoryLimit. */
    function* cleanup(oldRSs: readonly KubeObject[]) {
      const limit = d.spec?.revisionHistoryLimit;
      if (typeof limit !== 'number') return;
      const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
      const diff = cleanable.length - limit;
      if (diff <= 0) return;
      const sorted = [...cleanable].sort((a, b) => byRevision(rsViewOf(a), rsViewOf(b)));
      // Only ReplicaSets that are fully down and whose controller has seen that.
      const doomed = sorted.slice(0, diff).filter((rs) => {
        const v = rsViewOf(rs);
        const observed = (rs.status?.observedGeneration as number | undefined) ?? 0;
        return v.statusReplicas === 0 && v.specReplicas === 0 && (rs.metadata.generation ?? 0) <= observed;
      });
      if (doomed.length > 0) yield ctx.step('cleanup');
      for (const rs of doomed) {
        yield* ignoreNotFound(ctx.client.delete(RS, rs.metadata.namespace, rs.metadata.name!));
        rsByName.delete(rs.metadata.name!);
      }
    }

    if (d.metadata.deletionTimestamp) {
      // sync.go syncStatusOnly.
      const v = views();
      return yield* finish(plainStatus(d, view, v.all, v.newView, ctx.now()));
    }

    const paused = pausedConditions(d, ctx.now());
    if (paused) {
      yield ctx.step('paused');
      d.status = { ...d.status, conditions: paused };
      yield* ctx.client.updateStatus(DEPLOYMENTS, d);
    }

    const isPaused = d.spec?.paused === true;
    // isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas.
    const scalingEvent = () => {
      const v = views();
      return filterActive(v.all).some((rs) => {
        const desired = rs.annotations[DESIRED_REPLICAS_ANNOTATION];
        return desired !== undefined && desired !== String(view.replicas);
      });
    };

    if (isPaused || scalingEvent()) {
      // sync.go sync: scale, clean up (paused only), then status without the Progressing rules.
      yield* syncRevision(false);
      const v = views();
      const steps = planScale(view, v.newView, v.oldViews);
      if (steps.length > 0) yield ctx.step('scale');
      yield* applySteps(steps);
      if (isPaused) yield* cleanup(views().oldRSs);
      const after = views();
      return yield* finish(plainStatus(d, view, after.all, after.newView, ctx.now()));
    }

    if (view.strategy === 'Recreate') {
      // recreate.go rolloutRecreate.
      yield* syncRevision(false);
      const before = views();
      const down = filterActive(before.oldViews).map((rs): ScaleStep => ({
        name: rs.name,
        from: rs.specReplicas,
        to: 0,
        why: 'scale',
      }));
      if (down.length > 0) {
        yield ctx.step('recreate scale down');
        if (yield* applySteps(down)) return yield* finish(rolloutStatus());
      }
      if (oldPodsRunning(ctx, d, before.newRS, before.oldRSs)) return yield* finish(rolloutStatus());
      let { newRS, oldRSs } = split();
      if (!newRS) ({ newRS, oldRSs } = yield* syncRevision(true));
      const nv = rsViewOf(newRS!);
      if (nv.specReplicas !== view.replicas) {
        yield ctx.step('scale new');
        yield* applySteps([{ name: nv.name, from: nv.specReplicas, to: view.replicas, why: 'scale' }]);
      }
      if (deploymentComplete(view, generation, countsFrom(d.status))) yield* cleanup(oldRSs);
      return yield* finish(rolloutStatus());
    }

    // rolling.go rolloutRolling.
    const { oldRSs } = yield* syncRevision(true);
    const v = views();
    const up = v.newView ? reconcileNewReplicaSet(view, v.all, v.newView) : undefined;
    if (up) {
      yield ctx.step('scale new');
      if (yield* applySteps([up])) return yield* finish(rolloutStatus());
    }
    const v2 = views();
    const downs = reconcileOldReplicaSets(view, v2.all, filterActive(v2.oldViews), v2.newView);
    if (downs.length > 0) {
      yield ctx.step('scale old');
      if (yield* applySteps(downs)) return yield* finish(rolloutStatus());
    }
    if (deploymentComplete(view, generation, countsFrom(d.status))) yield* cleanup(oldRSs);
    return yield* finish(rolloutStatus());
  };

  /** recreate.go oldPodsRunning: any old ReplicaSet still reports pods, or a pod of one is not finished. */
  function oldPodsRunning(
    ctx: ReconcileContext,
    d: KubeObject,
    newRS: KubeObject | undefined,
    oldRSs: readonly KubeObject[],
  ): boolean {
    if (oldRSs.some((rs) => rsViewOf(rs).statusReplicas > 0)) return true;
    const sel = labelSelectorFromObject(d.spec?.selector);
    const ours = new Set(oldRSs.map((rs) => rs.metadata.uid));
    for (const pod of ctx.cache(PODS).list({ namespace: d.metadata.namespace, labelSelector: sel })) {
      const ref = controllerRefOf(pod);
      if (!ref || ref.uid === newRS?.metadata.uid || !ours.has(ref.uid)) continue;
      const phase = podPhase(pod);
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
    return false;
  }

  const wrapped = withStepMachine(sim, DEPLOYMENT_STEPS, reconcile);
  const controller = createController(sim, {
    name: DEPLOYMENT_CONTROLLER,
    forResource: DEPLOYMENTS,
    watches: [
      { resource: RS, handler: rsHandler },
      { resource: PODS, handler: podHandler },
    ],
    maxConcurrentReconciles: opts.workers ?? 5,
    profile: opts.profile,
    reconciler: wrapped.reconcile,
    informerFactory: factory,
    api: opts.api,
    ...(opts.transport ? { transport: opts.transport } : {}),
  });
  return Object.assign(controller, { steps: wrapped.tracker });
}

const countsFrom = (s: Record<string, unknown> | undefined) => ({
  replicas: typeof s?.replicas === 'number' ? s.replicas : 0,
  updatedReplicas: typeof s?.updatedReplicas === 'number' ? s.updatedReplicas : 0,
  availableReplicas: typeof s?.availableReplicas === 'number' ? s.availableReplicas : 0,
  observedGeneration: typeof s?.observedGeneration === 'number' ? s.observedGeneration : 0,
});

function* ignoreNotFound<T>(call: ApiCall<T>): Generator<Effect, T | undefined, unknown> {
  try {
    return yield* call;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
