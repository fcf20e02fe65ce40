/**
 * What the attach and live panels show, as pure functions of the remote caches (objects by kind) and, when
 * attached to a served engine, of its trace. Nothing here invents engine internals a real cluster does not
 * expose: the workqueue and the worker lanes come only from a served engine's trace.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import type { ReflectorSnapshot } from '../../live/reflector.ts';
import type { BoxLine, LoopModel } from '../../viz/loop-model.ts';
import { scalableView, type CapiObjects } from './capi-views.ts';
import { keyOf, replicaSetView } from './views.ts';

export type ByKind = Readonly<Record<string, readonly KubeObject[]>>;

export interface DesiredRow {
  kind: string;
  key: string;
  name: string;
  namespace: string;
  /** spec.replicas. */
  desired: number;
  /** status.readyReplicas. */
  ready: number;
  /** status.replicas. */
  current: number;
  converged: boolean;
}

/** Kinds with spec.replicas, in the order they own each other. */
export const SCALABLE_KINDS = [
  'Deployment',
  'ReplicaSet',
  'KubeadmControlPlane',
  'MachineDeployment',
  'MachineSet',
] as const;

const EMPTY: readonly KubeObject[] = [];

export function desiredRows(byKind: ByKind): DesiredRow[] {
  const rows: DesiredRow[] = [];
  for (const kind of SCALABLE_KINDS) {
    for (const obj of byKind[kind] ?? EMPTY) {
      const namespace = obj.metadata.namespace ?? '';
      if (kind === 'Deployment' || kind === 'ReplicaSet') {
        const v = replicaSetView(obj);
        rows.push({
          kind,
          key: v.key,
          name: v.name,
          namespace,
          desired: v.desired,
          ready: v.ready,
          current: v.current,
          converged: v.converged,
        });
      } else {
        const v = scalableView(obj);
        rows.push({
          kind,
          key: v.key,
          name: v.name,
          namespace,
          desired: v.desired,
          ready: v.readyReplicas,
          current: v.replicas,
          converged: v.converged,
        });
      }
    }
  }
  return rows;
}

/** The Cluster API panels' input, from the remote caches (infrastructure and bootstrap kinds are not watched). */
export function capiObjectsOf(byKind: ByKind): CapiObjects {
  return {
    clusters: byKind.Cluster ?? EMPTY,
    controlPlanes: byKind.KubeadmControlPlane ?? EMPTY,
    machineDeployments: byKind.MachineDeployment ?? EMPTY,
    machineSets: byKind.MachineSet ?? EMPTY,
    machines: byKind.Machine ?? EMPTY,
    infrastructure: EMPTY,
    bootstrapConfigs: EMPTY,
    nodes: byKind.Node ?? EMPTY,
  };
}

/** Objects per kind for the loop diagram's API server box. */
export function objectCounts(byKind: ByKind): Record<string, { total: number }> {
  const out: Record<string, { total: number }> = {};
  for (const [kind, objs] of Object.entries(byKind)) out[kind] = { total: objs.length };
  return out;
}

export interface ObjectRow {
  key: string;
  name: string;
  namespace: string;
  status: string;
}

function statusWord(obj: KubeObject): string {
  if (obj.metadata.deletionTimestamp) return obj.kind === 'Pod' ? 'Terminating' : 'Deleting';
  const phase = obj.status?.phase;
  if (typeof phase === 'string' && phase) return phase;
  const conditions = obj.status?.conditions;
  if (Array.isArray(conditions)) {
    const ready = (conditions as { type?: unknown; status?: unknown }[]).find((c) => c.type === 'Ready');
    if (ready) return ready.status === 'True' ? 'Ready' : 'NotReady';
  }
  const desired = obj.spec?.replicas;
  if (typeof desired === 'number') return `${Number(obj.status?.readyReplicas ?? 0)}/${desired} ready`;
  return '—';
}

export function objectRows(objs: readonly KubeObject[]): ObjectRow[] {
  return objs.map((o) => ({
    key: keyOf(o),
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace ?? '',
    status: statusWord(o),
  }));
}

/** Controllers seen in the trace (queue and reconcile events), first seen first. */
export function traceControllers(recent: readonly TraceEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of recent) if ('controller' in e && typeof e.controller === 'string') seen.add(e.controller);
  return [...seen];
}

export interface WatchFlowRow {
  resource: string;
  kind: string;
  state: string;
  added: number;
  modified: number;
  deleted: number;
  bookmarks: number;
  lists: number;
  relists410: number;
  failures: number;
}

export function watchFlowRows(resources: readonly ReflectorSnapshot[]): WatchFlowRow[] {
  return resources.map((r) => ({
    resource: r.resource.group ? `${r.resource.plural}.${r.resource.group}` : r.resource.plural,
    kind: r.resource.kind,
    state: r.state,
    added: r.counts.ADDED,
    modified: r.counts.MODIFIED,
    deleted: r.counts.DELETED,
    bookmarks: r.counts.BOOKMARK,
    lists: r.counts.lists,
    relists410: r.counts.expired,
    failures: r.counts.failures,
  }));
}

/**
 * The loop model of an attached page, where no controller snapshot exists: the boxes whose contents only the
 * in-page simulator knows say so, rather than "No queue" or "not running", which would be false.
 */
export function attachedLoopModel(model: LoopModel): LoopModel {
  const note = (id: string, a: string, b: string): BoxLine[] => [
    { id: `${id}-1`, text: a, tone: 'muted' },
    { id: `${id}-2`, text: b, tone: 'muted' },
  ];
  return {
    ...model,
    boxes: model.boxes.map((b) =>
      b.id === 'queue'
        ? { ...b, lines: note('queue', 'Contents: need the', 'in-page simulator') }
        : b.id === 'informer'
          ? { ...b, lines: note('informer', 'Cache contents: need', 'the in-page simulator') }
          : b.id === 'workers'
            ? { ...b, title: 'Workers · lanes need the in-page simulator; tokens are real trace events' }
            : b,
    ),
  };
}
