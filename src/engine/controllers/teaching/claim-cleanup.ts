/**
 * Bug lab BL-06, a missed transient state leaks storage: a teaching controller that gives every Pod labelled
 * `lab.reconcile.dev/claims: "true"` a claim (a ConfigMap `data-<pod>` standing in for a PersistentVolumeClaim)
 * and must remove the claim once the Pod is gone.
 *
 * - buggy: the cleanup runs only while the cached Pod is Terminating (deletionTimestamp set), as in
 *   instaclustr/cassandra-operator#398 (Sieve OSDI'22 Fig. 6). If the controller never sees that transient
 *   state, because a watch event was lost and a relist only shows the Pod gone, the claim leaks forever.
 * - fixed: level-triggered, as kubernetes/community "Writing Controllers" asks ("Level driven, not edge
 *   driven"): any claim whose Pod is absent or terminating is deleted, whatever the controller saw on the way.
 */
import { isNotFound, type KubeObject } from '../../api/types.ts';
import { createController, type Controller } from '../../client/controller.ts';
import { enqueueRequestsFromMapFunc } from '../../client/handlers.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import { LAB_PREFIX, type TeachingDeps, type Variant } from './teaching-deps.ts';

export const CLAIM_CLEANUP_CONTROLLER = 'claim-cleanup';
/** On a Pod: it wants a claim. */
export const CLAIMS_LABEL = `${LAB_PREFIX}claims`;
/** On a claim: the Pod it belongs to. */
export const CLAIM_FOR_LABEL = `${LAB_PREFIX}claim-for`;
const PODS = 'pods';
const CONFIGMAPS = 'configmaps';

export const claimNameFor = (podName: string) => `data-${podName}`;

export function createClaimCleanupController(deps: TeachingDeps, variant: Variant): Controller {
  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const pod = ctx.cache(PODS).get(req.namespace, req.name);
    const claim = ctx.cache(CONFIGMAPS).get(req.namespace, claimNameFor(req.name));
    if (pod && pod.metadata.labels?.[CLAIMS_LABEL] !== 'true' && !claim) return;
    const terminating = pod?.metadata.deletionTimestamp !== undefined;
    // The one line the lab is about: the buggy cleanup needs to see the Pod Terminating; the fixed one only
    // needs the Pod not to be there (or to be on its way out).
    const release = variant === 'buggy' ? pod !== undefined && terminating : pod === undefined || terminating;
    if (release) {
      if (!claim) return;
      yield ctx.step('delete claim');
      try {
        yield* ctx.client.delete(CONFIGMAPS, req.namespace, claim.metadata.name!);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    if (!pod || terminating || claim) return;
    yield ctx.step('create claim');
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: claimNameFor(req.name),
        namespace: req.namespace,
        labels: { [CLAIM_FOR_LABEL]: req.name },
      },
      data: { volume: `pv-${pod.metadata.uid ?? req.name}` },
    };
    yield* ctx.client.create(CONFIGMAPS, obj);
    return;
  };

  return createController(deps.sim, {
    name: CLAIM_CLEANUP_CONTROLLER,
    forResource: PODS,
    watches: [
      {
        resource: CONFIGMAPS,
        // A claim's events wake its Pod's key: a relist that shows a claim is a chance to check its Pod.
        handler: enqueueRequestsFromMapFunc((cm) => {
          const pod = cm.metadata.labels?.[CLAIM_FOR_LABEL];
          return pod ? [`${cm.metadata.namespace}/${pod}`] : [];
        }, 'claim to Pod'),
      },
    ],
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
}
