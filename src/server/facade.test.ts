import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE } from './discovery.ts';
import { TABLE_CONTENT_TYPE } from './table.ts';
import { call, rawRequest, startTestFacade, type TestFacade } from './testing.ts';

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const MDS = '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machinedeployments';
const CMS = '/api/v1/namespaces/default/configmaps';

const md = (name: string, replicas = 2) => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name, namespace: 'default' },
  spec: {
    clusterName: 'demo',
    replicas,
    selector: { matchLabels: {} },
    template: {
      spec: {
        clusterName: 'demo',
        version: 'v1.32.1',
        bootstrap: {
          configRef: { name: 'b', apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate' },
        },
        infrastructureRef: {
          name: 'i',
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'DevMachineTemplate',
        },
      },
    },
  },
});
const cm = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

let t: TestFacade;
beforeEach(async () => {
  t = await startTestFacade();
});
afterEach(async () => {
  await t.close();
  expect(t.errors).toEqual([]);
});

describe('discovery', () => {
  it('answers aggregated discovery with the exact Content-Type kubectl checks (fact 103)', async () => {
    const apis = await call(t.url, 'GET', '/apis?timeout=32s', { headers: { Accept: DISCOVERY_ACCEPT } });
    expect(apis.contentType).toBe(AGGREGATED_DISCOVERY_CONTENT_TYPE);
    const items = apis.body.items as {
      metadata: { name: string };
      versions: {
        version: string;
        resources: { resource: string; subresources?: unknown[]; shortNames?: string[] }[];
      }[];
    }[];
    const capi = items.find((i) => i.metadata.name === 'cluster.x-k8s.io')!;
    expect(capi.versions.map((v) => v.version)).toEqual(['v1beta2', 'v1beta1']);
    const mdRes = capi.versions[0]!.resources.find((r) => r.resource === 'machinedeployments')!;
    expect(mdRes.shortNames).toEqual(['md']);
    // client-go scale/util.go discoveryScaleResolver needs autoscaling/v1 Scale (fact 117).
    expect(mdRes.subresources).toContainEqual({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: ['get', 'patch', 'update'],
    });
    const core = await call(t.url, 'GET', '/api', { headers: { Accept: DISCOVERY_ACCEPT } });
    const coreItems = core.body.items as { metadata: Record<string, unknown> }[];
    expect(coreItems).toHaveLength(1);
    expect(coreItems[0]!.metadata.name).toBeUndefined();
  });

  it('answers legacy discovery with status and scale entries', async () => {
    const legacy = await call(t.url, 'GET', '/api', { headers: { Accept: 'application/json, */*' } });
    expect(legacy.body.kind).toBe('APIVersions');
    const list = await call(t.url, 'GET', '/apis/cluster.x-k8s.io/v1beta1');
    const names = (list.body.resources as { name: string; group?: string }[]).map((r) => r.name);
    expect(names).toContain('machinedeployments/status');
    expect(
      (list.body.resources as { name: string; group?: string }[]).find(
        (r) => r.name === 'machinedeployments/scale',
      )?.group,
    ).toBe('autoscaling');
    expect((await call(t.url, 'GET', '/apis/nope.example.com/v1')).status).toBe(404);
  });

  it('serves OpenAPI v3 with a PATCH operation, its GVK and fieldValidation (fact 112), and 404 for v2', async () => {
    const root = await call(t.url, 'GET', '/openapi/v3');
    const paths = root.body.paths as Record<string, { serverRelativeURL: string }>;
    const rel = paths['apis/cluster.x-k8s.io/v1beta2']!.serverRelativeURL;
    expect(rel).toMatch(/^\/openapi\/v3\/apis\/cluster\.x-k8s\.io\/v1beta2\?hash=[0-9A-F]{16}$/);
    const doc = await call(t.url, 'GET', rel);
    const op = (
      doc.body.paths as Record<
        string,
        Record<string, { 'x-kubernetes-group-version-kind': unknown; parameters: { name: string }[] }>
      >
    )['/apis/cluster.x-k8s.io/v1beta2/namespaces/{namespace}/machinedeployments/{name}']!.patch!;
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'cluster.x-k8s.io',
      version: 'v1beta2',
      kind: 'MachineDeployment',
    });
    expect(op.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect((await call(t.url, 'GET', '/openapi/v2')).status).toBe(404);
  });
});

