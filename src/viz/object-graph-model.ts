/**
 * The ownerReference tree of a Cluster API cluster as rows to draw: Cluster → infrastructure cluster /
 * KubeadmControlPlane / MachineDeployment → MachineSet → Machine → infrastructure Machine / KubeadmConfig /
 * Node. Pure: a CapiView in, rows and owner/dependent links out.
 *
 * At scale, sibling Machines with the same phase and Ready status collapse into one row ("3 Machines
 * Running"), as `clusterctl describe` groups them (cmd/clusterctl/client/tree/tree.go, its grouping of
 * Machines by ready state). Expanding a group shows its members, capped so a row list stays drawable.
 *
 * @example
 * const model = objectGraphModel(snap.capi, { toggled: new Set(), selectedId: undefined });
 * model.rows.map((r) => r.label); // ["Cluster demo", "DockerCluster demo", …, "3 Machines"]
 */
import type { CapiView, MachineView, ObjectView, RefView } from '../app/lab/capi-views.ts';
import { createGraphTree, sortedChildren, type GraphTree, type TreeNode } from './object-graph-tree.ts';

/** How a row's state is drawn: a shape and a word, with colour only as a third cue. */
export type RowTone = 'ok' | 'progress' | 'bad' | 'deleting' | 'unknown';

export interface GraphRow {
  /** Stable join key: an object's view id, or `group:` / `more:` ids. */
  id: string;
  depth: number;
  /** The object; undefined for a group row and a "more" row. */
  ref: RefView | undefined;
  kind: string;
  label: string;
  /** Phase or status word, always shown as text. */
  status: string;
  tone: RowTone;
  /** Icon glyph: its shape differs per tone. */
  icon: string;
  /** Machines in a group row. */
  count: number;
  expandable: boolean;
  expanded: boolean;
  selected: boolean;
  parentId: string | undefined;
  x: number;
  y: number;
}

export interface GraphLink {
  id: string;
  /** Elbow from the parent's icon down to the child's. */
  path: string;
}

export interface ObjectGraphModel {
  rows: readonly GraphRow[];
  links: readonly GraphLink[];
  width: number;
  height: number;
  /** Where the status column starts: after the longest label, so statuses line up. */
  statusX: number;
  /**
   * For navigation: an object's owner in the tree and its dependents (all, not only drawn ones). Looked up on
   * demand: building them for every object cost more per frame than drawing the rows.
   */
  ownerOf(id: string): RefView | undefined;
  dependentsOf(id: string): readonly RefView[];
  /** Machines per phase, all of them, for the panel's text summary. */
  machineCount: number;
}

export interface ObjectGraphOptions {
  /** Row ids whose expanded state is flipped from the default (Machines and groups start folded). */
  toggled: ReadonlySet<string>;
  selectedId: string | undefined;
  /** Group identical sibling Machines when at least this many share a row (default 4; Infinity: never). */
  groupMin?: number;
  /** At most this many children drawn under one row; the rest are summarised in a "more" row. */
  maxChildren?: number;
}

export const ROW_H = 24;
export const INDENT = 22;
export const DEFAULT_GROUP_MIN = 4;
export const DEFAULT_MAX_CHILDREN = 60;

const KIND_RANK: Readonly<Record<string, number>> = {
  KubeadmControlPlane: 1,
  MachineDeployment: 2,
  MachineSet: 3,
  Machine: 4,
  KubeadmConfig: 6,
  Node: 7,
};
/** Infrastructure kinds are provider-specific: they sort right after the owner's own kinds. */
const rankOf = (kind: string) => KIND_RANK[kind] ?? 0.5 + (kind.endsWith('Machine') ? 5 : 0);

const TONE_ICON: Readonly<Record<RowTone, string>> = {
  ok: '●',
  progress: '◐',
  bad: '▲',
  deleting: '✕',
  unknown: '?',
};

/** Machine phases (api/core/v1beta2/machine_phase_types.go) to how they are drawn. */
export function machineTone(phase: string): RowTone {
  switch (phase) {
    case 'Running':
      return 'ok';
    case 'Pending':
    case 'Provisioning':
    case 'Provisioned':
    case 'Updating':
      return 'progress';
    case 'Deleting':
    case 'Deleted':
      return 'deleting';
    case 'Failed':
      return 'bad';
    default:
      return 'unknown';
  }
}

