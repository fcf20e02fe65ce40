import { RUN_INSTANCES_STEP } from '../../engine/controllers/teaching/cloud-machines.ts';
import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';

const RUN_INSTANCES = {
  measure: 'events',
  type: 'reconcile.step',
  where: { controller: 'cloud-machine-controller', step: RUN_INSTANCES_STEP },
} as const;
const PANICS = {
  measure: 'events',
  type: 'reconcile.end',
  where: { controller: 'cloud-machine-controller', result: 'error' },
} as const;
const PROVISIONED = {
  measure: 'count',
  kind: 'ConfigMap',
  label: { 'lab.reconcile.dev/provisioned': 'true' },
} as const;
const CONVERGED = { measure: 'converged' } as const;

export const BL03_DUPLICATE_VMS: Lesson = {
  id: 'bl-03-duplicate-vms',
  type: 'bug-lab',
  title: 'BL-03 A crash after the cloud create: duplicate VMs',
  summary:
    'The controller creates a VM, then crashes before recording its id. On every retry it creates another. Tag the VM with the Machine’s UID and look it up first: one VM, however often it crashes.',
  scenario: 'bl-03-duplicate-vms',
  knobs: [
    {
      id: 'panics',
      label: 'Crashes right after RunInstances',
      sets: { param: 'cloudPanics' },
      default: 3,
      min: 0,
      max: 10,
      hint: 'Each crash leaves one orphaned VM in the buggy run and none in the fixed one. 0 crashes hides the bug.',
    },
  ],
  speed: 1,
  steps: [
    {
      id: 'buggy',
      title: 'Buggy: create, crash, forget',
      text: [
        'An InfraMachine (a ConfigMap standing in for an AWSMachine) has no providerID. The teaching cloud-machine-controller runs RunInstances in a mock cloud, then panics before it writes the id down (cluster-api-provider-aws#5794).',
        'controller-runtime recovers the panic and retries with backoff. The id of the VM it created was only in memory, and its code only asks "is providerID empty?".',
      ],
      sources: [SRC.capa5794, SRC.capa173, SRC.crController],
      highlight: ['loop', 'workers'],
      predict: {
        kind: 'number',
        question: 'With 3 crashes, how many VMs does the cloud end up with for this one Machine?',
        answer: RUN_INSTANCES,
        tolerance: 0,
        explain: 'One per attempt: 3 orphans from the crashed attempts, plus the one that got recorded.',
      },
      run: { untilConverged: true, max: 30_000 },
      checks: [
        { says: 'RunInstances ran 4 times: 4 VMs, 3 of them orphans', of: RUN_INSTANCES, is: 'eq', value: 4 },
        { says: 'the controller crashed 3 times', of: PANICS, is: 'eq', value: 3 },
        { says: 'the InfraMachine got a providerID', of: PROVISIONED, is: 'eq', value: 1 },
      ],
    },
    {
      id: 'fixed',
      title: 'Fixed: tag by UID, look up before create',
      text: [
        'The fixed controller tags each VM with the InfraMachine’s UID and, before any create, asks the cloud for a VM with that tag (cluster-api-provider-aws#53). After a crash the retry finds the VM it lost and records it.',
      ],
      sources: [SRC.capa53, SRC.capa173],
      highlight: ['loop'],
      restart: { params: { cloudMachines: 'fixed' } },
      predict: {
        kind: 'choice',
        question: 'Same panic after RunInstances. How many VMs now?',
        choices: ['4, the crashes still happen', 'Exactly 1', '0: the create never succeeds'],
        answer: 1,
        explain:
          'The first attempt still panics, but the retry finds the tagged VM instead of creating another.',
      },
      run: { untilConverged: true, max: 30_000 },
      checks: [
        { says: 'RunInstances ran once: 1 VM', of: RUN_INSTANCES, is: 'eq', value: 1 },
        { says: 'the InfraMachine got a providerID', of: PROVISIONED, is: 'eq', value: 1 },
        { says: 'the world converged', of: CONVERGED, is: 'eq', value: 1 },
      ],
    },
  ],
};
