import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import {
  expectationsHoldChecks,
  overCreationChecks,
  PODS_CREATED,
  STAYS_CONVERGED_CHECKS,
} from './common.ts';

export const BL08_NO_EXPECTATIONS: Lesson = {
  id: 'bl-08-no-expectations',
  type: 'bug-lab',
  title: 'BL-08 No expectations + a slow watch: over-creation',
  summary:
    'Switch off the ReplicaSet controller’s expectations and slow the watch down: it counts the Pods it just created as missing, creates them again, then deletes the surplus.',
  scenario: 'bl-08-no-expectations',
  knobs: [
    {
      id: 'watch-latency',
      label: 'Watch latency (ms)',
      sets: { param: 'watchLatencyMs' },
      default: 3000,
      min: 0,
      max: 10_000,
      hint: 'Set it to 0: without lag, the missing expectations do no harm. The bug needs both.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'buggy',
      title: 'Buggy: every sync trusts the cache',
      text: [
        'The ReplicaSet asks for 5 Pods. Every watch event takes 3 s to reach the informer, and the controller’s expectations are switched off (a teaching bug: upstream never skips them).',
        'The controller creates 5 Pods. Its own status write wakes it again before the Pods’ ADDED events arrive, so its cache still shows fewer Pods than it asked for.',
      ],
      sources: [SRC.expectations, SRC.replicaSetSync, SRC.capiPr316, SRC.capi13649],
      highlight: ['loop', 'informer'],
      predict: {
        kind: 'choice',
        question: 'How many Pods does the controller create in total?',
        choices: ['Exactly 5', 'More than 5, then it deletes the surplus', 'Fewer than 5'],
        answer: 1,
        explain:
          'Without expectations the controller acts on a cache that has not seen its own creates: the difference looks bigger than it is.',
      },
      run: { untilConverged: true, max: 40_000 },
      checks: overCreationChecks(5),
    },
    {
      id: 'fixed',
      title: 'Fixed: expectations on',
      text: [
        'Same world, expectations back on. Before creating, the controller records "expect 5 creations"; until its informer has seen them all, syncReplicaSet skips manageReplicas (SatisfiedExpectations).',
        'Expectations are in-flight accounting for the deadtime of the watch: the controller subtracts what it has asked for but not yet seen.',
      ],
      sources: [SRC.expectations, SRC.replicaSetSync],
      highlight: ['loop'],
      restart: { params: { replicaSetExpectations: 'on' } },
      predict: {
        kind: 'number',
        question: 'How many Pods does the controller create now?',
        answer: PODS_CREATED,
        tolerance: 0,
        explain: 'Exactly spec.replicas: it waits to see its own creates before it counts again.',
      },
      run: { untilConverged: true, max: 40_000 },
      checks: expectationsHoldChecks(5),
    },
    {
      id: 'stays',
      title: 'And it stays converged',
      text: [
        'A fix is only a fix if the loop stays at rest: a minute later nothing has been created or deleted.',
      ],
      sources: [SRC.replicaSetManage],
      run: { for: 30_000 },
      checks: STAYS_CONVERGED_CHECKS,
    },
  ],
};
