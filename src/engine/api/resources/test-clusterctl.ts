/**
 * For tests only: the shared clusterctl fixture's variables and the substitution `clusterctl generate cluster`
 * does (envsubst: ${VAR}, ${VAR:-default}, ${VAR:=default}), so that every test reads the template one way.
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../types.ts';

/** The variables the fixture cluster-kcp-md.v1beta2.yaml needs, with the values the tests use unless told. */
export function clusterctlVariables(
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    CLUSTER_NAME: 'demo',
    CONTROL_PLANE_MACHINE_COUNT: '1',
    WORKER_MACHINE_COUNT: '2',
    KUBERNETES_VERSION: 'v1.32.1',
    DOCKER_SERVICE_CIDRS: '10.128.0.0/12',
    DOCKER_POD_CIDRS: '192.168.0.0/16',
    DOCKER_SERVICE_DOMAIN: 'cluster.local',
    ...overrides,
  };
}

/** The kinds of cluster-kcp-md.v1beta2.yaml's documents, in the file's order: what the tests are written for. */
export const FIXTURE_KINDS: readonly string[] = [
  'DevCluster',
  'Cluster',
  'DevMachineTemplate',
  'KubeadmControlPlane',
  'DevMachineTemplate',
  'KubeadmConfigTemplate',
  'MachineDeployment',
];

/** envsubst as clusterctl does it; a variable with no value and no default is an error naming it. */
export function envsubst(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[-=]([^}]*))?\}/g,
    (whole, name: string, def?: string) => {
      const v = vars[name] ?? def;
      if (v === undefined) throw new Error(`fixture variable ${name} has no value (${whole})`);
      return v;
    },
  );
}

/** The template's objects after substitution, in the file's order. */
export function templateObjects(text: string, vars: Readonly<Record<string, string>>): KubeObject[] {
  return parseAllDocuments(envsubst(text, vars))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}
