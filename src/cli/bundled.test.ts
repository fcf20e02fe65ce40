import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../engine/scenario/parse.ts';
import { createTestRegistry } from '../engine/scenario/test-registry.ts';
import { createWorld } from '../engine/world/world.ts';
import { BUNDLED_SCENARIOS } from '../lessons/scenarios/index.ts';
import { bundledScenarioDir, nodeScenarioFiles } from './node-io.ts';

describe('bundled scenarios', () => {
  const dir = bundledScenarioDir();

  it.each(BUNDLED_SCENARIOS.map((s) => [s.id, s.file] as const))(
    '%s resolves to an existing file %s',
    (id, file) => {
      const p = path.join(dir, file);
      expect(existsSync(p)).toBe(true);
      // The registry of a real world: every kind the bundled scenarios use (Cluster API too) is known.
      const s = loadScenario(p, {
        files: nodeScenarioFiles(dir),
        registry: createWorld({ seed: 1 }).api.registry,
      });
      expect(s.name).toBe(id);
      expect(readFileSync(p, 'utf8')).toContain(`name: ${id}`);
    },
  );

  it('replicaset: 3 replicas, a Pod deleted by selector at 30s, scaled to 5 at 60s, until converged', () => {
    const s = loadScenario(path.join(dir, 'replicaset.yaml'), {
      files: nodeScenarioFiles(dir),
      registry: createTestRegistry(),
    });
    expect(s.objects).toHaveLength(1);
    expect(s.objects[0]).toMatchObject({
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 3 },
    });
    expect(s.timeline).toEqual([
      {
        atMs: 30_000,
        action: { action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } },
      },
      { atMs: 60_000, action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 } },
    ]);
    expect(s.until).toBe('converged');
  });

  it('replicaset-10k: one ReplicaSet with 10000 replicas and no timeline', () => {
    const s = loadScenario(path.join(dir, 'replicaset-10k.yaml'), {
      files: nodeScenarioFiles(dir),
      registry: createTestRegistry(),
    });
    expect(s.objects.map((o) => [o.kind, o.spec?.replicas])).toEqual([['ReplicaSet', 10000]]);
    expect(s.timeline).toEqual([]);
  });
});
