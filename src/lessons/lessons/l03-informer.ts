import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET } from './common.ts';

const POD_LISTS = { measure: 'events', type: 'informer.list', where: { kind: 'Pod' } } as const;
const CREATED = { measure: 'created', kind: 'Pod' } as const;

export const L03_INFORMER: Lesson = {
  id: 'l3-informer',
  type: 'lesson',
  title: 'L3 The informer',
  summary:
    'List once, then watch from that resourceVersion. The controller reads a cache that lags the API server, and a watch that falls too far behind gets 410 Gone and relists.',
  scenario: 'replicaset',
  knobs: [
    {
      id: 'watch-latency',
      label: 'Watch latency (ms)',
      sets: { param: 'watchLatencyMs' },
      default: 1,
      min: 0,
      max: 2_000,
      step: 50,
      hint: 'How long a change takes to reach the caches: raise it and watch the controller act later on everything.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'list-watch',
      title: 'List, then watch',
      text: [
        "At start each informer LISTs its resource, remembers the list's resourceVersion, and WATCHes from there: every later change arrives as an ADDED, MODIFIED or DELETED event.",
      ],
      sources: [SRC.reflector],
      highlight: ['informer'],
      predict: {
        kind: 'number',
        question: 'How many LIST calls does the Pod informer make while the ReplicaSet comes up?',
        answer: POD_LISTS,
        tolerance: 0,
        explain: 'One. After the first list everything comes from the watch.',
      },
      run: UNTIL_QUIET,
      checks: [
        { says: 'the Pod informer listed once', of: POD_LISTS, is: 'eq', value: 1 },
        {
          says: 'three Pods run',
          of: { measure: 'count', kind: 'Pod', phase: 'Running' },
          is: 'eq',
          value: 3,
        },
      ],
    },
    {
      id: 'stale-view',
      title: 'The cache lags',
      text: [
        "The ReplicaSet controller's cache stops updating for a while (the staleView fault), then the ReplicaSet is scaled to 5. The API server has the new spec; the controller still reads the old one.",
      ],
      sources: [SRC.sharedInformer, SRC.replicaSetSync],
      highlight: ['informer', 'desired'],
      predict: {
        kind: 'choice',
        question: 'During the next 10 seconds, how many Pods does the controller create?',
        choices: ['Two, right away', 'None: it reads the old spec from its cache', 'Five'],
        answer: 1,
        explain:
          'A controller acts on what its cache says. Until the cache catches up, desired still reads 3.',
      },
      actions: [
        { action: 'fault', fault: { type: 'staleView', controller: 'replicaset-controller', forMs: 15_000 } },
        { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 },
      ],
      run: { for: 10_000 },
      checks: [{ says: 'no Pod was created yet', of: CREATED, is: 'eq', value: 0 }],
    },
    {
      id: 'catch-up',
      title: 'The cache catches up',
      text: [
        'The freeze ends; the held-back events are delivered and the controller sees spec.replicas = 5.',
      ],
      sources: [SRC.sharedInformer],
      highlight: ['informer', 'loop'],
      run: UNTIL_QUIET,
      checks: [
        { says: 'two Pods were created', of: CREATED, is: 'eq', value: 2 },
        {
          says: 'five Pods run',
          of: { measure: 'count', kind: 'Pod', phase: 'Running' },
          is: 'eq',
          value: 5,
        },
      ],
    },
    {
      id: 'gone',
      title: '410 Gone, then relist',
      text: [
        'kube-apiserver keeps a window of recent changes. A watch resuming from a resourceVersion older than that window gets 410 Gone ("too old resource version"). Here every open watch gets one.',
      ],
      sources: [SRC.reflector, SRC.conflict],
      highlight: ['informer'],
      predict: {
        kind: 'choice',
        question: 'What does the reflector do after 410 Gone?',
        choices: [
          'It gives up: the controller stops',
          'It LISTs again and watches from the new resourceVersion',
          'It resumes the watch from resourceVersion 0 and replays everything',
        ],
        answer: 1,
        explain:
          'A relist replaces the cache with the current state; deletions it missed become delete notifications.',
      },
      actions: [{ action: 'fault', fault: { type: 'watchExpire' } }],
      run: UNTIL_QUIET,
      checks: [
        { says: 'the Pod informer listed again', of: POD_LISTS, is: 'eq', value: 1 },
        { says: 'nothing needed creating', of: CREATED, is: 'eq', value: 0 },
      ],
    },
  ],
};
