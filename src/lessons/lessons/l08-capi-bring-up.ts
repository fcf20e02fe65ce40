import type { Lesson } from '../lesson-types.ts';
import { SRC } from '../sources.ts';
import { workersKnob } from './common.ts';

const RUNNING_MACHINES = { measure: 'count', kind: 'Machine', phase: 'Running' } as const;

export const L08_CAPI_BRING_UP: Lesson = {
  id: 'l8-capi-bring-up',
  type: 'lesson',
  title: 'L8 Cluster API bring-up',
  summary:
    'A Cluster is a tree of objects, each reconciled by its own controller: Cluster → KubeadmControlPlane and MachineDeployment → MachineSet → Machines → bootstrap, infrastructure and Nodes.',
  scenario: 'capi-quickstart',
  knobs: [
    workersKnob(
      'More workers: the MachineSet creates them all at once, while the control plane comes up one Machine at a time.',
      { max: 20 },
    ),
  ],
  speed: 1,
  steps: [
    {
      id: 'control-plane',
      title: 'Infrastructure and the first control-plane Machine',
      text: [
        'The Cluster controller waits for its infrastructure (DockerCluster) to be provisioned and copies its endpoint. The KubeadmControlPlane creates the first control-plane Machine, with a KubeadmConfig (bootstrap) and a DockerMachine (infrastructure) cloned from templates.',
        'Workers wait: a KubeadmConfig for a joining node is not generated until the control plane is initialized.',
      ],
      sources: [SRC.capiCluster, SRC.capiKcp, SRC.capiBook],
      highlight: ['graph'],
      predict: {
        kind: 'choice',
        question: 'Which Machine reaches Running first?',
        choices: ['A worker', 'The control-plane Machine', 'They all start together'],
        answer: 1,
        explain: 'Workers need the control plane initialized before their bootstrap data exists.',
      },
      run: { for: 20_000 },
      checks: [
        {
          says: 'the control-plane Machine is Running',
          of: {
            measure: 'count',
            kind: 'Machine',
            phase: 'Running',
            label: { 'cluster.x-k8s.io/control-plane': '' },
          },
          is: 'eq',
          value: 1,
        },
      ],
    },
    {
      id: 'workers',
      title: 'Workers join',
      text: [
        'The MachineDeployment owns a MachineSet; the MachineSet creates one Machine per missing replica. Each Machine moves Pending → Provisioning → Provisioned → Running as its bootstrap data, its infrastructure and finally its Node appear.',
      ],
      sources: [SRC.capiMachineSet, SRC.capiMachinePhases],
      highlight: ['graph', 'lifecycle'],
      predict: {
        kind: 'number',
        question: 'How many Machines are Running when the cluster is up (control plane included)?',
        answer: RUNNING_MACHINES,
        tolerance: 0,
        explain: 'One control-plane Machine plus one per worker replica.',
      },
      run: { untilConverged: true, max: 120_000 },
      checks: [
        { says: 'four Machines are Running', of: RUNNING_MACHINES, is: 'eq', value: 4 },
        { says: 'four Nodes joined', of: { measure: 'count', kind: 'Node' }, is: 'eq', value: 4 },
        {
          says: 'the Cluster is Provisioned',
          of: { measure: 'count', kind: 'Cluster', phase: 'Provisioned' },
          is: 'eq',
          value: 1,
        },
      ],
    },
  ],
};
