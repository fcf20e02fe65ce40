/**
 * Core Nodes: a kubelet per Node a scenario declares, the node lifecycle controller with taint-based eviction,
 * and a tiny scheduler. All of it switches on with the first core Node: a world without Nodes runs exactly as
 * before (no timers, no requests, Pods start without a Node).
 *
 * Cluster API workload Nodes (providerID in-memory://) are left to the mock infrastructure provider.
 */
import type { MockApiServer } from '../../../api/server.ts';
import { isAlreadyExists, isApiError, type KubeObject } from '../../../api/types.ts';
import type { Sim } from '../../../sim/sim.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { createNodeKubelet, type NodeKubelet } from './node-kubelet.ts';
import { createNodeLifecycle, type NodeLifecycle } from './node-lifecycle.ts';
import {
  KUBELET_ACTOR_PREFIX,
  NODE_LEASE_NAMESPACE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  isCoreNode,
  isNodeReady,
  nodeCondition,
  nodeTaints,
} from './node-rules.ts';
import { createPodBinder, type PodBinder } from './pod-binder.ts';

export interface NodeSimOptions {
  /** Asks the Pod kubelet (kubelet-sim) to look at a Pod again: its Node's kubelet has (re)started. */
  requeuePod?: (key: string) => void;
}

export interface NodeSim {
  /** True once the world has a core Node: from then on Pods are scheduled and start only on a live Node. */
  hasCoreNodes(): boolean;
  /** The core Nodes by name, in the order they appeared. */
  nodeNames(): string[];
  /** The kubelet-sim gate: may this Pod's containers start now? */
  canStart(pod: KubeObject): boolean;
  /** The nodeFailure fault: the Node's kubelet stops. False when the name is no core Node. */
  failNode(name: string): boolean;
  /** clearFaults: every failed kubelet starts again. Returns their Node names. */
  recoverNodes(): string[];
  isKubeletRunning(name: string): boolean;
  /** Nothing left for the node components to notice (the world may be converged). */
  isIdle(): boolean;
  readonly lifecycle: NodeLifecycle;
  readonly binder: PodBinder;
}

const podKey = (p: KubeObject) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

