/**
 * The Deployment controller's pure rules: k8s pkg/controller/deployment/util/deployment_util.go (fenceposts,
 * NewRSNewReplicas, IsSaturated, DeploymentComplete, revisions and annotations, FindNewReplicaSet) and
 * pkg/controller/controller_utils.go (ComputeHash, ReplicaSetsByCreationTimestamp, FilterActiveReplicaSets).
 *
 * ReplicaSets are read through RsView, a flat record of the fields these rules look at, so that the rules are
 * testable without building objects and cost nothing to call on every sync.
 */
import { jsonEqual } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/types.ts';
import { scaledValueFromIntOrPercent, type IntOrString } from '../../capi/int-or-percent.ts';

/** apps/v1 DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** deployment_util.go annotationsToSkip: never copied from the Deployment to its ReplicaSets. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** The Deployment fields the rules read, after apps/v1 defaulting (SetDefaults_Deployment). */
export interface DeploymentView {
  name: string;
  replicas: number;
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: IntOrString | undefined;
  maxUnavailable: IntOrString | undefined;
  /** status.replicas: getReplicaSetFraction's fallback when a ReplicaSet has no max-replicas annotation. */
  statusReplicas: number;
}

/** A ReplicaSet as the rules see it. */
export interface RsView {
  name: string;
  /** creationTimestamp as stored (whole seconds, RFC 3339): sorts as it compares. */
  created: string;
  specReplicas: number;
  statusReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  annotations: Readonly<Record<string, string>>;
}

const num = (v: unknown, d = 0) => (typeof v === 'number' ? v : d);

