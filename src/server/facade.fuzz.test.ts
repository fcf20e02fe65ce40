/**
 * The facade never crashes: hundreds of malformed requests (bad paths and escapes, bad JSON, wrong content types,
 * huge numbers, bad selectors, wrong methods) each get a proper Status with a 4xx code, and the server still
 * answers a normal request afterwards. fast-check makes the inputs from a fixed seed, so a failure replays.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestFacade, type TestFacade } from './testing.ts';

let t: TestFacade;
beforeAll(async () => {
  t = await startTestFacade();
  await rawRequest(t.url, 'POST', '/api/v1/namespaces/default/configmaps', '{"metadata":{"name":"seed"}}', {
    'Content-Type': 'application/json',
  });
});
afterAll(async () => {
  await t.close();
});

const PATHS = [
  '/api/v1/namespaces/default/configmaps',
  '/api/v1/namespaces/default/configmaps/seed',
  '/api/v1/namespaces/default/pods',
  '/apis/apps/v1/namespaces/default/replicasets',
  '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machinedeployments',
  '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machinedeployments/md/scale',
  '/apis/cluster.x-k8s.io/v1beta1/namespaces/default/machinedeployments/md/status',
  '/api/v1/nodes/n1',
  '/api/v1/namespaces/x%ZZ/pods',
  '/apis/no.such.group/v1/things',
  '/api/v2/pods',
  '/api/v1/namespaces//pods',
  '/api/v1/namespaces/default/configmaps/seed/bogus',
  '/api/v1/namespaces/default/configmaps/seed/status',
  '/apis/apps',
  '/openapi/v3/apis/nope/v1',
  '/version/extra',
];
const QUERIES = [
  '',
  '?limit=-1',
  '?limit=99999999999999999999999',
  '?limit=abc',
  '?labelSelector=a%20in%20(',
  '?labelSelector=!!x',
  '?fieldSelector=spec.bogus%3D1',
  '?fieldSelector=%3D%3D%3D',
  '?resourceVersion=abc',
  '?resourceVersion=99999999999',
  '?continue=not-a-token',
  '?watch=maybe',
  '?watch=true&timeoutSeconds=-5',
  '?watch=true&sendInitialEvents=true',
  '?dryRun=Nope',
  '?fieldValidation=Loose',
  '?propagationPolicy=Sideways',
  '?resourceVersionMatch=Exact',
  '?includeObject=Everything',
];
const CONTENT_TYPES = [
  'application/json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
  'application/vnd.kubernetes.protobuf',
  'text/plain',
  'application/xml',
];
const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"str"',
  '12345678901234567890123456789',
  '{"metadata": 5}',
  '{"metadata":{"name":"seed","resourceVersion":"1"}}',
  '{"apiVersion":"v2","kind":"Pod"}',
  '[{"op":"explode","path":"/x"}]',
  '{"spec":{"replicas":"many"}}',
  '{"spec":{"replicas":-1}}',
  '{"metadata":{"name":"Bad Name!"}}',
  ': : yaml: [',
  '\u0000\u0001\u0002',
];

describe('the facade under malformed requests', () => {
  it('answers each of 300 malformed requests with a Status (4xx) and keeps serving', async () => {
    const seen: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'BREW'),
        fc.constantFrom(...PATHS),
        fc.constantFrom(...QUERIES),
        fc.constantFrom(...CONTENT_TYPES),
        fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 40 })),
        async (method, path, query, contentType, body) => {
          // Watches that are valid stay open; the fuzz is about bad requests, so they get a bad RV.
          const q =
            query.includes('watch=true') && !query.includes('timeoutSeconds=-') ? `${query}&limit=x` : query;
          const r = await rawRequest(
            t.url,
            method === 'BREW' ? 'PURGE' : method,
            `${path}${q}`,
            method === 'GET' ? undefined : body,
            {
              'Content-Type': contentType,
            },
          );
          seen.push(r.status);
          if (r.status >= 200 && r.status < 300) return;
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          const status = JSON.parse(r.text) as { kind: string; status: string; code: number };
          expect(status.kind).toBe('Status');
          expect(status.status).toBe('Failure');
          expect(status.code).toBe(r.status);
        },
      ),
      { numRuns: 300, seed: 20260101 },
    );
    expect(seen.filter((s) => s >= 400).length).toBeGreaterThanOrEqual(200);
    expect(t.errors).toEqual([]);
    // Some fuzzed requests are valid writes (a DELETE of the seed object): the server must simply still answer.
    const ok = await rawRequest(t.url, 'GET', '/api/v1/namespaces/default/configmaps', undefined);
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text) as { kind: string }).kind).toBe('ConfigMapList');
  });
});
