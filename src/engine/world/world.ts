/**
 * The world as the CLI, the server, the lessons' runner and the tests build it: every controller of this
 * build available, the Cluster API ones run when cluster-api-rule.ts says so. The browser lab builds the same
 * worlds through build-world.ts, loading the Cluster API controllers only when a world needs them.
 */
import { createCapiControllers } from '../controllers/capi/capi-controllers.ts';
import { buildWorld, type LabWorld } from './build-world.ts';
import type { WorldOptions } from './world-types.ts';

export function createWorld(opts: WorldOptions): LabWorld {
  return buildWorld(opts, { capi: createCapiControllers });
}
