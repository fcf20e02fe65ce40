import { describe, expect, it } from 'vitest';
import { finalizersForDelete, markAsDeleting } from './deletion.ts';
import { configMap, newServer, record, widget } from './testing.ts';
import { isApiError, type KubeObject, type Status } from './types.ts';

function statusOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('store.go deletionFinalizersForGarbageCollection (fact 82)', () => {
  it('Orphan adds orphan, Foreground adds foregroundDeletion, Background adds nothing', () => {
    expect(finalizersForDelete(['x.io/f'], 'Orphan')).toEqual(['x.io/f', 'orphan']);
    expect(finalizersForDelete([], 'Foreground')).toEqual(['foregroundDeletion']);
    expect(finalizersForDelete(['x.io/f'], 'Background')).toEqual(['x.io/f']);
  });
  it('an explicit policy beats the existing GC finalizer; without one the finalizer stays', () => {
    expect(finalizersForDelete(['foregroundDeletion'], 'Orphan')).toEqual(['orphan']);
    expect(finalizersForDelete(['foregroundDeletion'], undefined)).toEqual(['foregroundDeletion']);
    expect(finalizersForDelete(['orphan'], 'Background')).toEqual([]);
  });
  it('markAsDeleting sets the timestamp once, grace 0, and bumps a positive generation once (fact 77)', () => {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x', generation: 3 } };
    const once = markAsDeleting(obj, ['f'], 'T1');
    const twice = markAsDeleting(once, ['f'], 'T2');
    expect(once.metadata).toMatchObject({
      generation: 4,
      deletionTimestamp: 'T1',
      deletionGracePeriodSeconds: 0,
    });
    expect(twice.metadata).toMatchObject({ generation: 4, deletionTimestamp: 'T1' });
    expect(obj.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('finalizer and deletionTimestamp lifecycle (facts 77-81)', () => {
  it('DELETE with finalizers: 200 with the object, deletionTimestamp set, watchers see MODIFIED (fact 77)', () => {
    const { sim, api } = newServer({ garbageCollector: false });
    const w = api.create('widgets.example.com', {
      ...widget('md-1'),
      metadata: { name: 'md-1', namespace: 'default', finalizers: ['example.com/hold'] },
    });
    const rec = record(api, 'widgets.example.com', { resourceVersion: w.metadata.resourceVersion });
    sim.scheduler.runUntil(3000);
    const res = api.delete('widgets.example.com', 'default', 'md-1', { propagationPolicy: 'Background' });
    expect(res.deleted).toBe(false);
    expect(res.response).toEqual(res.object);
    expect(res.object.metadata).toMatchObject({
      deletionTimestamp: '2026-01-01T00:00:03Z',
      deletionGracePeriodSeconds: 0,
      generation: 2,
      finalizers: ['example.com/hold'],
    });
    sim.scheduler.runUntil(3100);
    expect(rec.lines()).toEqual([`MODIFIED md-1@${res.object.metadata.resourceVersion}`]);
  });

  it('no new finalizers once deleting (fact 79); removing the last one deletes it: DELETED (fact 78)', () => {
    const { sim, api } = newServer({ garbageCollector: false });
    api.create('widgets.example.com', {
      ...widget('w'),
      metadata: { name: 'w', namespace: 'default', finalizers: ['a.io/x'] },
    });
    const deleting = api.delete('widgets.example.com', 'default', 'w').object;
    const rec = record(api, 'widgets.example.com', { resourceVersion: deleting.metadata.resourceVersion });
    const s = statusOf(() =>
      api.update('widgets.example.com', {
        ...deleting,
        metadata: { ...deleting.metadata, finalizers: ['a.io/x', 'b.io/y'] },
      }),
    );
    expect(s.message).toBe(
      'Widget.example.com "w" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    );
    // rest/update.go BeforeUpdate: an update can never remove or change the deletion timestamp.
    const kept = api.update('widgets.example.com', {
      ...deleting,
      metadata: {
        ...deleting.metadata,
        deletionTimestamp: '2030-01-01T00:00:00Z',
        deletionGracePeriodSeconds: undefined,
      },
    });
    expect(kept.metadata.deletionTimestamp).toBe(deleting.metadata.deletionTimestamp);
    expect(kept.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(kept.metadata.resourceVersion).toBe(deleting.metadata.resourceVersion);
    api.patch('widgets.example.com', 'default', 'w', 'merge', { metadata: { finalizers: null } });
    sim.scheduler.runUntil(10);
    expect(statusOf(() => api.get('widgets.example.com', 'default', 'w')).code).toBe(404);
    const deletedRv = String(Number(deleting.metadata.resourceVersion) + 1);
    expect(rec.lines()).toEqual([`DELETED w@${deletedRv}`]);
    // the DELETED event carries the last stored state (still with the finalizer) and the deletion's RV (fact 96)
    expect(rec.events[0]!.object.metadata).toMatchObject({
      finalizers: ['a.io/x'],
      resourceVersion: deletedRv,
    });
  });

  it('a second DELETE leaves an object being deleted unchanged (fact 80)', () => {
    const { api } = newServer({ garbageCollector: false });
    api.create('widgets.example.com', {
      ...widget('w'),
      metadata: { name: 'w', namespace: 'default', finalizers: ['a.io/x'] },
    });
    const first = api.delete('widgets.example.com', 'default', 'w').object;
    const second = api.delete('widgets.example.com', 'default', 'w').object;
    expect(second).toEqual(first);
    expect(api.currentResourceVersion()).toBe(first.metadata.resourceVersion);
  });

  it('immediate delete: custom resources answer Status{Success, details.uid}, pods the object (fact 81)', () => {
    const { api } = newServer({ garbageCollector: false });
    const w = api.create('widgets.example.com', widget('w'));
    expect(api.delete('widgets.example.com', 'default', 'w').response).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'w', group: 'example.com', kind: 'widgets', uid: w.metadata.uid },
      code: 200,
    });
    const pod = api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    const res = api.delete('pods', 'default', 'p');
    expect(res.deleted).toBe(true);
    expect(res.response).toEqual(pod);
  });

  it('Foreground and Orphan add their finalizer; Background of a finalizer-free object deletes at once (fact 82)', () => {
    const { api } = newServer({ garbageCollector: false });
    for (const n of ['f', 'o', 'b']) api.create('configmaps', configMap(n));
    expect(
      api.delete('configmaps', 'default', 'f', { propagationPolicy: 'Foreground' }).object.metadata
        .finalizers,
    ).toEqual(['foregroundDeletion']);
    expect(
      api.delete('configmaps', 'default', 'o', { propagationPolicy: 'Orphan' }).object.metadata.finalizers,
    ).toEqual(['orphan']);
    expect(api.delete('configmaps', 'default', 'b', { propagationPolicy: 'Background' }).deleted).toBe(true);
  });

  it('preconditions conflict with the Kind in the message (rest/delete.go BeforeDelete)', () => {
    const { api } = newServer({ garbageCollector: false });
    const cm = api.create('configmaps', configMap('a'));
    expect(
      statusOf(() => api.delete('configmaps', 'default', 'a', { preconditions: { uid: 'x' } })).message,
    ).toBe(
      `Operation cannot be fulfilled on ConfigMap "a": the UID in the precondition (x) does not match the UID in record (${cm.metadata.uid}). The object might have been deleted and then recreated`,
    );
    expect(
      statusOf(() => api.delete('configmaps', 'default', 'a', { preconditions: { resourceVersion: '1' } }))
        .reason,
    ).toBe('Conflict');
    expect(
      api.delete('configmaps', 'default', 'a', { preconditions: { uid: cm.metadata.uid } }).deleted,
    ).toBe(true);
  });

  it('an unknown propagationPolicy is 422 (ValidateDeleteOptions)', () => {
    const { api } = newServer({ garbageCollector: false });
    api.create('configmaps', configMap('a'));
    expect(
      statusOf(() => api.delete('configmaps', 'default', 'a', { propagationPolicy: 'Later' as 'Orphan' }))
        .message,
    ).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
  });
});
