/**
 * Bug lab BL-10, two controllers fighting over spec.replicas: a caricature of a GitOps tool's auto-sync with
 * self-heal. Every ReplicaSet annotated `lab.reconcile.dev/gitops-replicas` is "in git" with that many
 * replicas; when the live object drifts, the tool re-applies the manifest, at most once per 10 s (Argo CD's
 * self-heal waits between syncs).
 *
 * - buggy: the manifest sets spec.replicas, so the sync undoes whatever an HPA wrote: argoproj/argo-cd#5105
 *   ("pods deployed, and kept being scaled to 1 or 2 again and again"), and the HPA docs' warning that
 *   re-applying spec.replicas causes "thrashing or flapping behavior".
 * - fixed: the manifest leaves spec.replicas out (the Argo CD and HPA docs' advice), so the tool never writes
 *   the field: a single writer per field.
 */
import { createController, type Controller } from '../../client/controller.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import { LAB_PREFIX, type TeachingDeps, type Variant } from './teaching-deps.ts';

export const GITOPS_CONTROLLER = 'gitops-sync';
/** The manifest's spec.replicas, as the annotation carries it. */
export const GITOPS_REPLICAS = `${LAB_PREFIX}gitops-replicas`;
/** How long the tool waits after a sync before it re-applies again. */
export const GITOPS_SYNC_INTERVAL_MS = 10_000;
const RS = 'replicasets.apps';

export function createGitopsSyncController(deps: TeachingDeps, variant: Variant): Controller {
  // When each ReplicaSet was last synced: process memory, as the tool's own would be.
  const lastSync = new Map<string, number>();

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('diff live vs git');
    const rs = ctx.cache(RS).get(req.namespace, req.name);
    const raw = rs?.metadata.annotations?.[GITOPS_REPLICAS];
    if (!rs || raw === undefined) {
      lastSync.delete(req.key);
      return;
    }
    // The fixed manifest has no spec.replicas: the live object cannot drift from it on that field.
    if (variant === 'fixed') return;
    const want = Number(raw);
    if (!Number.isInteger(want) || want < 0) {
      ctx.log(`${req.key}: ${GITOPS_REPLICAS}=${raw} is not a replica count; nothing to apply`);
      return;
    }
    if (rs.spec?.replicas === want) return;
    const since = lastSync.get(req.key);
    if (since !== undefined && ctx.now() - since < GITOPS_SYNC_INTERVAL_MS)
      return { requeueAfterMs: GITOPS_SYNC_INTERVAL_MS - (ctx.now() - since) };
    yield ctx.step('apply manifest');
    ctx.log(`${req.key}: live spec.replicas ${String(rs.spec?.replicas)}, git says ${want}: re-applying`);
    yield* ctx.client.patch(RS, req.namespace, req.name, 'merge', { spec: { replicas: want } });
    lastSync.set(req.key, ctx.now());
    return;
  };

  return createController(deps.sim, {
    name: GITOPS_CONTROLLER,
    forResource: RS,
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
}
