/**
 * Turns a request path into what the facade serves: discovery, OpenAPI, or a resource endpoint with its
 * group, version, namespace, resource, name and subresource, resolved against the registry. The URL layout is
 * kube-apiserver's (k8s.io/apiserver pkg/endpoints/request/requestinfo.go RequestInfoFactory.NewRequestInfo).
 */
import type { ResourceDefinition, ResourceRegistry } from '../engine/api/resource.ts';
import { badRequest, resourceNotServed } from '../engine/api/status.ts';
import { ApiError } from '../engine/api/types.ts';

export interface ResourceRoute {
  type: 'resource';
  def: ResourceDefinition;
  group: string;
  version: string;
  /** undefined: all namespaces (a collection) or a cluster-scoped resource. */
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

export type Route =
  | { type: 'version' }
  | { type: 'apiVersions' }
  | { type: 'apiGroups' }
  | { type: 'apiGroup'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'openapiV3Root' }
  | { type: 'openapiV3Doc'; group: string; version: string }
  | { type: 'openapiV2' }
  | { type: 'healthz' }
  | { type: 'trace' }
  | ResourceRoute;

/** Splits a path into decoded segments; a malformed %-escape is a 400, as Go's url parser rejects it. */
export function pathSegments(pathname: string): string[] {
  const raw = pathname.split('/').filter((s) => s !== '');
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    throw new ApiError(badRequest(`invalid URL escape in path ${JSON.stringify(pathname)}`));
  }
}

/** Group versions the registry serves, as [group, version] (the core group is ""). */
export function servesGroupVersion(registry: ResourceRegistry, group: string, version: string): boolean {
  return registry.all().some((d) => d.group === group && d.versions.includes(version));
}

function findResource(
  registry: ResourceRegistry,
  group: string,
  version: string,
  plural: string,
): ResourceDefinition | undefined {
  return registry.all().find((d) => d.group === group && d.plural === plural && d.versions.includes(version));
}

/**
 * The route of a path, or throws ApiError 404 (the server's "the server could not find the requested
 * resource") for anything it does not serve.
 */
export function routeOf(pathname: string, registry: ResourceRegistry): Route {
  const segs = pathSegments(pathname);
  const notServed = (): never => {
    throw new ApiError(resourceNotServed());
  };
  const [a, b, c, d] = segs;
  if (a === 'version' && segs.length === 1) return { type: 'version' };
  if ((a === 'healthz' || a === 'readyz' || a === 'livez') && segs.length === 1) return { type: 'healthz' };
  if (a === 'reconcile-lab' && b === 'trace' && segs.length === 2) return { type: 'trace' };
  if (a === 'openapi') {
    if (b === 'v2' && segs.length === 2) return { type: 'openapiV2' };
    if (b === 'v3' && segs.length === 2) return { type: 'openapiV3Root' };
    if (
      b === 'v3' &&
      c === 'api' &&
      d === 'v1' &&
      segs.length === 4 &&
      servesGroupVersion(registry, '', 'v1')
    )
      return { type: 'openapiV3Doc', group: '', version: 'v1' };
    if (b === 'v3' && c === 'apis' && segs.length === 5 && servesGroupVersion(registry, d!, segs[4]!))
      return { type: 'openapiV3Doc', group: d!, version: segs[4]! };
    return notServed();
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (a === 'api') {
    if (segs.length === 1) return { type: 'apiVersions' };
    if (b !== 'v1' || !servesGroupVersion(registry, '', 'v1')) return notServed();
    group = '';
    version = 'v1';
    rest = segs.slice(2);
  } else if (a === 'apis') {
    if (segs.length === 1) return { type: 'apiGroups' };
    if (!registry.all().some((x) => x.group === b && b !== '')) return notServed();
    if (segs.length === 2) return { type: 'apiGroup', group: b! };
    if (!servesGroupVersion(registry, b!, c!)) return notServed();
    group = b!;
    version = c!;
    rest = segs.slice(3);
  } else {
    return notServed();
  }
  if (rest.length === 0) return { type: 'resourceList', group, version };

  // namespaces/{ns}/{resource}[/{name}[/{sub}]] when {resource} is namespaced; otherwise the path names the
  // cluster-scoped resource "namespaces" itself (requestinfo.go: "namespaces" is special only before a resource).
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const def = findResource(registry, group, version, rest[2]!);
    if (def && def.scope === 'Namespaced') {
      if (rest.length > 5) return notServed();
      return route(def, group, version, rest[1]!, rest[3], rest[4]);
    }
  }
  const def = findResource(registry, group, version, rest[0]!);
  if (!def || rest.length > 3) return notServed();
  // A namespaced resource named without a namespace is only a collection (a list or watch across namespaces).
  if (def.scope === 'Namespaced' && rest.length > 1) return notServed();
  return route(def, group, version, undefined, rest[1], rest[2]);
}

function route(
  def: ResourceDefinition,
  group: string,
  version: string,
  namespace: string | undefined,
  name: string | undefined,
  subresource: string | undefined,
): ResourceRoute {
  if (namespace !== undefined && namespace === '') throw new ApiError(resourceNotServed());
  if (subresource !== undefined) {
    const ok =
      (subresource === 'status' && def.subresources?.status === true) ||
      (subresource === 'scale' && def.subresources?.scale !== undefined);
    if (!ok) throw new ApiError(resourceNotServed());
  }
  return { type: 'resource', def, group, version, namespace, name, subresource };
}
