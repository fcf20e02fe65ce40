/**
 * The scenario file format (docs/scenarios.md, DESIGN.md §2): the parsed Scenario, its actions and faults,
 * and the limits that keep a file from asking for something absurd.
 *
 * The action and fault shapes defined here are the ones the world runs (world/world-types.ts re-exports them).
 */
import type { KubeObject } from '../api/types.ts';
import type { QueueProfile } from '../client/profiles.ts';
import type { LoadSignal } from '../controllers/core/hpa/load-signal.ts';

export type QueueProfileName = QueueProfile;
export const QUEUE_PROFILES: readonly QueueProfileName[] = ['classic', 'priority-queue'];

export type PickMode = 'first' | 'random';

export interface TargetRef {
  kind?: string;
  name?: string;
  namespace?: string;
  selector?: Record<string, string>;
  pick?: PickMode;
}

export type FaultSpec =
  | { type: 'apiError'; verb?: string; resource?: string; code: number; count?: number; rate?: number }
  | { type: 'apiLatency'; ms: number; jitterMs?: number }
  | { type: 'watchDrop'; resource?: string; rate: number }
  | { type: 'watchExpire' }
  | { type: 'staleView'; controller: string; forMs: number }
  | { type: 'controllerCrash'; controller: string }
  | { type: 'reconcileError'; controller: string; count: number }
  | { type: 'nodeFailure'; target: TargetRef }
  | { type: 'provisioningFailure'; target?: TargetRef; rate?: number };

export type FaultType = FaultSpec['type'];

export type ScenarioAction =
  | { action: 'apply'; objects: KubeObject[] }
  | { action: 'patch'; target: TargetRef; patch: unknown; patchType?: 'merge' | 'json' }
  | { action: 'scale'; target: TargetRef; replicas: number }
  | { action: 'delete'; target: TargetRef; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' }
  | { action: 'fault'; fault: FaultSpec }
  | { action: 'clearFaults' };

export interface ScenarioTimedAction {
  atMs: number;
  action: ScenarioAction;
}

/** Where an object came from: `file` and `where` as in error messages ("document 3", "objects[1]"). */
export interface ObjectOrigin {
  file: string;
  /** 1-based document index in a multi-document YAML (manifests or an inline `objects:` string). */
  document?: number;
  where: string;
}

export interface Scenario {
  name: string;
  description?: string;
  /** The scenario (or manifests) file as the caller named it. */
  file: string;
  seed: number;
  profile: QueueProfileName;
  /** The effective variables: the file's `variables`, then the caller's overrides (--set). */
  variables: Record<string, string>;
  /** Objects to create at t=0: Namespaces first, then in file order. */
  objects: KubeObject[];
  /** origins[i] says where objects[i] was written. */
  origins: ObjectOrigin[];
  /** In time order; entries at the same time keep file order. */
  timeline: ScenarioTimedAction[];
  until: 'converged' | number;
  params?: Record<string, number | string | boolean>;
  /** CPU demand per scale target over time (`load:`), for the HorizontalPodAutoscaler's metrics. */
  load?: LoadSignal[];
}

/** Top-level keys of a scenario file. Anything else is rejected as a likely typo. */
export const SCENARIO_KEYS = [
  'name',
  'description',
  'seed',
  'profile',
  'variables',
  'manifests',
  'objects',
  'timeline',
  'until',
  'params',
  'load',
] as const;

export const ACTION_KEYS = ['apply', 'patch', 'scale', 'delete', 'fault', 'clearFaults'] as const;
export type ActionKey = (typeof ACTION_KEYS)[number];

export const FAULT_TYPES: readonly FaultType[] = [
  'apiError',
  'apiLatency',
  'watchDrop',
  'watchExpire',
  'staleView',
  'controllerCrash',
  'reconcileError',
  'nodeFailure',
  'provisioningFailure',
];

/** The verbs kube-apiserver authorizes (k8s.io/apiserver pkg/endpoints/request/requestinfo.go). */
export const API_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
] as const;

export const PROPAGATION_POLICIES = ['Background', 'Foreground', 'Orphan'] as const;
export const PATCH_TYPES = ['merge', 'json'] as const;
/** RFC 6902 operations. */
export const JSON_PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

export const DEFAULT_SEED = 1;
export const DEFAULT_PROFILE: QueueProfileName = 'classic';

const DAY_MS = 86_400_000;

/** Limits on numbers a scenario may ask for; past these a file is almost certainly wrong. */
export const LIMITS = {
  /** `at` and `until`. */
  maxTimeMs: 30 * DAY_MS,
  /** spec.replicas anywhere, and scale.replicas. */
  maxReplicas: 100_000,
  /** apiLatency ms and jitterMs. */
  maxLatencyMs: 600_000,
  /** staleView forMs. */
  maxStaleMs: DAY_MS,
  /** apiError / reconcileError counts. */
  maxCount: 1_000_000,
  /** Timeline entries. */
  maxTimeline: 10_000,
} as const;

/**
 * What a world needs from a scenario: structurally WorldOptions (world/world-types.ts), which this layer may
 * not import. Command-line overrides (seed, profile) win over the file.
 */
export interface ScenarioRunOptions {
  seed: number;
  profile: QueueProfileName;
  objects: KubeObject[];
  timeline: ScenarioTimedAction[];
  keepTrace: boolean;
  params?: Record<string, number | string | boolean>;
  load?: LoadSignal[];
}

export function scenarioRunOptions(
  scenario: Scenario,
  overrides: { seed?: number; profile?: QueueProfileName; keepTrace?: boolean } = {},
): ScenarioRunOptions {
  return {
    seed: overrides.seed ?? scenario.seed,
    profile: overrides.profile ?? scenario.profile,
    objects: scenario.objects,
    timeline: scenario.timeline,
    keepTrace: overrides.keepTrace ?? true,
    ...(scenario.params ? { params: scenario.params } : {}),
    ...(scenario.load ? { load: scenario.load } : {}),
  };
}
