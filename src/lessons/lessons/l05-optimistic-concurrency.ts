import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET } from './common.ts';

const CONFLICTS = {
  measure: 'events',
  type: 'api.response',
  where: { code: 409, resource: 'replicasets.apps' },
} as const;

export const L05_OPTIMISTIC_CONCURRENCY: Lesson = {
  id: 'l5-optimistic-concurrency',
  type: 'lesson',
  title: 'L5 Optimistic concurrency',
  summary:
    "Every object carries a resourceVersion. An update sent with an old one fails with 409 Conflict instead of overwriting someone else's change; the writer reads again and retries.",
  scenario: 'replicaset',
  knobs: [
    {
      id: 'latency',
      label: 'API round trip (ms)',
      sets: { param: 'apiLatencyMs' },
      default: 2,
      min: 0,
      max: 500,
      step: 10,
      hint: 'A slower round trip widens the gap between reading an object and writing it back.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'steady',
      title: 'Two writers, one object',
      text: [
        "You write the ReplicaSet's spec and labels; its controller writes the ReplicaSet's status. Both send the resourceVersion they last read.",
      ],
      sources: [SRC.conflict],
      highlight: ['loop'],
      run: UNTIL_QUIET,
      checks: [
        {
          says: 'three Pods run',
          of: { measure: 'count', kind: 'Pod', phase: 'Running' },
          is: 'eq',
          value: 3,
        },
      ],
    },
    {
      id: 'conflict',
      title: 'A stale write is refused',
      text: [
        'You scale the ReplicaSet and label it. The controller reconciles from its cache and writes status with the resourceVersion it cached; by the time that write lands, the object has moved on.',
        'The API server compares resourceVersions and answers 409 Conflict: "the object has been modified; please apply your changes to the latest version and try again". updateReplicaSetStatus GETs a fresh copy and tries once more; if that fails too, the key is requeued with backoff.',
      ],
      sources: [SRC.conflict, SRC.replicaSetSync, SRC.retryOnConflict],
      highlight: ['loop', 'workers'],
      predict: {
        kind: 'choice',
        question: "The controller's status write carries an old resourceVersion. What happens?",
        choices: [
          'It overwrites your change (last writer wins)',
          'It fails with 409 Conflict, and the controller retries on a fresh copy',
          'The API server merges both writes',
        ],
        answer: 1,
        explain:
          'Updates are compare-and-swap on resourceVersion. Nobody loses a write; the stale writer retries.',
      },
      actions: [
        { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 },
        {
          action: 'patch',
          target: { kind: 'ReplicaSet', name: 'web' },
          patch: { metadata: { labels: { team: 'blue' } } },
        },
      ],
      run: UNTIL_QUIET,
      checks: [
        { says: 'at least one write got 409 Conflict', of: CONFLICTS, is: 'gte', value: 1 },
        {
          says: 'status still ends right: 5 ready replicas',
          of: { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'status.readyReplicas' },
          is: 'eq',
          value: 5,
        },
        { says: 'the world converged', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
  ],
};
