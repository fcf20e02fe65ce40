import { describe, expect, it } from 'vitest';
import { configMap, newServer, replicaSet } from './testing.ts';
import type { MockApiServer } from './server.ts';
import type { KubeObject, OwnerReference } from './types.ts';
import type { Sim } from '../sim/sim.ts';

const ownerRef = (o: KubeObject, block = true): OwnerReference => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name!,
  uid: o.metadata.uid!,
  controller: true,
  blockOwnerDeletion: block,
});

const pod = (name: string, owners: OwnerReference[], finalizers?: string[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ownerReferences: owners, ...(finalizers ? { finalizers } : {}) },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

const names = (api: MockApiServer, resource: string) =>
  [...api.peek(resource)].map((o) => o.metadata.name).sort();

/** "t verb resource/name" for every call the garbage collector made. */
const gcCalls = (sim: Sim) =>
  sim.trace
    .all()
    .filter((e) => e.type === 'api.request' && e.actor === 'garbage-collector')
    .map((e) => {
      const r = e as { t: number; verb: string; resource: string; name: string };
      return `${r.t} ${r.verb} ${r.resource}/${r.name}`;
    });

describe('garbage collector (facts 83-85, garbagecollector.go)', () => {
  it('Background: dependents are deleted after the owner is gone, one GC step later, as actor garbage-collector', () => {
    const { sim, api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    api.create('pods', pod('web-1', [ownerRef(rs)]));
    api.create('pods', pod('web-2', [ownerRef(rs)]));
    sim.scheduler.runUntil(1000);
    expect(
      api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Background' }).deleted,
    ).toBe(true);
    expect(names(api, 'pods')).toEqual(['web-1', 'web-2']);
    sim.scheduler.runUntil(2000);
    expect(names(api, 'pods')).toEqual([]);
    expect(gcCalls(sim)).toEqual(['1050 delete pods/web-1', '1050 delete pods/web-2']);
  });

  it('Background cascades level by level (Deployment → ReplicaSet → Pod)', () => {
    const { sim, api } = newServer({ gcDelayMs: 100 });
    const d = api.create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: replicaSet('x', { app: 'd' }).spec,
    });
    const rs = api.create('replicasets.apps', {
      ...replicaSet('d-1', { app: 'd' }),
      metadata: { name: 'd-1', namespace: 'default', ownerReferences: [ownerRef(d)] },
    });
    api.create('pods', pod('d-1-a', [ownerRef(rs)]));
    api.delete('deployments.apps', 'default', 'd');
    sim.scheduler.runUntil(10_000);
    expect(gcCalls(sim)).toEqual(['100 delete replicasets.apps/d-1', '200 delete pods/d-1-a']);
  });

  it('Foreground: the owner keeps foregroundDeletion until blocking dependents are gone, then disappears (fact 84)', () => {
    const { sim, api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    api.create('pods', pod('held', [ownerRef(rs, true)], ['example.com/hold']));
    api.create('pods', pod('free', [ownerRef(rs, true)]));
    const res = api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(res.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    sim.scheduler.runUntil(1000);
    expect(names(api, 'pods')).toEqual(['held']);
    expect(names(api, 'replicasets.apps')).toEqual(['web']);
    api.patch('pods', 'default', 'held', 'merge', { metadata: { finalizers: null } });
    sim.scheduler.runUntil(2000);
    expect(names(api, 'pods')).toEqual([]);
    expect(names(api, 'replicasets.apps')).toEqual([]);
    expect(gcCalls(sim).at(-1)).toBe('1050 patch replicasets.apps/web');
  });

  it('Foreground does not wait for dependents without blockOwnerDeletion', () => {
    const { sim, api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    api.create('pods', pod('held', [ownerRef(rs, false)], ['example.com/hold']));
    api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    sim.scheduler.runUntil(1000);
    expect(names(api, 'replicasets.apps')).toEqual([]);
    expect([...api.peek('pods')][0]!.metadata.deletionTimestamp).toBeDefined();
  });

  it('Orphan: dependents stay, their ownerReferences stripped; then the owner goes (fact 85)', () => {
    const { sim, api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    const other = api.create('configmaps', configMap('other-owner'));
    api.create('pods', pod('web-1', [ownerRef(rs), { ...ownerRef(other), controller: false }]));
    api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
    sim.scheduler.runUntil(1000);
    expect(names(api, 'replicasets.apps')).toEqual([]);
    const p = api.get('pods', 'default', 'web-1');
    expect(p.metadata.ownerReferences?.map((r) => r.name)).toEqual(['other-owner']);
  });

  it('a UID mismatch counts as "owner gone": the dependent of a recreated owner is collected (isDangling)', () => {
    const { sim, api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    api.create('pods', pod('web-1', [ownerRef(rs)]));
    api.delete('replicasets.apps', 'default', 'web');
    api.create('replicasets.apps', replicaSet('web', { app: 'web' })); // same name, new UID, before the GC runs
    sim.scheduler.runUntil(1000);
    expect(names(api, 'pods')).toEqual([]);
    expect(names(api, 'replicasets.apps')).toEqual(['web']);
  });

  it('with a solid owner left, only the dangling reference is removed (classifyReferences)', () => {
    const { sim, api } = newServer();
    const a = api.create('configmaps', configMap('a'));
    const b = api.create('configmaps', configMap('b'));
    api.create('pods', pod('p', [ownerRef(a), { ...ownerRef(b), controller: false }]));
    api.delete('configmaps', 'default', 'a');
    sim.scheduler.runUntil(1000);
    expect(api.get('pods', 'default', 'p').metadata.ownerReferences?.map((r) => r.name)).toEqual(['b']);
  });

  it('a dependent created for an owner that does not exist is collected', () => {
    const { sim, api } = newServer();
    api.create(
      'pods',
      pod('orphaned', [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: 'no-such-uid' }]),
    );
    sim.scheduler.runUntil(1000);
    expect(names(api, 'pods')).toEqual([]);
  });

  it('can be turned off', () => {
    const { sim, api } = newServer({ garbageCollector: false });
    const rs = api.create('replicasets.apps', replicaSet('web', { app: 'web' }));
    api.create('pods', pod('web-1', [ownerRef(rs)]));
    api.delete('replicasets.apps', 'default', 'web');
    sim.scheduler.runUntil(1000);
    expect(names(api, 'pods')).toEqual(['web-1']);
    expect(api.gcPending()).toBe(0);
  });
});
