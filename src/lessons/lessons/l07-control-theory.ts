import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const REPLICAS = { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const REPLICA_CHANGES = {
  measure: 'changes',
  kind: 'ReplicaSet',
  name: 'web',
  path: 'spec.replicas',
} as const;

export const L07_CONTROL_THEORY: Lesson = {
  id: 'l7-control-theory',
  type: 'lesson',
  title: 'L7 Control theory: setpoint, error, gain and hysteresis',
  summary:
    'The HorizontalPodAutoscaler is a controller in the textbook sense: a setpoint (target utilization), a measured error, a gain, and deliberate hysteresis (a tolerance band and a scale-down stabilization window) so that it does not chase every wiggle.',
  scenario: 'hpa-square-wave',
  knobs: [
    {
      id: 'window',
      label: 'Scale-down stabilization window (s)',
      sets: { variable: 'WINDOW' },
      default: 300,
      min: 0,
      max: 600,
      step: 30,
      hint: 'Set it to 0: the replicas follow every low phase of the load down and back up (flapping).',
    },
    {
      id: 'target',
      label: 'Target CPU utilization (%)',
      sets: { variable: 'TARGET' },
      default: 50,
      min: 10,
      max: 100,
      step: 5,
      hint: 'The setpoint: desired = ceil(current × utilization / target). A lower target means more Pods for the same load.',
    },
  ],
  speed: 12,
  steps: [
    {
      id: 'setpoint',
      title: 'Setpoint and error',
      text: [
        "Two Pods request 200m of CPU each; the HPA's setpoint is 50% utilization. At 60 s the load jumps from 200m to 1000m: 1000m over 2 × 200m is 250%, five times the setpoint.",
        'Every 15 s the HPA computes desired = ceil(current × utilization / target), skipping changes within the 10% tolerance band, and limits how fast it may scale up (4 Pods or 100% per 15 s).',
      ],
      sources: [SRC.hpa, SRC.hpaCalc, SRC.hpaDocs],
      highlight: ['desired', 'series'],
      predict: {
        kind: 'number',
        question: 'How many replicas does the ReplicaSet have 20 s after the load jumps?',
        answer: REPLICAS,
        tolerance: 0,
        explain: '2 → 6 at the first sync (+4 Pods beats +100%), then 6 → 10 at the next: the maximum.',
      },
      run: { for: 80_000 },
      checks: [{ says: 'the HPA scaled to its maximum, 10', of: REPLICAS, is: 'eq', value: 10 }],
    },
    {
      id: 'hysteresis',
      title: 'Hysteresis: the low phase changes nothing',
      text: [
        'At 180 s the load drops back to 200m for two minutes. The raw recommendation is 2, but scale-down takes the highest recommendation of the last 300 s (the stabilization window): 10.',
        'That is hysteresis. It costs Pods during the low phase and buys stability: no Pods are killed and recreated every two minutes.',
      ],
      sources: [SRC.hpa, SRC.hpaDocs],
      highlight: ['desired', 'series'],
      predict: {
        kind: 'choice',
        question: 'During the two-minute low phase, what do the replicas do?',
        choices: ['Drop to 2 and climb back when the load returns', 'Stay at 10', 'Drop to 6'],
        answer: 1,
        explain: 'Scale-down waits until every recommendation of the last 300 s allows it.',
      },
      run: { for: 220_000 },
      checks: [{ says: 'the replicas never changed', of: REPLICA_CHANGES, is: 'eq', value: 0 }],
    },
    {
      id: 'settle',
      title: 'Settling after the load stays low',
      text: [
        'After the last high phase ends at 420 s, the window still remembers the high recommendations for 300 s. Only then does the HPA scale down, by up to 100% per 15 s, to its minimum of 2.',
      ],
      sources: [SRC.hpa, SRC.hpaDocs],
      highlight: ['series'],
      predict: {
        kind: 'number',
        question: 'How many replicas are left once the load has stayed low for good?',
        answer: REPLICAS,
        tolerance: 0,
        explain: 'minReplicas, 2: the load needs 1 Pod at 50%, but the HPA never goes below its minimum.',
      },
      run: { untilConverged: true, max: 600_000 },
      checks: [
        { says: 'the ReplicaSet is back at 2', of: REPLICAS, is: 'eq', value: 2 },
        { says: 'the world converged', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
  ],
};
