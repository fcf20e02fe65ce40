/**
 * The rules the kubelet, the node lifecycle controller, taint-based eviction and the scheduler share: their
 * default timings, Node conditions and taints, and toleration matching. Pure functions, no I/O.
 */
import type { KubeObject } from '../../../api/types.ts';
import { SIM_EPOCH_MS, virtualMsFromTimestamp, virtualTimestamp } from '../../../sim/timestamp.ts';

/** pkg/kubelet/apis/config/v1beta1/defaults.go: nodeLeaseDurationSeconds 40. */
export const NODE_LEASE_DURATION_S = 40;
/** pkg/kubelet/kubelet.go nodeLeaseRenewIntervalFraction 0.25: 40 s × 0.25. */
export const NODE_LEASE_RENEW_INTERVAL_MS = (NODE_LEASE_DURATION_S * 1000) / 4;
/** component-helpers apimachinery/lease/controller.go Run: wait.JitterUntil(sync, renewInterval, 0.04, ...). */
export const NODE_LEASE_RENEW_JITTER = 0.04;
/** pkg/kubelet/kubelet.go NewMainKubelet: the node leases live in kube-node-lease. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** kubelet defaults.go nodeStatusUpdateFrequency 10 s: how often the kubelet computes its status. */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
/** kubelet defaults.go nodeStatusReportFrequency 5 m: an unchanged status is still posted this often. */
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

/** kube-controller-manager --node-monitor-period default 5 s (nodelifecycle config/v1alpha1 defaults). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/**
 * --node-monitor-grace-period: 50 s since v1.32 (kubernetes/kubernetes#126287 raised it from 40 s in
 * pkg/controller/nodelifecycle/config/v1alpha1/defaults.go RecommendedDefaultNodeLifecycleControllerConfiguration).
 */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period default 60 s: for a Node that never posted a Ready condition. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** plugin/pkg/admission/defaulttolerationseconds: 300 s for not-ready and unreachable. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/** k8s.io/api core/v1 well_known_taints.go. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

export const KUBELET_ACTOR_PREFIX = 'kubelet/';
export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';
export const SCHEDULER = 'default-scheduler';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface NodeCondition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** The in-memory infrastructure provider's providerID scheme (controllers/capi/infra/in-memory.ts). */
const CAPI_WORKLOAD_PROVIDER_PREFIX = 'in-memory://';

/**
 * A core Node gets a simulated kubelet. SIMPLIFIED: the Cluster API workload cluster's Nodes share this API
 * server; their "kubelet" is the mock infrastructure provider (CAPD in-memory), recognised by its providerID.
 */
export function isCoreNode(node: KubeObject): boolean {
  const id = node.spec?.providerID;
  return !(typeof id === 'string' && id.startsWith(CAPI_WORKLOAD_PROVIDER_PREFIX));
}

