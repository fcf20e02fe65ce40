/**
 * One lab instance's store: it owns a running world, moves virtual time forward from wall time at a chosen
 * speed, and publishes one immutable snapshot per frame. React reads only snapshots, so the UI re-renders at
 * frame rate however many engine events a frame runs. Created per instance (see LabProvider), never shared.
 *
 * @example
 * const store = createLabStore(loadLabScenario('replicaset'));
 * store.getState().stepToQuiescence();
 * store.getState().snap.replicaSets[0]?.ready; // 3
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ControllerSnapshot } from '../../engine/client/controller.ts';
import type { InformerSnapshot } from '../../engine/client/informer.ts';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import type { LabWorld, RecordedAction } from '../../engine/world/build-world.ts';
import type { WorldAction, WorldOptions, WorldSummary } from '../../engine/world/world-types.ts';
import { recordHistory, type HistoryData, type ObjectHistory } from './history.ts';
import { isQuiet } from '../../engine/world/quiet.ts';
import type { LabScenario } from './lab-scenario.ts';
import { kindLookupOf } from './kinds.ts';
import type { KindLookup } from './log-filter.ts';
import { clampSpeed, DEFAULT_SPEED } from './speed.ts';
import { advanceTo, advanceWithin, appliedAt, stepOnce, type Tape } from './tape.ts';
import { podView, replicaSetView, type PodView, type ReplicaSetView } from './views.ts';
import type { CapiView } from './capi-views.ts';
import { watchObjectTally, type ObjectTally } from './object-tally.ts';
import { watchCapiView, type CapiViewSource } from './capi-views-source.ts';
import { createLabWorld, replayLabWorld } from './lab-world.ts';

/** Trace events kept in a snapshot for the diagrams' tokens and the live region. */
export const RECENT_EVENTS = 400;
/** A frame never advances more than this much wall time: a backgrounded tab must not jump minutes ahead. */
export const MAX_FRAME_WALL_MS = 100;
/**
 * Each frame's controller snapshots carry the first items of each queue list only (their counts stay whole):
 * the loop diagram shows five, and copying and sorting thousands of queued keys for every controller each
 * frame was most of the lab's garbage at 2,000 Machines.
 */
const QUEUE_SNAPSHOT = { maxItems: 8 } as const;
/** Step to quiescence gives up after this much virtual time (DESIGN.md §2's 2 h convergence timeout). */
export const QUIESCENCE_TIMEOUT_MS = 2 * 3_600_000;

export interface SeriesPoint {
  t: number;
  desired: number;
  ready: number;
}

export interface TimelineMarker {
  t: number;
  kind: 'user' | 'fault' | 'ahead';
  label: string;
}

export interface LabSnapshot {
  scenarioId: string;
  scenarioName: string;
  t: number;
  playing: boolean;
  speed: number;
  seed: number;
  profileLabel: string;
  converged: boolean;
  quiet: boolean;
  /** The furthest virtual time shown so far: the scrubber's end. */
  horizonMs: number;
  /** Scheduler events run so far. */
  executed: number;
  /** Nothing is scheduled any more. */
  finished: boolean;
  controllers: readonly ControllerSnapshot[];
  informers: readonly InformerSnapshot[];
  objects: WorldSummary['objects'];
  replicaSets: readonly ReplicaSetView[];
  pods: readonly PodView[];
  /** Desired vs ready of the scenario's main scalable object (seriesKind), one point per change. */
  series: readonly SeriesPoint[];
  /** MachineDeployment when the scenario has one, else ReplicaSet. */
  seriesKind: SeriesKind;
  /** The Cluster API objects' views; undefined when the world has none. Rebuilt only after a CAPI write. */
  capi: CapiView | undefined;
  markers: readonly TimelineMarker[];
  /** The last RECENT_EVENTS trace events, oldest first. */
  recent: readonly TraceEvent[];
  /** The whole trace so far. Append-only: pair it with traceSize when memoising. */
  trace: readonly TraceEvent[];
  traceSize: number;
  /** Counts the worlds built (reset, seek back): lets views drop state tied to an old world. */
  generation: number;
  /** The engine threw: playback stopped. Shown to the user; a reset clears it. */
  engineError: string | undefined;
  selected: ObjectRef | undefined;
  /** The latest runTo: running until its target, done there, or cancelled by a seek, step or reset. */
  run: RunStatus | undefined;
  /**
   * Virtual time per wall time actually played, smoothed over about half a second; equals speed unless the
   * engine cannot keep up within its share of a frame (frame-budget.ts). Meaningful only while playing.
   */
  pace: number;
}

