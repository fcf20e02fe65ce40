import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { workersKnob } from './common.ts';

const FAIL_FIRST_WORKER = {
  action: 'fault',
  fault: {
    type: 'nodeFailure',
    target: { kind: 'Node', selector: { 'node-role.kubernetes.io/worker': '' }, pick: 'first' },
  },
} as const;

export const L11_MACHINE_HEALTH_CHECK: Lesson = {
  id: 'l11-machine-health-check',
  type: 'lesson',
  title: 'L11 MachineHealthCheck',
  summary:
    'A MachineHealthCheck marks Machines whose Node has been unhealthy for too long; their MachineSet replaces them. maxUnhealthy is a circuit breaker: too many unhealthy at once and nothing is remediated.',
  scenario: 'mhc-remediation',
  knobs: [
    workersKnob(
      'With maxUnhealthy 40%, how many failed Nodes can this many workers absorb before remediation stops?',
      { min: 2 },
    ),
  ],
  speed: 20,
  steps: [
    {
      id: 'up',
      title: 'A healthy cluster under watch',
      text: [
        'The MachineHealthCheck selects the workers: a Node whose Ready condition is Unknown or False for 300 s makes its Machine unhealthy.',
      ],
      sources: [SRC.capiMhc],
      highlight: ['graph'],
      run: { untilConverged: true, max: 120_000 },
      checks: [
        {
          says: 'four Machines run',
          of: { measure: 'count', kind: 'Machine', phase: 'Running' },
          is: 'eq',
          value: 4,
        },
      ],
    },
    {
      id: 'one-fails',
      title: 'One Node stops reporting',
      text: [
        "One worker's kubelet stops posting status: its Ready condition goes Unknown. After the timeout the MachineHealthCheck sets OwnerRemediated=False on the Machine. It never deletes anything itself: the MachineSet deletes the Machine and creates a replacement.",
      ],
      sources: [SRC.capiMhc, SRC.capiMachineSet],
      highlight: ['graph', 'lifecycle'],
      predict: {
        kind: 'choice',
        question: 'Who deletes the unhealthy Machine?',
        choices: [
          'The MachineHealthCheck',
          'Its MachineSet, after the MachineHealthCheck marks it',
          'Nobody: it stays',
        ],
        answer: 1,
        explain: 'The MachineHealthCheck only sets conditions; the owner remediates.',
      },
      actions: [FAIL_FIRST_WORKER],
      run: { untilConverged: true, max: 600_000 },
      checks: [
        { says: 'one Machine was deleted', of: { measure: 'deleted', kind: 'Machine' }, is: 'eq', value: 1 },
        {
          says: 'one replacement was created',
          of: { measure: 'created', kind: 'Machine' },
          is: 'eq',
          value: 1,
        },
        {
          says: 'four Machines run again',
          of: { measure: 'count', kind: 'Machine', phase: 'Running' },
          is: 'eq',
          value: 4,
        },
      ],
    },
    {
      id: 'circuit-breaker',
      title: 'Too many at once: the circuit breaker',
      text: [
        'Now two of the three workers fail together. 2 of 3 is 67% unhealthy, above maxUnhealthy (40%): the MachineHealthCheck stops remediating (RemediationAllowed=False) rather than replace most of the cluster because of what may be a network partition.',
      ],
      sources: [SRC.capiMhc],
      highlight: ['graph'],
      predict: {
        kind: 'number',
        question: 'How many Machines are deleted in the next 10 minutes?',
        answer: { measure: 'deleted', kind: 'Machine' },
        tolerance: 0,
        explain: 'None: with more unhealthy than maxUnhealthy allows, remediation is short-circuited.',
      },
      actions: [
        FAIL_FIRST_WORKER,
        {
          action: 'fault',
          fault: {
            type: 'nodeFailure',
            target: { kind: 'Node', selector: { 'node-role.kubernetes.io/worker': '' }, pick: 'random' },
          },
        },
      ],
      run: { for: 600_000 },
      checks: [
        { says: 'no Machine was deleted', of: { measure: 'deleted', kind: 'Machine' }, is: 'eq', value: 0 },
      ],
    },
  ],
};
