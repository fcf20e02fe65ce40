/**
 * A controller's Reconcile as an xstate v5 machine whose states are its steps. The machine is the single
 * definition of which step may follow which; the runner's `yield ctx.step(...)` effects drive one actor per
 * worker through it, so the UI can read each worker's state, and a step the machine does not allow is a bug
 * that fails the reconcile (and the tests) instead of being silently shown.
 *
 * Actors get the sim's clock (createActor(machine, { clock })), so any `after` delay runs on virtual time.
 *
 * A step is checked against the transition table read back from the machine (a Set lookup), and the worker's
 * actor is brought to that state only when someone looks (snapshot()): the machines have no actions, guards
 * or delays, so the state an actor would reach by replaying every event is exactly the last step, and a
 * 1,000-Machine run does not pay for hundreds of thousands of xstate macrosteps nobody observes.
 *
 * @example
 * const steps = defineReconcileSteps({
 *   id: 'machineset', listing: ['func (r *Reconciler) Reconcile(...) {', ...],
 *   steps: { fetch: { next: ['compare'], lines: [2] }, compare: { next: [], lines: [4] } },
 * });
 * const reconcile = withStepMachine(sim, 'machineset-controller', steps, inner);
 */
import { createActor, setup, type Actor, type AnyStateMachine } from 'xstate';
import type { Reconcile, ReconcileResult, Effect } from '../../../client/reconciler.ts';
import type { Sim } from '../../../sim/sim.ts';

export const IDLE = 'idle';
export const RESULT = 'result';

export interface StepSpec {
  /** Steps that may follow this one (the result state is always allowed). */
  next: readonly string[];
  /** 1-based lines of the listing this step highlights. */
  lines: readonly number[];
}

export interface ReconcileStepsSpec {
  id: string;
  /** A short Go-flavoured listing of the Reconcile, for the code pane. */
  listing: readonly string[];
  /** The first step of every reconcile. */
  first: string;
  steps: Readonly<Record<string, StepSpec>>;
}

export interface ReconcileSteps {
  readonly id: string;
  readonly listing: readonly string[];
  /** Step (or idle/result) → listing lines. */
  readonly lines: ReadonlyMap<string, readonly number[]>;
  readonly machine: AnyStateMachine;
  /** The transitions, read back from the machine definition: state → allowed events. */
  readonly allowed: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Builds the machine: idle → first step → … → result → (next reconcile) first step. */
export function defineReconcileSteps(spec: ReconcileStepsSpec): ReconcileSteps {
  const names = Object.keys(spec.steps);
  if (!names.includes(spec.first)) throw new Error(`${spec.id}: first step "${spec.first}" is not a step`);
  const states: Record<string, { on: Record<string, string> }> = {};
  states[IDLE] = { on: { [spec.first]: spec.first } };
  states[RESULT] = { on: { [spec.first]: spec.first, [IDLE]: IDLE } };
  const lines = new Map<string, readonly number[]>();
  for (const name of names) {
    if (name === IDLE || name === RESULT) throw new Error(`${spec.id}: "${name}" is reserved`);
    const s = spec.steps[name]!;
    const on: Record<string, string> = { [RESULT]: RESULT };
    for (const n of s.next) {
      if (!names.includes(n)) throw new Error(`${spec.id}: step "${name}" names unknown next step "${n}"`);
      on[n] = n;
    }
    states[name] = { on };
    for (const l of s.lines) {
      if (!Number.isInteger(l) || l < 1 || l > spec.listing.length)
        throw new Error(`${spec.id}: step "${name}" points at line ${l}, outside the listing`);
    }
    lines.set(name, s.lines);
  }
  const machine = setup({}).createMachine({ id: spec.id, initial: IDLE, states });
  // Read the transition table back from the machine itself, so validation and the actor cannot disagree.
  const allowed = new Map<string, ReadonlySet<string>>();
  for (const [key, node] of Object.entries(machine.root.states)) {
    allowed.set(key, new Set(Object.keys(node.config.on ?? {})));
  }
  return { id: spec.id, listing: spec.listing, lines, machine, allowed };
}

export interface WorkerStepView {
  worker: number;
  state: string;
  lines: readonly number[];
}

export interface StepTracker {
  readonly steps: ReconcileSteps;
  /** Each worker's current state, as its actor reports it. */
  snapshot(): WorkerStepView[];
  /** Illegal steps seen (each also failed its reconcile). */
  violations(): readonly string[];
}

/**
 * Wraps a Reconcile so that each `ctx.step(...)` moves the worker's actor, checked against the machine first.
 * The wrapper forwards every effect and every resumed value or thrown error unchanged.
 */
export function withStepMachine(
  sim: Sim,
  steps: ReconcileSteps,
  inner: Reconcile,
): { reconcile: Reconcile; tracker: StepTracker } {
  const clock = {
    setTimeout: (fn: (...args: unknown[]) => void, ms: number) =>
      sim.scheduler.after(ms, () => fn(), `xstate ${steps.id}`),
    clearTimeout: (id: unknown) => sim.scheduler.cancel(id as Parameters<typeof sim.scheduler.cancel>[0]),
  };
  const actors: Actor<AnyStateMachine>[] = [];
  const current: string[] = [];
  const violations: string[] = [];

  /** The worker's actor, in the worker's current state (restored from the machine's own resolveState). */
  const actorFor = (worker: number) => {
    const state = current[worker] ?? IDLE;
    let a = actors[worker];
    if (!a || a.getSnapshot().value !== state) {
      a?.stop();
      a = createActor(steps.machine, {
        clock,
        snapshot: steps.machine.resolveState({ value: state, context: undefined }),
      }).start();
      actors[worker] = a;
    }
    return a;
  };

  const move = (worker: number, to: string, key: string) => {
    const from = current[worker] ?? IDLE;
    if (!steps.allowed.get(from)?.has(to)) {
      const msg = `${steps.id}: illegal step "${to}" after "${from}" (reconciling ${key})`;
      violations.push(msg);
      throw new Error(msg);
    }
    current[worker] = to;
  };

  const reconcile: Reconcile = function* (req, ctx) {
    current[ctx.worker] ??= IDLE;
    // A reconcile abandoned by a crash never reached its result: the next one starts from a clean state.
    if (current[ctx.worker] !== IDLE && current[ctx.worker] !== RESULT) current[ctx.worker] = RESULT;
    const gen = inner(req, ctx);
    let input: unknown;
    let throwing = false;
    let result: ReconcileResult | void;
    for (;;) {
      let r: IteratorResult<Effect, ReconcileResult | void>;
      try {
        r = throwing ? gen.throw(input) : gen.next(input);
      } catch (e) {
        // A failed reconcile still ends: the worker shows its result (the error) until the next one.
        if (current[ctx.worker] !== IDLE && current[ctx.worker] !== RESULT) current[ctx.worker] = RESULT;
        throw e;
      }
      if (r.done) {
        result = r.value;
        break;
      }
      const effect = r.value as Effect;
      if (effect.kind === 'step') move(ctx.worker, effect.step, req.key);
      try {
        input = yield effect;
        throwing = false;
      } catch (e) {
        input = e;
        throwing = true;
      }
    }
    move(ctx.worker, RESULT, req.key);
    return result;
  };

  return {
    reconcile,
    tracker: {
      steps,
      snapshot: () =>
        current.map((_, worker) => {
          const state = String(actorFor(worker).getSnapshot().value);
          return { worker, state, lines: steps.lines.get(state) ?? [] };
        }),
      violations: () => violations,
    },
  };
}
