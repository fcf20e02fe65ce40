import type { KubeObject } from '../../engine/api/types.ts';
import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { UNTIL_QUIET, replicasKnob } from './common.ts';

const PODS = { measure: 'count', kind: 'Pod' } as const;
const RS_COUNT = { measure: 'count', kind: 'ReplicaSet' } as const;

const webReplicaSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
};

export const L06_OWNERSHIP: Lesson = {
  id: 'l6-ownership',
  type: 'lesson',
  title: 'L6 Ownership and garbage collection',
  summary:
    'ownerReferences tie Pods to their ReplicaSet. Deleting the owner cascades in the background, in the foreground, or not at all (orphan).',
  scenario: 'replicaset',
  knobs: [replicasKnob('The cascade deletes however many dependents there are.')],
  speed: 1,
  steps: [
    {
      id: 'owned',
      title: 'Pods with an owner',
      text: [
        "Each Pod the ReplicaSet creates carries an ownerReference with controller: true and the ReplicaSet's UID. That reference, not the label selector, is what garbage collection follows.",
      ],
      sources: [SRC.gcDocs, SRC.replicaSetManage],
      highlight: ['graph'],
      run: UNTIL_QUIET,
      checks: [{ says: 'three Pods run', of: PODS, is: 'eq', value: 3 }],
    },
    {
      id: 'orphan',
      title: 'Delete with propagationPolicy Orphan',
      text: [
        'The ReplicaSet is deleted with Orphan: the garbage collector removes the ownerReferences from the Pods instead of deleting them (the orphan finalizer).',
      ],
      sources: [SRC.garbageCollector, SRC.gcDocs, SRC.finalizers],
      highlight: ['graph'],
      predict: {
        kind: 'number',
        question: 'How many Pods are left once the ReplicaSet is gone?',
        answer: PODS,
        tolerance: 0,
        explain: 'All of them: orphaning only cuts the ownerReferences.',
      },
      actions: [
        { action: 'delete', target: { kind: 'ReplicaSet', name: 'web' }, propagationPolicy: 'Orphan' },
      ],
      run: UNTIL_QUIET,
      checks: [
        { says: 'the ReplicaSet is gone', of: RS_COUNT, is: 'eq', value: 0 },
        { says: 'no Pod was deleted', of: { measure: 'deleted', kind: 'Pod' }, is: 'eq', value: 0 },
      ],
    },
    {
      id: 'adopt',
      title: 'A new ReplicaSet adopts the orphans',
      text: [
        'The same ReplicaSet is applied again. Its controller lists Pods matching its selector that have no controller, and adopts them (ClaimPods) before counting.',
      ],
      sources: [SRC.replicaSetSync],
      highlight: ['graph', 'loop'],
      predict: {
        kind: 'number',
        question: 'How many Pods does the new ReplicaSet create?',
        answer: { measure: 'created', kind: 'Pod' },
        tolerance: 0,
        explain: 'None: it adopts the three orphans, and three is what it wants.',
      },
      actions: [{ action: 'apply', objects: [webReplicaSet] }],
      run: UNTIL_QUIET,
      checks: [
        { says: 'no Pod was created', of: { measure: 'created', kind: 'Pod' }, is: 'eq', value: 0 },
        { says: 'three Pods run', of: PODS, is: 'eq', value: 3 },
      ],
    },
    {
      id: 'background',
      title: 'Delete with propagationPolicy Background',
      text: [
        'Background, the default for most clients: the ReplicaSet is deleted at once and the garbage collector then deletes its dependents.',
      ],
      sources: [SRC.garbageCollector, SRC.gcDocs],
      highlight: ['graph'],
      predict: {
        kind: 'choice',
        question: 'What happens to the Pods?',
        choices: ['They stay, orphaned', 'The garbage collector deletes them after the owner is gone'],
        answer: 1,
        explain: 'Their owner UID no longer exists, so the dependents are collected.',
      },
      actions: [
        { action: 'delete', target: { kind: 'ReplicaSet', name: 'web' }, propagationPolicy: 'Background' },
      ],
      run: UNTIL_QUIET,
      checks: [
        { says: 'the ReplicaSet is gone', of: RS_COUNT, is: 'eq', value: 0 },
        { says: 'every Pod was deleted', of: PODS, is: 'eq', value: 0 },
      ],
    },
  ],
};
