/**
 * Lesson L12, "Write an operator": a small teaching operator with three choices a learner toggles. A "WebApp"
 * is a ConfigMap labelled `lab.reconcile.dev/webapp: "true"` (data.replicas, data.app), standing in for a
 * custom resource; the operator gives it one generated credentials Secret and `replicas` Pods, each with a
 * controller ownerReference to the WebApp, and records its progress in the WebApp's annotations (its status).
 *
 * - writeOrder 'record-first' (correct): the credentials' name is persisted in the WebApp before the Secret
 *   is created, so a crash between the two writes leaves an intent a retry completes (AlreadyExists is done).
 *   'act-first': the Secret is created with a generated name and recorded after; a crash in between forgets
 *   it and the retry creates a second one (lessons-research BL-02: "persist the phase before the side
 *   effect"; the same shape as kubernetes-sigs/cluster-api-provider-aws#5794).
 * - selectBy 'uid' (correct): the WebApp's Pods are those whose controller ownerReference carries its UID
 *   (kubernetes design-proposals controller-ref.md; pkg/controller/controller_ref_manager.go ClaimPods).
 *   'label': every Pod with the WebApp's app label is "its" Pod, so two WebApps sharing the label (a stable
 *   and a canary track) count, and delete, each other's Pods and fight forever.
 * - expectations 'on' (correct): after creating or deleting Pods it waits until its informer has seen them
 *   (pkg/controller/controller_utils.go ControllerExpectations); 'off' trusts a lagging cache and over-creates,
 *   then deletes the surplus (BL-08).
 *
 * `crashes` makes the operator panic between its two credentials writes that many times: controller-runtime
 * recovers the panic and retries with backoff, and whatever the reconcile held in memory is gone.
 */
import type { DeleteEvent, UpdateEvent } from '../../client/events.ts';
import type { KubeObject } from '../../api/types.ts';
import { isAlreadyExists, isNotFound } from '../../api/types.ts';
import { createController, type Controller } from '../../client/controller.ts';
import { createControllerExpectations } from '../../client/expectations.ts';
import type { EnqueueTarget, EventHandler } from '../../client/handlers.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import { isPodReady, podPhase } from '../core/pod-status.ts';
import { LAB_PREFIX, type TeachingDeps } from './teaching-deps.ts';
import { WEBAPP_STEPS as S } from './webapp-listing.ts';

export const WEBAPP_OPERATOR = 'webapp-operator';
/** On a ConfigMap: it is a WebApp. */
export const WEBAPP_LABEL = `${LAB_PREFIX}webapp`;
/** On a Pod or Secret: the name of the WebApp that made it (informational: the operator never selects by it). */
export const WEBAPP_NAME_LABEL = `${LAB_PREFIX}webapp-name`;
/** On a credentials Secret: which WebApp it was generated for. */
export const CREDENTIALS_FOR_LABEL = `${LAB_PREFIX}credentials-for`;
/** The WebApp's status, as annotations: the recorded credentials Secret, ready Pods, phase. */
export const CREDENTIALS_ANNOTATION = `${LAB_PREFIX}credentials-ref`;
export const READY_ANNOTATION = `${LAB_PREFIX}ready-replicas`;
export const PHASE_ANNOTATION = `${LAB_PREFIX}phase`;

export interface OperatorToggles {
  writeOrder: 'record-first' | 'act-first';
  selectBy: 'uid' | 'label';
  expectations: 'on' | 'off';
}

const CONFIGMAPS = 'configmaps';
const PODS = 'pods';
const SECRETS = 'secrets';
const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

const controllerRefOf = (obj: KubeObject) => obj.metadata.ownerReferences?.find((r) => r.controller === true);
const isWebAppRef = (ref: { apiVersion: string; kind: string } | undefined) =>
  ref !== undefined && ref.kind === 'ConfigMap' && ref.apiVersion === 'v1';
const terminating = (pod: KubeObject) => pod.metadata.deletionTimestamp !== undefined;

function ownerRefTo(app: KubeObject) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: app.metadata.name!,
    uid: app.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The app label of a WebApp's Pods: data.app, else its name. */
