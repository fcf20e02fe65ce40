import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET, replicasKnob } from './common.ts';

const POD_RUNNING = { measure: 'count', kind: 'Pod', phase: 'Running' } as const;

export const L01_THE_LOOP: Lesson = {
  id: 'l1-the-loop',
  type: 'lesson',
  title: 'L1 The loop: desired vs actual',
  summary:
    'A ReplicaSet says how many Pods there should be; its controller keeps comparing that with what exists and acts on the difference.',
  scenario: 'replicaset',
  knobs: [replicasKnob('Start with more or fewer Pods: the controller closes whatever gap there is.')],
  speed: 1,
  steps: [
    {
      id: 'setpoint',
      title: 'A setpoint, and nothing yet',
      text: [
        'The ReplicaSet "web" asks for Pods (spec.replicas). None exist yet: the error between desired and actual is the whole setpoint.',
        'The ReplicaSet controller lists the Pods its informer has cached, counts those it owns, and creates the missing ones (manageReplicas).',
      ],
      sources: [SRC.replicaSetSync, SRC.replicaSetManage],
      highlight: ['desired', 'loop'],
      predict: {
        kind: 'number',
        question: 'How many Pods will be Running once the controller has nothing left to do?',
        answer: POD_RUNNING,
        tolerance: 0,
        explain:
          'Exactly spec.replicas: the controller creates the difference and then has nothing to correct.',
      },
      run: UNTIL_QUIET,
      checks: [
        { says: 'three Pods are Running', of: POD_RUNNING, is: 'eq', value: 3 },
        { says: 'the world has converged', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'disturbance',
      title: 'A disturbance: a Pod disappears',
      text: [
        'Someone deletes one Pod. Nothing tells the controller "a Pod was deleted, recreate it": its informer sees the deletion, the ReplicaSet is queued, and the next Reconcile compares the levels again.',
        'That is level-triggered control: the controller acts on the difference between desired and actual, not on the event that caused it.',
      ],
      sources: [SRC.replicaSetManage, SRC.sharedInformer],
      highlight: ['loop', 'queue'],
      predict: {
        kind: 'choice',
        question: 'What does the ReplicaSet controller do?',
        choices: [
          'Nothing: the Pod was deleted on purpose',
          'It creates exactly one replacement Pod',
          'It recreates all the Pods from scratch',
        ],
        answer: 1,
        explain: 'One Pod is missing, so the difference is one: one create.',
      },
      actions: [{ action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } }],
      run: UNTIL_QUIET,
      checks: [
        { says: 'one Pod was deleted', of: { measure: 'deleted', kind: 'Pod' }, is: 'eq', value: 1 },
        {
          says: 'exactly one replacement was created',
          of: { measure: 'created', kind: 'Pod' },
          is: 'eq',
          value: 1,
        },
        { says: 'the world is back at its setpoint', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'new-setpoint',
      title: 'A new setpoint',
      text: [
        'Scaling changes spec.replicas. The generation goes up, the controller sees the new desired state and closes the new gap.',
        'Watch the desired vs actual chart: the shaded area is the error, and it shrinks as Pods become Ready.',
      ],
      sources: [SRC.replicaSetSync],
      highlight: ['desired', 'series'],
      predict: {
        kind: 'number',
        question: 'Scaling to 6: how many Pods will the controller create?',
        answer: { measure: 'created', kind: 'Pod' },
        tolerance: 0,
        explain: 'The difference between 6 and the Pods that already run: with the default 3, three creates.',
      },
      actions: [{ action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 6 }],
      run: UNTIL_QUIET,
      checks: [
        { says: 'six Pods are Running', of: POD_RUNNING, is: 'eq', value: 6 },
        {
          says: 'the ReplicaSet reports 6 ready replicas',
          of: { measure: 'field', kind: 'ReplicaSet', name: 'web', path: 'status.readyReplicas' },
          is: 'eq',
          value: 6,
        },
      ],
    },
  ],
};
