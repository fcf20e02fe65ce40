/**
 * For tests: watches every commit of a world and records, per deleted Machine, the milestones of its deletion
 * (Deleting condition reasons, cordon, evictions, InfraMachine / BootstrapConfig / Node gone, Machine gone) and,
 * per object, when it started deleting and when it disappeared, so that tests can check the deletion orders of
 * core/reconcilers/machine/machine_controller.go reconcileDelete (F26, F27) and
 * core/reconcilers/cluster/cluster_controller.go reconcileDelete (F76).
 */
import type { MockApiServer } from '../../engine/api/server.ts';
import type { KubeObject } from '../../engine/api/types.ts';

/** api/core/v1beta2/machine_types.go Deleting reasons, in the order reconcileDelete reaches them. */
export const MACHINE_DELETING_REASONS = [
  'WaitingForPreDrainHook',
  'DrainingNode',
  'WaitingForVolumeDetach',
  'WaitingForPreTerminateHook',
  'WaitingForInfrastructureDeletion',
  'WaitingForBootstrapDeletion',
  'DeletingNode',
  'DeletionCompleted',
] as const;

export type Milestone = 'cordon' | 'podEvicted' | 'infraGone' | 'bootstrapGone' | 'nodeGone' | 'machineGone';

export interface MachineDeletionRecord {
  key: string;
  controlPlane: boolean;
  /** The Cluster was deleting when this Machine started deleting (F27: no drain, no Node deletion). */
  clusterDeleting: boolean;
  nodeName: string | undefined;
  /** Successive distinct Deleting condition reasons. */
  reasons: string[];
  /** Commit sequence number of each milestone (the first one for podEvicted). */
  at: Partial<Record<Milestone, number>>;
}

export interface DeletionAudit {
  machines: Map<string, MachineDeletionRecord>;
  /** Per `Kind/namespace/name`: commit sequence when it got a deletionTimestamp, and when it was gone. */
  objects: Map<string, { deleting?: number; gone?: number }>;
  /** Successive distinct Deleting reasons of each Cluster. */
  clusterReasons: Map<string, string[]>;
}

const deletingReason = (o: KubeObject): string | undefined =>
  (o.status?.conditions as { type: string; reason?: string }[] | undefined)?.find(
    (c) => c.type === 'Deleting',
  )?.reason;

const refName = (v: unknown): string | undefined =>
  v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string'
    ? (v as { name: string }).name
    : undefined;