/** metav1.MicroTime as it serialises: RFC 3339 with six fractional digits. */
export function virtualMicroTime(virtualMs: number): string {
  return new Date(SIM_EPOCH_MS + Math.floor(virtualMs)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export const msFromTime = (ts: unknown): number =>
  typeof ts === 'string' ? virtualMsFromTimestamp(ts) : Number.NaN;

export function nodeConditions(node: KubeObject): NodeCondition[] {
  const c = node.status?.conditions;
  return Array.isArray(c) ? (c as NodeCondition[]) : [];
}

export const nodeCondition = (node: KubeObject, type: string): NodeCondition | undefined =>
  nodeConditions(node).find((c) => c.type === type);

export const isNodeReady = (node: KubeObject): boolean => nodeCondition(node, 'Ready')?.status === 'True';

/** The conditions a healthy kubelet reports, in its setters' order (pkg/kubelet/nodestatus/setters.go). */
const KUBELET_CONDITIONS: readonly {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
}[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** True when the kubelet's setters would change something, i.e. its status must be posted now. */
export function kubeletStatusChanged(node: KubeObject): boolean {
  const conds = nodeConditions(node);
  return KUBELET_CONDITIONS.some((want) => {
    const c = conds.find((x) => x.type === want.type);
    return !c || c.status !== want.status || c.reason !== want.reason;
  });
}

/**
 * setters.go ReadyCondition / MemoryPressureCondition …: every heartbeat refreshes lastHeartbeatTime;
 * lastTransitionTime moves only when the status changes. Other condition types are kept as they are.
 */
export function kubeletConditions(node: KubeObject, nowMs: number): NodeCondition[] {
  const ts = virtualTimestamp(nowMs);
  const prev = nodeConditions(node);
  const out: NodeCondition[] = prev.filter((c) => !KUBELET_CONDITIONS.some((k) => k.type === c.type));
  for (const want of KUBELET_CONDITIONS) {
    const old = prev.find((c) => c.type === want.type);
    out.push({
      ...want,
      lastHeartbeatTime: ts,
      lastTransitionTime:
        old && old.status === want.status && old.lastTransitionTime ? old.lastTransitionTime : ts,
    });
  }
  return out;
}

const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/**
 * pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth: once the grace period has
 * passed, every condition the kubelet owns goes Unknown (NodeStatusUnknown, or NodeStatusNeverUpdated when it was
 * never posted), keeping its lastHeartbeatTime. Undefined when all are Unknown already (nothing to write).
 */
export function unknownConditions(node: KubeObject, nowMs: number): NodeCondition[] | undefined {
  const ts = virtualTimestamp(nowMs);
  const prev = nodeConditions(node);
  let changed = false;
  const out = prev.map((c) => {
    if (!(MONITORED_CONDITIONS as readonly string[]).includes(c.type) || c.status === 'Unknown') return c;
    changed = true;
    return {
      ...c,
      status: 'Unknown' as const,
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: ts,
    };
  });
  for (const type of MONITORED_CONDITIONS) {
    if (prev.some((c) => c.type === type)) continue;
    changed = true;
    out.push({
      type,
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      lastHeartbeatTime: ts,
      lastTransitionTime: ts,
    });
  }
  return changed ? out : undefined;
}

export function nodeTaints(node: KubeObject): Taint[] {
  const t = node.spec?.taints;
  return Array.isArray(t) ? (t as Taint[]) : [];
}

/**
 * The taints the node lifecycle controller wants for a Ready status: node_lifecycle_controller.go
 * processTaintBaseEviction (NoExecute: not-ready for False, unreachable for Unknown, none for True) and
 * doNoScheduleTaintingPass (the same keys with NoSchedule).
 */
export function lifecycleTaintKey(ready: ConditionStatus | undefined): string | undefined {
  if (ready === 'False') return TAINT_NODE_NOT_READY;
  if (ready === 'Unknown' || ready === undefined) return TAINT_NODE_UNREACHABLE;
  return undefined;
}

const isLifecycleTaint = (t: Taint) => t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE;

/** The Node's taints with the lifecycle taints swapped for `key`'s (or removed); undefined when unchanged. */
export function withLifecycleTaints(
  node: KubeObject,
  key: string | undefined,
  nowMs: number,
): Taint[] | undefined {
  const taints = nodeTaints(node);
  const has = (effect: Taint['effect']) => taints.some((t) => t.key === key && t.effect === effect);
  const stale = taints.some((t) => isLifecycleTaint(t) && t.key !== key);
  if (!stale && (key === undefined || (has('NoSchedule') && has('NoExecute')))) return undefined;
  const out = taints.filter((t) => !isLifecycleTaint(t) || t.key === key);
  if (key !== undefined) {
    if (!has('NoSchedule')) out.push({ key, effect: 'NoSchedule' });
    // NoExecute taints carry timeAdded (node_lifecycle_controller.go markNodeForTainting / swapNodeControllerTaint).
    if (!has('NoExecute')) out.push({ key, effect: 'NoExecute', timeAdded: virtualTimestamp(nowMs) });
  }
  return out;
}

/** k8s.io/api core/v1 toleration.go (*Toleration).ToleratesTaint. */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  const op = tol.operator ?? 'Equal';
  if (op === 'Exists') return true;
  // An empty key with Equal matches nothing (validation forbids it); Equal compares values.
  if (!tol.key) return false;
  return (tol.value ?? '') === (taint.value ?? '');
}

/**
 * The pod's tolerations, with the ones the DefaultTolerationSeconds admission plugin adds at creation when missing
 * (plugin/pkg/admission/defaulttolerationseconds/admission.go). SIMPLIFIED: applied here when read, with the 300 s
 * default, rather than written into the Pod by admission.
 */
export function effectiveTolerations(pod: KubeObject): Toleration[] {
  const own = Array.isArray(pod.spec?.tolerations) ? (pod.spec.tolerations as Toleration[]) : [];
  const out = [...own];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    const covered = own.some(
      (t) =>
        (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!covered)
      out.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
  }
  return out;
}

/**
 * pkg/controller/tainteviction/taint_eviction.go processPodOnNode + getMinTolerationTime: how long a Pod may stay
 * on a Node with these NoExecute taints. 0 when some taint is not tolerated (evict now), undefined when tolerated
 * forever (no tolerationSeconds), else the smallest tolerationSeconds (negative counts as 0) in ms.
 */
export function evictionDelayMs(pod: KubeObject, noExecute: readonly Taint[]): number | undefined {
  if (noExecute.length === 0) return undefined;
  const tols = effectiveTolerations(pod);
  let min: number | undefined;
  for (const taint of noExecute) {
    const matching = tols
      .filter((t) => (t.effect ?? '') === '' || t.effect === 'NoExecute')
      .filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (typeof t.tolerationSeconds !== 'number') continue;
      const ms = Math.max(0, t.tolerationSeconds) * 1000;
      if (min === undefined || ms < min) min = ms;
    }
  }
  return min;
}

/**
 * Can the scheduler place the Pod here? SIMPLIFIED scheduler filters: the Node is Ready and schedulable
 * (NodeUnschedulable plugin) and every NoSchedule/NoExecute taint is tolerated (TaintToleration plugin).
 */
export function nodeFitsPod(node: KubeObject, pod: KubeObject): boolean {
  if (node.metadata.deletionTimestamp || !isNodeReady(node) || node.spec?.unschedulable === true)
    return false;
  const tols = Array.isArray(pod.spec?.tolerations) ? (pod.spec.tolerations as Toleration[]) : [];
  return nodeTaints(node).every(
    (taint) => taint.effect === 'PreferNoSchedule' || tols.some((t) => toleratesTaint(t, taint)),
  );
}

/** The Lease a kubelet creates (lease/controller.go newLease) owned by its Node (pkg/kubelet/util/nodelease.go). */
export function nodeLease(node: KubeObject, nowMs: number): KubeObject {
  const name = node.metadata.name!;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }],
    },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: NODE_LEASE_DURATION_S,
      renewTime: virtualMicroTime(nowMs),
    },
  };
}