/**
 * Where a runTo stops, relative to the moment it starts: after `forMs` of virtual time, or after the first
 * scheduler event (at least one) that leaves `until` true, giving up when the next event lies past `maxMs`.
 * The same stop rule as a lesson step's headless run (src/lessons/run-lesson.ts runFor), so the animated run
 * ends on the very event the headless one does.
 */
export type RunTarget = { forMs: number } | { until: (world: LabWorld) => boolean; maxMs: number };

export interface RunStatus {
  id: number;
  status: 'running' | 'done' | 'cancelled';
}

/** Replays a fresh world to a moment given by scheduler steps: the actions at their steps, then the clock. */
export interface RestartAt {
  actions: readonly RecordedAction[];
  /** Scheduler events executed at the moment. */
  events: number;
  atMs: number;
}

export type SeriesKind = 'MachineDeployment' | 'ReplicaSet';

export type ActResult = { ok: true } | { ok: false; error: string };

/** The object the panels focus on: the graph, the log and the inspector select it, the inspector shows it. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface LabState {
  snap: LabSnapshot;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** Runs one scheduler event. */
  step(): void;
  /** Runs until no controller has work (or the world converges). */
  stepToQuiescence(): void;
  /** A fresh world from the scenario, paused at t = 0; the tape of user actions is cleared. */
  reset(): void;
  /** Shows virtual time t: forward by running on, back by replaying (world/replay.ts replayTo). */
  seek(t: number): void;
  /** A user action, through world.act: recorded for replay; on error nothing changes. */
  act(action: WorldAction): ActResult;
  /** Called once per animation frame with the wall time since the last one. */
  frame(wallDtMs: number): void;
  select(ref: ObjectRef | undefined): void;
  /**
   * The running world, for panels that read more than a snapshot carries (an object's YAML, its history).
   * Read it only while rendering a snapshot, and never write through it: act() is the only way in.
   */
  world(): LabWorld;
  /** Every object's resourceVersions so far (the inspector's history); rebuilt with the world on seek back. */
  history(): ObjectHistory;
  /** The kinds the trace leaves implicit (the event log's filter); the same for every world of a store. */
  kinds(): KindLookup;
  /**
   * A fresh world from new options (a lesson's start, or a bug lab's fixed run), paused; reset and seek use
   * them from now on. With `at`, the world is replayed to that moment and the tape holds `at.actions`.
   */
  restart(options: WorldOptions, at?: RestartAt): void;
  /** Plays at the current speed until the target, then pauses; returns the run's id (see snap.run). */
  runTo(target: RunTarget): number;
  /** Completes the running runTo at once, as if played to its end. */
  finishRun(): void;
}

export type LabStore = StoreApi<LabState>;

interface Runtime {
  world: LabWorld;
  tape: RecordedAction[];
  applied: number;
  series: SeriesPoint[];
  seriesKey: string | undefined;
  unsubscribe: () => void;
  horizonMs: number;
  generation: number;
  /** Fault and user-action markers found in the trace so far, and how far the trace was scanned. */
  marks: TimelineMarker[];
  scanned: number;
  capi: CapiViewSource;
  tally: ObjectTally;
  history: ObjectHistory;
}