export function auditDeletions(api: MockApiServer): DeletionAudit {
  const machines = new Map<string, MachineDeletionRecord>();
  const objects = new Map<string, { deleting?: number; gone?: number }>();
  const clusterReasons = new Map<string, string[]>();
  const machineByNode = new Map<string, string>();
  const machineByInfra = new Map<string, string>();
  const machineByBootstrap = new Map<string, string>();
  const deletingClusters = new Set<string>();
  let seq = 0;
  const mark = (key: string, m: Milestone) => {
    const r = machines.get(key);
    if (r && r.at[m] === undefined) r.at[m] = seq;
  };
  api.onCommit((e) => {
    seq++;
    const o = e.obj;
    const ns = o.metadata.namespace ?? '';
    const id = `${o.kind}/${ns}/${o.metadata.name}`;
    const rec = objects.get(id) ?? {};
    if (o.metadata.deletionTimestamp && rec.deleting === undefined) rec.deleting = seq;
    if (e.type === 'DELETED') rec.gone = seq;
    if (rec.deleting !== undefined || rec.gone !== undefined) objects.set(id, rec);

    const group = o.apiVersion.split('/')[0];
    if (o.kind === 'Cluster' && group === 'cluster.x-k8s.io') {
      if (o.metadata.deletionTimestamp) deletingClusters.add(`${ns}/${o.metadata.name}`);
      const reason = deletingReason(o);
      const list = clusterReasons.get(id) ?? [];
      if (o.metadata.deletionTimestamp && reason && reason !== 'NotDeleting' && list.at(-1) !== reason)
        list.push(reason);
      if (list.length) clusterReasons.set(id, list);
      return;
    }
    if (o.kind === 'Machine' && group === 'cluster.x-k8s.io') {
      const key = `${ns}/${o.metadata.name}`;
      const node = refName(o.status?.nodeRef);
      if (node) machineByNode.set(node, key);
      const infra = refName(o.spec?.infrastructureRef);
      if (infra) machineByInfra.set(`${ns}/${infra}`, key);
      const bootstrap = refName((o.spec?.bootstrap as Record<string, unknown> | undefined)?.configRef);
      if (bootstrap) machineByBootstrap.set(`${ns}/${bootstrap}`, key);
      if (!o.metadata.deletionTimestamp) return;
      let r = machines.get(key);
      if (!r) {
        r = {
          key,
          controlPlane: o.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined,
          clusterDeleting: deletingClusters.has(`${ns}/${String(o.spec?.clusterName)}`),
          nodeName: node,
          reasons: [],
          at: {},
        };
        machines.set(key, r);
      }
      if (node) r.nodeName = node;
      const reason = deletingReason(o);
      if (reason && reason !== 'NotDeleting' && r.reasons.at(-1) !== reason) r.reasons.push(reason);
      if (e.type === 'DELETED') mark(key, 'machineGone');
      return;
    }
    if (o.kind === 'Node') {
      const key = machineByNode.get(o.metadata.name!);
      if (!key) return;
      if (e.type === 'DELETED') mark(key, 'nodeGone');
      else if (o.spec?.unschedulable === true && e.prev?.spec?.unschedulable !== true) mark(key, 'cordon');
      return;
    }
    if (o.kind === 'Pod' && e.type === 'DELETED') {
      const key = machineByNode.get((o.spec?.nodeName as string | undefined) ?? '');
      if (key) mark(key, 'podEvicted');
      return;
    }
    if (e.type !== 'DELETED') return;
    if (group === 'infrastructure.cluster.x-k8s.io') {
      const key = machineByInfra.get(`${ns}/${o.metadata.name}`);
      if (key) mark(key, 'infraGone');
    } else if (group === 'bootstrap.cluster.x-k8s.io') {
      const key = machineByBootstrap.get(`${ns}/${o.metadata.name}`);
      if (key) mark(key, 'bootstrapGone');
    }
  });
  return { machines, objects, clusterReasons };
}

/**
 * What is wrong with one Machine's deletion, as sentences (empty when it followed reconcileDelete's order):
 * reasons only move forward; cordon and evictions come before the InfraMachine goes; then the BootstrapConfig,
 * then the Node (only when node deletion is allowed, F27), then the Machine itself.
 */
export function deletionOrderProblems(r: MachineDeletionRecord): string[] {
  const problems: string[] = [];
  const order = MACHINE_DELETING_REASONS as readonly string[];
  let last = -1;
  for (const reason of r.reasons) {
    const i = order.indexOf(reason);
    if (i < 0) problems.push(`${r.key}: unknown Deleting reason ${reason}`);
    else if (i < last)
      problems.push(`${r.key}: Deleting reason went back to ${reason} (${r.reasons.join(' > ')})`);
    last = Math.max(last, i);
  }
  const { at } = r;
  const chain: Milestone[] = ['infraGone', 'bootstrapGone', 'machineGone'];
  for (const m of chain) if (at[m] === undefined) problems.push(`${r.key}: never reached ${m}`);
  const before = (a: Milestone, b: Milestone) => {
    const x = at[a];
    const y = at[b];
    if (x !== undefined && y !== undefined && x > y) problems.push(`${r.key}: ${a} came after ${b}`);
  };
  before('infraGone', 'bootstrapGone');
  before('bootstrapGone', 'machineGone');
  before('cordon', 'podEvicted');
  before('cordon', 'infraGone');
  before('podEvicted', 'infraGone');
  before('bootstrapGone', 'nodeGone');
  before('nodeGone', 'machineGone');
  const nodeStepsAllowed = !r.clusterDeleting && r.nodeName !== undefined;
  if (nodeStepsAllowed) {
    if (at.cordon === undefined) problems.push(`${r.key}: Node ${r.nodeName} never cordoned`);
    if (at.nodeGone === undefined) problems.push(`${r.key}: Node ${r.nodeName} never deleted`);
  } else if (at.cordon !== undefined || at.nodeGone !== undefined) {
    problems.push(`${r.key}: Node steps ran while the Cluster was deleting`);
  }
  return problems;
}
