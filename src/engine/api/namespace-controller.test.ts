import { describe, expect, it } from 'vitest';
import { configMap, newServer, record } from './testing.ts';
import { isApiError } from './types.ts';

describe('namespace deletion (namespace lifecycle admission + namespace controller)', () => {
  it('a deleted Namespace is Terminating, refuses new content, empties, then goes', () => {
    const { sim, api } = newServer();
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    api.create('configmaps', configMap('a', {}, 'team'));
    api.create('configmaps', {
      ...configMap('held', {}, 'team'),
      metadata: { name: 'held', namespace: 'team', finalizers: ['x.io/f'] },
    });
    const ns = api.delete('namespaces', undefined, 'team');
    expect(ns.deleted).toBe(false);
    expect(ns.object.status).toEqual({ phase: 'Terminating' });
    expect(ns.object.spec).toEqual({ finalizers: ['kubernetes'] });
    let err: unknown;
    try {
      api.create('configmaps', configMap('late', {}, 'team'));
    } catch (e) {
      err = e;
    }
    expect(isApiError(err) && err.status.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    sim.scheduler.runUntil(1000);
    expect(
      [...api.peek('configmaps')].filter((c) => c.metadata.namespace === 'team').map((c) => c.metadata.name),
    ).toEqual(['held']);
    expect(api.get('namespaces', undefined, 'team').metadata.deletionTimestamp).toBeDefined();
    const rec = record(api, 'namespaces', { resourceVersion: api.currentResourceVersion() });
    api.patch('configmaps', 'team', 'held', 'merge', { metadata: { finalizers: null } });
    sim.scheduler.runUntil(2000);
    expect(rec.lines().map((l) => l.split('@')[0])).toEqual(['DELETED team']);
    const actors = sim.trace
      .all()
      .filter((e) => e.type === 'api.request' && e.actor === 'namespace-controller');
    expect(actors.map((e) => `${(e as { verb: string }).verb} ${(e as { name: string }).name}`)).toEqual([
      'delete a',
      'delete held',
      'update team',
    ]);
  });

  it('default and kube-system may not be deleted', () => {
    const { api } = newServer();
    expect(() => api.delete('namespaces', undefined, 'default')).toThrow(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it('spec.finalizers cannot be changed through a normal update (namespace strategy PrepareForUpdate)', () => {
    const { api } = newServer();
    const ns = api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const u = api.update('namespaces', { ...ns, spec: { finalizers: [] } });
    expect(u.spec).toEqual({ finalizers: ['kubernetes'] });
  });
});
