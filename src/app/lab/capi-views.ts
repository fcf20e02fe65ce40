/**
 * What the Cluster API panels show, as pure functions of KubeObject arrays: the same functions can be fed by the
 * simulated API server or, later, by a live cluster's lists. Views hold references into the objects (conditions
 * are not copied), so a frame with 2,000 Machines costs one small record per object.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { conditionsOf, getCondition, type Condition } from '../../engine/controllers/capi/conditions.ts';
import { annotationKeysWithPrefix } from '../../engine/controllers/capi/labels.ts';
import {
  PRE_DRAIN_DELETE_HOOK_ANNOTATION_PREFIX,
  PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX,
} from '../../engine/controllers/capi/labels.ts';
import { machineDeletionStatus } from '../../engine/controllers/capi/machine/fields.ts';
import { machinePhase } from '../../engine/controllers/capi/machine/phase.ts';
import { keyOf } from './views.ts';

export interface CapiObjects {
  clusters: readonly KubeObject[];
  controlPlanes: readonly KubeObject[];
  machineDeployments: readonly KubeObject[];
  machineSets: readonly KubeObject[];
  machines: readonly KubeObject[];
  /** infrastructure.cluster.x-k8s.io objects that are not templates (DockerCluster, DockerMachine, …). */
  infrastructure: readonly KubeObject[];
  bootstrapConfigs: readonly KubeObject[];
  nodes: readonly KubeObject[];
}

export interface RefView {
  kind: string;
  namespace?: string;
  name: string;
}

/** Fields every object in the graph has. */
export interface ObjectView {
  /** `Kind/namespace/name`: unique across kinds, the graph's join key. */
  id: string;
  ref: RefView;
  /** The controller owner (or the first owner when none is marked controller). */
  owner: RefView | undefined;
  /** A short status word: a phase, "Ready", "NotReady", … */
  status: string;
  /** Ready condition status, when the object reports one. */
  ready: 'True' | 'False' | 'Unknown' | undefined;
  deleting: boolean;
}

export interface ScalableView extends ObjectView {
  kind: 'KubeadmControlPlane' | 'MachineDeployment' | 'MachineSet';
  key: string;
  name: string;
  desired: number;
  /** status.replicas: Machines that exist. */
  replicas: number;
  ready: ObjectView['ready'];
  readyReplicas: number;
  available: number;
  upToDate: number;
  generation: number;
  observedGeneration: number;
  version: string;
  /** The controller has seen the latest spec and every desired replica is ready, available and up to date. */
  converged: boolean;
}

export interface MachineView extends ObjectView {
  key: string;
  name: string;
  /** The phase the Machine controller writes (status.phase), recomputed when it is not written yet. */
  phase: string;
  controlPlane: boolean;
  version: string;
  nodeName: string | undefined;
  providerID: string;
  infraRef: RefView | undefined;
  bootstrapRef: RefView | undefined;
  /** v1beta2 conditions, by reference. */
  conditions: readonly Condition[];
  deletingReason: string | undefined;
  deletingMessage: string | undefined;
  /** status.deletion start times, virtual ms. */
  deletion: ReturnType<typeof machineDeletionStatus>;
  preDrainHooks: readonly string[];
  preTerminateHooks: readonly string[];
  finalizers: readonly string[];
}

export interface NodeView extends ObjectView {
  providerID: string;
  unschedulable: boolean;
}

export interface CapiView {
  clusters: readonly ObjectView[];
  controlPlanes: readonly ScalableView[];
  machineDeployments: readonly ScalableView[];
  machineSets: readonly ScalableView[];
  machines: readonly MachineView[];
  infrastructure: readonly ObjectView[];
  bootstrapConfigs: readonly ObjectView[];
  nodes: readonly NodeView[];
}

const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const rec = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export const viewId = (r: RefView): string => `${r.kind}/${r.namespace ?? ''}/${r.name}`;

function refOf(obj: KubeObject): RefView {
  const ns = obj.metadata.namespace;
  return ns === undefined
    ? { kind: obj.kind, name: obj.metadata.name ?? '' }
    : { kind: obj.kind, namespace: ns, name: obj.metadata.name ?? '' };
}

function ownerOf(obj: KubeObject): RefView | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs || refs.length === 0) return undefined;
  const r = refs.find((o) => o.controller) ?? refs[0]!;
  const ns = obj.metadata.namespace;
  return ns === undefined ? { kind: r.kind, name: r.name } : { kind: r.kind, namespace: ns, name: r.name };
}

function readyOf(obj: KubeObject): ObjectView['ready'] {
  const c = getCondition(conditionsOf(obj), 'Ready');
  return c?.status;
}

function localRef(v: unknown, namespace: string | undefined): RefView | undefined {
  const r = rec(v);
  const kind = str(r?.kind);
  const name = str(r?.name);
  if (!kind || !name) return undefined;
  return namespace === undefined ? { kind, name } : { kind, namespace, name };
}

function base(obj: KubeObject, status: string): ObjectView {
  const ref = refOf(obj);
  return {
    id: viewId(ref),
    ref,
    owner: ownerOf(obj),
    status: obj.metadata.deletionTimestamp ? 'Deleting' : status,
    ready: readyOf(obj),
    deleting: Boolean(obj.metadata.deletionTimestamp),
  };
}

