import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { workersKnob } from './common.ts';

const HOOK = 'pre-drain.delete.hook.machine.cluster.x-k8s.io/lesson';
const FIRST_WORKER = {
  kind: 'Machine',
  selector: { 'cluster.x-k8s.io/deployment-name': 'demo-md-0' },
  pick: 'first',
} as const;

export const L09_MACHINE_DELETION: Lesson = {
  id: 'l9-machine-deletion',
  type: 'lesson',
  title: 'L9 Machine lifecycle and deletion',
  summary:
    "A Machine's phase is a summary recomputed on every reconcile; its conditions say why. Deleting a Machine runs a fixed order: pre-drain hooks, cordon and drain, volume detach, pre-terminate hooks, infrastructure, bootstrap, Node, finalizer.",
  scenario: 'capi-quickstart',
  knobs: [workersKnob('Only the deleted Machine is affected, however many workers there are.')],
  speed: 2,
  steps: [
    {
      id: 'up',
      title: 'Phases are a summary',
      text: [
        'Each Machine moves Pending → Provisioning → Provisioned → Running. The phase is recomputed from scratch on every reconcile (last matching rule wins); the v1beta2 conditions (BootstrapConfigReady, InfrastructureReady, NodeReady, …) carry the detail.',
      ],
      sources: [SRC.capiMachinePhases, SRC.capiMachine],
      highlight: ['lifecycle'],
      run: { untilConverged: true, max: 60_000 },
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
      id: 'hook',
      title: 'A pre-drain hook holds the deletion',
      text: [
        'A worker Machine gets a pre-drain hook annotation, then is deleted. The Machine controller sees the deletionTimestamp and, before draining its Node, waits while any pre-drain.delete.hook.machine.cluster.x-k8s.io annotation remains.',
        'Its MachineSet counts deleting Machines too, so it creates no replacement yet.',
      ],
      sources: [SRC.capiMachine, SRC.capiMachineSet],
      highlight: ['lifecycle', 'graph'],
      predict: {
        kind: 'choice',
        question: 'While the hook is there, what happens to the Machine?',
        choices: [
          'It is deleted anyway after a timeout',
          'It stays in Deleting: the drain has not even started',
          'Its Node is drained but the VM is kept',
        ],
        answer: 1,
        explain: 'Hooks are checked first; nothing of the deletion order runs while one is present.',
      },
      actions: [
        {
          action: 'patch',
          target: FIRST_WORKER,
          patch: { metadata: { annotations: { [HOOK]: 'teacher' } } },
        },
        { action: 'delete', target: FIRST_WORKER },
      ],
      run: { for: 30_000 },
      checks: [
        {
          says: 'one Machine is Deleting',
          of: { measure: 'count', kind: 'Machine', phase: 'Deleting' },
          is: 'eq',
          value: 1,
        },
        { says: 'no Machine is gone yet', of: { measure: 'deleted', kind: 'Machine' }, is: 'eq', value: 0 },
        { says: 'no replacement yet', of: { measure: 'created', kind: 'Machine' }, is: 'eq', value: 0 },
      ],
    },
    {
      id: 'release',
      title: 'Remove the hook: the deletion order runs',
      text: [
        'The hook annotation is removed. The Machine controller cordons and drains the Node, waits for volumes to detach, checks pre-terminate hooks, deletes the infrastructure Machine and the bootstrap config, deletes the Node, and finally removes its finalizer. Only then does the MachineSet see one Machine missing and create a replacement.',
      ],
      sources: [SRC.capiMachine, SRC.capiMachineSet],
      highlight: ['lifecycle', 'graph'],
      predict: {
        kind: 'number',
        question: 'How many Nodes are deleted along the way?',
        answer: { measure: 'deleted', kind: 'Node' },
        tolerance: 0,
        explain: "One: the deleted Machine's Node, near the end of the order, before the finalizer goes.",
      },
      actions: [
        { action: 'patch', target: FIRST_WORKER, patch: { metadata: { annotations: { [HOOK]: null } } } },
      ],
      run: { untilConverged: true, max: 70_000 },
      checks: [
        { says: 'the Machine is gone', of: { measure: 'deleted', kind: 'Machine' }, is: 'eq', value: 1 },
        {
          says: 'its infrastructure Machine is gone',
          of: { measure: 'deleted', kind: 'DockerMachine' },
          is: 'eq',
          value: 1,
        },
        {
          says: 'a replacement was created',
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
  ],
};
