import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const CHANGES = { measure: 'changes', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const CREATED = { measure: 'created', kind: 'Pod' } as const;
const DELETED = { measure: 'deleted', kind: 'Pod' } as const;
const REPLICAS = { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'spec.replicas' } as const;
const RUNNING = { measure: 'count', kind: 'Pod', phase: 'Running' } as const;

export const BL10_FIGHTING_CONTROLLERS: Lesson = {
  id: 'bl-10-fighting-controllers',
  type: 'bug-lab',
  title: 'BL-10 Two controllers fighting over spec.replicas',
  summary:
    'A GitOps sync re-applies replicas: 1 while an HPA insists on at least 2. Two setpoints on one actuator never settle; one writer per field does.',
  scenario: 'bl-10-fighting-controllers',
  knobs: [
    {
      id: 'watch-latency',
      label: 'Watch latency (ms)',
      sets: { param: 'watchLatencyMs' },
      default: 1,
      min: 0,
      max: 5000,
      hint: 'Slower watches change the rhythm of the fight, not its outcome: there is no value both accept.',
    },
  ],
  speed: 4,
  steps: [
    {
      id: 'buggy',
      title: 'Buggy: the manifest sets replicas',
      text: [
        'The ReplicaSet’s manifest in git says replicas: 1; a teaching gitops-sync controller re-applies it when the live object drifts, at most every 10 s.',
        'The HPA has minReplicas: 2 and syncs every 15 s. Each one undoes the other’s write.',
      ],
      sources: [SRC.argoCd5105, SRC.hpaMigrating, SRC.hpa],
      highlight: ['desired', 'series'],
      predict: {
        kind: 'choice',
        question: 'What happens to spec.replicas over two minutes?',
        choices: [
          'It settles at 2, the HPA wins',
          'It settles at 1, git wins',
          'It keeps flipping between 1 and 2',
        ],
        answer: 2,
        explain:
          'Neither controller knows about the other; each sees drift from its own setpoint and corrects it.',
      },
      run: { for: 120_000 },
      checks: [
        { says: 'spec.replicas changed at least 8 times', of: CHANGES, is: 'gte', value: 8 },
        { says: 'Pods were created again and again', of: CREATED, is: 'gte', value: 4 },
        { says: 'and deleted again and again', of: DELETED, is: 'gte', value: 4 },
      ],
    },
    {
      id: 'fixed',
      title: 'Fixed: the manifest leaves replicas out',
      text: [
        'The fix is one line: remove replicas from the manifest (or tell the GitOps tool to ignore /spec/replicas). Now the HPA is the only writer of the field.',
      ],
      sources: [SRC.hpaMigrating, SRC.argoCd5105],
      highlight: ['desired'],
      restart: { params: { gitopsSync: 'fixed' } },
      predict: {
        kind: 'number',
        question: 'Where does spec.replicas settle?',
        answer: REPLICAS,
        tolerance: 0,
        explain: 'At the HPA’s minimum, 2: the light load needs fewer, and nobody else writes the field.',
      },
      run: { for: 60_000 },
      checks: [
        { says: 'spec.replicas is 2', of: REPLICAS, is: 'eq', value: 2 },
        { says: 'it changed once (1 → 2)', of: CHANGES, is: 'eq', value: 1 },
        { says: 'two Pods run', of: RUNNING, is: 'eq', value: 2 },
      ],
    },
    {
      id: 'stays',
      title: 'And it stays put',
      text: ['Another two minutes: a single writer per field leaves nothing to fight over.'],
      sources: [SRC.hpaMigrating],
      run: { for: 120_000 },
      checks: [
        { says: 'no more changes', of: CHANGES, is: 'eq', value: 0 },
        { says: 'no Pod created', of: CREATED, is: 'eq', value: 0 },
        { says: 'no Pod deleted', of: DELETED, is: 'eq', value: 0 },
      ],
    },
  ],
};
