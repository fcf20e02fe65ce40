import type { KubeObject } from '../../engine/api/types.ts';
import {
  CREDENTIALS_FOR_LABEL,
  WEBAPP_LABEL,
  WEBAPP_NAME_LABEL,
  WEBAPP_OPERATOR,
} from '../../engine/controllers/teaching/webapp-operator.ts';
import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import {
  CONVERGED,
  expectationsHoldChecks,
  overCreationChecks,
  PODS_CREATED,
  PODS_DELETED,
  PODS_RUNNING,
  STAYS_CONVERGED_CHECKS,
} from './common.ts';

const SECRETS = { measure: 'count', kind: 'Secret', label: { [CREDENTIALS_FOR_LABEL]: 'web' } } as const;
const SECRETS_CREATED = { measure: 'created', kind: 'Secret' } as const;
const FAILED_RECONCILES = {
  measure: 'events',
  type: 'reconcile.end',
  where: { controller: WEBAPP_OPERATOR, result: 'error' },
} as const;
const CANARY_PODS = { measure: 'count', kind: 'Pod', label: { [WEBAPP_NAME_LABEL]: 'web-canary' } } as const;
const WEB_PODS = { measure: 'count', kind: 'Pod', label: { [WEBAPP_NAME_LABEL]: 'web' } } as const;
const SHOP_PODS = { measure: 'count', kind: 'Pod', label: { app: 'shop' } } as const;
const UNTIL_CONVERGED = { untilConverged: true, max: 30_000 } as const;

/** A second WebApp, the canary track: its Pods carry the same app label as web's, as a shared Service wants. */
const CANARY: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-canary', namespace: 'default', labels: { [WEBAPP_LABEL]: 'true' } },
  data: { replicas: '1', app: 'shop' },
};

