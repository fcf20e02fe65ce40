import type { Lesson, LessonStep } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const CLAIMS = { measure: 'count', kind: 'ConfigMap' } as const;
const RUNNING = { measure: 'count', kind: 'Pod', phase: 'Running' } as const;
const PODS = { measure: 'count', kind: 'Pod' } as const;
const CLAIMS_DELETED = { measure: 'deleted', kind: 'ConfigMap' } as const;

/** Lose every Pod watch event, delete a Pod, then end the watch so the informers relist. */
const missTheTerminatingPod: LessonStep['actions'] = [
  { action: 'fault', fault: { type: 'watchDrop', rate: 1, resource: 'pods' } },
  { action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } },
];

export const BL06_EDGE_CLEANUP: Lesson = {
  id: 'bl-06-edge-cleanup',
  type: 'bug-lab',
  title: 'BL-06 Edge-triggered cleanup leaks a claim',
  summary:
    'A cleanup that only runs while it sees a Pod Terminating never runs if that moment is missed. Compare levels instead: a claim whose Pod is gone goes.',
  scenario: 'bl-06-edge-cleanup',
  knobs: [
    {
      id: 'replicas',
      label: 'Replicas',
      sets: { variable: 'REPLICAS' },
      default: 3,
      min: 1,
      max: 8,
      hint: 'Any size shows the same leak: one missed Pod, one leaked claim.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'setup',
      title: 'Three Pods, three claims',
      text: [
        'A teaching claim-cleanup controller gives each Pod of the ReplicaSet a claim: a ConfigMap data-<pod>, standing in for a PersistentVolumeClaim.',
        'Its cleanup, in the buggy variant, runs only when it finds a Pod with deletionTimestamp set: the transient Terminating state (cassandra-operator#398).',
      ],
      sources: [SRC.cassandraOperator398, SRC.sieve],
      highlight: ['graph'],
      run: { untilConverged: true, max: 30_000 },
      checks: [
        { says: 'three Pods run', of: RUNNING, is: 'eq', value: 3 },
        { says: 'three claims exist', of: CLAIMS, is: 'eq', value: 3 },
      ],
    },
    {
      id: 'buggy',
      title: 'Buggy: the Terminating state goes unseen',
      text: [
        'Every Pod watch event is now dropped. A Pod is deleted: it turns Terminating and disappears, and the informers see neither. Then the watch ends (410 Gone) and they relist: the Pod is simply gone.',
      ],
      sources: [SRC.cassandraOperator398, SRC.reflector, SRC.writingControllers],
      highlight: ['informer', 'loop'],
      predict: {
        kind: 'choice',
        question: 'After the relist, what happens to the deleted Pod’s claim?',
        choices: ['It is deleted', 'It stays forever (a leak)', 'It is given to the replacement Pod'],
        answer: 1,
        explain:
          'The cleanup needs to see the Pod Terminating. After the relist there is no Pod to see: the buggy code has nothing to act on.',
      },
      actions: missTheTerminatingPod,
      run: { for: 10_000 },
      checks: [
        { says: 'only two Pods exist: nobody saw the deletion', of: PODS, is: 'eq', value: 2 },
        { says: 'all three claims are still there', of: CLAIMS, is: 'eq', value: 3 },
      ],
    },
    {
      id: 'buggy-relist',
      title: 'The relist',
      text: [
        'The watch fault is cleared and every watch ends with 410 Gone: the informers list again. The ReplicaSet controller replaces the Pod and the new Pod gets its own claim.',
      ],
      sources: [SRC.reflector],
      highlight: ['informer'],
      actions: [{ action: 'clearFaults' }, { action: 'fault', fault: { type: 'watchExpire' } }],
      run: { untilConverged: true, max: 30_000 },
      checks: [
        { says: 'three Pods run again', of: RUNNING, is: 'eq', value: 3 },
        { says: 'four claims exist: one leaked', of: CLAIMS, is: 'eq', value: 4 },
        { says: 'no claim was deleted', of: CLAIMS_DELETED, is: 'eq', value: 0 },
      ],
    },
    {
      id: 'fixed',
      title: 'Fixed: compare levels',
      text: [
        'The fixed cleanup asks a level question on every reconcile: is this claim’s Pod absent (or terminating)? Then the claim goes, whatever the controller saw on the way.',
        'A fresh world with the fix: three Pods, three claims, and then the same lost events.',
      ],
      sources: [SRC.writingControllers, SRC.cassandraOperator398],
      highlight: ['loop'],
      restart: { params: { claimCleanup: 'fixed' } },
      run: { untilConverged: true, max: 30_000 },
      checks: [{ says: 'three claims exist', of: CLAIMS, is: 'eq', value: 3 }],
    },
    {
      id: 'fixed-miss',
      title: 'The same missed Terminating Pod',
      text: ['Pod watch events are dropped again, and a Pod is deleted unseen.'],
      sources: [SRC.reflector],
      highlight: ['informer'],
      actions: missTheTerminatingPod,
      run: { for: 10_000 },
      checks: [{ says: 'only two Pods exist for now', of: PODS, is: 'eq', value: 2 }],
    },
    {
      id: 'fixed-relist',
      title: 'The relist, fixed',
      text: ['Clear the fault, end the watches, let the informers relist.'],
      sources: [SRC.reflector, SRC.writingControllers],
      highlight: ['informer'],
      predict: {
        kind: 'number',
        question: 'How many claims will exist once the informers have relisted?',
        answer: CLAIMS,
        tolerance: 0,
        explain: 'Three: one per Pod. The orphaned claim is found by its level after the relist.',
      },
      actions: [{ action: 'clearFaults' }, { action: 'fault', fault: { type: 'watchExpire' } }],
      run: { untilConverged: true, max: 30_000 },
      checks: [
        { says: 'three Pods run', of: RUNNING, is: 'eq', value: 3 },
        { says: 'three claims: none leaked', of: CLAIMS, is: 'eq', value: 3 },
        { says: 'the orphaned claim was deleted', of: CLAIMS_DELETED, is: 'eq', value: 1 },
        { says: 'the world converged', of: { measure: 'converged' }, is: 'eq', value: 1 },
      ],
    },
  ],
};