/** A Cluster, infrastructure object or bootstrap config: its phase, else provisioned/ready state. */
export function objectView(obj: KubeObject): ObjectView {
  const phase = str(obj.status?.phase);
  const init = rec(obj.status?.initialization);
  let status = phase;
  if (!status) {
    const ready = readyOf(obj);
    if (init?.provisioned === true || init?.dataSecretCreated === true || ready === 'True') status = 'Ready';
    else if (ready === 'False' || init) status = 'NotReady';
    else status = 'Pending';
  }
  return base(obj, status);
}

/** A KubeadmControlPlane, MachineDeployment or MachineSet: spec.replicas vs what status reports. */
export function scalableView(obj: KubeObject): ScalableView {
  const desired = num(obj.spec?.replicas, 1);
  const readyReplicas = num(obj.status?.readyReplicas, 0);
  const available = num(obj.status?.availableReplicas, 0);
  const upToDate = num(obj.status?.upToDateReplicas, 0);
  const replicas = num(obj.status?.replicas, 0);
  const generation = num(obj.metadata.generation, 0);
  const observedGeneration = num(obj.status?.observedGeneration, 0);
  const template = rec(rec(obj.spec?.template)?.spec);
  const version = str(obj.spec?.version) || str(template?.version);
  const converged =
    observedGeneration >= generation &&
    replicas === desired &&
    readyReplicas === desired &&
    available === desired &&
    upToDate === desired;
  const v = base(obj, str(obj.status?.phase) || `${readyReplicas}/${desired} ready`);
  return {
    ...v,
    kind: obj.kind as ScalableView['kind'],
    key: keyOf(obj),
    name: obj.metadata.name ?? '',
    desired,
    replicas,
    readyReplicas,
    available,
    upToDate,
    generation,
    observedGeneration,
    version,
    converged,
  };
}

export function machineView(m: KubeObject): MachineView {
  const ns = m.metadata.namespace;
  // machinePhase recomputes the controller's rules; status.phase, once written, is what a learner sees.
  const phase = str(m.status?.phase) || machinePhase(m);
  const conditions = conditionsOf(m);
  const deleting = getCondition(conditions, 'Deleting');
  const isDel = Boolean(m.metadata.deletionTimestamp);
  const v = base(m, phase);
  return {
    ...v,
    status: isDel ? 'Deleting' : phase,
    key: keyOf(m),
    name: m.metadata.name ?? '',
    phase: isDel ? 'Deleting' : phase,
    controlPlane: m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined,
    version: str(m.spec?.version),
    nodeName: str(rec(m.status?.nodeRef)?.name) || undefined,
    providerID: str(m.spec?.providerID),
    infraRef: localRef(m.spec?.infrastructureRef, ns),
    bootstrapRef: localRef(rec(m.spec?.bootstrap)?.configRef, ns),
    conditions,
    deletingReason: isDel ? deleting?.reason : undefined,
    deletingMessage: isDel ? deleting?.message : undefined,
    deletion: machineDeletionStatus(m),
    preDrainHooks: annotationKeysWithPrefix(m, PRE_DRAIN_DELETE_HOOK_ANNOTATION_PREFIX),
    preTerminateHooks: annotationKeysWithPrefix(m, PRE_TERMINATE_DELETE_HOOK_ANNOTATION_PREFIX),
    finalizers: m.metadata.finalizers ?? [],
  };
}

export function nodeView(node: KubeObject): NodeView {
  let ready: ObjectView['ready'];
  const conds = node.status?.conditions;
  if (Array.isArray(conds))
    for (const c of conds) {
      const r = rec(c);
      if (r?.type === 'Ready') ready = r.status as ObjectView['ready'];
    }
  const status = ready === 'True' ? 'Ready' : ready === 'Unknown' ? 'Unknown' : 'NotReady';
  const v = base(node, status);
  return {
    ...v,
    ready,
    providerID: str(node.spec?.providerID),
    unschedulable: node.spec?.unschedulable === true,
  };
}

/** The whole Cluster API picture, read from the objects as they are (the lab keeps it from commits instead:
 * capi-views-source.ts). */
export function capiView(objs: CapiObjects): CapiView {
  return {
    clusters: objs.clusters.map(objectView),
    controlPlanes: objs.controlPlanes.map(scalableView),
    machineDeployments: objs.machineDeployments.map(scalableView),
    machineSets: objs.machineSets.map(scalableView),
    machines: objs.machines.map(machineView),
    infrastructure: objs.infrastructure.map(objectView),
    bootstrapConfigs: objs.bootstrapConfigs.map(objectView),
    nodes: objs.nodes.map(nodeView),
  };
}

export const hasCapiObjects = (v: CapiView): boolean =>
  v.clusters.length + v.machineDeployments.length + v.controlPlanes.length + v.machines.length > 0;

/** The Node of a Machine: status.nodeRef first, else the Node whose spec.providerID matches. */
export function nodeIndex(view: CapiView): {
  byName: ReadonlyMap<string, NodeView>;
  byProviderID: ReadonlyMap<string, NodeView>;
} {
  const byName = new Map<string, NodeView>();
  const byProviderID = new Map<string, NodeView>();
  for (const n of view.nodes) {
    byName.set(n.ref.name, n);
    if (n.providerID) byProviderID.set(n.providerID, n);
  }
  return { byName, byProviderID };
}

export function machineNode(m: MachineView, idx: ReturnType<typeof nodeIndex>): NodeView | undefined {
  return (
    (m.nodeName ? idx.byName.get(m.nodeName) : undefined) ??
    (m.providerID ? idx.byProviderID.get(m.providerID) : undefined)
  );
}