export function deploymentViewOf(d: KubeObject): DeploymentView {
  const strategy = (d.spec?.strategy ?? {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
  return {
    name: d.metadata.name ?? '',
    replicas: num(d.spec?.replicas, 1),
    strategy: strategy.type === 'Recreate' ? 'Recreate' : 'RollingUpdate',
    maxSurge: strategy.rollingUpdate?.maxSurge as IntOrString | undefined,
    maxUnavailable: strategy.rollingUpdate?.maxUnavailable as IntOrString | undefined,
    statusReplicas: num(d.status?.replicas),
  };
}

export function rsViewOf(rs: KubeObject): RsView {
  return {
    name: rs.metadata.name ?? '',
    created: rs.metadata.creationTimestamp ?? '',
    specReplicas: num(rs.spec?.replicas, 1),
    statusReplicas: num(rs.status?.replicas),
    readyReplicas: num(rs.status?.readyReplicas),
    availableReplicas: num(rs.status?.availableReplicas),
    annotations: rs.metadata.annotations ?? {},
  };
}

/**
 * deployment_util.go ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and when both come to
 * zero maxUnavailable becomes 1 (so a rollout can always move even if surging is impossible).
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** deployment_util.go MaxSurge: 0 unless RollingUpdate. */
export function maxSurgeOf(d: DeploymentView): number {
  if (d.strategy !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).surge;
}

/** deployment_util.go MaxUnavailable: 0 unless RollingUpdate with replicas; never more than replicas. */
export function maxUnavailableOf(d: DeploymentView): number {
  if (d.strategy !== 'RollingUpdate' || d.replicas === 0) return 0;
  const { unavailable } = resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas);
  return Math.min(unavailable, d.replicas);
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const specReplicaSum = (rss: readonly RsView[]) => rss.reduce((n, rs) => n + rs.specReplicas, 0);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const statusReplicaSum = (rss: readonly RsView[]) => rss.reduce((n, rs) => n + rs.statusReplicas, 0);
/** GetReadyReplicaCountForReplicaSets. */
export const readyReplicaSum = (rss: readonly RsView[]) => rss.reduce((n, rs) => n + rs.readyReplicas, 0);
/** GetAvailableReplicaCountForReplicaSets. */
export const availableReplicaSum = (rss: readonly RsView[]) =>
  rss.reduce((n, rs) => n + rs.availableReplicas, 0);

/**
 * deployment_util.go NewRSNewReplicas: RollingUpdate grows the new ReplicaSet as far as replicas + maxSurge
 * allows (counting spec.replicas of every ReplicaSet), never past replicas; Recreate goes straight to replicas.
 */
export function newRSNewReplicas(d: DeploymentView, allRSs: readonly RsView[], newRS: RsView): number {
  if (d.strategy === 'Recreate') return d.replicas;
  const current = specReplicaSum(allRSs);
  const maxTotal = d.replicas + maxSurgeOf(d);
  if (current >= maxTotal) return newRS.specReplicas;
  const scaleUp = Math.min(maxTotal - current, d.replicas - newRS.specReplicas);
  return newRS.specReplicas + scaleUp;
}

const annotationInt = (rs: RsView, key: string): number | undefined => {
  const v = rs.annotations[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
};

/** deployment_util.go IsSaturated: the new ReplicaSet has every replica, wants no more, and all are available. */
export function isSaturated(d: DeploymentView, rs: RsView | undefined): boolean {
  if (!rs) return false;
  const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
  return desired === d.replicas && rs.specReplicas === d.replicas && rs.availableReplicas === d.replicas;
}

export interface DeploymentStatusCounts {
  replicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
}

/** deployment_util.go DeploymentComplete: every replica updated and available, nothing old left running. */
export function deploymentComplete(
  d: DeploymentView,
  generation: number,
  status: DeploymentStatusCounts,
): boolean {
  return (
    status.updatedReplicas === d.replicas &&
    status.replicas === d.replicas &&
    status.availableReplicas === d.replicas &&
    status.observedGeneration >= generation
  );
}

/** controller_utils.go ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: RsView, b: RsView): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** deployment_util.go Revision: the revision annotation, 0 when absent or unparsable. */
export function revisionOf(rs: RsView): number {
  return annotationInt(rs, REVISION_ANNOTATION) ?? 0;
}

/** deployment_util.go ReplicaSetsByRevision: oldest revision first, ties by creation. */
export function byRevision(a: RsView, b: RsView): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

/** deployment_util.go MaxRevision. */
export function maxRevision(rss: readonly RsView[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs));
  return max;
}

/** controller_utils.go FilterActiveReplicaSets: ReplicaSets that have, or ought to have, pods. */
export const filterActive = (rss: readonly (RsView | undefined)[]): RsView[] =>
  rss.filter((rs): rs is RsView => rs !== undefined && rs.specReplicas > 0);

/**
 * deployment_util.go FindActiveOrLatest: the one active ReplicaSet; with none active, the new one or else the
 * newest old one; with several active, none (a rollout is in progress and proportional scaling decides).
 */
export function findActiveOrLatest(newRS: RsView | undefined, oldRSs: readonly RsView[]): RsView | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/**
 * deployment_util.go SetReplicasAnnotations / ReplicasAnnotationsNeedUpdate: desired-replicas and max-replicas
 * (replicas + maxSurge) as the Deployment stood when the ReplicaSet was last scaled.
 */
export function replicasAnnotations(d: DeploymentView): Record<string, string> {
  return {
    [DESIRED_REPLICAS_ANNOTATION]: String(d.replicas),
    [MAX_REPLICAS_ANNOTATION]: String(d.replicas + maxSurgeOf(d)),
  };
}

export function replicasAnnotationsNeedUpdate(rs: RsView, d: DeploymentView): boolean {
  const want = replicasAnnotations(d);
  return (
    rs.annotations[DESIRED_REPLICAS_ANNOTATION] !== want[DESIRED_REPLICAS_ANNOTATION] ||
    rs.annotations[MAX_REPLICAS_ANNOTATION] !== want[MAX_REPLICAS_ANNOTATION]
  );
}

/**
 * deployment_util.go SetNewReplicaSetAnnotations: the annotations the new ReplicaSet should carry. Copies the
 * Deployment's own annotations (minus annotationsToSkip), raises the revision to newRevision when it is lower,
 * and, for a ReplicaSet about to be created, stamps the replicas annotations. Returns undefined when nothing
 * would change. The revision-history annotation (only written when revisionHistoryLimit-style rollback history
 * is asked for with --deployment-controller-max-revision-history) is left out.
 */
export function newReplicaSetAnnotations(
  deploymentAnnotations: Readonly<Record<string, string>>,
  rs: RsView,
  newRevision: number,
  exists: boolean,
  d: DeploymentView,
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...rs.annotations };
  let changed = false;
  // copyDeploymentAnnotationsToReplicaSet
  for (const [k, v] of Object.entries(deploymentAnnotations)) {
    if (ANNOTATIONS_TO_SKIP.has(k) || out[k] === v) continue;
    out[k] = v;
    changed = true;
  }
  const oldRevision = annotationInt(rs, REVISION_ANNOTATION) ?? 0;
  if (oldRevision < newRevision) {
    out[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
  }
  if (!exists && replicasAnnotationsNeedUpdate(rs, d)) {
    Object.assign(out, replicasAnnotations(d));
    changed = true;
  }
  return changed ? out : undefined;
}

type Template = { metadata?: { labels?: Record<string, string> } & Record<string, unknown> } & Record<
  string,
  unknown
>;

const withoutHash = (template: unknown): unknown => {
  const t = (template ?? {}) as Template;
  const labels = t.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return t;
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...t.metadata, labels: rest } };
};