export function createNodeSim(sim: Sim, api: MockApiServer, opts: NodeSimOptions = {}): NodeSim {
  const kubelets = new Map<string, NodeKubelet>();
  /** Nodes stopped by the nodeFailure fault (a deleted Node is simply forgotten). */
  const failed = new Set<string>();
  /** Nodes not simulated here (Cluster API workload Nodes): Pods bound to them start as before. */
  const otherNodes = new Set<string>();
  let startsDue = 0;
  let namespaceReady = false;

  const lifecycle = createNodeLifecycle(sim, api);
  const binder = createPodBinder(
    sim,
    api,
    (n) => kubelets.has(n.metadata.name!) && !n.metadata.deletionTimestamp,
  );

  // kube-apiserver's system namespaces controller keeps kube-node-lease (pkg/controlplane/controller/
  // systemnamespaces). SIMPLIFIED: created with the first core Node, so worlds without Nodes are unchanged.
  const ensureLeaseNamespace = () => {
    if (namespaceReady) return;
    try {
      api.create(
        'namespaces',
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NODE_LEASE_NAMESPACE } },
        { actor: 'kube-apiserver' },
      );
      namespaceReady = true;
    } catch (e) {
      if (isAlreadyExists(e)) namespaceReady = true;
      else if (!isApiError(e)) throw e;
    }
  };

  /** After a (re)start the kubelet syncs its Pods: waiting ones start, ones marked NotReady report Ready again. */
  const resyncPods = (nodeName: string) => {
    const actor = `${KUBELET_ACTOR_PREFIX}${nodeName}`;
    const ts = virtualTimestamp(sim.now());
    for (const pod of [...api.peek('pods')]) {
      if (pod.spec?.nodeName !== nodeName || pod.metadata.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      if (phase !== 'Running') {
        if (phase !== 'Succeeded' && phase !== 'Failed') opts.requeuePod?.(podKey(pod));
        continue;
      }
      const conds = (pod.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
      if (!conds.some((c) => c.type === 'Ready' && c.status !== 'True')) continue;
      // pkg/kubelet/status/status_manager.go syncPod: the kubelet's own view of its running Pod wins again.
      const next = conds.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'True', lastTransitionTime: ts } : c,
      );
      try {
        api.patch(
          'pods',
          pod.metadata.namespace,
          pod.metadata.name!,
          'merge',
          { status: { conditions: next } },
          {
            actor,
            subresource: 'status',
          },
        );
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  };

  const register = (node: KubeObject) => {
    const name = node.metadata.name!;
    if (kubelets.has(name)) return;
    const first = kubelets.size === 0;
    const kubelet = createNodeKubelet(sim, api, name, { onStarted: resyncPods });
    kubelets.set(name, kubelet);
    lifecycle.track(name);
    if (first) {
      // Pods written before the first Node still need one.
      for (const p of api.peek('pods'))
        binder.notePod({ type: 'ADDED', obj: p, key: podKey(p), rv: 0, resource: 'pods' });
    }
    // Not inside the commit that created the Node: the kubelet starts on the next turn of the scheduler.
    startsDue++;
    sim.scheduler.after(
      0,
      () => {
        startsDue--;
        if (kubelets.get(name) !== kubelet) return;
        ensureLeaseNamespace();
        if (!failed.has(name)) kubelet.start();
      },
      `kubelet ${name} start`,
    );
  };

  const forget = (name: string) => {
    kubelets.get(name)?.stop();
    kubelets.delete(name);
    failed.delete(name);
    lifecycle.untrack(name);
  };

  api.onCommit((e) => {
    if (e.resource === 'nodes') {
      const name = e.obj.metadata.name!;
      if (e.type === 'DELETED') {
        otherNodes.delete(name);
        if (kubelets.has(name)) forget(name);
        return;
      }
      if (!isCoreNode(e.obj)) {
        otherNodes.add(name);
        return;
      }
      if (e.type === 'ADDED') register(e.obj);
      binder.nodesChanged();
      return;
    }
    if (e.resource === 'pods' && kubelets.size > 0) binder.notePod(e);
  });

  /** The lifecycle controller has caught up with this Node's kubelet. */
  const nodeSettled = (node: KubeObject, kubelet: NodeKubelet, podsOn: () => KubeObject[]): boolean => {
    const lifecycleTainted = nodeTaints(node).some(
      (t) => t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE,
    );
    if (kubelet.running()) return isNodeReady(node) && !lifecycleTainted;
    const unreachable = nodeTaints(node).some(
      (t) => t.key === TAINT_NODE_UNREACHABLE && t.effect === 'NoExecute',
    );
    if (nodeCondition(node, 'Ready')?.status !== 'Unknown' || !unreachable) return false;
    return podsOn().every(
      (p) =>
        !(p.status?.conditions as { type: string; status: string }[] | undefined)?.some(
          (c) => c.type === 'Ready' && c.status === 'True',
        ),
    );
  };

  return {
    hasCoreNodes: () => kubelets.size > 0,
    nodeNames: () => [...kubelets.keys()],
    canStart(pod) {
      if (kubelets.size === 0) return true;
      const n = pod.spec?.nodeName;
      if (typeof n !== 'string' || n === '') return false;
      const k = kubelets.get(n);
      if (k) return k.running();
      return otherNodes.has(n);
    },
    failNode(name) {
      const k = kubelets.get(name);
      if (!k) return false;
      failed.add(name);
      k.stop();
      return true;
    },
    recoverNodes() {
      const names = [...failed];
      failed.clear();
      for (const name of names) kubelets.get(name)?.start();
      return names;
    },
    isKubeletRunning: (name) => kubelets.get(name)?.running() ?? false,
    isIdle() {
      if (kubelets.size === 0) return true;
      if (startsDue > 0 || !binder.isIdle() || lifecycle.pendingEvictions() > 0) return false;
      let pods: KubeObject[] | undefined;
      const podsOn = (name: string) =>
        (pods ??= [...api.peek('pods')]).filter((p) => p.spec?.nodeName === name);
      for (const node of api.peek('nodes')) {
        const k = kubelets.get(node.metadata.name!);
        if (k && !nodeSettled(node, k, () => podsOn(node.metadata.name!))) return false;
      }
      return true;
    },
    lifecycle,
    binder,
  };
}
