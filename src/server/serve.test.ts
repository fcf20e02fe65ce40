import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../engine/world/world.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { parseServeArgs, ServeUsageError } from './serve-args.ts';
import { serveWorld, type Served } from './serve.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let served: Served | undefined;
let dir: string | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('serve mode', () => {
  it('streams the engine trace as JSON lines at /reconcile-lab/trace', async () => {
    served = await serveWorld({ world: createWorld({ seed: 1, keepTrace: false }), port: 0 });
    const ctrl = new AbortController();
    const r = await fetch(`${served.url}/reconcile-lab/trace?types=api.request`, { signal: ctrl.signal });
    expect(r.headers.get('content-type')).toMatch(/^application\/jsonl/);
    await fetch(`${served.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'traced' } }),
    });
    const reader = r.body!.getReader();
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    const first = JSON.parse(text.split('\n')[0]!) as {
      type: string;
      verb: string;
      name: string;
      actor: string;
    };
    expect(first).toMatchObject({ type: 'api.request', verb: 'create', name: 'traced', actor: 'node' });
    ctrl.abort();
  });

  it('serves the built UI for non-API paths and Status 404s for unknown API paths', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'reconcile-lab-ui-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>lab</title>');
    served = await serveWorld({ world: createWorld({ seed: 1, keepTrace: false }), port: 0, staticDir: dir });
    const page = await fetch(`${served.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>lab</title>');
    const escape = await fetch(`${served.url}/..%2f..%2fetc/passwd`);
    expect(escape.status).toBe(404);
    const api = await fetch(`${served.url}/apis/nope/v1`);
    expect(((await api.json()) as { kind: string }).kind).toBe('Status');
  });

  it('writes a kubeconfig with no credentials and insecure-skip-tls-verify for client-node (fact 124)', () => {
    const doc = parseYaml(kubeconfigYaml({ server: 'http://127.0.0.1:6443' })) as {
      clusters: { cluster: Record<string, unknown> }[];
      users: { user: Record<string, unknown> }[];
      'current-context': string;
    };
    expect(doc.clusters[0]!.cluster).toEqual({
      server: 'http://127.0.0.1:6443',
      'insecure-skip-tls-verify': true,
    });
    expect(doc.users[0]!.user).toEqual({});
    expect(doc['current-context']).toBe('reconcile-lab');
    expect(() => kubeconfigYaml({ server: 'not a url' })).toThrow(/http/);
  });
});

describe('serve arguments', () => {
  it('parses the scenario, port, kubeconfig and speed', () => {
    expect(
      parseServeArgs(['replicaset', '--port', '0', '--kubeconfig=k.yaml', '--speed', 'max']),
    ).toMatchObject({
      scenario: 'replicaset',
      port: 0,
      kubeconfig: 'k.yaml',
      speed: 'max',
    });
    const defaults = parseServeArgs([]);
    expect(defaults.scenario).toBeUndefined();
    expect(defaults).toMatchObject({ port: 6443, speed: 1, kubeconfig: 'reconcile-lab.kubeconfig' });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer/],
    [['--speed', '-1'], /--speed/],
    [['--frobnicate'], /unknown option --frobnicate/],
    [['a.yaml', 'b.yaml'], /only one scenario/],
    [['--kubeconfig'], /needs a value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(ServeUsageError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});

describe('npm run serve, as a process', () => {
  it('exits 2 with the usage line for a bad option', () => {
    const r = spawnSync('npx', ['--no-install', 'tsx', 'src/cli/serve.ts', '--port', 'x'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^serve: --port must be an integer from 0 to 65535, got "x"\nusage: npm run serve -- /,
    );
  }, 60_000);

  it('serves a bundled scenario, writes the kubeconfig, and stops on SIGINT', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'reconcile-lab-serve-'));
    const kc = path.join(dir, 'kc.yaml');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/serve.ts', 'replicaset', '--port', '0', '--kubeconfig', kc],
      { cwd: repoRoot },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    try {
      while (!out.includes('Ctrl-C stops.')) {
        if (child.exitCode !== null) throw new Error(`serve exited early: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(existsSync(kc)).toBe(true);
      const server = (parseYaml(readFileSync(kc, 'utf8')) as { clusters: { cluster: { server: string } }[] })
        .clusters[0]!.cluster.server;
      const rs = await fetch(`${server}/apis/apps/v1/namespaces/default/replicasets/web`);
      expect(((await rs.json()) as { metadata: { name: string } }).metadata.name).toBe('web');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
