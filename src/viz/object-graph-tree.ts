/**
 * The ownerReference tree behind the object graph, kept from one view to the next: a frame that wrote a few
 * objects moves, adds or drops those few nodes instead of rebuilding 8,000 of them, which cost more than
 * everything else a 2,000-Machine frame draws. Given the same view, it holds the same tree as a fresh one
 * (object-graph-tree.test.ts checks this over real runs).
 *
 * Owners come from ownerReferences, except a Node's: it hangs under the Machine whose nodeRef / providerID
 * names it (the first such Machine). A node whose owner is not in the view is a root until the owner appears.
 */
import {
  machineNode,
  nodeIndex,
  viewId,
  type CapiView,
  type MachineView,
  type ObjectView,
  type RefView,
} from '../app/lab/capi-views.ts';

export interface TreeNode {
  view: ObjectView;
  machine: MachineView | undefined;
  /** rankOf(kind) and the name, read once: siblings sort on them. */
  rank: number;
  name: string;
  parent: TreeNode | undefined;
  children: TreeNode[];
  /** The owner's id this node wants, whether or not that owner is in the view. */
  wantParent: string | undefined;
  /** The owner reference wantParent was read from: unchanged identity, no new id string. */
  ownerSeen: RefView | undefined;
  sorted: boolean;
  seen: number;
  /** What a drawing of this node's children keeps between frames (object-graph-model.ts groups Machines). */
  memo?: unknown;
}

export interface GraphTree {
  /** Brings the tree to this view. */
  update(view: CapiView): void;
  /** The roots (objects with no owner in the view), sorted. */
  roots(compare: (a: TreeNode, b: TreeNode) => number): readonly TreeNode[];
  node(id: string): TreeNode | undefined;
}

export function createGraphTree(rankOf: (kind: string) => number): GraphTree {
  const nodes = new Map<string, TreeNode>();
  const roots = new Set<TreeNode>();
  /** Roots by the owner id they wait for. */
  const waiting = new Map<string, Set<TreeNode>>();
  let gen = 0;

  const attach = (n: TreeNode) => {
    const p = n.wantParent === undefined ? undefined : nodes.get(n.wantParent);
    if (p && p !== n) {
      n.parent = p;
      p.children.push(n);
      p.sorted = false;
      return;
    }
    n.parent = undefined;
    roots.add(n);
    if (n.wantParent !== undefined) {
      let w = waiting.get(n.wantParent);
      if (!w) waiting.set(n.wantParent, (w = new Set()));
      w.add(n);
    }
  };

  const detach = (n: TreeNode) => {
    const p = n.parent;
    if (p) {
      // Removing keeps the rest in order: a sorted list stays sorted.
      const i = p.children.indexOf(n);
      if (i >= 0) p.children.splice(i, 1);
      n.parent = undefined;
      return;
    }
    roots.delete(n);
    if (n.wantParent !== undefined) waiting.get(n.wantParent)?.delete(n);
  };

  const visit = (v: ObjectView, machine: MachineView | undefined, wantParent: string | undefined) => {
    let n = nodes.get(v.id);
    if (!n) {
      n = {
        view: v,
        machine,
        rank: rankOf(v.ref.kind),
        name: v.ref.name,
        parent: undefined,
        children: [],
        wantParent,
        ownerSeen: v.owner,
        sorted: true,
        seen: gen,
      };
      nodes.set(v.id, n);
      attach(n);
      // Anything that waited for this object as its owner moves under it.
      const w = waiting.get(v.id);
      if (w) {
        waiting.delete(v.id);
        for (const c of w) {
          roots.delete(c);
          attach(c);
        }
      }
      return;
    }
    n.view = v;
    n.machine = machine;
    n.ownerSeen = v.owner;
    n.seen = gen;
    if (n.wantParent !== wantParent) {
      detach(n);
      n.wantParent = wantParent;
      attach(n);
    }
  };

  const remove = (n: TreeNode) => {
    detach(n);
    nodes.delete(n.view.id);
    for (const c of n.children) {
      c.parent = undefined;
      attach(c);
    }
    n.children = [];
  };

  /**
   * The owner id of an object, reusing the last one while its owner reference is the same object (capiView
   * keeps an unchanged object's view). Not for Nodes: theirs can come from a Machine instead.
   */
  const ownerIdOf = (v: ObjectView): string | undefined => {
    const n = nodes.get(v.id);
    if (n && n.ownerSeen !== undefined && n.ownerSeen === v.owner) return n.wantParent;
    return v.owner ? viewId(v.owner) : undefined;
  };

  /** Each list's views as of the last update, to compare with the next by identity. */
  const last = new Map<string, readonly ObjectView[]>();
  const removed: TreeNode[] = [];

  /**
   * Visits the views of a list that are not the very objects at the same place last time (capiView hands out
   * the same object for an unchanged one, and the API server keeps creation order, so a frame that wrote k
   * objects visits about k). A view that was there last time and was not visited now is gone: had it moved,
   * the move would have put it at an unmatched place, and it would have been visited there.
   */
  const sweep = (name: string, list: readonly ObjectView[], machines: boolean) => {
    const before = last.get(name) ?? [];
    last.set(name, list);
    const n = Math.max(before.length, list.length);
    for (let i = 0; i < n; i++) {
      const was = before[i];
      const now = list[i];
      if (was === now) continue;
      if (now) visit(now, machines ? (now as MachineView) : undefined, ownerIdOf(now));
      if (was) {
        const node = nodes.get(was.id);
        if (node) removed.push(node);
      }
    }
  };

  return {
    update(view) {
      gen++;
      sweep('clusters', view.clusters, false);
      sweep('controlPlanes', view.controlPlanes, false);
      sweep('machineDeployments', view.machineDeployments, false);
      sweep('machineSets', view.machineSets, false);
      sweep('machines', view.machines, true);
      sweep('infrastructure', view.infrastructure, false);
      sweep('bootstrapConfigs', view.bootstrapConfigs, false);
      // A Node's owner is the Machine naming it, which changes without the Node's view changing: every Node
      // is visited (there are at most as many as Machines).
      const claimed = new Map<string, string>();
      const idx = nodeIndex(view);
      for (const m of view.machines) {
        const node = machineNode(m, idx);
        if (node && !claimed.has(node.id)) claimed.set(node.id, m.id);
      }
      const beforeNodes = last.get('nodes') ?? [];
      last.set('nodes', view.nodes);
      for (const v of view.nodes)
        visit(v, undefined, claimed.get(v.id) ?? (v.owner ? viewId(v.owner) : undefined));
      for (const was of beforeNodes) {
        const node = nodes.get(was.id);
        if (node) removed.push(node);
      }
      for (const node of removed) if (node.seen !== gen && nodes.get(node.view.id) === node) remove(node);
      removed.length = 0;
    },
    roots: (compare) => [...roots].sort(compare),
    node: (id) => nodes.get(id),
  };
}

/** A node's children in drawing order, sorted when first read after a change. */
export function sortedChildren(
  n: TreeNode,
  compare: (a: TreeNode, b: TreeNode) => number,
): readonly TreeNode[] {
  if (!n.sorted) {
    n.children.sort(compare);
    n.sorted = true;
  }
  return n.children;
}
