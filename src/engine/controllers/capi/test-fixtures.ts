/**
 * Builders for the plain-JSON Cluster API objects the rule tests feed in. Test-only: nothing in the engine
 * imports this file. Times are virtual seconds since the sim epoch, written as metav1.Time strings.
 */
import type { KubeObject } from '../../api/types.ts';
import { virtualTimestamp } from '../../sim/timestamp.ts';
import type { Condition, ConditionStatus } from './conditions.ts';

export const ts = (seconds: number): string => virtualTimestamp(seconds * 1000);

export function cond(
  type: string,
  status: ConditionStatus,
  reason = type,
  atSeconds = 0,
  message = '',
): Condition {
  return { type, status, reason, message, lastTransitionTime: ts(atSeconds) };
}

export interface MachineOpts {
  namespace?: string;
  createdAt?: number;
  deletedAt?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  conditions?: Condition[];
  ownerMS?: string;
}

export function machine(name: string, o: MachineOpts = {}): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      creationTimestamp: ts(o.createdAt ?? 0),
      ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.ownerMS
        ? {
            ownerReferences: [
              {
                apiVersion: 'cluster.x-k8s.io/v1beta2',
                kind: 'MachineSet',
                name: o.ownerMS,
                uid: `uid-${o.ownerMS}`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      clusterName: 'demo',
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
      bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name } },
      ...o.spec,
    },
    status: { ...o.status, ...(o.conditions ? { conditions: o.conditions } : {}) },
  };
}

/** A Machine that went all the way to Running with a healthy Node. */
export function runningMachine(name: string, o: MachineOpts = {}): KubeObject {
  return machine(name, {
    ...o,
    spec: { providerID: `in-memory://${name}`, ...o.spec },
    status: {
      phase: 'Running',
      nodeRef: { name },
      initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: true },
      ...o.status,
    },
    conditions: o.conditions ?? [
      cond('NodeHealthy', 'True'),
      cond('Ready', 'True'),
      cond('Available', 'True'),
    ],
  });
}

export interface ClusterOpts {
  infraProvisioned?: boolean;
  cpInitialized?: boolean;
  infraReady?: boolean;
  deletedAt?: number;
  conditions?: Condition[];
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export function cluster(o: ClusterOpts = {}): KubeObject {
  const conditions = o.conditions ?? [
    cond('InfrastructureReady', o.infraReady === false ? 'False' : 'True', 'Ready', 0),
    cond('ControlPlaneInitialized', o.cpInitialized === false ? 'False' : 'True', 'Initialized', 0),
  ];
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: {
      name: 'demo',
      namespace: 'default',
      creationTimestamp: ts(0),
      ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
    },
    spec: {
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevCluster', name: 'demo' },
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: 'demo-control-plane',
      },
      ...o.spec,
    },
    status: {
      initialization: { infrastructureProvisioned: o.infraProvisioned !== false },
      conditions,
      ...o.status,
    },
  };
}

export function node(
  name: string,
  o: {
    ready?: ConditionStatus;
    readySince?: number;
    pressure?: string[];
    unschedulable?: boolean;
    volumes?: number;
    conditions?: unknown[];
  } = {},
): KubeObject {
  const conditions = o.conditions ?? [
    {
      type: 'Ready',
      status: o.ready ?? 'True',
      reason: 'KubeletReady',
      message: '',
      lastTransitionTime: ts(o.readySince ?? 0),
    },
    ...['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => ({
      type: t,
      status: o.pressure?.includes(t) ? 'True' : 'False',
      reason: 'KubeletHasSufficient',
      message: o.pressure?.includes(t) ? `kubelet has ${t}` : '',
      lastTransitionTime: ts(0),
    })),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: ts(0) },
    spec: { providerID: `in-memory://${name}`, ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      conditions,
      ...(o.volumes
        ? {
            volumesAttached: Array.from({ length: o.volumes }, (_, i) => ({
              name: `vol-${i}`,
              devicePath: '',
            })),
          }
        : {}),
    },
  };
}

export function pod(
  name: string,
  o: {
    namespace?: string;
    ownerKind?: string;
    mirror?: boolean;
    drainLabel?: string;
    deletedAt?: number;
    phase?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      creationTimestamp: ts(0),
      ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
      ...(o.ownerKind
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: o.ownerKind, name: `${name}-owner`, uid: 'u', controller: true },
            ],
          }
        : {}),
      ...(o.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'hash' } } : {}),
      ...(o.drainLabel ? { labels: { 'cluster.x-k8s.io/drain': o.drainLabel } } : {}),
    },
    spec: { nodeName: 'n1' },
    status: { phase: o.phase ?? 'Running' },
  };
}

export function infraObject(
  kind: string,
  name: string,
  o: { deletedAt?: number; conditions?: Condition[]; status?: Record<string, unknown> } = {},
): KubeObject {
  return {
    apiVersion:
      kind === 'KubeadmConfig'
        ? 'bootstrap.cluster.x-k8s.io/v1beta2'
        : 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind,
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: ts(0),
      ...(o.deletedAt !== undefined ? { deletionTimestamp: ts(o.deletedAt) } : {}),
    },
    spec: {},
    status: { ...o.status, ...(o.conditions ? { conditions: o.conditions } : {}) },
  };
}
