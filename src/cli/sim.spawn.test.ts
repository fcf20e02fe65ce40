import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sim(...args: string[]) {
  const r = spawnSync('npx', ['--no-install', 'tsx', 'src/cli/sim.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, RECONCILE_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run sim, as a process', () => {
  it('exits 2 with one message and the usage line for an unknown option, and no stack trace', () => {
    const r = sim('replicaset', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: unknown option "--frobnicate"\nusage: npm run sim -- /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('exits 1 naming a missing scenario file', () => {
    const r = sim('no/such/scenario.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('sim: no/such/scenario.yaml: no such file\n');
  }, 60_000);
});