/** deployment_util.go EqualIgnoreHash: two pod templates are the same once pod-template-hash is set aside. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return jsonEqual(withoutHash(a), withoutHash(b));
}

/** Canonical JSON: object keys sorted, so equal templates hash equally whatever order their keys came in. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** k8s.io/apimachinery/pkg/util/rand SafeEncodeString's alphabet: no vowels, no look-alike 0/1/3. */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash label value (controller_utils.go ComputeHash). Upstream hashes the Go struct with
 * FNV-32a through a deep printer and adds collisionCount; this hashes the template's canonical JSON with
 * FNV-32a and then the collision count, so the value is deterministic and shaped like upstream's (the decimal
 * hash through rand.SafeEncodeString) but is NOT the value a real cluster would compute for the same template.
 */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const feed = (code: number) => {
    h ^= code & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  const text = canonicalJson(template ?? {});
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    feed(c);
    if (c > 0xff) feed(c >>> 8);
  }
  if (collisionCount !== undefined) {
    // Go writes the uint32 collision count little-endian into the hasher.
    for (let i = 0; i < 4; i++) feed((collisionCount >>> (8 * i)) & 0xff);
  }
  const decimal = String(h >>> 0);
  let out = '';
  for (let i = 0; i < decimal.length; i++)
    out += SAFE_ALPHANUMS[decimal.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

/** sync.go getNewReplicaSet: the new ReplicaSet is named after the Deployment and its pod-template-hash. */
export function newReplicaSetName(deploymentName: string, hash: string): string {
  return `${deploymentName}-${hash}`;
}

/**
 * deployment_util.go FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring
 * pod-template-hash); FindOldReplicaSets: all the others.
 */
export function findNewAndOld(
  deploymentTemplate: unknown,
  rsList: readonly KubeObject[],
): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
  const sorted = [...rsList].sort((a, b) => byCreation(rsViewOf(a), rsViewOf(b)));
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, deploymentTemplate));
  return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
}

/**
 * deployment_util.go GetReplicaSetProportion / getReplicaSetFraction: how many replicas a ReplicaSet gains or
 * loses when the Deployment is resized mid-rollout, in proportion to its share of the last max-replicas.
 */
export function replicaSetProportion(rs: RsView, d: DeploymentView, toAdd: number, added: number): number {
  if (rs.specReplicas === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (d.replicas === 0) {
    fraction = -rs.specReplicas;
  } else {
    const deploymentReplicas = d.replicas + maxSurgeOf(d);
    const annotated = annotationInt(rs, MAX_REPLICAS_ANNOTATION) ?? d.statusReplicas;
    // Go divides floats: a zero denominator gives ±Inf, which RoundToInt32 cannot represent; treat it as no share.
    fraction =
      annotated > 0 ? Math.round((rs.specReplicas * deploymentReplicas) / annotated) - rs.specReplicas : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
