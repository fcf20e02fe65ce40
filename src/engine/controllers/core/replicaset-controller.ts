/**
 * The ReplicaSet controller: k8s pkg/controller/replicaset/replica_set.go, on the engine's controller runner.
 *
 * What a learner can see match upstream:
 * - expectations (syncReplicaSet → SatisfiedExpectations): after creating or deleting pods it does not act
 *   again until the informer has seen every one of those changes, so a lagging cache cannot make it over-create;
 * - slowStartBatch creates (1, 2, 4, …) and at most burstReplicas (500) creates or deletes per sync;
 * - pods are claimed by controllerRef UID, orphans matching the selector are adopted, and owned pods that no
 *   longer match are released (pkg/controller/controller_ref_manager.go PodControllerRefManager.ClaimPods);
 * - scale-down deletes the most deletable pods first (controller_utils.go ActivePodsWithRanks);
 * - status is written only when it changed (updateReplicaSetStatus), with observedGeneration.
 *
 * Simplified: no pod template hash, no events recorder, and a failed create stops the batch like upstream but
 * the error text is the API server's own.
 */
import type { ApiServer } from '../../api/api.ts';
import { cloneJson } from '../../api/json.ts';
import { isNotFound, type KubeObject, type OwnerReference } from '../../api/types.ts';
import { labelSelectorFromObject, matchesLabels } from '../../api/selectors.ts';
import { createController, type Controller } from '../../client/controller.ts';
import type { DeleteEvent, UpdateEvent, CreateEvent } from '../../client/events.ts';
import type { EnqueueTarget, EventHandler } from '../../client/handlers.ts';
import {
  createUIDTrackingControllerExpectations,
  type ExpectationsSnapshot,
} from '../../client/expectations.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { QueueProfile } from '../../client/profiles.ts';
import type { Transport } from '../../client/transport.ts';
import {
  parallel,
  type ApiCall,
  type Effect,
  type Reconcile,
  type ReconcileContext,
} from '../../client/reconciler.ts';
import type { Sim } from '../../sim/sim.ts';
import { virtualTimestamp } from '../../sim/timestamp.ts';
import { createPodViews, type PodView, type ReplicaSetShape } from './pod-view.ts';
import { podsToDelete } from './pod-ranking.ts';
import {
  calculateReplicaSetStatus,
  countReplicaSetPods,
  sameReplicaSetStatus,
  type ReplicaSetPodCounts,
  type ReplicaSetStatus,
} from './replicaset-status.ts';
import { createOwnedPodTracker } from './owned-pods.ts';
import { slowStartBatches } from './slow-start.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
const RS = 'replicasets.apps';
const PODS = 'pods';
/** replica_set.go BurstReplicas: the most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;
const CONTROLLER_INDEX = 'controllerUID';
/** replica_set_utils.go statusUpdateRetries. */
const STATUS_UPDATE_RETRIES = 1;
const ORPHAN = 'orphan:';

export interface ReplicaSetControllerOptions {
  api: ApiServer;
  informerFactory: InformerFactory;
  profile: QueueProfile;
  /** How requests get their virtual latency (default: the API server's fault settings). */
  transport?: Transport;
  /** kube-controller-manager --concurrent-replicaset-syncs, default 5. */
  workers?: number;
  burstReplicas?: number;
  /**
   * Teaching switch for bug lab BL-08 (world param replicaSetExpectations): false makes syncReplicaSet act on
   * every sync as if its expectations were always satisfied, which upstream never does. With a lagging cache
   * the controller then counts Pods it already created as missing and creates them again (the bug
   * cluster-api PR #316 and #13649 describe for MachineSets). Default true: upstream behavior.
   */
  expectations?: boolean;
}

const controllerRefOf = (obj: KubeObject): OwnerReference | undefined =>
  obj.metadata.ownerReferences?.find((r) => r.controller === true);

const isReplicaSetRef = (ref: OwnerReference | undefined): ref is OwnerReference =>
  ref !== undefined && ref.kind === 'ReplicaSet' && ref.apiVersion.startsWith('apps/');

function podFromTemplate(rs: KubeObject): KubeObject {
  const template = (rs.spec?.template ?? {}) as {
    metadata?: KubeObject['metadata'];
    spec?: KubeObject['spec'];
  };
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      // controller_utils.go getPodsPrefix: the ReplicaSet's name and a dash, completed by generateName.
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name!,
          uid: rs.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: cloneJson(template.spec ?? {}),
  };
}

