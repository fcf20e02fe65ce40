/**
 * When a Cluster API object is where its controllers want it: the capi half of the world's convergence rule
 * (core/settled.ts has the core half; the world asks both). Each rule is the kind's own notion of done.
 */
import type { KubeObject } from '../../api/types.ts';
import { conditionsOf, isTrue } from './conditions.ts';
import { asNumber, path } from './fields.ts';

type Rule = (obj: KubeObject) => boolean;

const observed = (o: KubeObject) =>
  (asNumber(o.status?.observedGeneration) ?? 0) >= (o.metadata.generation ?? 0);

const replicasSettled: Rule = (o) => {
  const want = asNumber(o.spec?.replicas) ?? 1;
  const st = o.status ?? {};
  return (
    observed(o) &&
    asNumber(st.replicas) === want &&
    asNumber(st.readyReplicas) === want &&
    asNumber(st.availableReplicas) === want &&
    asNumber(st.upToDateReplicas) === want
  );
};

export const CAPI_SETTLED_RULES: Readonly<Record<string, Rule>> = {
  'cluster.x-k8s.io/Cluster': (c) =>
    c.status?.phase === 'Provisioned' && isTrue(conditionsOf(c), 'ControlPlaneInitialized'),
  'cluster.x-k8s.io/Machine': (m) => m.status?.phase === 'Running' && isTrue(conditionsOf(m), 'Ready'),
  'cluster.x-k8s.io/MachineSet': replicasSettled,
  'cluster.x-k8s.io/MachineDeployment': replicasSettled,
  'controlplane.cluster.x-k8s.io/KubeadmControlPlane': (k) => {
    const want = asNumber(k.spec?.replicas) ?? 1;
    return (
      observed(k) &&
      asNumber(k.status?.replicas) === want &&
      asNumber(k.status?.readyReplicas) === want &&
      asNumber(k.status?.upToDateReplicas) === want
    );
  },
  'bootstrap.cluster.x-k8s.io/KubeadmConfig': (c) =>
    path(c.status, 'initialization', 'dataSecretCreated') === true,
};

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

export function hasCapiSettledRule(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return `${groupOf(obj.apiVersion)}/${obj.kind}` in CAPI_SETTLED_RULES;
}

export function isCapiSettled(obj: KubeObject): boolean {
  if (obj.metadata.deletionTimestamp) return false;
  const rule = CAPI_SETTLED_RULES[`${groupOf(obj.apiVersion)}/${obj.kind}`];
  return rule ? rule(obj) : true;
}