function objectTone(v: ObjectView): RowTone {
  if (v.deleting) return 'deleting';
  if (v.ready === 'False' && v.ref.kind === 'Node') return 'bad';
  if (v.ready === 'Unknown' && v.ref.kind === 'Node') return 'unknown';
  const s = v.status;
  if (s === 'Ready' || s === 'Running' || s === 'Provisioned' || s === 'Available') return 'ok';
  if (s === 'Failed') return 'bad';
  if (/^(\d+)\/(\d+) ready$/.test(s)) {
    const [, a, b] = /^(\d+)\/(\d+)/.exec(s)!;
    return a === b ? 'ok' : 'progress';
  }
  return 'progress';
}

const byRankThenName = (a: TreeNode, b: TreeNode) =>
  a.rank - b.rank ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
  // Same kind rank and name (two namespaces, two infrastructure kinds): the id decides, not arrival order.
  (a.view.id < b.view.id ? -1 : a.view.id > b.view.id ? 1 : 0);

/** Clusters first, then anything whose owner is not (yet) there, such as a Node that no Machine claims. */
const rootOrder = (a: TreeNode, b: TreeNode) =>
  (a.view.ref.kind === 'Cluster' ? 0 : 1) - (b.view.ref.kind === 'Cluster' ? 0 : 1) || byRankThenName(a, b);

/**
 * A tree to keep between calls of objectGraphModel for one panel: each call then updates it by what changed
 * (object-graph-tree.ts) instead of building it anew.
 */
export function createObjectGraphCache(): GraphTree {
  return createGraphTree(rankOf);
}

const readyWord = (r: ObjectView['ready']) =>
  r === 'True' ? ' · ready' : r === 'False' ? ' · not ready' : r === 'Unknown' ? ' · ready unknown' : '';

/** The key two sibling Machines must share to be grouped: phase and Ready status, as clusterctl compares them. */
const groupKey = (m: MachineView) => `${m.phase}|${m.ready ?? 'Unset'}`;

/** Sibling Machines grouped by groupKey, groups in the position of their first member. */
interface Grouping {
  members: readonly TreeNode[];
  /** What each member was grouped by: a regrouping is due when one differs. */
  phases: readonly (string | undefined)[];
  readies: readonly (string | undefined)[];
  keys: readonly (string | undefined)[];
  groups: ReadonlyMap<string, TreeNode[]>;
}

/**
 * A node's children grouped, kept on the node while its children and their phase and Ready status stay the
 * same: under a MachineSet of 2,000 Machines, regrouping every frame was the model's main garbage, and most
 * frames change no Machine's group.
 */
function groupingOf(n: TreeNode, children: readonly TreeNode[]): Grouping {
  const kept = n.memo as Grouping | undefined;
  if (kept && kept.members.length === children.length) {
    let same = true;
    for (let i = 0; i < children.length && same; i++) {
      const c = children[i]!;
      same =
        kept.members[i] === c && kept.phases[i] === c.machine?.phase && kept.readies[i] === c.machine?.ready;
    }
    if (same) return kept;
  }
  const keys = children.map((c) => (c.machine ? groupKey(c.machine) : undefined));
  const groups = new Map<string, TreeNode[]>();
  for (let i = 0; i < children.length; i++) {
    const k = keys[i];
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.push(children[i]!);
    else groups.set(k, [children[i]!]);
  }
  const grouping: Grouping = {
    members: children.slice(),
    phases: children.map((c) => c.machine?.phase),
    readies: children.map((c) => c.machine?.ready),
    keys,
    groups,
  };
  n.memo = grouping;
  return grouping;
}

