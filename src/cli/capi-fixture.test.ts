import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../engine/scenario/issues.ts';
import { loadScenario, parseScenario } from '../engine/scenario/parse.ts';
import { createTestRegistry } from '../engine/scenario/test-registry.ts';
import { nodeScenarioFiles } from './node-io.ts';
import { clusterctlVariables } from '../engine/api/resources/test-clusterctl.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.resolve(repoRoot, '../shared/fixtures/capi/cluster-kcp-md.v1beta2.yaml');

const VARIABLES = clusterctlVariables({ WORKER_MACHINE_COUNT: '3', KUBERNETES_VERSION: 'v1.34.0' });

describe('the shared CAPI fixture (clusterctl template) loads after substitution', () => {
  it('is present beside the repository', () => {
    // No skipping: without the shared fixtures this suite must fail, not pass vacuously.
    expect(existsSync(FIXTURE), `missing ${FIXTURE}`).toBe(true);
  });

  it('loads as a manifests file with --set variables', () => {
    const files = nodeScenarioFiles(repoRoot);
    const s = loadScenario(FIXTURE, { files, registry: createTestRegistry(), set: VARIABLES });
    expect(s.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'DevCluster/demo',
      'Cluster/demo',
      'DevMachineTemplate/demo-control-plane',
      'KubeadmControlPlane/demo-control-plane',
      'DevMachineTemplate/demo-md-0',
      'KubeadmConfigTemplate/demo-md-0',
      'MachineDeployment/demo-md-0',
    ]);
    expect(s.objects.every((o) => o.metadata.namespace === 'default')).toBe(true);
    const md = s.objects[6]!;
    // ${WORKER_MACHINE_COUNT} is unquoted in the template, so it is a number after substitution, as in clusterctl.
    expect(md.spec?.replicas).toBe(3);
    expect((md.spec?.template as { spec: { version: string } }).spec.version).toBe('v1.34.0');
    const kcp = s.objects[3]!;
    expect(kcp.spec?.replicas).toBe(1);
    expect(kcp.metadata.labels).toEqual({ 'kcp-adoption.step2': '' });
    // ${DOCKER_PRELOAD_IMAGES:-[]} takes its default, a YAML empty list.
    const dmt = s.objects[2]!;
    expect(
      (dmt.spec as { template: { spec: { backend: { docker: { preLoadImages: unknown } } } } }).template.spec
        .backend.docker.preLoadImages,
    ).toEqual([]);
    expect(s.objects[1]!.metadata.labels).toEqual({ cni: 'demo-crs-0' });
    expect(s.origins[6]).toEqual({
      file: path.relative(repoRoot, FIXTURE),
      document: 7,
      where: 'document 7 (MachineDeployment "demo-md-0")',
    });
  });

  it('loads from a scenario through a path relative to the scenario file, with the scenario variables', () => {
    const files = nodeScenarioFiles(repoRoot);
    const scenarioPath = path.join(repoRoot, 'src/lessons/scenarios/capi-fixture-test.yaml');
    const text = [
      'name: capi',
      `variables: ${JSON.stringify({ ...VARIABLES, WORKER_MACHINE_COUNT: 2 })}`,
      'manifests: [ ../../../../shared/fixtures/capi/cluster-kcp-md.v1beta2.yaml ]',
      'timeline:',
      '  - at: 5m',
      '    scale: { kind: MachineDeployment, name: "${CLUSTER_NAME}-md-0", replicas: 5 }',
    ].join('\n');
    const s = parseScenario(text, scenarioPath, {
      files,
      registry: createTestRegistry(),
      set: { CLUSTER_NAME: 'lab' },
    });
    expect(s.objects).toHaveLength(7);
    expect(s.objects[6]!.metadata.name).toBe('lab-md-0');
    expect(s.objects[6]!.spec?.replicas).toBe(2);
    expect(s.timeline[0]!.action).toEqual({
      action: 'scale',
      target: { kind: 'MachineDeployment', name: 'lab-md-0' },
      replicas: 5,
    });
  });

  it('names every missing variable, as clusterctl does, when none are set', () => {
    const files = nodeScenarioFiles(repoRoot);
    try {
      loadScenario(FIXTURE, { files, registry: createTestRegistry() });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as Error).message).toBe(
        `${path.relative(repoRoot, FIXTURE)}: value for variables [CLUSTER_NAME, CONTROL_PLANE_MACHINE_COUNT, ` +
          'DOCKER_POD_CIDRS, DOCKER_SERVICE_CIDRS, DOCKER_SERVICE_DOMAIN, KUBERNETES_VERSION, WORKER_MACHINE_COUNT] ' +
          "is not set. Set them in the scenario's variables or with --set KEY=VALUE",
      );
    }
  });
});