const tapeOf = (r: Runtime): Tape => ({ actions: r.tape, applied: r.applied });

function describeAction(action: WorldAction): string {
  switch (action.action) {
    case 'scale':
      return `scale ${action.target.kind ?? ''} to ${action.replicas}`;
    case 'delete':
      return `delete ${action.target.kind ?? ''} ${action.target.name ?? ''}`.trim();
    case 'fault':
      return `fault ${action.fault.type}`;
    default:
      return action.action;
  }
}

export interface LabStoreOptions {
  speed?: number;
  /**
   * Wall-time budget of a frame's engine work, with the wall clock to measure it (in the browser
   * performance.now and frame-budget.ts's share). Past it the frame draws what it has and the world falls
   * behind the chosen speed (snap.pace says by how much) instead of every frame stretching until the engine
   * catches up. Without one a frame plays all the virtual time it owes, so a store driven by
   * tests never depends on how fast the machine is.
   */
  budget?: { clock: () => number; engineMs: () => number };
}

/** Weight of the newest frame in snap.pace's moving average: about 30 frames (half a second at 60 fps). */
const PACE_SMOOTHING = 1 / 30;

export function createLabStore(scenario: LabScenario, opts: LabStoreOptions = {}): LabStore {
  const { budget } = opts;
  let options: WorldOptions = scenario.options;
  let playing = false;
  let speed = clampSpeed(opts.speed ?? DEFAULT_SPEED);
  let rt: Runtime;
  let generation = 0;
  /** Virtual time owed to the world below one millisecond: the trace's t stays an integer. */
  let carryMs = 0;
  let engineError: string | undefined;
  let selected: ObjectRef | undefined;
  let runSeq = 0;
  let runStatus: RunStatus | undefined;
  let pace = speed;
  /** The active runTo: its target, whether an event ran yet, and (for `until`) how far played time reached. */
  let active:
    { target: RunTarget; startMs: number; first: boolean; cursorMs: number; status: RunStatus } | undefined;

  // The series follows the object a learner scales: the first MachineDeployment of a CAPI scenario.
  const seriesKind: SeriesKind = (options.objects ?? []).some((o) => o.kind === 'MachineDeployment')
    ? 'MachineDeployment'
    : 'ReplicaSet';
  const seriesResource =
    seriesKind === 'MachineDeployment' ? 'machinedeployments.cluster.x-k8s.io' : 'replicasets.apps';
  const isSeriesObject = (o: { kind: string; apiVersion: string }) =>
    seriesKind === 'MachineDeployment'
      ? o.kind === 'MachineDeployment' && o.apiVersion.startsWith('cluster.x-k8s.io/')
      : o.kind === 'ReplicaSet' && o.apiVersion === 'apps/v1';

  /** Samples desired vs ready whenever the main scalable object is written. */
  function watchSeries(r: Runtime): () => void {
    const sample = (t: number, desired: number, ready: number) => {
      const last = r.series[r.series.length - 1];
      if (last && last.desired === desired && last.ready === ready) return;
      if (last && last.t === t) r.series[r.series.length - 1] = { t, desired, ready };
      else r.series.push({ t, desired, ready });
    };
    if (r.seriesKey === undefined) {
      for (const rs of r.world.api.peek(seriesResource)) {
        // spec.replicas and status.readyReplicas: the same fields on a ReplicaSet and a MachineDeployment.
        const v = replicaSetView(rs);
        r.seriesKey = v.key;
        sample(r.world.sim.now(), v.desired, v.ready);
        break;
      }
    }
    return r.world.api.onCommit((e) => {
      if (!isSeriesObject(e.obj)) return;
      r.seriesKey ??= e.key;
      if (e.key !== r.seriesKey) return;
      const v = replicaSetView(e.obj);
      sample(r.world.sim.now(), e.type === 'DELETED' ? 0 : v.desired, e.type === 'DELETED' ? 0 : v.ready);
    });
  }

  function fresh(
    world: LabWorld,
    tape: RecordedAction[],
    applied: number,
    series: SeriesPoint[],
    key?: string,
    carried?: HistoryData,
  ) {
    const r: Runtime = {
      world,
      tape,
      applied,
      series,
      seriesKey: key,
      unsubscribe: () => {},
      horizonMs: world.sim.now(),
      generation: ++generation,
      marks: [],
      scanned: 0,
      capi: watchCapiView(world.api),
      tally: watchObjectTally(world.api),
      history: recordHistory(world, carried),
    };
    const unSeries = watchSeries(r);
    r.unsubscribe = () => {
      unSeries();
      r.capi.dispose();
      r.tally.dispose();
      r.history.dispose();
    };
    return r;
  }

  rt = fresh(createLabWorld(options), [], 0, []);

  /**
   * The last snapshot's series and markers, handed out again while unchanged: copying them every frame made
   * every chart and the scrubber redraw at frame rate in a long run.
   */
  let lastSeries:
    { src: SeriesPoint[]; length: number; tail: SeriesPoint | undefined; out: SeriesPoint[] } | undefined;
  let lastMarks:
    { runtime: Runtime; marks: number; tape: number; applied: number; out: TimelineMarker[] } | undefined;

  function seriesOf(r: Runtime): SeriesPoint[] {
    const tail = r.series[r.series.length - 1];
    const c = lastSeries;
    if (c && c.src === r.series && c.length === r.series.length && c.tail === tail) return c.out;
    const out = r.series.slice();
    lastSeries = { src: r.series, length: r.series.length, tail, out };
    return out;
  }

  function markers(r: Runtime): TimelineMarker[] {
    const all = r.world.sim.trace.all();
    for (; r.scanned < all.length; r.scanned++) {
      const e = all[r.scanned]!;
      if (e.type === 'fault') r.marks.push({ t: e.t, kind: 'fault', label: `${e.kind} ${e.target}`.trim() });
      // t = 0 is the scenario's own apply, not something that happened along the way.
      else if (e.type === 'user.action' && e.t > 0)
        r.marks.push({ t: e.t, kind: 'user', label: `${e.action} ${e.target}` });
    }
    const c = lastMarks;
    // A cut tape changes `applied` or its length (act() after a seek back cuts and appends), so these suffice.
    if (
      c &&
      c.runtime === r &&
      c.marks === r.marks.length &&
      c.tape === r.tape.length &&
      c.applied === r.applied
    )
      return c.out;
    const out = r.marks.slice();
    for (let i = r.applied; i < r.tape.length; i++) {
      const a = r.tape[i]!;
      out.push({ t: a.atMs, kind: 'ahead', label: describeAction(a.action) });
    }
    lastMarks = { runtime: r, marks: r.marks.length, tape: r.tape.length, applied: r.applied, out };
    return out;
  }

  function snapshot(): LabSnapshot {
    const { world } = rt;
    const t = world.sim.now();
    rt.horizonMs = Math.max(rt.horizonMs, t);
    const all = world.sim.trace.all();
    const recent =
      all.length > 0 ? all.slice(-RECENT_EVENTS) : world.sim.trace.recent().slice(-RECENT_EVENTS);
    const replicaSets = [...world.api.peek('replicasets.apps')].map(replicaSetView);
    const pods = [...world.api.peek('pods')].map(podView);
    const controllers = [...world.controllers.values()].map((c) => c.snapshot(QUEUE_SNAPSHOT));
    return {
      scenarioId: scenario.id,
      scenarioName: scenario.scenario.name,
      t,
      playing,
      speed,
      seed: world.sim.seed,
      profileLabel: controllers[0]?.profileLabel ?? world.profile,
      converged: world.isConverged(),
      quiet: isQuiet(world),
      horizonMs: Math.max(rt.horizonMs, ...rt.tape.map((a) => a.atMs)),
      executed: world.sim.scheduler.executed(),
      finished: world.sim.scheduler.peekTime() === undefined,
      controllers,
      informers: world.informers.snapshot(),
      objects: rt.tally.current(),
      replicaSets,
      pods,
      series: seriesOf(rt),
      seriesKind,
      capi: rt.capi.current(),
      markers: markers(rt),
      recent,
      trace: all,
      traceSize: world.sim.trace.size(),
      generation: rt.generation,
      engineError,
      selected,
      run: runStatus,
      pace: playing ? pace : speed,
    };
  }

  const publish = () => store.setState({ snap: snapshot() });

  /** Runs fn against the world; an engine error stops playback and is reported, never thrown into React. */
  function guarded(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      playing = false;
      cancelRun();
      engineError = e instanceof Error ? e.message : String(e);
    }
    publish();
  }

  /** A seek, a step or a reset ends the run the learner started: the lesson sees it cancelled. */
  function cancelRun() {
    if (!active) return;
    runStatus = { id: active.status.id, status: 'cancelled' };
    active = undefined;
  }

  /**
   * Plays the active run forward by virtualMs of virtual time, or until overBudget; true when it reached its
   * target.
   */
  function advanceRun(virtualMs: number, overBudget: () => boolean): boolean {
    const run = active!;
    const { world } = rt;
    const s = world.sim.scheduler;
    if ('forMs' in run.target) {
      const end = run.startMs + run.target.forMs;
      rt.applied = advanceWithin(
        world,
        tapeOf(rt),
        Math.min(end, world.sim.now() + virtualMs),
        overBudget,
      ).applied;
      return world.sim.now() >= end;
    }
    // Mirrors run-lesson.ts runFor: give up past the deadline; otherwise stop once an event has run and the
    // condition holds. The clock stays on the last event (as headless), a cursor tracks the time played.
    const deadline = run.startMs + run.target.maxMs;
    run.cursorMs = Math.min(run.cursorMs + virtualMs, Number.MAX_SAFE_INTEGER);
    for (let n = 1; ; n++) {
      const next = s.peekTime();
      if (next === undefined || next > deadline) return true;
      if (!run.first && run.target.until(world)) return true;
      if (next > run.cursorMs) return false;
      rt.applied = stepOnce(world, tapeOf(rt)).applied;
      run.first = false;
      if (n % 16 === 0 && overBudget()) {
        // Out of time: played time reached only this event, so the next frame goes on from here.
        run.cursorMs = world.sim.now();
        return false;
      }
    }
  }

  function endRunIfDone(done: boolean) {
    if (!done || !active) return;
    runStatus = { id: active.status.id, status: 'done' };
    active = undefined;
    playing = false;
  }

  const store = createStore<LabState>()(() => ({
    snap: snapshot(),
    play() {
      playing = true;
      pace = speed;
      publish();
    },
    pause() {
      playing = false;
      publish();
    },
    togglePlay() {
      playing = !playing;
      pace = speed;
      publish();
    },
    setSpeed(next) {
      speed = clampSpeed(next);
      pace = speed;
      publish();
    },
    step() {
      playing = false;
      cancelRun();
      guarded(() => {
        rt.applied = stepOnce(rt.world, tapeOf(rt)).applied;
      });
    },
    stepToQuiescence() {
      playing = false;
      cancelRun();
      guarded(() => {
        const { world } = rt;
        const deadline = world.sim.now() + QUIESCENCE_TIMEOUT_MS;
        // Always make progress: pressing it on a quiet world runs to the next thing that happens.
        do {
          const next = world.sim.scheduler.peekTime();
          if (next === undefined || next > deadline) break;
          rt.applied = stepOnce(world, tapeOf(rt)).applied;
        } while (!world.isConverged() && !isQuiet(world));
      });
    },
    reset() {
      playing = false;
      cancelRun();
      engineError = undefined;
      carryMs = 0;
      rt.unsubscribe();
      rt = fresh(createLabWorld(options), [], 0, []);
      publish();
    },
    seek(target) {
      if (!Number.isFinite(target)) return;
      const t = Math.max(0, Math.round(target));
      cancelRun();
      guarded(() => {
        if (t >= rt.world.sim.now()) {
          rt.applied = advanceTo(rt.world, tapeOf(rt), t);
          return;
        }
        // Backwards: rebuild and replay. The run is deterministic, so the samples up to t are still right.
        const world = replayLabWorld(options, rt.tape, { atMs: t });
        const series = rt.series.filter((p) => p.t <= t);
        const horizon = rt.horizonMs;
        rt.unsubscribe();
        rt = fresh(world, rt.tape, appliedAt(rt.tape, t), series, rt.seriesKey, rt.history.upTo(t));
        rt.horizonMs = horizon;
      });
    },
    act(action) {
      try {
        rt.world.act(action);
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      // Acting after a seek back starts a new branch: the old future no longer follows from here.
      rt.tape.splice(rt.applied);
      const recorded = rt.world.actions[rt.world.actions.length - 1];
      if (recorded) rt.tape.push(recorded);
      rt.applied = rt.tape.length;
      // The old future is gone: the scrubber ends where the world is now.
      rt.horizonMs = rt.world.sim.now();
      publish();
      return { ok: true };
    },
    select(ref) {
      selected = ref;
      publish();
    },
    world: () => rt.world,
    history: () => rt.history,
    kinds: () => kindLookupOf(rt.world),
    restart(next, at) {
      playing = false;
      cancelRun();
      engineError = undefined;
      carryMs = 0;
      guarded(() => {
        const tape = at ? [...at.actions] : [];
        const world = at ? replayLabWorld(next, tape, { events: at.events }) : createLabWorld(next);
        if (at && at.atMs > world.sim.now()) world.sim.scheduler.advanceTo(at.atMs);
        // Only a world that was built replaces the old one: bad options change nothing.
        options = next;
        rt.unsubscribe();
        rt = fresh(world, tape, tape.length, []);
      });
    },
    runTo(target) {
      cancelRun();
      const now = rt.world.sim.now();
      const status: RunStatus = { id: ++runSeq, status: 'running' };
      active = { target, startMs: now, first: true, cursorMs: now, status };
      runStatus = status;
      playing = true;
      pace = speed;
      carryMs = 0;
      publish();
      return status.id;
    },
    finishRun() {
      if (!active) return;
      guarded(() => endRunIfDone(advanceRun(Number.MAX_SAFE_INTEGER, () => false)));
    },
    frame(wallDtMs) {
      if (!playing) return;
      const wall = Math.min(MAX_FRAME_WALL_MS, Math.max(0, wallDtMs));
      carryMs += wall * speed;
      const whole = Math.floor(carryMs);
      if (whole === 0) return;
      carryMs -= whole;
      const deadline = budget ? budget.clock() + budget.engineMs() : 0;
      const overBudget = budget ? () => budget.clock() > deadline : () => false;
      guarded(() => {
        const { world } = rt;
        const run = active;
        // An `until` run keeps the clock on its last event and tracks played time with a cursor.
        const position = () => (run && 'until' in run.target ? run.cursorMs : world.sim.now());
        const from = position();
        if (run) endRunIfDone(advanceRun(whole, overBudget));
        else rt.applied = advanceWithin(world, tapeOf(rt), from + whole, overBudget).applied;
        const played = position() - from;
        // Time the engine could not play this frame is dropped, not owed: owing it would make every later
        // frame try to catch up, and the lab would stall instead of slowing down.
        if (played < whole && active === run) carryMs = 0;
        if (wall > 0) pace += (played / wall - pace) * PACE_SMOOTHING;
      });
    },
  }));
  return store;
}
