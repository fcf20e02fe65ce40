import { describe, expect, it } from 'vitest';
import { getPath } from './json-path.ts';
import { createRegistry } from './registry.ts';
import { appsResources } from './resources/apps.ts';
import { coreResources } from './resources/core.ts';
import { createApiServer } from './server.ts';
import { configMap, newServer, record, replicaSet, widget } from './testing.ts';
import { ApiError, isApiError, type KubeObject, type Status } from './types.ts';
import { createSim } from '../sim/sim.ts';

/** The Status an API call fails with. */
function statusOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const deployment = (name: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
});

describe('resourceVersion (fact 65, 76)', () => {
  it('every write takes the next decimal resourceVersion from one global counter', () => {
    const { api } = newServer();
    expect(api.currentResourceVersion()).toBe('1002'); // default + kube-system
    const a = api.create('configmaps', configMap('a'));
    const b = api.create('widgets.example.com', widget('b'));
    const a2 = api.update('configmaps', { ...a, data: { k: 'v' } });
    expect([a, b, a2].map((o) => o.metadata.resourceVersion)).toEqual(['1003', '1004', '1005']);
    expect(api.currentResourceVersion()).toBe('1005');
  });

  it('a no-op update writes nothing: same resourceVersion, no watch event (etcd3 store.go GuaranteedUpdate)', () => {
    const { sim, api } = newServer();
    const a = api.create('configmaps', configMap('a', { k: 'v' }));
    const rec = record(api, 'configmaps', { resourceVersion: a.metadata.resourceVersion });
    const same = api.update('configmaps', a);
    const patched = api.patch('configmaps', 'default', 'a', 'merge', { data: { k: 'v' } }).object;
    sim.scheduler.runUntil(100);
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(patched.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(api.currentResourceVersion()).toBe(a.metadata.resourceVersion);
    expect(rec.events).toEqual([]);
  });
});

describe('create (fact 66)', () => {
  it('wipes client uid/creationTimestamp/deletionTimestamp and fills uid and creationTimestamp from the sim', () => {
    const { sim, api } = newServer();
    sim.scheduler.runUntil(61_000);
    const cm = api.create('configmaps', {
      ...configMap('a'),
      metadata: {
        name: 'a',
        namespace: 'default',
        uid: 'mine',
        creationTimestamp: '2000-01-01T00:00:00Z',
        deletionTimestamp: '2000-01-01T00:00:00Z',
        deletionGracePeriodSeconds: 5,
      },
    });
    expect(cm.metadata.uid).not.toBe('mine');
    expect(cm.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cm.metadata.creationTimestamp).toBe('2026-01-01T00:01:01Z');
    expect(cm.metadata.deletionTimestamp).toBeUndefined();
    expect(cm.metadata.deletionGracePeriodSeconds).toBeUndefined();
  });

  it('generateName takes a 5-character suffix from the seeded RNG (same seed, same names)', () => {
    const names = (seed: number) => {
      const { api } = newServer({ seed });
      return [1, 2].map(
        () =>
          api.create('configmaps', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { generateName: 'web-', namespace: 'default' },
          }).metadata.name,
      );
    };
    expect(names(3)).toEqual(names(3));
    expect(names(3)[0]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('409 AlreadyExists with the resource plural as details.kind (errors.go NewAlreadyExists, fact 71)', () => {
    const { api } = newServer();
    api.create('widgets.example.com', widget('md-0'));
    expect(statusOf(() => api.create('widgets.example.com', widget('md-0')))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'widgets.example.com "md-0" already exists',
      reason: 'AlreadyExists',
      details: { name: 'md-0', group: 'example.com', kind: 'widgets' },
      code: 409,
    });
  });

  it('rejects a resourceVersion on create like etcd3 store.Create (a reason-less 500)', () => {
    const { api } = newServer();
    const s = statusOf(() =>
      api.create('configmaps', {
        ...configMap('a'),
        metadata: { name: 'a', namespace: 'default', resourceVersion: '5' },
      }),
    );
    expect(s).toMatchObject({
      code: 500,
      message: 'resourceVersion should not be set on objects to be created',
    });
    expect(s.reason).toBeUndefined();
  });

  it('needs an existing namespace: 404 namespaces "x" (NamespaceLifecycle admission)', () => {
    const { api } = newServer();
    expect(statusOf(() => api.create('configmaps', configMap('a', {}, 'nope')))).toMatchObject({
      code: 404,
      message: 'namespaces "nope" not found',
      details: { name: 'nope', kind: 'namespaces' },
    });
  });

  it('422 for a namespaced object without namespace; cluster-scoped objects lose theirs (rest BeforeCreate)', () => {
    const { api } = newServer();
    const s = statusOf(() =>
      api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }),
    );
    expect(s.message).toBe('ConfigMap "a" is invalid: metadata.namespace: Required value');
    const g = api.create('gadgets.example.com', {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g', namespace: 'default' },
    });
    expect(g.metadata.namespace).toBeUndefined();
  });

  it('422 Invalid for bad names with the apimachinery message and causes', () => {
    const { api } = newServer();
    const s = statusOf(() => api.create('configmaps', configMap('Bad_Name')));
    expect(s.message).toBe(
      `ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(s.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    expect(
      statusOf(() =>
        api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } }),
      ).message,
    ).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('rejects a body that is not JSON data with 400, and a wrong apiVersion with 400', () => {
    const { api } = newServer();
    expect(
      statusOf(() =>
        api.create('configmaps', { ...configMap('a'), data: { d: new Date(0) as unknown as string } }),
      ).code,
    ).toBe(400);
    expect(
      statusOf(() => api.create('configmaps', { ...configMap('a'), apiVersion: 'apps/v1' })).message,
    ).toBe('the API version in the data (apps/v1) does not match the expected API version (v1)');
    expect(api.currentResourceVersion()).toBe('1002');
  });

  it('accepts empty lists in metadata (ownerReferences: [], finalizers: [])', () => {
    const { api } = newServer();
    const cm = api.create('configmaps', {
      ...configMap('a'),
      metadata: { name: 'a', namespace: 'default', ownerReferences: [], finalizers: [] },
    });
    expect(api.delete('configmaps', 'default', 'a').deleted).toBe(true);
    expect(cm.metadata.ownerReferences).toEqual([]);
  });

  it('converts a non-storage served version with convertToStorage and stores the storage apiVersion', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', {
      ...widget('w', { count: 3 }),
      apiVersion: 'example.com/v1beta1',
    });
    expect(w.apiVersion).toBe('example.com/v1');
    expect(w.spec).toEqual({ size: 3 });
  });

  it('answers 404 for a resource the server does not serve', () => {
    const { api } = newServer();
    expect(statusOf(() => api.get('frobs', 'default', 'x'))).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
  });
});

describe('generation (facts 67-69)', () => {
  it('custom resources: 1 on create, +1 on spec changes only, never on metadata-only changes', () => {
    const { api } = newServer();
    let w = api.create('widgets.example.com', widget('w', { size: 1 }));
    expect(w.metadata.generation).toBe(1);
    w = api.update('widgets.example.com', {
      ...w,
      metadata: { ...w.metadata, labels: { a: 'b' }, finalizers: ['x.io/f'] },
    });
    expect(w.metadata.generation).toBe(1);
    w = api.patch('widgets.example.com', 'default', 'w', 'merge', { spec: { size: 2 } }).object;
    expect(w.metadata.generation).toBe(2);
  });

  it('custom resources without a status subresource bump generation on status changes (copyNonMetadata)', () => {
    const { api } = newServer();
    const g = api.create('gadgets.example.com', {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g' },
      status: { ok: true },
    });
    expect(g.status).toEqual({ ok: true });
    const g2 = api.patch('gadgets.example.com', undefined, 'g', 'merge', { status: { ok: false } }).object;
    expect(g2.metadata.generation).toBe(2);
  });

  it('a client cannot set generation', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('w'));
    const w2 = api.update('widgets.example.com', { ...w, metadata: { ...w.metadata, generation: 9 } });
    expect(w2.metadata.generation).toBe(1);
  });

  it('Deployments bump on annotation changes, ReplicaSets do not (deployment/strategy.go PrepareForUpdate)', () => {
    const { api } = newServer();
    const d = api.create('deployments.apps', deployment('web'));
    const d2 = api.patch('deployments.apps', 'default', 'web', 'merge', {
      metadata: { annotations: { a: 'b' } },
    }).object;
    expect([d.metadata.generation, d2.metadata.generation]).toEqual([1, 2]);
    api.create('replicasets.apps', replicaSet('rs', { app: 'rs' }));
    const r2 = api.patch('replicasets.apps', 'default', 'rs', 'merge', {
      metadata: { annotations: { a: 'b' } },
    }).object;
    expect(r2.metadata.generation).toBe(1);
  });
});

describe('status subresource (facts 67-69)', () => {
  it('custom resources: create drops status; main updates keep the stored status', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', { ...widget('w'), status: { phase: 'Fake' } });
    expect(w.status).toBeUndefined();
    const s = api.update(
      'widgets.example.com',
      { ...w, status: { phase: 'Running' } },
      { subresource: 'status' },
    );
    expect(s.status).toEqual({ phase: 'Running' });
    const m = api.update('widgets.example.com', { ...s, spec: { size: 5 }, status: { phase: 'Hacked' } });
    expect(m.status).toEqual({ phase: 'Running' });
    expect(m.spec).toEqual({ size: 5 });
  });

  it('custom resources: /status takes only status; spec and metadata in the request are ignored (status_strategy.go)', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('w', { size: 1 }));
    const s = api.update(
      'widgets.example.com',
      { ...w, metadata: { ...w.metadata, labels: { x: 'y' } }, spec: { size: 99 }, status: { ready: true } },
      { subresource: 'status' },
    );
    expect(s.spec).toEqual({ size: 1 });
    expect(s.metadata.labels).toBeUndefined();
    expect(s.metadata.generation).toBe(1);
    expect(s.status).toEqual({ ready: true });
  });

  it('built-ins start with their initial status: ReplicaSet {replicas: 0}, Pod Pending', () => {
    const { api } = newServer();
    expect(
      api.create('replicasets.apps', { ...replicaSet('rs', { a: 'b' }), status: { replicas: 7 } }).status,
    ).toEqual({ replicas: 0 });
    const pod = api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('Deployment /status keeps the stored spec and labels but not generation moves', () => {
    const { api } = newServer();
    const d = api.create('deployments.apps', {
      ...deployment('web'),
      metadata: { name: 'web', namespace: 'default', labels: { a: '1' } },
    });
    const s = api.update(
      'deployments.apps',
      {
        ...d,
        metadata: { ...d.metadata, labels: { a: '2' } },
        spec: { ...d.spec, replicas: 9 },
        status: { replicas: 1 },
      },
      { subresource: 'status' },
    );
    expect(s.metadata.labels).toEqual({ a: '1' });
    expect((s.spec as { replicas: number }).replicas).toBe(1);
    expect(s.status).toEqual({ replicas: 1 });
    expect(s.metadata.generation).toBe(1);
  });
});

describe('optimistic concurrency (facts 72-75)', () => {
  it('409 Conflict on a stale PUT, with the exact message (store.go Update)', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('md-0'));
    api.patch('widgets.example.com', 'default', 'md-0', 'merge', { spec: { size: 1 } });
    expect(statusOf(() => api.update('widgets.example.com', { ...w, spec: { size: 2 } }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on widgets.example.com "md-0": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'md-0', group: 'example.com', kind: 'widgets' },
      code: 409,
    });
  });

  it('a PATCH carrying a stale resourceVersion conflicts too; one without needs none', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('w'));
    api.patch('widgets.example.com', 'default', 'w', 'merge', { spec: { size: 1 } });
    expect(
      statusOf(() =>
        api.patch('widgets.example.com', 'default', 'w', 'merge', {
          metadata: { resourceVersion: w.metadata.resourceVersion },
          spec: { size: 2 },
        }),
      ).reason,
    ).toBe('Conflict');
    expect(
      api.patch('widgets.example.com', 'default', 'w', 'json', [
        { op: 'replace', path: '/spec/size', value: 3 },
      ]).object.spec,
    ).toEqual({ size: 3 });
  });

  it('custom resources: PUT without resourceVersion is 422 with the resource as details.kind (fact 74)', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('w'));
    const { resourceVersion: _rv, ...meta } = w.metadata;
    const s = statusOf(() => api.update('widgets.example.com', { ...w, metadata: meta }));
    expect(s.message).toBe(
      'widgets.example.com "w" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
    expect(s.details).toMatchObject({ name: 'w', group: 'example.com', kind: 'widgets' });
    expect(s.code).toBe(422);
  });

  it('built-ins allow the unconditional update (AllowUnconditionalUpdate)', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a'));
    const u = api.update('configmaps', configMap('a', { k: 'v' }));
    expect(u.data).toEqual({ k: 'v' });
  });

  it('404 NotFound for get, update, patch and delete of a missing object (fact 72)', () => {
    const { api } = newServer();
    const expected = {
      code: 404,
      reason: 'NotFound',
      message: 'replicasets.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'replicasets' },
    };
    expect(statusOf(() => api.get('replicasets.apps', 'default', 'nope'))).toMatchObject(expected);
    expect(statusOf(() => api.update('replicasets.apps', replicaSet('nope', { a: 'b' })))).toMatchObject(
      expected,
    );
    expect(statusOf(() => api.patch('replicasets.apps', 'default', 'nope', 'merge', {}))).toMatchObject(
      expected,
    );
    expect(statusOf(() => api.delete('replicasets.apps', 'default', 'nope'))).toMatchObject(expected);
  });

  it('identity fields are immutable on update', () => {
    const { api } = newServer();
    const cm = api.create('configmaps', configMap('a'));
    const s = statusOf(() => api.update('configmaps', { ...cm, metadata: { ...cm.metadata, uid: 'other' } }));
    expect(s.message).toBe(
      'ConfigMap "a" is invalid: metadata.uid: Invalid value: "other": field is immutable',
    );
  });
});

describe('patch (facts 88, 89)', () => {
  it('strategic merge patch merges Deployment containers by name and stores no directive', () => {
    const { api } = newServer();
    api.create('deployments.apps', {
      ...deployment('web'),
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.27' },
              { name: 'side', image: 'busybox' },
            ],
          },
        },
      },
    });
    const out = api.patch('deployments.apps', 'default', 'web', 'strategic', {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'side' }],
            containers: [{ name: 'nginx', image: 'nginx:1.28' }],
          },
        },
      },
    }).object;
    const containers = getPath(out, '.spec.template.spec.containers') as { name: string; image: string }[];
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.28', 'side=busybox']);
    expect(JSON.stringify(out)).not.toContain('$setElementOrder');
    expect(out.metadata.generation).toBe(2);
  });

  it('custom resources reject strategic merge patch with 415 (customresource_handler.go)', () => {
    const { api } = newServer();
    api.create('widgets.example.com', widget('w'));
    expect(
      statusOf(() => api.patch('widgets.example.com', 'default', 'w', 'strategic', { spec: {} })),
    ).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('a JSON patch that does not apply is 422 with the generic message; a malformed one is 400', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a'));
    expect(
      statusOf(() =>
        api.patch('configmaps', 'default', 'a', 'json', [{ op: 'remove', path: '/data/missing' }]),
      ),
    ).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
    });
    expect(statusOf(() => api.patch('configmaps', 'default', 'a', 'json', { op: 'remove' })).code).toBe(400);
    expect(statusOf(() => api.patch('configmaps', 'default', 'a', 'merge', [1])).code).toBe(400);
  });

  it('apply needs a fieldManager (422 PatchOptions), creates a missing object (201) and merges into a live one', () => {
    const { sim, api } = newServer();
    const applied = widget('w', { size: 1, color: 'red' });
    expect(statusOf(() => api.patch('widgets.example.com', 'default', 'w', 'apply', applied)).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const first = api.patch('widgets.example.com', 'default', 'w', 'apply', applied, {
      fieldManager: 'kubectl',
    });
    expect(first.created).toBe(true);
    const second = api.patch('widgets.example.com', 'default', 'w', 'apply', widget('w', { size: 2 }), {
      fieldManager: 'kubectl',
      force: true,
    });
    expect(second.created).toBe(false);
    expect(second.object.spec).toEqual({ size: 2, color: 'red' });
    const codes = sim.trace
      .all()
      .filter((e) => e.type === 'api.response' && e.verb === 'patch')
      .map((e) => (e as { code: number }).code);
    expect(codes).toEqual([422, 201, 200]);
    expect(
      statusOf(() => api.patch('widgets.example.com', 'default', 'w', 'merge', {}, { force: true })).message,
    ).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });

  it('a patch on /status changes only status', () => {
    const { api } = newServer();
    api.create('widgets.example.com', widget('w', { size: 1 }));
    const out = api.patch(
      'widgets.example.com',
      'default',
      'w',
      'merge',
      { spec: { size: 2 }, status: { ok: true } },
      { subresource: 'status' },
    ).object;
    expect(out.spec).toEqual({ size: 1 });
    expect(out.status).toEqual({ ok: true });
  });

  it('a patch cannot rename the object', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a'));
    expect(
      statusOf(() => api.patch('configmaps', 'default', 'a', 'merge', { metadata: { name: 'b' } })).message,
    ).toBe('the name of the object (b) does not match the name on the URL (a)');
  });
});

describe('scale subresource (fact 118)', () => {
  it('built-ins: the selector is the string form of spec.selector', () => {
    const { api } = newServer();
    const rs = api.create('replicasets.apps', replicaSet('rs', { app: 'web', tier: 'fe' }, 2));
    expect(api.getScale('replicasets.apps', 'default', 'rs')).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'rs',
        namespace: 'default',
        uid: rs.metadata.uid,
        resourceVersion: rs.metadata.resourceVersion,
        creationTimestamp: rs.metadata.creationTimestamp,
      },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web,tier=fe' },
    });
  });

  it('writes spec.replicas through the main store (generation bumps) and checks the Scale resourceVersion', () => {
    const { api } = newServer();
    const w = api.create('widgets.example.com', widget('w', { replicas: 1 }));
    const s = api.updateScale('widgets.example.com', 'default', 'w', 4, {
      resourceVersion: w.metadata.resourceVersion,
    });
    expect(s.spec).toEqual({ replicas: 4 });
    expect(api.get('widgets.example.com', 'default', 'w').metadata.generation).toBe(2);
    expect(
      statusOf(() =>
        api.updateScale('widgets.example.com', 'default', 'w', 5, {
          resourceVersion: w.metadata.resourceVersion,
        }),
      ).reason,
    ).toBe('Conflict');
    expect(statusOf(() => api.updateScale('widgets.example.com', 'default', 'w', -1)).message).toBe(
      'Scale.autoscaling "w" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('kubectl scale: a merge patch on /scale returns the Scale (REC:scale-md)', () => {
    const { api } = newServer();
    api.create('replicasets.apps', replicaSet('rs', { app: 'web' }, 1));
    const out = api.patch(
      'replicasets.apps',
      'default',
      'rs',
      'merge',
      { spec: { replicas: 5 } },
      { subresource: 'scale' },
    );
    expect(out.object.kind).toBe('Scale');
    expect(out.object.spec).toEqual({ replicas: 5 });
    expect((api.get('replicasets.apps', 'default', 'rs').spec as { replicas: number }).replicas).toBe(5);
  });

  it('404 for a resource without a scale subresource', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a'));
    expect(statusOf(() => api.getScale('configmaps', 'default', 'a')).code).toBe(404);
  });
});

describe('list (facts 87, 91, 92)', () => {
  const seed = () => {
    const { api } = newServer();
    for (const [n, app] of [
      ['c', 'web'],
      ['a', 'web'],
      ['b', 'db'],
    ]) {
      api.create('configmaps', {
        ...configMap(n!),
        metadata: { name: n, namespace: 'default', labels: { app: app! } },
      });
    }
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    api.create('configmaps', configMap('a', {}, 'other'));
    return api;
  };

  it('returns listKind, the group/version, the current resourceVersion, items sorted by namespace/name', () => {
    const api = seed();
    const l = api.list('configmaps');
    expect(l.kind).toBe('ConfigMapList');
    expect(l.apiVersion).toBe('v1');
    expect(l.metadata.resourceVersion).toBe(api.currentResourceVersion());
    expect(l.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'default/a',
      'default/b',
      'default/c',
      'other/a',
    ]);
  });

  it('filters by namespace, labels and fields', () => {
    const api = seed();
    expect(
      api
        .list('configmaps', { namespace: 'default', labelSelector: 'app=web' })
        .items.map((i) => i.metadata.name),
    ).toEqual(['a', 'c']);
    expect(
      api.list('configmaps', { fieldSelector: 'metadata.name=a' }).items.map((i) => i.metadata.namespace),
    ).toEqual(['default', 'other']);
    expect(api.list('configmaps', { fieldSelector: 'metadata.namespace!=default' }).items).toHaveLength(1);
  });

  it('rejects bad selectors with 400 and the upstream messages', () => {
    const api = seed();
    expect(statusOf(() => api.list('configmaps', { labelSelector: 'app in web' })).message).toBe(
      "unable to parse requirement: found 'web' expected: '('",
    );
    expect(statusOf(() => api.list('configmaps', { fieldSelector: 'spec.foo=x' })).message).toBe(
      'field label not supported: spec.foo',
    );
    expect(statusOf(() => api.list('widgets.example.com', { fieldSelector: 'spec.foo=x' })).message).toBe(
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('pages with limit/continue, every page reporting the first page resourceVersion', () => {
    const api = seed();
    const p1 = api.list('configmaps', { limit: 2 });
    api.create('configmaps', configMap('z'));
    const p2 = api.list('configmaps', { limit: 2, continue: p1.metadata.continue! });
    expect(p1.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(p1.metadata.remainingItemCount).toBe(2);
    expect(p2.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'default/c',
      'default/z',
    ]);
    expect(p2.metadata.resourceVersion).toBe(p1.metadata.resourceVersion);
    expect(statusOf(() => api.list('configmaps', { continue: 'garbage' })).code).toBe(400);
  });

  it('list results are copies: changing them does not change the store', () => {
    const api = seed();
    api.list('configmaps').items[0]!.metadata.name = 'hacked';
    expect(api.get('configmaps', 'default', 'a').metadata.name).toBe('a');
  });
});

describe('dryRun (fact 90)', () => {
  it('validates and defaults but stores nothing, bumps nothing and sends no event', () => {
    const { sim, api } = newServer();
    const rec = record(api, 'replicasets.apps', { resourceVersion: api.currentResourceVersion() });
    const before = api.currentResourceVersion();
    const dry = api.create('replicasets.apps', replicaSet('rs', { a: 'b' }), { dryRun: true });
    expect((dry.spec as { replicas: number }).replicas).toBe(1);
    expect(
      statusOf(() => api.create('replicasets.apps', replicaSet('bad', { a: 'b' }, -1), { dryRun: true }))
        .code,
    ).toBe(422);
    expect(statusOf(() => api.get('replicasets.apps', 'default', 'rs')).code).toBe(404);
    const real = api.create('replicasets.apps', replicaSet('rs', { a: 'b' }));
    api.patch('replicasets.apps', 'default', 'rs', 'merge', { spec: { replicas: 3 } }, { dryRun: true });
    api.delete('replicasets.apps', 'default', 'rs', { dryRun: true });
    sim.scheduler.runUntil(100);
    expect(api.get('replicasets.apps', 'default', 'rs')).toEqual(real);
    expect(Number(api.currentResourceVersion())).toBe(Number(before) + 1);
    expect(rec.lines()).toEqual([`ADDED rs@${real.metadata.resourceVersion}`]);
  });
});

describe('copies, peek, validate, definitionFor', () => {
  it('get returns a copy; peek yields the stored objects themselves', () => {
    const { api } = newServer();
    api.create('configmaps', configMap('a', { k: 'v' }));
    const got = api.get('configmaps', 'default', 'a');
    (got.data as Record<string, string>).k = 'changed';
    expect(api.get('configmaps', 'default', 'a').data).toEqual({ k: 'v' });
    const [p1] = [...api.peek('configmaps')];
    const [p2] = [...api.peek('configmaps')];
    expect(p1).toBe(p2);
  });

  it('a new stored version shares the subtrees a write did not change with the previous one', () => {
    const { api } = newServer();
    api.create('replicasets.apps', replicaSet('rs', { app: 'web' }));
    const before = [...api.peek('replicasets.apps')][0]!;
    api.patch('replicasets.apps', 'default', 'rs', 'merge', { metadata: { labels: { v: '2' } } });
    const after = [...api.peek('replicasets.apps')][0]!;
    expect(after).not.toBe(before);
    expect(after.spec).toBe(before.spec);
    expect(after.metadata).not.toBe(before.metadata);
    expect(before.metadata.labels).toBeUndefined();
  });

  it('validate() defaults and validates without storing', () => {
    const { api } = newServer();
    expect(api.validate('replicasets.apps', replicaSet('ok', { a: 'b' }))).toEqual([]);
    const errs = api.validate('replicasets.apps', replicaSet('bad', { a: 'b' }, -2));
    expect(errs.map((e) => e.field)).toEqual(['spec.replicas']);
    expect(api.currentResourceVersion()).toBe('1002');
  });

  it('definitionFor: kubectl\'s "no matches for kind" for unknown kinds', () => {
    const { api } = newServer();
    expect(api.definitionFor({ apiVersion: 'apps/v1', kind: 'Deployment' }).plural).toBe('deployments');
    expect(() => api.definitionFor({ apiVersion: 'example.com/v9', kind: 'Foo' })).toThrow(
      'no matches for kind "Foo" in version "example.com/v9"',
    );
  });
});

describe('trace', () => {
  it('every call emits api.request then api.response with increasing reqIds and the actor', () => {
    const sim = createSim({ seed: 1 });
    const api = createApiServer(sim, { registry: createRegistry([...coreResources(), ...appsResources()]) });
    api.create('configmaps', configMap('a'), { actor: 'kubectl' });
    try {
      api.get('configmaps', 'default', 'nope', { actor: 'rs-controller' });
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
    }
    const api_ = sim.trace.all().filter((e) => e.type === 'api.request' || e.type === 'api.response');
    const last = api_.slice(-4).map((e) => {
      const x = e as Record<string, unknown>;
      return `${x.type} ${x.reqId} ${x.verb} ${x.actor} ${x.code ?? ''} ${x.reason ?? ''}`.trim();
    });
    expect(last).toEqual([
      'api.request 3 create kubectl',
      'api.response 3 create kubectl 201',
      'api.request 4 get rs-controller',
      'api.response 4 get rs-controller 404 NotFound',
    ]);
  });
});

describe('kinds served on demand (registry resolvers)', () => {
  it('create of an unregistered kind registers it through the resolver; unknown kinds stay 404', () => {
    const sim = createSim({ seed: 1 });
    const registry = createRegistry([...coreResources(), ...appsResources()]);
    registry.addResolver((apiVersion, kind) =>
      apiVersion.startsWith('infrastructure.cluster.x-k8s.io/')
        ? {
            group: 'infrastructure.cluster.x-k8s.io',
            versions: ['v1beta2', 'v1beta1'],
            kind,
            listKind: `${kind}List`,
            plural: `${kind.toLowerCase()}s`,
            singular: kind.toLowerCase(),
            scope: 'Namespaced',
          }
        : undefined,
    );
    const api = createApiServer(sim, { registry, minRequestTimeoutMs: 0 });
    const obj: KubeObject = {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'DevMachine',
      metadata: { name: 'm', namespace: 'default' },
    };
    const created = api.create('devmachines.infrastructure.cluster.x-k8s.io', obj);
    expect(created.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(api.list('devmachines').items).toHaveLength(1);
    expect(
      statusOf(() =>
        api.create('foos.example.org', {
          apiVersion: 'example.org/v1',
          kind: 'Foo',
          metadata: { name: 'f' },
        }),
      ).code,
    ).toBe(404);
  });
});
