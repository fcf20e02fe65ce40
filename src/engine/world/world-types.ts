/**
 * The contract of a running world: one sim, one API server, the informers and controllers, and the
 * scenario's timeline. The CLI, the benchmarks and the UI drive a world only through this.
 */
import type { ApiServer } from '../api/api.ts';
import type { KubeObject } from '../api/types.ts';
import type { LoadSignal } from '../controllers/core/hpa/load-signal.ts';
import type { Sim } from '../sim/sim.ts';
import type { QueueProfileName, ScenarioAction, ScenarioTimedAction } from '../scenario/schema.ts';

export type { FaultSpec, QueueProfileName, TargetRef } from '../scenario/schema.ts';

/** A user action, from a scenario timeline or from the UI. Serializable: permalinks carry them. */
export type WorldAction = ScenarioAction;
export type TimedAction = ScenarioTimedAction;

export interface WorldOptions {
  seed: number;
  profile?: QueueProfileName;
  /** Objects to create at t=0, in order (the scenario loader puts Namespaces first). */
  objects?: KubeObject[];
  timeline?: TimedAction[];
  /**
   * Run the Cluster API controllers. Default: when the objects or the timeline create a Cluster API object
   * (cluster-api-rule.ts runsClusterApi). The API server serves the Cluster API kinds either way.
   */
  clusterApi?: boolean;
  /** Keep the full trace for export (default true). */
  keepTrace?: boolean;
  /** Named parameters a scenario or lesson may set: e.g. kubeletStartDelayMs, resyncMs, maxConcurrentReconciles. */
  params?: Record<string, number | string | boolean>;
  /** The scenario's `load:` section: CPU demand per scale target, read by the simulated metrics-server. */
  load?: LoadSignal[];
}

export interface WorldSummary {
  converged: boolean;
  convergedAtMs: number | null;
  endMs: number;
  objects: Record<string, Record<string, number> & { total: number }>;
  counts: { events: number; reconciles: number; requeues: number; conflicts: number };
}

export interface World {
  readonly sim: Sim;
  readonly api: ApiServer;
  readonly profile: QueueProfileName;
  /** Runs one scheduler event. False when nothing is left to run. */
  step(): boolean;
  /** Runs until virtual time t (inclusive). */
  runUntil(t: number): void;
  /** Runs every timeline action, then until converged or the timeout (default 2 h virtual). */
  runToConvergence(timeoutMs?: number): { converged: boolean; atMs: number | null };
  /** True when every controller queue is empty with nothing pending and every object is at its desired state. */
  isConverged(): boolean;
  /** Applies a user action now; throws a clear Error (and changes nothing) when it is invalid. */
  act(action: WorldAction): void;
  summary(): WorldSummary;
}
