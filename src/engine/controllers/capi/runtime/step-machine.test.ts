import { describe, expect, it } from 'vitest';
import type { Reconcile, ReconcileContext, ReconcileRequest } from '../../../client/reconciler.ts';
import { createSim } from '../../../sim/sim.ts';
import { defineReconcileSteps, withStepMachine } from './step-machine.ts';

const steps = defineReconcileSteps({
  id: 'demo',
  first: 'fetch',
  listing: ['func Reconcile() {', '  get', '  compare', '  act', '}'],
  steps: {
    fetch: { next: ['compare'], lines: [2] },
    compare: { next: ['act'], lines: [3] },
    act: { next: [], lines: [4] },
  },
});

const req: ReconcileRequest = { namespace: 'default', name: 'x', key: 'default/x' };
const ctxFor = (worker: number) =>
  ({ worker, step: (step: string) => ({ kind: 'step', step }) }) as unknown as ReconcileContext;

/** Drives a reconcile generator by hand, stopping after `stopAfter` effects (or at the end). */
function drive(reconcile: Reconcile, worker: number, stopAfter = Infinity) {
  const gen = reconcile(req, ctxFor(worker));
  let n = 0;
  for (let r = gen.next(); !r.done; r = gen.next()) if (++n >= stopAfter) return gen;
  return gen;
}

describe('withStepMachine', () => {
  it("reports each worker's state through its xstate actor, on the step the reconcile is at", () => {
    const sim = createSim({ seed: 1 });
    const inner: Reconcile = function* (_req, ctx) {
      yield ctx.step('fetch');
      yield ctx.step('compare');
      yield ctx.step('act');
    };
    const { reconcile, tracker } = withStepMachine(sim, steps, inner);
    drive(reconcile, 0);
    drive(reconcile, 1, 2);
    expect(tracker.snapshot()).toEqual([
      { worker: 0, state: 'result', lines: [] },
      { worker: 1, state: 'compare', lines: [3] },
    ]);
    // Worker 1's reconcile was abandoned (a crash): the next one starts clean.
    drive(reconcile, 1);
    expect(tracker.snapshot().map((w) => w.state)).toEqual(['result', 'result']);
    expect(tracker.violations()).toEqual([]);
  });

  it('fails the reconcile on a step the machine does not allow, and records it', () => {
    const sim = createSim({ seed: 1 });
    const inner: Reconcile = function* (_req, ctx) {
      yield ctx.step('fetch');
      yield ctx.step('act');
    };
    const { reconcile, tracker } = withStepMachine(sim, steps, inner);
    expect(() => drive(reconcile, 0)).toThrow(
      'demo: illegal step "act" after "fetch" (reconciling default/x)',
    );
    expect(tracker.violations()).toEqual(['demo: illegal step "act" after "fetch" (reconciling default/x)']);
    expect(tracker.snapshot()).toEqual([{ worker: 0, state: 'fetch', lines: [2] }]);
  });
});
