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
import { isNotFound, type KubeObject, type OwnerReference } from '../../api/types.ts';
import { labelSelectorFromObject, matchesLabels, type LabelSelector } from '../../api/selectors.ts';
import { createController, type Controller } from '../../client/controller.ts';
import type { DeleteEvent, UpdateEvent, CreateEvent } from '../../client/events.ts';
import type { EnqueueTarget, EventHandler } from '../../client/handlers.ts';
import { createUIDTrackingControllerExpectations } from '../../client/expectations.ts';
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
import { createPodFactsCache } from './pod-status.ts';
import { podsToDelete } from './pod-ranking.ts';
import { calculateReplicaSetStatus, hasTemplateLabels, sameReplicaSetStatus } from './replicaset-status.ts';
import { slowStartBatches } from './slow-start.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
const RS = 'replicasets.apps';
const PODS = 'pods';
/** replica_set.go BurstReplicas: the most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;
const CONTROLLER_INDEX = 'controllerUID';
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
    spec: JSON.parse(JSON.stringify(template.spec ?? {})) as Record<string, unknown>,
  };
}

export function createReplicaSetController(sim: Sim, opts: ReplicaSetControllerOptions): Controller {
  const burst = opts.burstReplicas ?? BURST_REPLICAS;
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
  const facts = createPodFactsCache();
  const labelMatch = new WeakMap<KubeObject, { template: string; matches: boolean }>();
  const fullyLabeled = (rs: KubeObject, templateKey: string) => (pod: KubeObject) => {
    const hit = labelMatch.get(pod);
    if (hit && hit.template === templateKey) return hit.matches;
    const matches = hasTemplateLabels(rs, pod);
    labelMatch.set(pod, { template: templateKey, matches });
    return matches;
  };
  const selectorMatch = new WeakMap<KubeObject, { selector: string; matches: boolean }>();
  const matchesSelector = (pod: KubeObject, selectorKey: string, selector: LabelSelector) => {
    const hit = selectorMatch.get(pod);
    if (hit && hit.selector === selectorKey) return hit.matches;
    const matches = matchesLabels(selector, pod.metadata.labels);
    selectorMatch.set(pod, { selector: selectorKey, matches });
    return matches;
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
  function* claimPods(ctx: ReconcileContext, rs: KubeObject, selector: LabelSelector) {
    const owned: KubeObject[] = [];
    const selectorKey = JSON.stringify(rs.spec?.selector ?? {});
    const pods = ctx
      .cache(PODS)
      .byIndex(CONTROLLER_INDEX, rs.metadata.uid!)
      .concat(ctx.cache(PODS).byIndex(CONTROLLER_INDEX, `${ORPHAN}${rs.metadata.namespace ?? ''}`));
    for (const pod of pods) {
      if (!facts(pod).active) continue;
      const ref = controllerRefOf(pod);
      const matches = matchesSelector(pod, selectorKey, selector);
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (matches) {
          owned.push(pod);
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
      if (!matches || pod.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
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
      if (adopted) owned.push(adopted);
    }
    return owned;
  }

  function* manageReplicas(ctx: ReconcileContext, key: string, rs: KubeObject, active: KubeObject[]) {
    const want = (rs.spec?.replicas as number | undefined) ?? 1;
    const diff = active.length - want;
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
      const victims = podsToDelete(active, Math.min(diff, burst));
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
    const needsSync = expectations.satisfiedExpectations(req.key);
    const selector = labelSelectorFromObject(rs.spec?.selector);
    yield ctx.step('claim pods');
    const owned = yield* claimPods(ctx, rs, selector);

    let manageError: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      yield ctx.step('compare');
      try {
        yield* manageReplicas(ctx, req.key, rs, owned);
      } catch (e) {
        manageError = e;
      }
    }

    yield ctx.step('update status');
    const errorText =
      manageError instanceof Error ? manageError.message : manageError ? String(manageError) : undefined;
    const templateKey = JSON.stringify((rs.spec?.template as KubeObject | undefined)?.metadata?.labels ?? {});
    const status = calculateReplicaSetStatus(
      rs,
      owned,
      ctx.now(),
      errorText,
      virtualTimestamp(ctx.now()),
      facts,
      fullyLabeled(rs, templateKey),
    );
    if (!sameReplicaSetStatus(rs.status, status)) {
      const next = ctx.clone(rs);
      next.status = { ...(next.status ?? {}), ...status } as Record<string, unknown>;
      if (!status.conditions) delete (next.status as Record<string, unknown>).conditions;
      yield* ctx.client.updateStatus(RS, next);
    }
    if (manageError) throw manageError;

    const minReady = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
    const want = (rs.spec?.replicas as number | undefined) ?? 1;
    if (minReady > 0 && status.readyReplicas === want && status.availableReplicas !== want) {
      return { requeueAfterMs: minReady * 1000 };
    }
    return;
  };

  return createController(sim, {
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
}

function* ignoreNotFound<T>(call: ApiCall<T>): Generator<Effect, T | undefined, unknown> {
  try {
    return yield* call;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
