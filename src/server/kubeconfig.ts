/**
 * The kubeconfig serve mode hands out: one cluster over plain http on 127.0.0.1 with no credentials (kubectl
 * sends none over http anyway, fact 122), and insecure-skip-tls-verify so that @kubernetes/client-node 2.x
 * accepts an http server at all (fact 124, pitfall 4.3.2).
 */
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** http://127.0.0.1:<port> */
  server: string;
  /** Cluster, user and context name. Default "reconcile-lab". */
  name?: string;
  namespace?: string;
}

export function kubeconfigYaml(opts: KubeconfigOptions): string {
  if (!/^https?:\/\/[^\s]+$/.test(opts.server))
    throw new Error(`server must be an http(s) URL, got ${JSON.stringify(opts.server)}`);
  const name = opts.name ?? 'reconcile-lab';
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: {} }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: opts.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  };
  return `# Written by npm run serve (Reconcile Lab): a simulated cluster, no authentication.\n${stringify(doc)}`;
}
