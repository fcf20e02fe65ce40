/**
 * Small manifests the tests and benchmarks share: a ReplicaSet "web" selecting app=web, and a bare Pod.
 */
import type { KubeObject } from '../api/types.ts';

/** ReplicaSet default/web with `replicas` nginx pods labelled app=web; extra goes into its spec. */
export function webReplicaSet(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
      ...extra,
    },
  };
}

/** A Pod in default with the given labels and no owner. */
export function barePod(name: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  };
}
