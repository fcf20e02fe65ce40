/**
 * Which worlds run the Cluster API controllers. One rule for the CLI, the server, the tests and the browser, so
 * that the same scenario gives the same trace everywhere: a world runs them when its options say so, or else
 * when the scenario creates a Cluster API object (at t = 0 or from its timeline). A plain Deployment lesson
 * then shows kube-controller-manager's controllers alone, as a cluster without `clusterctl init` would.
 */
import type { KubeObject } from '../api/types.ts';
import type { WorldOptions } from './world-types.ts';

/** cluster.x-k8s.io and its providers' groups (infrastructure., bootstrap., controlplane., addons., ...). */
export function isClusterApiVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return false;
  const group = apiVersion.slice(0, slash);
  return group === 'cluster.x-k8s.io' || group.endsWith('.cluster.x-k8s.io');
}

const anyClusterApi = (objects: readonly KubeObject[] | undefined): boolean =>
  (objects ?? []).some((o) => typeof o.apiVersion === 'string' && isClusterApiVersion(o.apiVersion));

export function runsClusterApi(opts: WorldOptions): boolean {
  if (opts.clusterApi !== undefined) return opts.clusterApi;
  if (anyClusterApi(opts.objects)) return true;
  return (opts.timeline ?? []).some(
    ({ action }) => action.action === 'apply' && anyClusterApi(action.objects),
  );
}
