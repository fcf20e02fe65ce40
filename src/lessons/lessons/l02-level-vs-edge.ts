import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET, replicasKnob } from './common.ts';

const RUNNING = { measure: 'count', kind: 'Pod', phase: 'Running' } as const;
const CREATED = { measure: 'created', kind: 'Pod' } as const;

export const L02_LEVEL_VS_EDGE: Lesson = {
  id: 'l2-level-vs-edge',
  type: 'lesson',
  title: 'L2 Level vs edge triggered',
  summary:
    'Watch events get lost. A controller that acted on events would stay wrong; one that compares levels recovers as soon as its cache is right again.',
  scenario: 'replicaset',
  knobs: [
    replicasKnob('More Pods change nothing in the story: one lost event is one stale Pod in the cache.', {
      min: 2,
    }),
  ],
  speed: 1,
  steps: [
    {
      id: 'steady',
      title: 'A steady state',
      text: [
        'The ReplicaSet runs its Pods. Its controller reads them from an informer cache that a watch keeps up to date.',
      ],
      sources: [SRC.reflector, SRC.sharedInformer],
      highlight: ['loop'],
      run: UNTIL_QUIET,
      checks: [{ says: 'three Pods are Running', of: RUNNING, is: 'eq', value: 3 }],
    },
    {
      id: 'lost-event',
      title: 'A watch event is lost',
      text: [
        'Every Pod watch event is now dropped on its way to the informer (the watchDrop fault). Then a Pod is deleted.',
        'The API server has two Pods; the cache still has three. The controller compares the cached level with the desired level and sees no gap.',
      ],
      sources: [SRC.reflector, SRC.replicaSetManage],
      highlight: ['loop', 'informer'],
      predict: {
        kind: 'choice',
        question: 'Will the ReplicaSet controller replace the deleted Pod?',
        choices: ['Yes, at once', 'No: its cache still shows the Pod', 'Yes, but it creates two'],
        answer: 1,
        explain: 'It never learned of the deletion: the event was lost, and the cache is what it reads.',
      },
      actions: [
        { action: 'fault', fault: { type: 'watchDrop', rate: 1, resource: 'pods' } },
        { action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } },
      ],
      run: { for: 20_000 },
      checks: [
        { says: 'only two Pods exist', of: { measure: 'count', kind: 'Pod' }, is: 'eq', value: 2 },
        { says: 'no replacement was created', of: CREATED, is: 'eq', value: 0 },
      ],
    },
    {
      id: 'relist',
      title: 'Relist: the level comes back',
      text: [
        'The watch ends with 410 Gone (its resourceVersion is too old), as kube-apiserver does to old watches. The reflector lists again and replaces its cache: the missing Pod turns into a delete notification.',
        'The controller did not need the lost event. It needed a correct level, and compares again.',
      ],
      sources: [SRC.reflector],
      highlight: ['informer', 'loop'],
      predict: {
        kind: 'number',
        question: 'How many Pods will the controller create after the relist?',
        answer: CREATED,
        tolerance: 0,
        explain: 'One: the difference between desired and the Pods that really exist.',
      },
      actions: [{ action: 'clearFaults' }, { action: 'fault', fault: { type: 'watchExpire' } }],
      run: UNTIL_QUIET,
      checks: [
        {
          says: 'the informers relisted',
          of: { measure: 'events', type: 'informer.list' },
          is: 'gte',
          value: 1,
        },
        { says: 'one replacement Pod was created', of: CREATED, is: 'eq', value: 1 },
        { says: 'three Pods are Running again', of: RUNNING, is: 'eq', value: 3 },
      ],
    },
  ],
};
