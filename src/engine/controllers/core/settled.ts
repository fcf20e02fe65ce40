/**
 * When is an object where its controller wants it? The "observed matches desired" half of convergence
 * (DESIGN.md §2: converged = every queue empty and every object at its desired state), and the phase the
 * summary and the object.phase trace event report. Each kind's rule follows its controller's own notion of done.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodReady, podPhase } from './pod-status.ts';

type Rule = (obj: KubeObject) => boolean;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** kubectl rollout status for a ReplicaSet: observedGeneration caught up, and every replica there and ready. */
const replicaSetSettled: Rule = (rs) => {
  const want = typeof rs.spec?.replicas === 'number' ? rs.spec.replicas : 1;
  const st = rs.status ?? {};
  return (
    num(st.observedGeneration) >= num(rs.metadata.generation) &&
    num(st.replicas) === want &&
    num(st.readyReplicas) === want &&
    num(st.availableReplicas) === want
  );
};

/**
 * kubectl rollout status (polymorphichelpers/rollout_status.go DeploymentStatusViewer.Status): the controller
 * saw the latest generation, did not give up (ProgressDeadlineExceeded), and every replica is updated and
 * available with no old one left. A paused Deployment holds where it is: it is settled once its generation is
 * observed.
 */
const deploymentSettled: Rule = (d) => {
  const st = d.status ?? {};
  if (num(st.observedGeneration) < num(d.metadata.generation)) return false;
  if (d.spec?.paused === true) return true;
  const conds = (st.conditions as { type: string; reason?: string }[] | undefined) ?? [];
  if (conds.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return false;
  const want = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
  return num(st.updatedReplicas) === want && num(st.replicas) === want && num(st.availableReplicas) === want;
};

const podSettled: Rule = (pod) =>
  podPhase(pod) === 'Succeeded' || (podPhase(pod) === 'Running' && isPodReady(pod));

const RULES: Record<string, Rule> = {
  'apps/ReplicaSet': replicaSetSettled,
  'apps/Deployment': deploymentSettled,
  '/Pod': podSettled,
};

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** Settled rules exist for the kinds this build's controllers drive; other kinds have no desired state to reach. */
export function hasSettledRule(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return `${groupOf(obj.apiVersion)}/${obj.kind}` in RULES;
}

export function isSettled(obj: KubeObject): boolean {
  if (obj.metadata.deletionTimestamp) return false;
  const rule = RULES[`${groupOf(obj.apiVersion)}/${obj.kind}`];
  return rule ? rule(obj) : true;
}

/** status.phase when the kind has one; otherwise Terminating, Ready or Progressing as its rule says. */
export function phaseOf(obj: KubeObject): string {
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  const phase = obj.status?.phase;
  if (typeof phase === 'string' && phase) return phase;
  if (!hasSettledRule(obj)) return 'Active';
  return isSettled(obj) ? 'Ready' : 'Progressing';
}
