import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../api/types.ts';
import {
  enqueueRequestForObject,
  enqueueRequestForOwner,
  enqueueRequestsFromMapFunc,
  type EnqueueTarget,
} from './handlers.ts';
import { LOW_PRIORITY } from './priority-queue.ts';

function recorder() {
  const added: [string, number | undefined][] = [];
  const q: EnqueueTarget = { add: (key, o) => added.push([key, o?.priority]) };
  return { q, added };
}

const owner = (kind: string, name: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind,
  name,
  uid: `uid-${name}`,
  ...extra,
});

const pod = (rv: string, refs: OwnerReference[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'ns', name: 'p', resourceVersion: rv, ownerReferences: refs },
});

const replicaSet = { group: 'apps', kind: 'ReplicaSet', scope: 'Namespaced' as const };

describe('EnqueueRequestForObject (pkg/handler/enqueue.go, fact 37)', () => {
  it('enqueues the object key; initial-list adds and same-RV updates go in at LowPriority (eventhandler.go)', () => {
    const { q, added } = recorder();
    const h = enqueueRequestForObject();
    h.create({ object: pod('1'), isInInitialList: true }, q);
    h.create({ object: pod('1'), isInInitialList: false }, q);
    h.update({ objectOld: pod('1'), objectNew: pod('1') }, q);
    h.update({ objectOld: pod('1'), objectNew: pod('2') }, q);
    h.delete({ object: pod('2'), deleteStateUnknown: true }, q);
    h.generic({ object: pod('2') }, q);
    expect(added).toEqual([
      ['ns/p', LOW_PRIORITY],
      ['ns/p', undefined],
      ['ns/p', LOW_PRIORITY],
      ['ns/p', undefined],
      ['ns/p', undefined],
      ['ns/p', undefined],
    ]);
  });
});

describe('EnqueueRequestForOwner (pkg/handler/enqueue_owner.go, facts 38–39)', () => {
  it('OnlyControllerOwner: only the controller reference of the matching group and kind, any version', () => {
    const { q, added } = recorder();
    const h = enqueueRequestForOwner(replicaSet);
    h.create(
      {
        object: pod('1', [
          owner('ReplicaSet', 'not-controller'),
          owner('ReplicaSet', 'rs-1', { apiVersion: 'apps/v1beta2', controller: true }),
        ]),
        isInInitialList: false,
      },
      q,
    );
    h.create(
      { object: pod('1', [owner('Deployment', 'd', { controller: true })]), isInInitialList: false },
      q,
    );
    h.create(
      {
        object: pod('1', [owner('ReplicaSet', 'other-group', { apiVersion: 'x.io/v1', controller: true })]),
        isInInitialList: false,
      },
      q,
    );
    expect(added).toEqual([['ns/rs-1', undefined]]);
  });

  it('MatchEveryOwner: every reference of the matching group and kind', () => {
    const { q, added } = recorder();
    const h = enqueueRequestForOwner(replicaSet, { onlyControllerOwner: false });
    h.delete(
      {
        object: pod('1', [
          owner('ReplicaSet', 'a'),
          owner('ReplicaSet', 'b', { controller: true }),
          owner('Job', 'c'),
        ]),
        deleteStateUnknown: false,
      },
      q,
    );
    expect(added.map(([k]) => k)).toEqual(['ns/a', 'ns/b']);
  });

  it('updates enqueue the owners of both the old and the new object, once each', () => {
    const { q, added } = recorder();
    const h = enqueueRequestForOwner(replicaSet);
    h.update(
      {
        objectOld: pod('1', [owner('ReplicaSet', 'old', { controller: true })]),
        objectNew: pod('2', [owner('ReplicaSet', 'new', { controller: true })]),
      },
      q,
    );
    h.update(
      {
        objectOld: pod('2', [owner('ReplicaSet', 'same', { controller: true })]),
        objectNew: pod('2', [owner('ReplicaSet', 'same', { controller: true })]),
      },
      q,
    );
    expect(added).toEqual([
      ['ns/old', undefined],
      ['ns/new', undefined],
      ['ns/same', LOW_PRIORITY],
    ]);
  });

  it('a cluster-scoped owner gets a request without namespace', () => {
    const { q, added } = recorder();
    const h = enqueueRequestForOwner({ group: '', kind: 'Node', scope: 'Cluster' });
    h.create(
      {
        object: pod('1', [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u', controller: true }]),
        isInInitialList: true,
      },
      q,
    );
    expect(added).toEqual([['n1', LOW_PRIORITY]]);
  });
});

describe('EnqueueRequestsFromMapFunc (pkg/handler/enqueue_mapped.go)', () => {
  it('maps both old and new objects on update, deduplicating', () => {
    const { q, added } = recorder();
    const h = enqueueRequestsFromMapFunc((o) => [`ns/${o.metadata.resourceVersion}`, 'ns/always']);
    h.update({ objectOld: pod('1'), objectNew: pod('2') }, q);
    h.create({ object: pod('3'), isInInitialList: true }, q);
    expect(added).toEqual([
      ['ns/1', undefined],
      ['ns/always', undefined],
      ['ns/2', undefined],
      ['ns/3', LOW_PRIORITY],
      ['ns/always', LOW_PRIORITY],
    ]);
  });
});
