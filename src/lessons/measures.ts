/**
 * Reads a lesson's measures from a world. A StepProbe watches commits and trace events from the moment a step
 * starts, so peaks, creations and changes are counted exactly, not sampled.
 */
import { resourceIdOf } from '../engine/api/resource.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { phaseOf } from '../engine/controllers/core/settled.ts';
import type { TraceEvent } from '../engine/sim/trace.ts';
import type { LabWorld } from '../engine/world/build-world.ts';
import type { Check, Comparison, Measure } from './lesson-types.ts';

type Selecting = { kind: string; phase?: string; label?: Record<string, string> };

/**
 * Cluster API objects say their own phase, Deleting included (machine_controller_phases.go); the engine's
 * phaseOf calls anything with a deletionTimestamp Terminating, as kubectl shows Pods.
 */
function lessonPhase(obj: KubeObject): string {
  const own = obj.status?.phase;
  if (obj.apiVersion.includes('cluster.x-k8s.io') && typeof own === 'string' && own) return own;
  return phaseOf(obj);
}

function matches(obj: KubeObject, m: Selecting): boolean {
  if (obj.kind !== m.kind) return false;
  if (m.phase !== undefined && lessonPhase(obj) !== m.phase) return false;
  if (m.label) {
    const labels = obj.metadata.labels ?? {};
    for (const [k, v] of Object.entries(m.label)) if (labels[k] !== v) return false;
  }
  return true;
}

function objectsOf(world: LabWorld, kind: string): Iterable<KubeObject> {
  for (const def of world.api.registry.all()) if (def.kind === kind) return world.api.peek(resourceIdOf(def));
  return [];
}

function countNow(world: LabWorld, m: Selecting): number {
  let n = 0;
  for (const o of objectsOf(world, m.kind)) if (matches(o, m)) n++;
  return n;
}

function readPath(obj: KubeObject | undefined, path: string): number {
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return 0;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function findObject(world: LabWorld, kind: string, name: string, namespace?: string): KubeObject | undefined {
  for (const o of objectsOf(world, kind))
    if (o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace)) return o;
  return undefined;
}

function eventMatches(
  e: TraceEvent,
  type: string,
  where?: Record<string, string | number | boolean>,
): boolean {
  if (e.type !== type) return false;
  if (!where) return true;
  const rec = e as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(where)) if (rec[k] !== v) return false;
  return true;
}

export interface StepProbe {
  read(m: Measure): number;
  stop(): void;
}

/** Starts counting for the measures that need history; read() answers any measure at any time. */
export function startProbe(world: LabWorld, wanted: readonly Measure[]): StepProbe {
  // A prediction and a check may share one measure object: count it once.
  const measures = [...new Set(wanted)];
  const extremes = new Map<Measure, number>();
  const tallies = new Map<Measure, number>();
  const lastValue = new Map<Measure, number>();
  for (const m of measures) {
    if (m.measure === 'peak' || m.measure === 'trough') extremes.set(m, countNow(world, m));
    if (
      m.measure === 'created' ||
      m.measure === 'deleted' ||
      m.measure === 'changes' ||
      m.measure === 'events'
    )
      tallies.set(m, 0);
    if (m.measure === 'changes')
      lastValue.set(m, readPath(findObject(world, m.kind, m.name, m.namespace), m.path));
  }
  // Peaks need the count at every commit; a running count per measure keeps that O(1) per commit.
  const running = new Map<Measure, number>();
  for (const m of extremes.keys()) running.set(m, extremes.get(m)!);

  const offCommit = world.api.onCommit((e) => {
    for (const m of measures) {
      switch (m.measure) {
        case 'peak':
        case 'trough': {
          const before = e.prev && e.type !== 'ADDED' ? matches(e.prev, m) : false;
          const after = e.type === 'DELETED' ? false : matches(e.obj, m);
          if (before === after) break;
          const n = running.get(m)! + (after ? 1 : -1);
          running.set(m, n);
          const best = extremes.get(m)!;
          extremes.set(m, m.measure === 'peak' ? Math.max(best, n) : Math.min(best, n));
          break;
        }
        case 'created':
          if (e.type === 'ADDED' && e.obj.kind === m.kind) tallies.set(m, tallies.get(m)! + 1);
          break;
        case 'deleted':
          if (e.type === 'DELETED' && e.obj.kind === m.kind) tallies.set(m, tallies.get(m)! + 1);
          break;
        case 'changes':
          if (e.obj.kind === m.kind && e.obj.metadata.name === m.name) {
            const v = e.type === 'DELETED' ? 0 : readPath(e.obj, m.path);
            if (v !== lastValue.get(m)) {
              lastValue.set(m, v);
              tallies.set(m, tallies.get(m)! + 1);
            }
          }
          break;
        default:
          break;
      }
    }
  });
  const eventMeasures = measures.filter((m) => m.measure === 'events');
  const offTrace =
    eventMeasures.length === 0
      ? () => {}
      : world.sim.trace.subscribe((ev) => {
          for (const m of eventMeasures)
            if (m.measure === 'events' && eventMatches(ev, m.type, m.where))
              tallies.set(m, tallies.get(m)! + 1);
        });

  return {
    read(m) {
      switch (m.measure) {
        case 'count':
          return countNow(world, m);
        case 'peak':
        case 'trough':
          return extremes.get(m) ?? countNow(world, m);
        case 'field':
          return readPath(findObject(world, m.kind, m.name, m.namespace), m.path);
        case 'converged':
          return world.isConverged() ? 1 : 0;
        default:
          return tallies.get(m) ?? 0;
      }
    },
    stop() {
      offCommit();
      offTrace();
    },
  };
}

export function compare(observed: number, is: Comparison, value: number): boolean {
  switch (is) {
    case 'eq':
      return observed === value;
    case 'gte':
      return observed >= value;
    case 'lte':
      return observed <= value;
    case 'gt':
      return observed > value;
    case 'lt':
      return observed < value;
  }
}

export interface CheckResult {
  check: Check;
  observed: number;
  pass: boolean;
}

export function evaluateChecks(probe: StepProbe, checks: readonly Check[]): CheckResult[] {
  return checks.map((check) => {
    const observed = probe.read(check.of);
    return { check, observed, pass: compare(observed, check.is, check.value) };
  });
}

/** Every measure a step reads: its checks' and its numeric prediction's. */
export function measuresOf(step: {
  checks?: readonly Check[];
  predict?: { kind: string; answer?: unknown };
}): Measure[] {
  const out: Measure[] = (step.checks ?? []).map((c) => c.of);
  if (step.predict?.kind === 'number') out.push(step.predict.answer as Measure);
  return out;
}
