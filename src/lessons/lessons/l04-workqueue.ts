import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET, replicasKnob } from './common.ts';

const RS = 'replicaset-controller';

export const L04_WORKQUEUE: Lesson = {
  id: 'l4-workqueue',
  type: 'lesson',
  title: 'L4 The workqueue',
  summary:
    'Keys, not events: the queue merges duplicates, never hands one key to two workers, and retries failures with exponential backoff.',
  scenario: 'replicaset',
  knobs: [replicasKnob('More Pods mean more events for the same key: count how many the queue merges.')],
  speed: 1,
  steps: [
    {
      id: 'dedup',
      title: 'Many events, one key',
      text: [
        'Every Pod event maps to its owner: the key default/web. While the key waits in the queue, adding it again does nothing (it is in the dirty set already).',
        'The controller runs several workers, yet one key is never processed by two at once: a key added while it is processing waits until Done.',
      ],
      sources: [SRC.workqueue],
      highlight: ['queue', 'workers'],
      predict: {
        kind: 'choice',
        question: 'Three Pods start and each sends events. Does the controller reconcile once per event?',
        choices: ['Yes, once per event', 'No: events for a waiting key are merged'],
        answer: 1,
        explain: 'The queue holds keys. An Add for a key that is already waiting is merged (deduped).',
      },
      run: UNTIL_QUIET,
      checks: [
        {
          says: 'some adds were merged into a waiting key',
          of: { measure: 'events', type: 'queue.add', where: { deduped: true } },
          is: 'gte',
          value: 1,
        },
      ],
    },
    {
      id: 'backoff',
      title: 'Failures back off exponentially',
      text: [
        'The next five Reconciles of the ReplicaSet controller fail. Each failure puts the key back with AddRateLimited: the per-item exponential limiter waits 5 ms, then 10, 20, 40, 80 ms… up to 1000 s, and a bucket limiter (10 per second, burst 100) caps the overall rate.',
        'A success calls Forget, and the backoff for that key starts from 5 ms again.',
      ],
      sources: [SRC.rateLimiters, SRC.crController],
      highlight: ['queue'],
      predict: {
        kind: 'number',
        question: 'How many times is the key requeued with a backoff delay?',
        answer: { measure: 'events', type: 'queue.ratelimited' },
        tolerance: 0,
        explain: 'Once per failing Reconcile: five.',
      },
      actions: [
        { action: 'fault', fault: { type: 'reconcileError', controller: RS, count: 5 } },
        { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 4 },
      ],
      run: UNTIL_QUIET,
      checks: [
        {
          says: 'the first retry waited 5 ms',
          of: { measure: 'events', type: 'queue.ratelimited', where: { delayMs: 5 } },
          is: 'eq',
          value: 1,
        },
        {
          says: 'the fifth retry waited 80 ms',
          of: { measure: 'events', type: 'queue.ratelimited', where: { delayMs: 80 } },
          is: 'eq',
          value: 1,
        },
        {
          says: 'in the end four Pods run',
          of: { measure: 'count', kind: 'Pod', phase: 'Running' },
          is: 'eq',
          value: 4,
        },
      ],
    },
  ],
};