export const appLabelOf = (app: KubeObject): string =>
  ((app.data as Record<string, string> | undefined)?.app ?? '') || app.metadata.name!;

function replicasOf(app: KubeObject): number | undefined {
  const raw = (app.data as Record<string, string> | undefined)?.replicas ?? '1';
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 1000 ? n : undefined;
}

/** Surplus Pods to delete: not-ready before ready, then the newest (pkg/controller/controller_utils.go ActivePods ranks the same way). */
function victims(pods: KubeObject[], n: number): KubeObject[] {
  const rank = (p: KubeObject) => (podPhase(p) === 'Running' && isPodReady(p) ? 1 : 0);
  return [...pods]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
        b.metadata.name!.localeCompare(a.metadata.name!),
    )
    .slice(0, n);
}

export function createWebAppOperator(
  deps: TeachingDeps,
  toggles: OperatorToggles,
  crashes: number,
): Controller {
  let crashesLeft = crashes;
  const expectations = createControllerExpectations(deps.sim.scheduler);

  // The Pod watch maps each Pod to its controlling WebApp and counts what the expectations wait for, as
  // replica_set.go addPod / updatePod / deletePod do.
  const ownerKey = (pod: KubeObject): string | undefined => {
    const ref = controllerRefOf(pod);
    return isWebAppRef(ref) ? `${pod.metadata.namespace}/${ref!.name}` : undefined;
  };
  const podHandler: EventHandler = {
    name: 'WebApp Pod handler (owner + expectations)',
    create(e, q) {
      const key = ownerKey(e.object);
      if (!key) return;
      if (!terminating(e.object)) expectations.creationObserved(key);
      q.add(key);
    },
    update(e: UpdateEvent, q: EnqueueTarget) {
      const key = ownerKey(e.objectNew) ?? ownerKey(e.objectOld);
      if (!key) return;
      // The first sight of a deletionTimestamp is the deletion the operator asked for.
      if (terminating(e.objectNew) && !terminating(e.objectOld)) expectations.deletionObserved(key);
      q.add(key);
    },
    delete(e: DeleteEvent, q: EnqueueTarget) {
      const key = ownerKey(e.object);
      if (!key) return;
      if (!terminating(e.object)) expectations.deletionObserved(key);
      q.add(key);
    },
    generic(e, q) {
      const key = ownerKey(e.object);
      if (key) q.add(key);
    },
  };

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step(S.fetch);
    let app = ctx.cache(CONFIGMAPS).get(req.namespace, req.name);
    if (!app || app.metadata.labels?.[WEBAPP_LABEL] !== 'true') {
      expectations.deleteExpectations(req.key);
      return;
    }
    // Children carry ownerReferences: the garbage collector removes them once the WebApp is gone.
    if (app.metadata.deletionTimestamp) return;
    const replicas = replicasOf(app);
    if (replicas === undefined) {
      ctx.log(`${req.key}: data.replicas must be a whole number from 0 to 1000`);
      return;
    }

    // --- credentials: one generated Secret per WebApp, the side effect whose write order the lesson toggles ---
    const recorded = app.metadata.annotations?.[CREDENTIALS_ANNOTATION];
    const crashPoint = () => {
      if (crashesLeft > 0) {
        crashesLeft--;
        throw new TypeError('runtime error: invalid memory address or nil pointer dereference');
      }
    };
    if (toggles.writeOrder === 'record-first') {
      let name = recorded;
      if (!name) {
        yield ctx.step(S.record);
        name = `${req.name}-credentials-${suffix(ctx.rng.int(SUFFIX_CHARS.length ** 5))}`;
        const next = ctx.clone(app);
        next.metadata.annotations = { ...next.metadata.annotations, [CREDENTIALS_ANNOTATION]: name };
        // An Update carries the cached resourceVersion: from a stale cache it is a 409 and a retry, never a
        // second name.
        app = yield* ctx.client.update(CONFIGMAPS, next);
        crashPoint();
      }
      if (!ctx.cache(SECRETS).get(req.namespace, name)) {
        yield ctx.step(S.createCredentials);
        try {
          yield* ctx.client.create(SECRETS, credentials(app, { name }));
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      }
    } else if (!recorded) {
      yield ctx.step(S.createCredentials);
      const secret = yield* ctx.client.create(
        SECRETS,
        credentials(app, { generateName: `${req.name}-credentials-` }),
      );
      ctx.log(`${req.key}: created Secret ${secret.metadata.name}`);
      crashPoint();
      yield ctx.step(S.record);
      const next = ctx.clone(app);
      next.metadata.annotations = {
        ...next.metadata.annotations,
        [CREDENTIALS_ANNOTATION]: secret.metadata.name!,
      };
      app = yield* ctx.client.update(CONFIGMAPS, next);
    }

    // --- children ---
    yield ctx.step(S.expectations);
    if (toggles.expectations === 'on' && !expectations.satisfiedExpectations(req.key)) return;
    yield ctx.step(S.list);
    const appLabel = appLabelOf(app);
    const uid = app.metadata.uid;
    const pods = ctx
      .cache(PODS)
      .list({ namespace: req.namespace })
      .filter((p) =>
        toggles.selectBy === 'uid' ? controllerRefOf(p)?.uid === uid : p.metadata.labels?.app === appLabel,
      );
    const active = pods.filter((p) => !terminating(p));
    const diff = replicas - active.length;
    if (diff > 0) {
      yield ctx.step(S.createPods);
      if (toggles.expectations === 'on') expectations.expectCreations(req.key, diff);
      let created = 0;
      try {
        for (; created < diff; created++) yield* ctx.client.create(PODS, podFor(app, appLabel));
      } finally {
        // Creates that failed will never be observed (replica_set.go manageReplicas skippedPods).
        if (toggles.expectations === 'on')
          for (let i = created; i < diff; i++) expectations.creationObserved(req.key);
      }
    } else if (diff < 0) {
      yield ctx.step(S.deletePods);
      const doomed = victims(active, -diff);
      if (toggles.expectations === 'on') expectations.expectDeletions(req.key, doomed.length);
      for (const pod of doomed) {
        try {
          yield* ctx.client.delete(PODS, req.namespace, pod.metadata.name!);
        } catch (e) {
          if (!isNotFound(e)) throw e;
          if (toggles.expectations === 'on') expectations.deletionObserved(req.key);
        }
      }
    }

    yield ctx.step(S.status);
    const ready = active.filter((p) => podPhase(p) === 'Running' && isPodReady(p)).length;
    const phase = diff === 0 && ready === replicas ? 'Ready' : 'Progressing';
    const ann = app.metadata.annotations ?? {};
    if (ann[READY_ANNOTATION] !== String(ready) || ann[PHASE_ANNOTATION] !== phase) {
      // A merge patch: status is the operator's own field, so no resourceVersion precondition is needed.
      yield* ctx.client.patch(CONFIGMAPS, req.namespace, req.name, 'merge', {
        metadata: { annotations: { [READY_ANNOTATION]: String(ready), [PHASE_ANNOTATION]: phase } },
      });
    }
    return;
  };

  return createController(deps.sim, {
    name: WEBAPP_OPERATOR,
    forResource: CONFIGMAPS,
    watches: [{ resource: PODS, handler: podHandler }],
    reads: [SECRETS],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
}

/** apimachinery util/rand.String: five characters from a vowel-less alphabet. */
function suffix(n: number): string {
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += SUFFIX_CHARS[n % SUFFIX_CHARS.length];
    n = Math.floor(n / SUFFIX_CHARS.length);
  }
  return out;
}

function credentials(app: KubeObject, naming: { name: string } | { generateName: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      ...naming,
      namespace: app.metadata.namespace,
      labels: { [CREDENTIALS_FOR_LABEL]: app.metadata.name!, [WEBAPP_NAME_LABEL]: app.metadata.name! },
      ownerReferences: [ownerRefTo(app)],
    },
    type: 'Opaque',
    stringData: { password: 'generated-once' },
  };
}

function podFor(app: KubeObject, appLabel: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${app.metadata.name}-`,
      namespace: app.metadata.namespace,
      labels: { app: appLabel, [WEBAPP_NAME_LABEL]: app.metadata.name! },
      ownerReferences: [ownerRefTo(app)],
    },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  };
}
