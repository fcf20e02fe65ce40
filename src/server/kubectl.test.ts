/**
 * End to end with the real kubectl v1.32 binary against serve mode in-process (a world on an ephemeral port,
 * its clock advanced in real time). Each kubectl run is bounded by a timeout and gets a fresh --cache-dir, so
 * every command does its own discovery. kubectl must be installed: a missing binary fails, it does not skip.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterctlVariables, envsubst } from '../engine/api/resources/test-clusterctl.ts';
import { createWorld } from '../engine/world/world.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { serveWorld, type Served } from './serve.ts';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const RUN_TIMEOUT_MS = 30_000;
const FIXTURE = fileURLToPath(
  new URL('../../../shared/fixtures/capi/cluster-kcp-md.v1beta2.yaml', import.meta.url),
);

let served: Served;
let dir: string;
let kubeconfig: string;
/** What stopped the served simulation, if anything did (serve.ts onError). */
const engineErrors: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const cache = mkdtempSync(path.join(dir, 'cache-'));
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      ['--kubeconfig', kubeconfig, '--cache-dir', cache, ...args],
      { timeout: RUN_TIMEOUT_MS, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Polls until check passes; the deadline only bounds the wait, it asserts nothing about speed. */
async function eventually(
  check: () => Promise<boolean>,
  what: string,
  limitMs = 30_000,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const CAPI_VARS = clusterctlVariables();

beforeAll(async () => {
  if (!existsSync(KUBECTL)) {
    throw new Error(
      `kubectl not found at ${KUBECTL}: these tests drive the real kubectl v1.32 (set KUBECTL=/path/to/kubectl)`,
    );
  }
  dir = mkdtempSync(path.join(tmpdir(), 'reconcile-lab-kubectl-'));
  served = await serveWorld({
    world: createWorld({ seed: 1, keepTrace: false, clusterApi: true }),
    port: 0,
    speed: 5,
    // A stopped simulation looks like a stuck cluster from kubectl's side: keep what stopped it for the report.
    onError: (m) => engineErrors.push(m),
  });
  kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigYaml({ server: served.url }));
  writeFileSync(path.join(dir, 'rs.yaml'), RS);
});

afterAll(async () => {
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Vitest's 5 s default would cut a test short before its own bounds (RUN_TIMEOUT_MS per kubectl run, eventually's
// limit) on a loaded machine, where every kubectl run re-does discovery: those bounds decide, this only backs them.
describe('kubectl v1.32 against serve mode', { timeout: 60_000 }, () => {
  it('api-resources lists core, apps and Cluster API kinds with short names', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /machinedeployments\s+md\s+cluster\.x-k8s\.io\/v1beta2\s+true\s+MachineDeployment/,
    );
    expect(r.stdout).toMatch(/replicasets\s+rs\s+apps\/v1\s+true\s+ReplicaSet/);
  });

  it('apply -f creates, then reports unchanged, then configured', async () => {
    const file = path.join(dir, 'rs.yaml');
    expect((await kubectl(['apply', '-f', file])).stdout.trim()).toBe('replicaset.apps/web created');
    expect((await kubectl(['apply', '-f', file])).stdout.trim()).toBe('replicaset.apps/web unchanged');
    writeFileSync(file, RS.replace('nginx:1.27', 'nginx:1.28'));
    const r = await kubectl(['apply', '-f', file]);
    expect(r.stdout.trim()).toBe('replicaset.apps/web configured');
    const image = await kubectl([
      'get',
      'rs',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image.stdout).toBe('nginx:1.28');
    // The strategic merge patch kubectl sent carried $setElementOrder/containers: a directive, never stored.
    const stored = await kubectl(['get', 'rs', 'web', '-o', 'json']);
    expect(stored.stdout).not.toContain('$setElementOrder');
  });

  it('the applied ReplicaSet brings its Pods to Running, seen through get pods', async () => {
    await eventually(async () => {
      const r = await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].status.phase}']);
      const phases = r.stdout.split(' ').filter(Boolean);
      return phases.length === 3 && phases.every((p) => p === 'Running');
    }, 'three Running pods');
    const table = await kubectl(['get', 'pods']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(table.stdout).toMatch(/web-\w{5}\s+1\/1\s+Running\s+0\s+\d+s/);
  });

  it('get -A prints the NAMESPACE column', async () => {
    const r = await kubectl(['get', 'pods', '-A']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(r.stdout).toMatch(/default\s+web-\w{5}/);
    const all = await kubectl(['get', 'all', '-A']);
    expect(all.stdout).toMatch(/default\s+pod\/web-\w{5}\s+1\/1\s+Running/);
  });

  it('get -w prints a line for a change made while watching', async () => {
    const cache = mkdtempSync(path.join(dir, 'cache-'));
    const child = spawn(KUBECTL, [
      '--kubeconfig',
      kubeconfig,
      '--cache-dir',
      cache,
      'get',
      'rs',
      'web',
      '-w',
    ]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill(), RUN_TIMEOUT_MS);
    try {
      await eventually(async () => /^NAME\s+DESIRED/m.test(out), 'the watch header');
      expect((await kubectl(['scale', 'rs', 'web', '--replicas=4'])).code).toBe(0);
      await eventually(async () => /^web\s+4\s+/m.test(out), 'a watch line with DESIRED 4');
    } finally {
      clearTimeout(killer);
      child.kill();
    }
  });

  it('scale changes spec.replicas through the scale subresource', async () => {
    const r = await kubectl(['scale', 'rs', 'web', '--replicas=2']);
    expect(r.stdout.trim()).toBe('replicaset.apps/web scaled');
    expect((await kubectl(['get', 'rs', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('2');
    const cur = await kubectl(['scale', 'rs', 'web', '--replicas=3', '--current-replicas=2']);
    expect(cur.code).toBe(0);
  });

  it('describe prints the object', async () => {
    const r = await kubectl(['describe', 'rs', 'web']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+web$/m);
    expect(r.stdout).toMatch(/^Replicas:\s+\d+ current \/ 3 desired$/m);
  });

  it('edit saves what EDITOR wrote', async () => {
    const editor = path.join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/image: nginx:1.28/image: nginx:1.29/" "$1"\n');
    chmodSync(editor, 0o755);
    const r = await kubectl(['edit', 'rs', 'web'], { EDITOR: editor, KUBE_EDITOR: editor });
    expect(r.stdout.trim()).toBe('replicaset.apps/web edited');
    const image = await kubectl([
      'get',
      'rs',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image.stdout).toBe('nginx:1.29');
  });

  it('get -o json and -o yaml print the stored object', async () => {
    const json = await kubectl(['get', 'rs', 'web', '-o', 'json']);
    const obj = JSON.parse(json.stdout) as {
      kind: string;
      metadata: { name: string; resourceVersion: string };
    };
    expect(obj.kind).toBe('ReplicaSet');
    expect(obj.metadata.resourceVersion).toMatch(/^\d+$/);
    const yaml = await kubectl(['get', 'rs', 'web', '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^apiVersion: apps\/v1$/m);
    expect(yaml.stdout).toContain(`resourceVersion: "${obj.metadata.resourceVersion}"`);
  });

  it('errors: unknown type, NotFound and AlreadyExists, with exit code 1 and kubectl wording', async () => {
    const unknown = await kubectl(['get', 'gizmos']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`error: the server doesn't have a resource type "gizmos"`);
    const missing = await kubectl(['get', 'pod', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
    const exists = await kubectl(['create', '-f', path.join(dir, 'rs.yaml')]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('Error from server (AlreadyExists): error when creating');
    expect(exists.stderr).toContain('replicasets.apps "web" already exists');
  });

  it('delete removes a pod and the ReplicaSet replaces it', async () => {
    const names = (
      await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'])
    ).stdout
      .split(' ')
      .filter(Boolean);
    const victim = names[0]!;
    const r = await kubectl(['delete', 'pod', victim]);
    expect(r.stdout.trim()).toBe(`pod "${victim}" deleted`);
    await eventually(async () => {
      const now = (
        await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'])
      ).stdout
        .split(' ')
        .filter(Boolean);
      return now.length === 3 && !now.includes(victim);
    }, 'a replacement pod');
  });

  it('applies the Cluster API fixtures after envsubst, scales the MachineDeployment and deletes it', async () => {
    const file = path.join(dir, 'capi.yaml');
    writeFileSync(file, envsubst(readFileSync(FIXTURE, 'utf8'), CAPI_VARS));
    const r = await kubectl(['apply', '-f', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('cluster.cluster.x-k8s.io/demo created');
    expect(r.stdout).toContain('machinedeployment.cluster.x-k8s.io/demo-md-0 created');
    expect(r.stdout).toContain('devmachinetemplate.infrastructure.cluster.x-k8s.io/demo-md-0 created');
    expect((await kubectl(['scale', 'machinedeployment', 'demo-md-0', '--replicas=3'])).code).toBe(0);
    const md = await kubectl(['get', 'md', 'demo-md-0', '-o', 'jsonpath={.spec.replicas}']);
    expect(md.stdout).toBe('3');
    const listed = await kubectl(['get', 'cluster-api', '-A']);
    expect(listed.stdout).toMatch(/default\s+cluster\.cluster\.x-k8s\.io\/demo/);
    const del = await kubectl(['delete', 'md', 'demo-md-0']);
    expect(del.stdout.trim()).toBe('machinedeployment.cluster.x-k8s.io "demo-md-0" deleted');
  }, 60_000);

  it('get machines -w shows the phases advancing while an applied fixture comes up to a Running cluster', async () => {
    const file = path.join(dir, 'watched.yaml');
    writeFileSync(file, envsubst(readFileSync(FIXTURE, 'utf8'), { ...CAPI_VARS, CLUSTER_NAME: 'watched' }));
    const cache = mkdtempSync(path.join(dir, 'cache-'));
    const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', cache, 'get', 'machines', '-w']);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const killer = setTimeout(() => child.kill(), 200_000);
    let last = '';
    const phases = async (jsonpath: string) =>
      (
        await kubectl([
          'get',
          'machines',
          '-l',
          'cluster.x-k8s.io/cluster-name=watched',
          '-o',
          `jsonpath=${jsonpath}`,
        ])
      ).stdout
        .split(' ')
        .filter(Boolean);
    try {
      // With no Machine yet, kubectl says so on stderr and prints the header with the first event.
      await eventually(
        async () => /^NAME\s+CLUSTER/m.test(out) || /No resources found/.test(err),
        'the watch',
      );
      // Simulated time keeps running between apply's requests, so under load the controllers meet the objects one
      // at a time, in varying order and gaps: the cluster must come up whatever they are (a KubeadmControlPlane
      // that arrives after its Cluster went quiet is found by the Cluster's requeue; capi-arrival-order.test.ts).
      expect((await kubectl(['apply', '-f', file])).code).toBe(0);
      // Cluster phases end at Provisioned (cluster_controller_phases.go); Running is a Machine phase.
      await eventually(
        async () => {
          const cluster = await kubectl(['get', 'cluster', 'watched', '-o', 'jsonpath={.status.phase}']);
          const machines = await phases('{.items[*].status.phase}');
          last = `cluster ${cluster.stdout || cluster.stderr}, machines [${machines.join(', ')}]`;
          return (
            cluster.stdout === 'Provisioned' &&
            machines.length === 3 &&
            machines.every((p) => p === 'Running')
          );
        },
        'a Provisioned Cluster with 3 Running Machines',
        // Wall time only bounds the wait: on a loaded 2-core machine every kubectl run re-does discovery.
        150_000,
        // Each poll is two kubectl runs served by the same event loop that advances the simulation: poll
        // gently so a loaded machine spends its time simulating, not answering discovery.
        1_000,
      ).catch((e: Error) => {
        throw new Error(
          `${e.message}; last seen: ${last}; engine errors: ${engineErrors.join(' | ') || 'none'}`,
        );
      });
      await eventually(
        async () => (out.match(/^watched-\S+.*\bRunning\b/gm) ?? []).length >= 3,
        'Running rows',
      );
    } finally {
      clearTimeout(killer);
      child.kill();
    }
    const order = ['Pending', 'Provisioning', 'Provisioned', 'Running'];
    const seen = new Map<string, string[]>();
    for (const line of out.split('\n')) {
      const name = line.split(/\s+/)[0] ?? '';
      const phase = order.find((p) => new RegExp(`\\s${p}\\s`).test(` ${line} `));
      if (!name.startsWith('watched-') || !phase) continue;
      const list = seen.get(name) ?? [];
      if (list.at(-1) !== phase) list.push(phase);
      seen.set(name, list);
    }
    expect(seen.size).toBe(3);
    for (const [name, list] of seen) {
      // Phases only move forward, one row per change.
      const idx = list.map((p) => order.indexOf(p));
      expect(idx, name).toEqual([...idx].sort((a, b) => a - b));
      expect(list.at(-1), name).toBe('Running');
    }
    // At least one Machine was watched through every phase before Running.
    expect([...seen.values()].some((l) => l.length >= 3)).toBe(true);
  }, 240_000);
});
