/**
 * Kind names the trace leaves implicit: API resources' kinds and controllers' primary kinds. Read from a
 * running world, or from the table the build took from one for the first frame (first-frame.ts).
 */
import { resourceIdOf } from '../../engine/api/resource.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';
import type { KindLookup } from './log-filter.ts';

type KindSource = Pick<LabWorld, 'api' | 'controllers'>;

export function kindLookupOf(world: KindSource): KindLookup {
  const ofResource = (resource: string) => world.api.registry.byId(resource)?.kind;
  return {
    ofResource,
    // A controller's first source is its For() resource (controller-runtime builder.go For): its queue holds those keys.
    ofController(controller) {
      const first = world.controllers.get(controller)?.resources[0];
      return first === undefined ? undefined : ofResource(first);
    },
  };
}

/** kindLookupOf's answers for every resource and controller a world has now, as plain data. */
export interface KindTable {
  resources: Readonly<Record<string, string>>;
  controllers: Readonly<Record<string, string>>;
}

export function kindTableOf(world: KindSource): KindTable {
  const lookup = kindLookupOf(world);
  const resources: Record<string, string> = {};
  for (const def of world.api.registry.all()) resources[resourceIdOf(def)] = def.kind;
  const controllers: Record<string, string> = {};
  for (const name of world.controllers.keys()) {
    const kind = lookup.ofController(name);
    if (kind !== undefined) controllers[name] = kind;
  }
  return { resources, controllers };
}

export function kindLookupOfTable(table: KindTable): KindLookup {
  // Own keys only: a resource named "constructor" must not find Object.prototype's.
  const get = (r: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(r, k) ? r[k] : undefined);
  return {
    ofResource: (resource) => get(table.resources, resource),
    ofController: (controller) => get(table.controllers, controller),
  };
}
