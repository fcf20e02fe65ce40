/**
 * Timings and gates of the mock infrastructure provider, modelled on CAPD's in-memory backend (formerly CAPIM):
 * test/infrastructure/docker/internal/controllers/backends/inmemory/inmemorymachine_backend.go (ReconcileNormal,
 * reconcileNormalCloudMachine, reconcileNormalNode, calculateProviderID), inmemorycluster_backend.go, and the
 * e2e ClusterClass test/e2e/data/infrastructure-docker/main/clusterclass-in-memory.yaml.
 *
 * Truth facts: F81 (gates in order: Cluster infrastructure provisioned; bootstrap dataSecretName set — workers
 * first wait for ControlPlaneInitialized; VM provisioned after startupDuration·(1 + rand·jitter) from the cloud
 * machine's creation, then providerID "in-memory://<name>", provisioned=true, failureDomain; the Node appears
 * node.startupDuration after VM provisioned, named like the DevMachine, Ready=True and no pressure, with the
 * control-plane label/taint on CP Machines), F82 (VM 10 s, node/apiServer/etcd 2 s, jitter 0.2; the DevCluster
 * is provisioned at once), F83 (the Docker backend's providerID "docker:////<container>"), §C, §D.
 *
 * The jitter is one-sided as upstream computes it: duration + rand·jitter·duration, i.e. 10 s to 12 s for the VM.
 * Upstream redraws it on every reconcile; here the delay is drawn once per object so a run is reproducible from
 * its seed and one random draw per object.
 */
import type { KubeObject } from '../../../api/types.ts';
import type { Rng } from '../../../sim/rng.ts';
import { virtualTimestamp } from '../../../sim/timestamp.ts';
import { conditionsOf, isTrue } from '../conditions.ts';
import { isControlPlaneMachine } from '../labels.ts';
import { clusterInfrastructureProvisioned } from '../cluster/fields.ts';
import { machineDataSecretName, machineVersion } from '../machine/fields.ts';

/** clusterclass-in-memory.yaml provisioning durations. */
export const IN_MEMORY_TIMINGS = {
  vmStartupMs: 10_000,
  nodeStartupMs: 2_000,
  apiServerStartupMs: 2_000,
  etcdStartupMs: 2_000,
  startupJitter: 0.2,
} as const;

/** reconcileNormal*: startupDuration + rand·jitter·startupDuration, in whole ms. */
export function startupDelayMs(baseMs: number, jitter: number, rng: Rng): number {
  if (!(baseMs >= 0) || !(jitter >= 0))
    throw new Error(`startup duration and jitter must be non-negative (got ${baseMs}, ${jitter})`);
  if (jitter === 0) return baseMs;
  return baseMs + Math.floor(rng.next() * jitter * baseMs);
}

/** calculateProviderID. */
export const inMemoryProviderID = (devMachineName: string): string => `in-memory://${devMachineName}`;
/** The Docker backend's providerID for a container (internal/docker/machine.go). */
export const dockerProviderID = (containerName: string): string => `docker:////${containerName}`;

export type InMemoryMachineGate =
  | 'waitingForClusterInfrastructure'
  | 'waitingForControlPlaneInitialized'
  | 'waitingForBootstrapData'
  | 'waitingForVMStartup'
  | 'waitingForNodeStartup'
  | 'nodeProvisioned';

export interface InMemoryMachineState {
  /** When the cloud machine ("VM") was created, virtual ms; undefined until the first provisioning reconcile. */
  vmCreatedMs?: number | undefined;
  /** The VM delay drawn for this machine (startupDelayMs). */
  vmDelayMs: number;
  /** When the VM became provisioned; undefined until then. */
  vmProvisionedMs?: number | undefined;
  /** The Node delay drawn for this machine. */
  nodeDelayMs: number;
}

/**
 * ReconcileNormal's gates for one DevMachine: where it stands and when to look again. The caller creates the
 * cloud machine (vmCreatedMs = now) on the first call that passes the bootstrap gate.
 */
export function inMemoryMachineGate(
  cluster: KubeObject,
  machine: KubeObject,
  state: InMemoryMachineState,
  nowMs: number,
): { gate: InMemoryMachineGate; requeueAfterMs?: number } {
  if (!clusterInfrastructureProvisioned(cluster)) return { gate: 'waitingForClusterInfrastructure' };
  if (machineDataSecretName(machine) === undefined) {
    if (!isControlPlaneMachine(machine) && !isTrue(conditionsOf(cluster), 'ControlPlaneInitialized')) {
      return { gate: 'waitingForControlPlaneInitialized' };
    }
    return { gate: 'waitingForBootstrapData' };
  }
  const created = state.vmCreatedMs ?? nowMs;
  const vmReadyAt = created + state.vmDelayMs;
  if (state.vmProvisionedMs === undefined && nowMs < vmReadyAt)
    return { gate: 'waitingForVMStartup', requeueAfterMs: vmReadyAt - nowMs };
  const provisioned = state.vmProvisionedMs ?? nowMs;
  const nodeAt = provisioned + state.nodeDelayMs;
  if (nowMs < nodeAt) return { gate: 'waitingForNodeStartup', requeueAfterMs: nodeAt - nowMs };
  return { gate: 'nodeProvisioned' };
}

/**
 * The Node the in-memory backend creates: named like the DevMachine, matching providerID, kubelet version from
 * the Machine, Ready=True and no pressure from the start, control-plane label and taint on CP Machines.
 */
export function inMemoryNode(devMachineName: string, machine: KubeObject, nowMs: number): KubeObject {
  const at = virtualTimestamp(nowMs);
  const cp = isControlPlaneMachine(machine);
  const condition = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: '',
    lastTransitionTime: at,
    lastHeartbeatTime: at,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: devMachineName,
      ...(cp ? { labels: { 'node-role.kubernetes.io/control-plane': '' } } : {}),
    },
    spec: {
      providerID: inMemoryProviderID(devMachineName),
      ...(cp ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      nodeInfo: { kubeletVersion: machineVersion(machine) },
      conditions: [
        condition('Ready', 'True', 'KubeletReady'),
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
      ],
    },
  };
}