export interface ReplicaSetController extends Controller {
  /** The controller's expectations, for the UI and tests: what it is still waiting to see. */
  expectations(): ExpectationsSnapshot[];
}

export function createReplicaSetController(
  sim: Sim,
  opts: ReplicaSetControllerOptions,
): ReplicaSetController {
  const burst = opts.burstReplicas ?? BURST_REPLICAS;
  const useExpectations = opts.expectations ?? true;
  const expectations = createUIDTrackingControllerExpectations(sim.scheduler);
  const rsInformer = opts.informerFactory.informerFor(RS);
  // The pods a ReplicaSet may claim are those it controls and the orphans of its namespace; an index finds
  // them without scanning every pod in the namespace on each sync.
  opts.informerFactory.informerFor(PODS).addIndexers({
    [CONTROLLER_INDEX]: (pod) => {
      const ref = controllerRefOf(pod);
      return [ref ? ref.uid : `${ORPHAN}${pod.metadata.namespace ?? ''}`];
    },
  });
  // Cached objects are replaced, never changed, on every update: a per-object memo of a selector match is
  // exact for as long as the object lives.
  const viewOf = createPodViews();
  const tracker = createOwnedPodTracker(opts.informerFactory.informerFor(PODS), viewOf);

  /** The ReplicaSet's selector and template labels, with keys that change whenever either does. */
  const shapes = new WeakMap<KubeObject, ReplicaSetShape>();
  const shapeOf = (rs: KubeObject): ReplicaSetShape => {
    // One shape per cached ReplicaSet object, so the pod views compare the same key strings by identity.
    const known = shapes.get(rs);
    if (known) return known;
    const templateLabels = ((rs.spec?.template as KubeObject | undefined)?.metadata?.labels ?? {}) as Record<
      string,
      string
    >;
    const shape = {
      selectorKey: JSON.stringify(rs.spec?.selector ?? {}),
      selector: labelSelectorFromObject(rs.spec?.selector),
      templateKey: JSON.stringify(templateLabels),
      templateLabels,
    };
    shapes.set(rs, shape);
    return shape;
  };

  /** replica_set.go getPodReplicaSets: the ReplicaSets in the pod's namespace whose selector matches it. */
  const replicaSetsSelecting = (pod: KubeObject): string[] => {
    const out: string[] = [];
    for (const rs of rsInformer.list({ namespace: pod.metadata.namespace })) {
      const sel = labelSelectorFromObject(rs.spec?.selector);
      if (sel.requirements.length > 0 && matchesLabels(sel, pod.metadata.labels))
        out.push(`${rs.metadata.namespace}/${rs.metadata.name}`);
    }
    return out;
  };

  /** The owning ReplicaSet's key, only if it still exists with the same UID (resolveControllerRef). */
  const resolveControllerRef = (pod: KubeObject, ref: OwnerReference): string | undefined => {
    const rs = rsInformer.get(pod.metadata.namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? `${pod.metadata.namespace}/${ref.name}` : undefined;
  };

  const podKey = (pod: KubeObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;

  const onPodDeleted = (pod: KubeObject, q: EnqueueTarget) => {
    const ref = controllerRefOf(pod);
    if (!isReplicaSetRef(ref)) return;
    const rsKey = resolveControllerRef(pod, ref);
    if (!rsKey) return;
    expectations.deletionObserved(rsKey, podKey(pod));
    q.add(rsKey);
  };

  // replica_set.go addPod / updatePod / deletePod.
  const podHandler: EventHandler = {
    name: 'ReplicaSet pod handler (expectations)',
    create(e: CreateEvent, q) {
      const pod = e.object;
      if (pod.metadata.deletionTimestamp) return onPodDeleted(pod, q);
      const ref = controllerRefOf(pod);
      if (isReplicaSetRef(ref)) {
        const rsKey = resolveControllerRef(pod, ref);
        if (!rsKey) return;
        expectations.creationObserved(rsKey);
        q.add(rsKey);
        return;
      }
      if (!ref) for (const k of replicaSetsSelecting(pod)) q.add(k);
    },
    update(e: UpdateEvent, q) {
      const { objectOld: oldPod, objectNew: pod } = e;
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      if (pod.metadata.deletionTimestamp) return onPodDeleted(pod, q);
      const oldRef = controllerRefOf(oldPod);
      const ref = controllerRefOf(pod);
      if (isReplicaSetRef(oldRef) && (!ref || ref.uid !== oldRef.uid)) {
        const k = resolveControllerRef(oldPod, oldRef);
        if (k) q.add(k);
      }
      if (isReplicaSetRef(ref)) {
        const k = resolveControllerRef(pod, ref);
        if (k) q.add(k);
        return;
      }
      const labelsChanged =
        JSON.stringify(oldPod.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
      if (!ref && labelsChanged) for (const k of replicaSetsSelecting(pod)) q.add(k);
    },
    delete(e: DeleteEvent, q) {
      onPodDeleted(e.object, q);
    },
    generic() {},
  };

  /** ClaimPods: adopt matching orphans, release owned pods that no longer match. Returns the pods we own. */
  function* claimPods(ctx: ReconcileContext, rs: KubeObject, shape: ReplicaSetShape) {
    const owned: PodView[] = [];
    const cache = ctx.cache(PODS);
    const candidates = [
      cache.byIndex(CONTROLLER_INDEX, rs.metadata.uid!),
      cache.byIndex(CONTROLLER_INDEX, `${ORPHAN}${rs.metadata.namespace ?? ''}`),
    ];
    for (const pods of candidates) {
      for (const pod of pods) {
        const v = viewOf(pod, shape);
        if (!v.active) continue;
        if (v.controllerUid !== undefined) {
          if (v.controllerUid !== rs.metadata.uid) continue;
          if (v.matchesSelector) {
            owned.push(v);
            continue;
          }
          if (pod.metadata.deletionTimestamp) continue;
          yield ctx.step('release pod');
          const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
          yield* ignoreNotFound(
            ctx.client.patch(PODS, pod.metadata.namespace, pod.metadata.name!, 'merge', {
              metadata: { ownerReferences: refs, uid: pod.metadata.uid },
            }),
          );
          continue;
        }
        if (!v.matchesSelector || pod.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
        yield ctx.step('adopt pod');
        const adopted = yield* ignoreNotFound(
          ctx.client.patch(PODS, pod.metadata.namespace, pod.metadata.name!, 'merge', {
            metadata: {
              ownerReferences: [
                ...(pod.metadata.ownerReferences ?? []),
                {
                  apiVersion: 'apps/v1',
                  kind: 'ReplicaSet',
                  name: rs.metadata.name!,
                  uid: rs.metadata.uid!,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
              uid: pod.metadata.uid,
            },
          }),
        );
        if (adopted) owned.push(viewOf(adopted, shape));
      }
    }
    return owned;
  }

  function* manageReplicas(
    ctx: ReconcileContext,
    key: string,
    rs: KubeObject,
    activeCount: number,
    activePods: () => KubeObject[],
  ) {
    const want = (rs.spec?.replicas as number | undefined) ?? 1;
    const diff = activeCount - want;
    if (diff < 0) {
      const toCreate = Math.min(-diff, burst);
      // Expect before creating: the watch event can arrive before the create call returns.
      expectations.expectCreations(key, toCreate);
      yield ctx.step('create pods');
      let created = 0;
      let failed: unknown;
      // slowStartBatch: each batch's creates run concurrently; a batch with any error stops the rest.
      for (const batch of slowStartBatches(toCreate)) {
        const calls = Array.from({ length: batch }, () => ctx.client.create(PODS, podFromTemplate(rs)));
        for (const r of yield* parallel(calls)) {
          if (r.ok) created++;
          else failed ??= r.error;
        }
        if (failed) break;
      }
      if (failed) {
        // Creates that failed or were never attempted will never be observed: lower the expectations by
        // skippedPods = diff - successfulCreations, as manageReplicas does after slowStartBatch.
        for (let i = created; i < toCreate; i++) expectations.creationObserved(key);
        throw failed;
      }
    } else if (diff > 0) {
      const victims = podsToDelete(activePods(), Math.min(diff, burst));
      expectations.expectDeletions(
        key,
        victims.map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
      );
      yield ctx.step('delete pods');
      let failed: unknown;
      const calls = victims.map((pod) => ctx.client.delete(PODS, pod.metadata.namespace, pod.metadata.name!));
      const results = yield* parallel(calls);
      results.forEach((r, i) => {
        if (r.ok) return;
        const pod = victims[i]!;
        expectations.deletionObserved(key, `${pod.metadata.namespace}/${pod.metadata.name}`);
        if (!isNotFound(r.error)) failed ??= r.error;
      });
      if (failed) throw failed;
    }
  }

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const rs = ctx.cache(RS).get(req.namespace, req.name);
    if (!rs) {
      expectations.deleteExpectations(req.key);
      return;
    }
    // BL-08's teaching switch: without expectations every sync trusts the cache, however far behind it is.
    const needsSync = useExpectations ? expectations.satisfiedExpectations(req.key) : true;
    yield ctx.step('claim pods');
    const shape = shapeOf(rs);
    const minReadySeconds = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
    const tally = tracker.counts(rs.metadata.uid!, shape);
    const orphans = ctx.cache(PODS).byIndex(CONTROLLER_INDEX, `${ORPHAN}${rs.metadata.namespace ?? ''}`);
    // The full claim (adopt orphans, release mismatches) and the per-pod availability clock need the pod list;
    // otherwise the tally already holds the counts a scan would produce.
    let owned: PodView[] | undefined;
    let counts: ReplicaSetPodCounts;
    if (orphans.length > 0 || tally.mismatched > 0 || minReadySeconds > 0) {
      owned = yield* claimPods(ctx, rs, shape);
      counts = countReplicaSetPods(owned, minReadySeconds, ctx.now());
    } else {
      counts = {
        replicas: tally.replicas,
        fullyLabeled: tally.fullyLabeled,
        ready: tally.ready,
        available: tally.ready,
      };
    }
    const ownedPods = () =>
      (owned ?? tracker.pods(rs.metadata.uid!).map((p) => viewOf(p, shape)))
        .filter((v) => v.active && v.matchesSelector)
        .map((v) => v.pod);

    let manageError: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      yield ctx.step('compare');
      try {
        yield* manageReplicas(ctx, req.key, rs, counts.replicas, ownedPods);
      } catch (e) {
        manageError = e;
      }
    }

    yield ctx.step('update status');
    const errorText =
      manageError instanceof Error ? manageError.message : manageError ? String(manageError) : undefined;
    const status = calculateReplicaSetStatus(rs, counts, errorText, virtualTimestamp(ctx.now()));
    if (!sameReplicaSetStatus(rs.status, status)) yield* updateReplicaSetStatus(ctx, rs, status);
    if (manageError) throw manageError;

    const minReady = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
    const want = (rs.spec?.replicas as number | undefined) ?? 1;
    if (minReady > 0 && status.readyReplicas === want && status.availableReplicas !== want) {
      return { requeueAfterMs: minReady * 1000 };
    }
    return;
  };

  /**
   * replica_set_utils.go updateReplicaSetStatus: on failure, GET the latest object from the API server (not the
   * cache) and try once more (statusUpdateRetries = 1); after that the error goes back to the queue.
   */
  function* updateReplicaSetStatus(ctx: ReconcileContext, rs: KubeObject, status: ReplicaSetStatus) {
    let current = rs;
    for (let attempt = 0; ; attempt++) {
      const next = ctx.clone(current);
      next.status = { ...(next.status ?? {}), ...status } as Record<string, unknown>;
      if (!status.conditions) delete (next.status as Record<string, unknown>).conditions;
      try {
        return yield* ctx.client.updateStatus(RS, next);
      } catch (e) {
        if (attempt >= STATUS_UPDATE_RETRIES) throw e;
        current = yield* ctx.client.get(RS, rs.metadata.namespace, rs.metadata.name!);
      }
    }
  }

  const controller = createController(sim, {
    name: REPLICASET_CONTROLLER,
    forResource: RS,
    watches: [{ resource: PODS, handler: podHandler }],
    maxConcurrentReconciles: opts.workers ?? 5,
    profile: opts.profile,
    reconciler: reconcile,
    informerFactory: opts.informerFactory,
    api: opts.api,
    ...(opts.transport ? { transport: opts.transport } : {}),
  });
  return Object.assign(controller, { expectations: () => expectations.snapshot() });
}

function* ignoreNotFound<T>(call: ApiCall<T>): Generator<Effect, T | undefined, unknown> {
  try {
    return yield* call;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
