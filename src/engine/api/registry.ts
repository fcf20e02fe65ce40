/**
 * The resource registry: what kube-apiserver's discovery and kubectl's RESTMapper know together. Lookups by
 * GroupResource id, by apiVersion + kind (any served version), by bare kind, and by the names kubectl accepts
 * (plural, singular, short name, lowercase kind; optionally ".group"-qualified). Resolvers stand in for CRDs
 * that are installed on demand (any infrastructure.cluster.x-k8s.io kind): the first byKind miss asks them, and
 * what they return is registered for every later lookup.
 *
 * @example
 * const registry = createRegistry([...coreResources(), ...appsResources()]);
 * registry.byName('deploy')?.kind; // "Deployment"
 * registry.byKind('apps/v1', 'ReplicaSet')?.plural; // "replicasets"
 */
import {
  resourceIdOf,
  type KindResolver,
  type ResourceDefinition,
  type ResourceId,
  type ResourceRegistry,
} from './resource.ts';
import { splitApiVersion } from './types.ts';

export interface MutableRegistry extends ResourceRegistry {
  addResolver(fn: KindResolver): void;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks a definition's own consistency; throws an Error naming the problem. */
export function checkDefinition(def: ResourceDefinition): void {
  const where = `resource definition ${JSON.stringify(def?.kind ?? '?')}`;
  if (!def || typeof def !== 'object') throw new Error('a resource definition must be an object');
  if (!/^[A-Z][A-Za-z0-9]*$/.test(def.kind ?? '')) throw new Error(`${where}: kind must be a CamelCase name`);
  if (!DNS_LABEL.test(def.plural ?? '')) throw new Error(`${where}: plural must be a lowercase DNS label`);
  if (!DNS_LABEL.test(def.singular ?? ''))
    throw new Error(`${where}: singular must be a lowercase DNS label`);
  if (typeof def.group !== 'string') throw new Error(`${where}: group must be a string ("" for core)`);
  if (
    !Array.isArray(def.versions) ||
    def.versions.length === 0 ||
    def.versions.some((v) => !DNS_LABEL.test(v))
  ) {
    throw new Error(`${where}: versions must list at least one version, storage version first`);
  }
  if (!def.listKind) throw new Error(`${where}: listKind is required`);
  if (def.scope !== 'Namespaced' && def.scope !== 'Cluster')
    throw new Error(`${where}: scope must be Namespaced or Cluster`);
}

export function createRegistry(defs: readonly ResourceDefinition[] = []): MutableRegistry {
  const all: ResourceDefinition[] = [];
  const byId = new Map<ResourceId, ResourceDefinition>();
  const byGroupKind = new Map<string, ResourceDefinition>();
  const resolvers: KindResolver[] = [];

  const gk = (group: string, kind: string) => `${group}\u0000${kind}`;

  const register = (def: ResourceDefinition): void => {
    checkDefinition(def);
    const id = resourceIdOf(def);
    if (byId.has(id)) throw new Error(`resource ${JSON.stringify(id)} is already registered`);
    if (byGroupKind.has(gk(def.group, def.kind))) {
      throw new Error(
        `kind ${JSON.stringify(def.kind)} is already registered in group ${JSON.stringify(def.group)}`,
      );
    }
    all.push(def);
    byId.set(id, def);
    byGroupKind.set(gk(def.group, def.kind), def);
  };

  for (const d of defs) register(d);

  const served = (def: ResourceDefinition, version: string) => def.versions.includes(version);

  const byKind = (apiVersion: string, kind: string): ResourceDefinition | undefined => {
    const { group, version } = splitApiVersion(apiVersion);
    const known = byGroupKind.get(gk(group, kind));
    if (known) return served(known, version) ? known : undefined;
    for (const resolve of resolvers) {
      const def = resolve(apiVersion, kind);
      if (!def) continue;
      if (def.group !== group || def.kind !== kind) {
        throw new Error(`a kind resolver answered ${def.group}/${def.kind} for ${apiVersion}, Kind=${kind}`);
      }
      register(def);
      return served(def, version) ? def : undefined;
    }
    return undefined;
  };

  const byKindName = (kind: string): ResourceDefinition | undefined => {
    let found = all.filter((d) => d.kind === kind);
    if (found.length === 0) found = all.filter((d) => d.kind.toLowerCase() === kind.toLowerCase());
    return found.length === 1 ? found[0] : undefined;
  };

  const byName = (name: string): ResourceDefinition | undefined => {
    const lower = name.toLowerCase();
    const exact = byId.get(lower);
    if (exact) return exact;
    const dot = lower.indexOf('.');
    const resource = dot < 0 ? lower : lower.slice(0, dot);
    const group = dot < 0 ? undefined : lower.slice(dot + 1);
    const candidates = group === undefined ? all : all.filter((d) => d.group === group);
    // kubectl's RESTMapper tries the plural, then the singular, short names and the kind.
    return (
      candidates.find((d) => d.plural === resource) ??
      candidates.find((d) => d.singular === resource) ??
      candidates.find((d) => d.shortNames?.includes(resource)) ??
      candidates.find((d) => d.kind.toLowerCase() === resource)
    );
  };

  return {
    register,
    all: () => all,
    byId: (id) => byId.get(id),
    byKind,
    byKindName,
    byName,
    addResolver: (fn) => {
      if (typeof fn !== 'function') throw new Error('addResolver needs a function');
      resolvers.push(fn);
    },
  };
}
