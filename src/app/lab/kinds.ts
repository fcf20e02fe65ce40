/** Kind names the trace leaves implicit, read from a running world: API resources' kinds and controllers' primary kinds. */
import type { LabWorld } from '../../engine/world/build-world.ts';
import type { KindLookup } from './log-filter.ts';

export function kindLookupOf(world: Pick<LabWorld, 'api' | 'controllers'>): KindLookup {
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
