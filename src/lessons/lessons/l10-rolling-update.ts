import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { workersKnob } from './common.ts';

const WORKERS = { 'cluster.x-k8s.io/deployment-name': 'demo-md-0' };

export const L10_ROLLING_UPDATE: Lesson = {
  id: 'l10-rolling-update',
  type: 'lesson',
  title: 'L10 Rolling update: maxSurge and maxUnavailable',
  summary:
    "Changing a MachineDeployment's template starts a rollout: a new MachineSet grows while the old one shrinks, never above replicas + maxSurge, never below replicas − maxUnavailable available.",
  scenario: 'md-rolling-update',
  knobs: [
    {
      id: 'max-surge',
      label: 'maxSurge',
      sets: { variable: 'MAX_SURGE' },
      default: 1,
      min: 0,
      max: 3,
      hint: 'Set maxSurge 0 and maxUnavailable 1: the rollout deletes before it creates.',
    },
    {
      id: 'max-unavailable',
      label: 'maxUnavailable',
      sets: { variable: 'MAX_UNAVAILABLE' },
      default: 0,
      min: 0,
      max: 3,
      hint: 'Both 0 is refused by validation: the rollout could never move.',
    },
    workersKnob('The peak is replicas + maxSurge, whatever the replicas.'),
  ],
  speed: 2,
  steps: [
    {
      id: 'up',
      title: 'The cluster at v1.34.0',
      text: ['The cluster comes up with its workers on the old version.'],
      sources: [SRC.capiMachineSet],
      highlight: ['graph'],
      run: { untilConverged: true, max: 60_000 },
      checks: [
        {
          says: 'three workers are Running',
          of: { measure: 'count', kind: 'Machine', phase: 'Running', label: WORKERS },
          is: 'eq',
          value: 3,
        },
      ],
    },
    {
      id: 'rollout',
      title: 'Bump the version',
      text: [
        'spec.template.spec.version changes, so the template hash changes and a new MachineSet is created. Each step of the rollout scales the new MachineSet up by what maxSurge allows and the old ones down by what maxUnavailable allows, counting only available Machines.',
      ],
      sources: [SRC.capiRollout],
      highlight: ['graph', 'lifecycle', 'desired'],
      predict: {
        kind: 'number',
        question: 'At the peak of the rollout, how many worker Machines exist at once?',
        answer: { measure: 'peak', kind: 'Machine', label: WORKERS },
        tolerance: 0,
        explain: 'replicas + maxSurge: 3 + 1 = 4 with the defaults.',
      },
      actions: [
        {
          action: 'patch',
          target: { kind: 'MachineDeployment', name: 'demo-md-0' },
          patch: { spec: { template: { spec: { version: 'v1.35.0' } } } },
        },
      ],
      run: { untilConverged: true, max: 80_000 },
      checks: [
        {
          says: 'never more than 4 workers at once',
          of: { measure: 'peak', kind: 'Machine', label: WORKERS },
          is: 'lte',
          value: 4,
        },
        {
          says: 'never fewer than 3 Running workers',
          of: { measure: 'trough', kind: 'Machine', phase: 'Running', label: WORKERS },
          is: 'gte',
          value: 3,
        },
        {
          says: 'every old worker was replaced',
          of: { measure: 'deleted', kind: 'Machine' },
          is: 'eq',
          value: 3,
        },
        { says: 'the rollout converged', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
  ],
};