export const L12_WRITE_AN_OPERATOR: Lesson = {
  id: 'l12-write-an-operator',
  type: 'lesson',
  title: 'L12 Write an operator: write order, select by UID, expectations',
  summary:
    'A small WebApp operator with three choices inside its Reconcile. Flip each to the wrong side and watch what breaks: a duplicated Secret after a crash, Pods deleted by a neighbour that selects by label, over-creation behind a slow watch. Then flip it back.',
  scenario: 'l12-operator',
  knobs: [
    {
      id: 'watch-latency',
      label: 'Watch latency (ms)',
      sets: { param: 'watchLatencyMs' },
      default: 2000,
      min: 0,
      max: 5000,
      hint: 'Set it to 0 and run the expectations-off step again: without lag the cache is never behind, and the missing expectations do no harm. The bug needs both.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'act-first',
      title: 'Write order, wrong: act first, record after',
      text: [
        'The WebApp "web" needs one generated credentials Secret. This version creates the Secret with a generated name, then writes that name into the WebApp (its status). The operator panics once between those two writes; controller-runtime recovers and retries.',
        'Whatever a reconcile holds only in memory is lost when it fails. The retry reads the WebApp again, finds no recorded Secret, and acts again.',
      ],
      sources: [SRC.casskop370, SRC.capa5794, SRC.crController, SRC.kubebuilderGoodPractices],
      highlight: ['loop', 'workers'],
      restart: { params: { operatorWriteOrder: 'act-first' } },
      predict: {
        kind: 'choice',
        question: 'How many credentials Secrets does web end up with?',
        choices: ['1', '2', 'None: the panic stops it'],
        answer: 1,
        explain:
          'The first Secret was created but never recorded; the retry creates a second and records that one. The first leaks, and nothing in the loop will ever notice it.',
      },
      run: UNTIL_CONVERGED,
      checks: [
        { says: 'two credentials Secrets exist: one of them is an orphan', of: SECRETS, is: 'eq', value: 2 },
        { says: 'the operator panicked (a failed reconcile)', of: FAILED_RECONCILES, is: 'gte', value: 1 },
        { says: 'the loop still converges: the leak is silent', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'record-first',
      title: 'Write order, right: record the intent first',
      text: [
        'Now the operator first picks the Secret’s name and writes it into the WebApp with an Update (which carries the resourceVersion it read), and only then creates the Secret with exactly that name.',
        'A crash between the two writes leaves a recorded intent: the retry creates the named Secret, or gets AlreadyExists, which means done. A retry that read a stale WebApp gets a 409 Conflict instead of recording a second name.',
      ],
      sources: [SRC.casskop370, SRC.kubebuilderGoodPractices, SRC.conflict],
      highlight: ['loop'],
      restart: { params: { operatorWriteOrder: 'record-first' } },
      predict: {
        kind: 'number',
        question: 'Same panic between the writes. How many Secrets are created now?',
        answer: SECRETS_CREATED,
        tolerance: 0,
        explain: 'One: every retry works towards the name already recorded.',
      },
      run: UNTIL_CONVERGED,
      checks: [
        { says: 'exactly one Secret was created', of: SECRETS_CREATED, is: 'eq', value: 1 },
        { says: 'web has one credentials Secret', of: SECRETS, is: 'eq', value: 1 },
        { says: 'the panic still happened', of: FAILED_RECONCILES, is: 'gte', value: 1 },
        { says: '3 Pods are Running', of: PODS_RUNNING, is: 'eq', value: 3 },
        { says: 'the world converged', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'expectations-off',
      title: 'Expectations, wrong: trust a lagging cache',
      text: [
        'Every watch event takes 2 s to reach the operator’s informer. With expectations off, the operator counts the Pods its cache shows, every time it wakes up.',
        'It creates 3 Pods. The first Pod’s ADDED event wakes it while the other two are still on their way: the cache shows 1 Pod, so it creates 2 more. Later it sees too many and deletes the surplus.',
      ],
      sources: [SRC.expectations, SRC.replicaSetSync, SRC.capiPr316],
      highlight: ['loop', 'informer'],
      restart: { params: { operatorExpectations: 'off' } },
      predict: {
        kind: 'choice',
        question: 'How many Pods does the operator create in total for replicas: 3?',
        choices: ['Exactly 3', 'More than 3, then it deletes the surplus', 'Fewer than 3'],
        answer: 1,
        explain:
          'Without expectations the operator acts on a cache that has not yet seen its own creates, so the gap looks bigger than it is.',
      },
      run: UNTIL_CONVERGED,
      checks: overCreationChecks(3),
    },
    {
      id: 'expectations-on',
      title: 'Expectations, right: wait to see your own writes',
      text: [
        'Expectations back on: before creating, the operator records "expect 3 creations" for web, and its Pod event handler counts each ADDED it sees. Until all three have arrived it does not count again (SatisfiedExpectations).',
      ],
      sources: [SRC.expectations, SRC.replicaSetManage],
      highlight: ['loop'],
      restart: { params: { operatorExpectations: 'on' } },
      predict: {
        kind: 'number',
        question: 'How many Pods does the operator create now?',
        answer: PODS_CREATED,
        tolerance: 0,
        explain: 'Exactly replicas: it subtracts what it has asked for but not yet seen.',
      },
      run: UNTIL_CONVERGED,
      checks: expectationsHoldChecks(3),
    },
    {
      id: 'select-by-label',
      title: 'Selecting children, wrong: by label',
      text: [
        'A second WebApp, web-canary, asks for 1 Pod. Its Pods carry the same app: shop label as web’s, so one Service can send traffic to both tracks.',
        'This version calls every Pod with its app label "mine". The canary creates its Pod, then sees web’s three as well: 4 Pods where it wants 1, so it deletes web’s. web, counting the canary’s Pod as its own, replaces only two.',
        'The canary then waits for deletions its Pod handler credited to web (expectations are keyed by the controlling owner) and tries again after ExpectationsTimeout, 5 minutes: the fight has only paused.',
      ],
      sources: [SRC.controllerRefDesign, SRC.canaryLabels, SRC.ownersDependents],
      highlight: ['graph', 'loop'],
      restart: { params: { operatorSelectBy: 'label' } },
      actions: [{ action: 'apply', objects: [CANARY] }],
      predict: {
        kind: 'choice',
        question: 'web asks for 3 Pods and web-canary for 1. What do they end up with?',
        choices: [
          '4 Pods: web’s 3 and the canary’s 1',
          'Pods deleted by the wrong owner, and fewer than 4 Pods in all',
          'Endless creation: Pods pile up',
        ],
        answer: 1,
        explain:
          'Overlapping selectors make two controllers fight over one set of Pods: that is why ControllerRef exists.',
      },
      run: UNTIL_CONVERGED,
      checks: [
        { says: 'Pods were deleted although nobody scaled down', of: PODS_DELETED, is: 'gte', value: 1 },
        { says: 'more than the 4 Pods needed were created', of: PODS_CREATED, is: 'gt', value: 4 },
        { says: 'web runs fewer than 3 Pods of its own', of: WEB_PODS, is: 'lt', value: 3 },
        { says: 'fewer than 4 Pods run in all', of: SHOP_PODS, is: 'lt', value: 4 },
      ],
    },
    {
      id: 'select-by-uid',
      title: 'Selecting children, right: by ownerReference UID',
      text: [
        'Now each WebApp’s Pods are those whose controller ownerReference carries its UID, the way ClaimPods and SetControllerReference work upstream. The shared label no longer makes a Pod anyone’s.',
        'A UID is unique for all time; a label or a name is not. The same rule keeps a WebApp deleted and recreated under the same name from touching its predecessor’s children.',
      ],
      sources: [SRC.controllerRefManager, SRC.setControllerReference, SRC.ownersDependents],
      highlight: ['graph'],
      restart: { params: { operatorSelectBy: 'uid' } },
      actions: [{ action: 'apply', objects: [CANARY] }],
      predict: {
        kind: 'number',
        question: 'How many Pods are created for web (3) and web-canary (1) together?',
        answer: PODS_CREATED,
        tolerance: 0,
        explain: 'Four: each counts only its own.',
      },
      run: UNTIL_CONVERGED,
      checks: [
        { says: 'exactly 4 Pods were created', of: PODS_CREATED, is: 'eq', value: 4 },
        { says: 'no Pod was deleted', of: PODS_DELETED, is: 'eq', value: 0 },
        { says: 'the canary has its 1 Pod', of: CANARY_PODS, is: 'eq', value: 1 },
        { says: 'web has its 3 Pods', of: WEB_PODS, is: 'eq', value: 3 },
        { says: '4 Pods are Running', of: PODS_RUNNING, is: 'eq', value: 4 },
        { says: 'the world converged', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'stays',
      title: 'And it stays converged',
      text: [
        'All three choices on the right side: half a minute later nothing has been created or deleted. An operator is only correct if its loop comes to rest.',
      ],
      sources: [SRC.writingControllers],
      run: { for: 30_000 },
      checks: STAYS_CONVERGED_CHECKS,
    },
  ],
};
