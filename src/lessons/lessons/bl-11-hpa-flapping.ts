import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const CHANGES = { measure: 'changes', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const CREATED = { measure: 'created', kind: 'Pod' } as const;
const REPLICAS = { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;

export const BL11_HPA_FLAPPING: Lesson = {
  id: 'bl-11-hpa-flapping',
  type: 'bug-lab',
  title: 'BL-11 A flapping autoscaler: no stabilization window',
  summary:
    'A square-wave load, an HPA with scaleDown.stabilizationWindowSeconds 0: the replicas follow every dip. The default 300 s window holds them steady.',
  scenario: 'bl-11-hpa-flapping',
  knobs: [
    {
      id: 'low',
      label: 'Load in the low phase (millicores)',
      sets: { variable: 'LOW' },
      default: 400,
      min: 100,
      max: 1000,
      hint: 'Raise it to 950m: within the 10% tolerance of 1000m the HPA does not move, window or not.',
    },
  ],
  speed: 20,
  steps: [
    {
      id: 'buggy',
      title: 'Buggy: window 0, ten minutes of square wave',
      text: [
        'Ten Pods request 200m each; the HPA targets 50%, so 100m per Pod. The load alternates 1000m and 400m every 60 s.',
        'With stabilizationWindowSeconds 0 each 15 s sync acts on the current recommendation alone: 400m needs 4 Pods, 1000m needs 10 (scale-up limited to +100% per 15 s: 4 → 8 → 10).',
      ],
      sources: [SRC.hpaFlapping, SRC.hpa, SRC.hpaCalc],
      highlight: ['series', 'desired'],
      predict: {
        kind: 'number',
        question: 'How many times does spec.replicas change in 600 s?',
        answer: CHANGES,
        tolerance: 2,
        explain:
          'Every low phase scales down once (10 → 4), every high phase scales up twice (4 → 8 → 10): 13 changes in 10 minutes.',
      },
      run: { for: 600_000 },
      checks: [
        { says: 'spec.replicas changed 13 times', of: CHANGES, is: 'eq', value: 13 },
        { says: 'Pods were created over and over (churn)', of: CREATED, is: 'gte', value: 20 },
      ],
    },
    {
      id: 'fixed',
      title: 'Fixed: the default 300 s window',
      text: [
        'Same load; the HPA gets the default behavior.scaleDown.stabilizationWindowSeconds: 300. A scale-down uses the highest recommendation of the last 300 s, and a 60 s dip never wins that.',
        'Hysteresis has a price: during the low phases 6 Pods idle. That is the trade-off the window makes.',
      ],
      sources: [SRC.hpaFlapping, SRC.hpa],
      highlight: ['series'],
      restart: { params: {} },
      predict: {
        kind: 'choice',
        question: 'With the 300 s window, how many replica changes in the same 600 s?',
        choices: ['About as many', 'About half as many', 'None'],
        answer: 2,
        explain: 'Every 300 s window contains a high phase that wants 10: the recommendation never drops.',
      },
      actions: [
        {
          action: 'patch',
          target: { kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'default' },
          patch: { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } },
        },
      ],
      run: { for: 600_000 },
      checks: [
        { says: 'spec.replicas never changed', of: CHANGES, is: 'eq', value: 0 },
        { says: 'it held 10 replicas', of: REPLICAS, is: 'eq', value: 10 },
        { says: 'no Pod was deleted: no churn', of: { measure: 'deleted', kind: 'Pod' }, is: 'eq', value: 0 },
        { says: 'only the first 10 Pods were ever created', of: CREATED, is: 'eq', value: 10 },
      ],
    },
  ],
};
