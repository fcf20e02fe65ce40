import { describe, expect, it } from 'vitest';
import { createRegistry } from '../engine/api/registry.ts';
import { appsResources } from '../engine/api/resources/apps.ts';
import { coreResources } from '../engine/api/resources/core.ts';
import { isApiError } from '../engine/api/types.ts';
import { routeOf } from './routes.ts';

const registry = createRegistry([...coreResources(), ...appsResources()]);

const code = (p: string): number => {
  try {
    routeOf(p, registry);
    return 200;
  } catch (e) {
    return isApiError(e) ? e.code : -1;
  }
};

describe('routeOf (apiserver requestinfo.go NewRequestInfo layout)', () => {
  it('splits namespaced object paths', () => {
    expect(routeOf('/apis/apps/v1/namespaces/ns1/replicasets/web/scale', registry)).toMatchObject({
      type: 'resource',
      group: 'apps',
      version: 'v1',
      namespace: 'ns1',
      name: 'web',
      subresource: 'scale',
    });
  });

  it('reads /api/v1/namespaces/<name>[/status] as the namespace object, and a namespaced plural after it as content', () => {
    expect(routeOf('/api/v1/namespaces/default', registry)).toMatchObject({
      name: 'default',
      namespace: undefined,
    });
    expect(routeOf('/api/v1/namespaces/default/status', registry)).toMatchObject({
      name: 'default',
      subresource: 'status',
    });
    expect(routeOf('/api/v1/namespaces/default/pods', registry)).toMatchObject({
      namespace: 'default',
      name: undefined,
    });
  });

  it('a namespaced resource without a namespace is a collection only', () => {
    expect(routeOf('/api/v1/pods', registry)).toMatchObject({ namespace: undefined, name: undefined });
    expect(code('/api/v1/pods/p1')).toBe(404);
  });

  it('404s unknown groups, versions, resources and subresources; 400s bad escapes', () => {
    expect(code('/apis/nope/v1/things')).toBe(404);
    expect(code('/api/v2/pods')).toBe(404);
    expect(code('/api/v1/namespaces/default/gizmos')).toBe(404);
    expect(code('/api/v1/namespaces/default/configmaps/c/scale')).toBe(404);
    expect(code('/api/v1/namespaces/%ZZ/pods')).toBe(400);
  });

  it('knows discovery and OpenAPI paths', () => {
    expect(routeOf('/apis', registry).type).toBe('apiGroups');
    expect(routeOf('/apis/apps', registry).type).toBe('apiGroup');
    expect(routeOf('/apis/apps/v1', registry).type).toBe('resourceList');
    expect(routeOf('/openapi/v3/apis/apps/v1', registry).type).toBe('openapiV3Doc');
    expect(routeOf('/openapi/v2', registry).type).toBe('openapiV2');
  });
});
