import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { scenarioWorldOptions } from './capi-test-scenarios.ts';

describe('node-failure scenario', () => {
  it('node-b fails at 60 s: Unknown, tainted, its Pods evicted after 300 s and rescheduled; then converged', () => {
    const world = createWorld(scenarioWorldOptions('node-failure.yaml'));
    const deleted: { name: string; node: string; atMs: number }[] = [];
    world.api.onCommit((e) => {
      if (e.resource === 'pods' && e.type === 'DELETED')
        deleted.push({
          name: e.obj.metadata.name!,
          node: String(e.obj.spec?.nodeName),
          atMs: world.sim.now(),
        });
    });
    const r = world.runToConvergence();
    expect(r.converged).toBe(true);
    const nodeB = world.api.get('nodes', undefined, 'node-b');
    const ready = (
      nodeB.status?.conditions as { type: string; status: string; lastTransitionTime: string }[]
    ).find((c) => c.type === 'Ready')!;
    expect(ready.status).toBe('Unknown');
    const unknownAt = Date.parse(ready.lastTransitionTime) - Date.parse('2026-01-01T00:00:00Z');
    expect(unknownAt).toBeGreaterThan(60_000 + 40_000);
    expect(nodeB.spec?.taints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
      ]),
    );
    expect(deleted.map((d) => d.node)).toEqual(['node-b', 'node-b']);
    for (const d of deleted) expect(d.atMs).toBe(unknownAt + 300_000);
    const placement = [...world.api.peek('pods')].map((p) => p.spec?.nodeName).sort();
    expect(placement).toEqual(['node-a', 'node-a', 'node-a', 'node-c', 'node-c', 'node-c']);
  });
});
