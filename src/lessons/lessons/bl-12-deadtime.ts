import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const REPLICAS = { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const CHANGES = { measure: 'changes', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const CONVERGED = { measure: 'converged' } as const;

export const BL12_DEADTIME: Lesson = {
  id: 'bl-12-deadtime',
  type: 'bug-lab',
  title: 'BL-12 Deadtime makes a "perfect" autoscaler oscillate',
  summary:
    'An autoscaler that corrects fully every 15 s, reading a metric one period old: 3, 9, 27, 27, 9, 3, … forever. Halve the gain and it settles.',
  scenario: 'bl-12-deadtime',
  knobs: [
    {
      id: 'deadtime',
      label: 'Metric deadtime (sync periods)',
      sets: { param: 'naiveAutoscalerDeadtime' },
      default: 1,
      min: 0,
      max: 4,
      hint: 'd = 0 is deadbeat (3, 9, 9, …); d = 2 grows until the clip at 100, even at half gain it rings slowly.',
    },
  ],
  speed: 4,
  steps: [
    {
      id: 'buggy-up',
      title: 'Buggy: full gain, one period of deadtime',
      text: [
        'The load needs 9 Pods; there are 3. A teaching naive-autoscaler sets N[k+1] = ceil(N[k] · 9 / N[k−1]) every 15 s: its metric still divides the load over the Pods of one period ago, because new Pods are not serving yet.',
        'Its setpoints are written to the annotation lab.reconcile.dev/naive-history on the ReplicaSet.',
      ],
      sources: [SRC.hpaCalc, SRC.hpaDocs],
      highlight: ['desired', 'series'],
      predict: {
        kind: 'number',
        question: 'After its first two syncs (t = 0 s and 15 s), what is spec.replicas?',
        answer: REPLICAS,
        tolerance: 0,
        explain:
          'First 3 · 9/3 = 9. Then the metric still sees 3 Pods: 9 · 9/3 = 27. It overshoots threefold.',
      },
      run: { for: 40_000 },
      checks: [{ says: 'spec.replicas is 27', of: REPLICAS, is: 'eq', value: 27 }],
    },
    {
      id: 'buggy-down',
      title: 'And back down, past the target',
      text: [
        'At 30 s the metric catches up with 9 Pods: 27 · 9/9 = 27. At 45 s it sees 27 Pods: 27 · 9/27 = 9. At 60 s it still sees 27: 9 · 9/27 = 3. Back where it started: a cycle of period 6.',
      ],
      sources: [SRC.hpaCalc],
      highlight: ['series'],
      predict: {
        kind: 'choice',
        question: 'Where is spec.replicas at t ≈ 70 s?',
        choices: ['9, the target', '3, where it started', '27'],
        answer: 1,
        explain:
          'With gain 1 and one period of deadtime the roots sit on the unit circle: the loop neither grows nor settles.',
      },
      run: { for: 30_000 },
      checks: [
        { says: 'spec.replicas is back to 3', of: REPLICAS, is: 'eq', value: 3 },
        { says: 'it changed twice (27 → 9 → 3)', of: CHANGES, is: 'eq', value: 2 },
        { says: 'the world has not converged', of: CONVERGED, is: 'eq', value: 0 },
      ],
    },
    {
      id: 'fixed',
      title: 'Fixed: half the gain',
      text: [
        'Same deadtime, gain 0.5: N[k+1] = ceil(N[k] · sqrt(9 / N[k−1])). The trace is 3, 6, 11, 14, 13, 11, 10, 10: damped, settling at 10 (ceil rounding; the ideal is 9).',
        'The real HPA keeps its full gain and measures better instead: it leaves not-yet-ready Pods out of the average and counts them at 0% on scale-up, so capacity it asked for counts before it serves.',
      ],
      sources: [SRC.hpaCalc, SRC.hpaDocs],
      highlight: ['series'],
      restart: { params: { naiveAutoscaler: 'fixed' } },
      predict: {
        kind: 'choice',
        question: 'With half the gain, what does the loop do?',
        choices: ['Oscillates more slowly', 'Overshoots a little, then settles', 'Never reaches 9'],
        answer: 1,
        explain: 'At d = 1 any gain below 1 is stable; 0.5 damps the swing (|z| ≈ 0.707).',
      },
      run: { untilConverged: true, max: 150_000 },
      checks: [
        { says: 'spec.replicas settled at 10', of: REPLICAS, is: 'eq', value: 10 },
        { says: 'after 6 changes (3, 6, 11, 14, 13, 11, 10)', of: CHANGES, is: 'eq', value: 6 },
        { says: 'the world converged', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'stays',
      title: 'And it stays there',
      text: ['Two more minutes of syncs change nothing: the loop is at rest.'],
      sources: [SRC.hpaDocs],
      run: { for: 60_000 },
      checks: [
        { says: 'no more changes', of: CHANGES, is: 'eq', value: 0 },
        { says: 'still converged', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
  ],
};