export function objectGraphModel(
  view: CapiView,
  opts: ObjectGraphOptions,
  tree: GraphTree = createObjectGraphCache(),
): ObjectGraphModel {
  const groupMin = opts.groupMin ?? DEFAULT_GROUP_MIN;
  const maxChildren = opts.maxChildren ?? DEFAULT_MAX_CHILDREN;
  tree.update(view);
  const roots = tree.roots(rootOrder);
  const parentId = (id: string) => tree.node(id)?.parent?.view.id;
  const rows: GraphRow[] = [];
  const links: GraphLink[] = [];
  const flipped = (id: string) => opts.toggled.has(id);

  // The selected object's ancestors open so that it is on screen (and its group, if it is grouped).
  const forced = new Set<string>();
  for (let id = opts.selectedId; id !== undefined; id = parentId(id)) {
    const p = parentId(id);
    if (p !== undefined) forced.add(p);
  }

  const push = (r: Omit<GraphRow, 'x' | 'y'>) => {
    const row: GraphRow = { ...r, x: 8 + r.depth * INDENT, y: rows.length * ROW_H };
    const parentRow = r.parentId === undefined ? undefined : rowById.get(r.parentId);
    if (parentRow) {
      const px = parentRow.x + 6;
      const py = parentRow.y + ROW_H / 2 + 7;
      const cy = row.y + ROW_H / 2;
      links.push({ id: row.id, path: `M${px},${py}V${cy}H${row.x - 3}` });
    }
    rowById.set(row.id, row);
    rows.push(row);
  };
  const rowById = new Map<string, GraphRow>();

  const visit = (n: TreeNode, depth: number, parentId: string | undefined) => {
    const v = n.view;
    const isMachine = n.machine !== undefined;
    const expandable = n.children.length > 0;
    // Machines start folded (their infrastructure, bootstrap and Node below them); owners start open.
    const defaultOpen = !isMachine;
    const expanded = expandable && (forced.has(v.id) || defaultOpen !== flipped(v.id));
    const tone = isMachine ? machineTone(n.machine!.phase) : objectTone(v);
    push({
      id: v.id,
      depth,
      ref: v.ref,
      kind: v.ref.kind,
      label: `${v.ref.kind} ${v.ref.name}`,
      status: isMachine ? `${v.status}${readyWord(v.ready)}` : v.status,
      tone,
      icon: TONE_ICON[tone],
      count: 1,
      expandable,
      expanded,
      selected: v.id === opts.selectedId,
      parentId,
    });
    if (expanded) visitChildren(n, depth + 1, v.id);
  };

  const visitChildren = (n: TreeNode, depth: number, parentId: string) => {
    const children = sortedChildren(n, byRankThenName);
    const { keys, groups } = groupingOf(n, children);
    const emitted = new Set<string>();
    let drawn = 0;
    const budget = (count: number) => {
      drawn += count;
      return drawn <= maxChildren;
    };
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      const k = keys[i];
      if (c.machine && k !== undefined && (groups.get(k)?.length ?? 0) >= groupMin) {
        if (emitted.has(k)) continue;
        emitted.add(k);
        const members = groups.get(k)!;
        const gid = `group:${parentId}|${k}`;
        const hasSelected = members.some((m) => m.view.id === opts.selectedId);
        const open = hasSelected || forced.has(gid) || flipped(gid);
        const m = c.machine;
        const tone = machineTone(m.phase);
        if (!budget(1)) break;
        push({
          id: gid,
          depth,
          ref: undefined,
          kind: 'Machine',
          label: `${members.length} Machines`,
          status: `${m.phase}${readyWord(m.ready)}`,
          tone,
          icon: TONE_ICON[tone],
          count: members.length,
          expandable: true,
          expanded: open,
          selected: false,
          parentId,
        });
        if (open) {
          const shown = members.slice(0, maxChildren);
          for (const mm of shown) visit(mm, depth + 1, gid);
          if (members.length > shown.length) moreRow(gid, depth + 1, members.length - shown.length);
        }
        continue;
      }
      if (!budget(1)) {
        moreRow(parentId, depth, n.children.length - drawn + 1);
        return;
      }
      visit(c, depth, parentId);
    }
  };

  const moreRow = (parentId: string, depth: number, count: number) =>
    push({
      id: `more:${parentId}`,
      depth,
      ref: undefined,
      kind: '',
      label: `… ${count} more`,
      status: '',
      tone: 'unknown',
      icon: '⋯',
      count,
      expandable: false,
      expanded: false,
      selected: false,
      parentId,
    });

  for (const r of roots) visit(r, 0, undefined);

  const ownerOf = (id: string) => tree.node(id)?.parent?.view.ref;
  const dependentsOf = (id: string) => {
    const n = tree.node(id);
    return n ? sortedChildren(n, byRankThenName).map((c) => c.view.ref) : [];
  };
  // Monospace-ish estimate of a label's width (7 px a character at the panel's 12 px font).
  const statusX = rows.reduce((x, r) => Math.max(x, r.x + 16 + r.label.length * 6.6 + 12), 200);
  return {
    rows,
    links,
    width: statusX + 150,
    statusX,
    height: Math.max(ROW_H, rows.length * ROW_H + 4),
    ownerOf,
    dependentsOf,
    machineCount: view.machines.length,
  };
}