describe('objects', () => {
  it('creates (201), refuses a duplicate (409 AlreadyExists, details.kind is the plural), and 404s a missing one', async () => {
    expect((await call(t.url, 'POST', MDS, { body: md('md-0') })).status).toBe(201);
    const dup = await call(t.url, 'POST', MDS, { body: md('md-0') });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'machinedeployments.cluster.x-k8s.io "md-0" already exists',
      details: { name: 'md-0', group: 'cluster.x-k8s.io', kind: 'machinedeployments' },
    });
    const missing = await call(t.url, 'GET', `${MDS}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('machinedeployments.cluster.x-k8s.io "nope" not found');
    const unknown = await call(t.url, 'GET', '/api/v1/namespaces/default/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('the server could not find the requested resource');
  });

  it('strips kind and apiVersion from built-in list items only (fact 91)', async () => {
    await call(t.url, 'POST', CMS, { body: cm('a') });
    await call(t.url, 'POST', MDS, { body: md('md-0') });
    const cms = await call(t.url, 'GET', CMS);
    expect(cms.body.kind).toBe('ConfigMapList');
    expect((cms.body.items as Record<string, unknown>[])[0]!.kind).toBeUndefined();
    const mds = await call(t.url, 'GET', MDS);
    expect((mds.body.items as Record<string, unknown>[])[0]!.kind).toBe('MachineDeployment');
  });

  it('pages with limit and continue', async () => {
    for (const n of ['a', 'b', 'c']) await call(t.url, 'POST', CMS, { body: cm(n) });
    const p1 = await call(t.url, 'GET', `${CMS}?limit=2`);
    const meta = p1.body.metadata as { continue?: string; resourceVersion: string };
    expect((p1.body.items as unknown[]).length).toBe(2);
    expect(meta.continue).toBeTruthy();
    const p2 = await call(t.url, 'GET', `${CMS}?limit=2&continue=${encodeURIComponent(meta.continue!)}`);
    const names = (p2.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    expect(names).toEqual(['c']);
    expect((p2.body.metadata as { resourceVersion: string }).resourceVersion).toBe(meta.resourceVersion);
  });

  it('answers Tables from printer columns with ages on the virtual clock', async () => {
    await call(t.url, 'POST', MDS, { body: md('md-0', 3) });
    t.sim.scheduler.runUntil(t.sim.now() + 75_000);
    const table = await call(t.url, 'GET', `${MDS}?limit=500`, { headers: { Accept: TABLE_ACCEPT } });
    expect(table.contentType).toBe(TABLE_CONTENT_TYPE);
    const cols = (table.body.columnDefinitions as { name: string }[]).map((c) => c.name);
    expect(cols[0]).toBe('Name');
    const rows = table.body.rows as {
      cells: unknown[];
      object: { kind: string; metadata: { name: string } };
    }[];
    expect(rows[0]!.cells[0]).toBe('md-0');
    expect(rows[0]!.cells[cols.indexOf('Age')]).toBe('75s');
    expect(rows[0]!.cells[cols.indexOf('Desired')]).toBe(3);
    expect(rows[0]!.object.kind).toBe('PartialObjectMetadata');
    const one = await call(t.url, 'GET', `${MDS}/md-0`, { headers: { Accept: TABLE_ACCEPT } });
    expect((one.body.rows as unknown[]).length).toBe(1);
  });

  it('reads and writes a CAPI kind in its other served version (v1beta1)', async () => {
    await call(t.url, 'POST', MDS, { body: md('md-0') });
    const v1b1 = '/apis/cluster.x-k8s.io/v1beta1/namespaces/default/machinedeployments';
    const got = await call(t.url, 'GET', `${v1b1}/md-0`);
    expect(got.body.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    const patched = await call(t.url, 'PATCH', `${v1b1}/md-0`, {
      body: { spec: { replicas: 4 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    const stored = await call(t.url, 'GET', `${MDS}/md-0`);
    expect((stored.body.spec as { replicas: number }).replicas).toBe(4);
    const wrong = await call(t.url, 'POST', v1b1, { body: md('md-1') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain(
      'does not match the expected API version (cluster.x-k8s.io/v1beta1)',
    );
  });
});

describe('errors with the real server codes', () => {
  it('malformed JSON is 400, an unknown body type 415, SMP on a custom resource 415 (fact 88)', async () => {
    const bad = await call(t.url, 'POST', CMS, {
      body: '{"metadata": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    const proto = await call(t.url, 'POST', CMS, {
      body: 'x',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
    });
    expect(proto.status).toBe(415);
    expect(proto.body.reason).toBe('UnsupportedMediaType');
    await call(t.url, 'POST', MDS, { body: md('md-0') });
    const smp = await call(t.url, 'PATCH', `${MDS}/md-0`, {
      body: { spec: { replicas: 1 } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(smp.status).toBe(415);
    expect(smp.body.message).not.toContain('strategic');
  });

  it('a stale resourceVersion is 409 Conflict (fact 73) and an invalid object 422', async () => {
    const created = await call(t.url, 'POST', MDS, { body: md('md-0') });
    const obj = created.body as { metadata: { resourceVersion: string } };
    await call(t.url, 'PATCH', `${MDS}/md-0`, {
      body: { spec: { replicas: 5 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    const stale = await call(t.url, 'PUT', `${MDS}/md-0`, { body: obj });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect(stale.body.message).toContain('the object has been modified');
    const bad = await call(t.url, 'POST', CMS, { body: cm('Not_A_Name') });
    expect(bad.status).toBe(422);
    expect(bad.body.reason).toBe('Invalid');
  });

  it('checks dryRun, propagationPolicy and query numbers', async () => {
    expect((await call(t.url, 'POST', `${CMS}?dryRun=Some`, { body: cm('a') })).status).toBe(422);
    expect((await call(t.url, 'GET', `${CMS}?limit=abc`)).status).toBe(400);
    await call(t.url, 'POST', CMS, { body: cm('a') });
    expect((await call(t.url, 'DELETE', `${CMS}/a?propagationPolicy=Sideways`)).status).toBe(422);
    expect((await call(t.url, 'GET', `${CMS}/a`)).status).toBe(200);
  });
});

describe('writes kubectl sends', () => {
  it('scale: PATCH /scale merge patch, and PUT /scale without a Content-Type (fact 116)', async () => {
    await call(t.url, 'POST', MDS, { body: md('md-0') });
    const patched = await call(t.url, 'PATCH', `${MDS}/md-0/scale`, {
      body: { spec: { replicas: 5 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(patched.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 5 },
    });
    const scale = await call(t.url, 'GET', `${MDS}/md-0/scale`);
    const r = await rawRequest(
      t.url,
      'PUT',
      `${MDS}/md-0/scale`,
      JSON.stringify({ ...scale.body, spec: { replicas: 7 } }),
    );
    expect(r.status).toBe(200);
    const stored = await call(t.url, 'GET', `${MDS}/md-0`);
    expect((stored.body.spec as { replicas: number }).replicas).toBe(7);
  });

  it('delete: a Status with details.uid for custom resources, the object for pods (fact 81)', async () => {
    const created = await call(t.url, 'POST', MDS, { body: md('md-0') });
    const del = await call(t.url, 'DELETE', `${MDS}/md-0`, { body: { propagationPolicy: 'Background' } });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: {
        name: 'md-0',
        kind: 'machinedeployments',
        uid: (created.body.metadata as { uid: string }).uid,
      },
    });
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    await call(t.url, 'POST', '/api/v1/namespaces/default/pods', { body: pod });
    const delPod = await call(t.url, 'DELETE', '/api/v1/namespaces/default/pods/p');
    expect(delPod.body.kind).toBe('Pod');
  });

  it('apply patch: 201 when it creates, 200 after, and fieldManager is required (fact 89)', async () => {
    const h = { 'Content-Type': 'application/apply-patch+yaml' };
    const first = await call(t.url, 'PATCH', `${MDS}/md-0?fieldManager=kubectl&force=false`, {
      body: md('md-0'),
      headers: h,
    });
    expect(first.status).toBe(201);
    const again = await call(t.url, 'PATCH', `${MDS}/md-0?fieldManager=kubectl`, {
      body: md('md-0', 3),
      headers: h,
    });
    expect(again.status).toBe(200);
    const noManager = await call(t.url, 'PATCH', `${MDS}/md-0`, { body: md('md-0', 4), headers: h });
    expect(noManager.status).toBe(422);
  });

  it('strategic merge patch on a built-in merges containers by name', async () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'a', image: 'x:1' },
              { name: 'b', image: 'y:1' },
            ],
          },
        },
      },
    };
    await call(t.url, 'POST', '/apis/apps/v1/namespaces/default/replicasets', { body: rs });
    const r = await call(t.url, 'PATCH', '/apis/apps/v1/namespaces/default/replicasets/web', {
      body: {
        spec: {
          template: { spec: { $setElementOrder: undefined, containers: [{ name: 'b', image: 'y:2' }] } },
        },
      },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(r.status).toBe(200);
    const containers = (r.body.spec as Record<string, Record<string, Record<string, unknown>>>).template!
      .spec!.containers as { name: string; image: string }[];
    expect(containers).toEqual([
      expect.objectContaining({ name: 'a', image: 'x:1' }),
      expect.objectContaining({ name: 'b', image: 'y:2' }),
    ]);
  });

  it('dryRun=All validates without storing', async () => {
    const r = await call(t.url, 'POST', `${CMS}?dryRun=All`, { body: cm('dry') });
    expect(r.status).toBe(201);
    expect((await call(t.url, 'GET', `${CMS}/dry`)).status).toBe(404);
  });
});

describe('watch', () => {
  async function openWatch(path: string, accept = 'application/json') {
    const ctrl = new AbortController();
    const r = await fetch(`${t.url}${path}`, { headers: { Accept: accept }, signal: ctrl.signal });
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const lines: string[] = [];
    const next = async (): Promise<Record<string, unknown>> => {
      while (!buf.includes('\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += decoder.decode(value, { stream: true });
      }
      const i = buf.indexOf('\n');
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      return JSON.parse(line) as Record<string, unknown>;
    };
    return { r, next, lines, stop: () => ctrl.abort() };
  }

  it('flushes headers before any event and sends one compact JSON event per line (pitfall 4.3.1)', async () => {
    const list = await call(t.url, 'GET', CMS);
    const rv = (list.body.metadata as { resourceVersion: string }).resourceVersion;
    // fetch resolves on the response headers: this would hang if the headers waited for the first event.
    const w = await openWatch(`${CMS}?watch=true&resourceVersion=${rv}`);
    expect(w.r.status).toBe(200);
    expect(w.r.headers.get('content-type')).toBe('application/json');
    await call(t.url, 'POST', CMS, { body: cm('a') });
    await call(t.url, 'DELETE', `${CMS}/a`);
    const added = await w.next();
    const deleted = await w.next();
    expect([added.type, deleted.type]).toEqual(['ADDED', 'DELETED']);
    expect((added.object as { kind: string }).kind).toBe('ConfigMap');
    expect(w.lines[0]).toBe(JSON.stringify(added));
    w.stop();
  });

  it('sends one-row Tables when a Table was asked for, with the synthetic ADDED at resourceVersion 0 (fact 109)', async () => {
    await call(t.url, 'POST', MDS, { body: md('md-0') });
    const w = await openWatch(
      `${MDS}?fieldSelector=metadata.name%3Dmd-0&resourceVersion=0&watch=true`,
      TABLE_ACCEPT,
    );
    expect(w.r.headers.get('content-type')).toBe(TABLE_CONTENT_TYPE);
    t.sim.scheduler.runUntil(t.sim.now());
    const first = await w.next();
    expect(first.type).toBe('ADDED');
    expect((first.object as { kind: string; rows: unknown[] }).rows).toHaveLength(1);
    await call(t.url, 'PATCH', `${MDS}/md-0/scale`, {
      body: { spec: { replicas: 9 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    const modified = await w.next();
    expect(modified.type).toBe('MODIFIED');
    w.stop();
  });

  it('ends a watch with a too-old resourceVersion with an ERROR 410 event, not an HTTP error (fact 99)', async () => {
    const a = await call(t.url, 'POST', CMS, { body: cm('a') });
    await call(t.url, 'POST', CMS, { body: cm('b') });
    t.api.faults.expireWatches();
    const rv = (a.body.metadata as { resourceVersion: string }).resourceVersion;
    const w = await openWatch(`${CMS}?watch=true&resourceVersion=${rv}`);
    t.sim.scheduler.runUntil(t.sim.now());
    expect(w.r.status).toBe(200);
    const e = await w.next();
    expect(e.type).toBe('ERROR');
    expect((e.object as { code: number }).code).toBe(410);
  });
});
