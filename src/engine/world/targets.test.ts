import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createWorld } from './world.ts';
import { pickTarget, resolveTargets } from './targets.ts';

const cm = (name: string, finalizers: string[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: { lesson: 'x' }, finalizers },
  data: {},
});

/** A world with ConfigMaps a and b, where a is held in deletion by a finalizer. */
function worldWithDeleting() {
  const w = createWorld({ seed: 1, objects: [cm('a', ['lesson/hold']), cm('b')] });
  w.runUntil(1_000);
  w.act({ action: 'delete', target: { kind: 'ConfigMap', name: 'a' } });
  w.runUntil(2_000);
  return w;
}

describe('targets and deleting objects', () => {
  it('a selector skips deleting objects unless asked, a name always finds them', () => {
    const w = worldWithDeleting();
    expect(
      [...w.api.peek('configmaps')].find((o) => o.metadata.name === 'a')?.metadata.deletionTimestamp,
    ).toBeDefined();
    const names = (opts?: { includeDeleting?: boolean }) =>
      resolveTargets(w.api, { kind: 'ConfigMap', selector: { lesson: 'x' } }, opts).objects.map(
        (o) => o.metadata.name,
      );
    expect(names()).toEqual(['b']);
    expect(names({ includeDeleting: true })).toEqual(['a', 'b']);
    expect(pickTarget(w.api, w.sim.rng, { kind: 'ConfigMap', name: 'a' }).object.metadata.name).toBe('a');
  });

  it('says a selector found no live object when only deleting ones match', () => {
    const w = worldWithDeleting();
    w.act({ action: 'delete', target: { kind: 'ConfigMap', name: 'b' } });
    w.runUntil(3_000);
    expect(() => resolveTargets(w.api, { kind: 'ConfigMap', selector: { lesson: 'x' } })).toThrow(
      'target: no live (not deleting) ConfigMap matching {"lesson":"x"}',
    );
  });

  it('a timeline patch by selector reaches a deleting object (like kubectl patch -l), a delete does not', () => {
    const w = worldWithDeleting();
    // delete by selector with pick first: "a" is deleting, so the live "b" is the one deleted.
    w.act({ action: 'delete', target: { kind: 'ConfigMap', selector: { lesson: 'x' }, pick: 'first' } });
    w.runUntil(3_000);
    expect([...w.api.peek('configmaps')].map((o) => o.metadata.name)).toEqual(['a']);
    // Removing the finalizer through a selector lets the API server finish deleting "a".
    w.act({
      action: 'patch',
      target: { kind: 'ConfigMap', selector: { lesson: 'x' }, pick: 'first' },
      patch: { metadata: { finalizers: null } },
    });
    w.runUntil(4_000);
    expect([...w.api.peek('configmaps')]).toEqual([]);
  });
});
