/**
 * A running tally of the Machines each MachineSet controls, kept in step with the Machine informer's cache.
 *
 * core/reconcilers/machineset/machineset_controller.go lists and recounts every Machine of the MachineSet on each
 * reconcile (getAndAdoptMachinesForMachineSet, setReplicas), and a MachineSet reconciles on every change of any
 * of its Machines: with 1,000 Machines coming up that is a quadratic amount of work for the simulator. The tally
 * answers the questions a reconcile asks first (how many, how many Ready / Available / UpToDate, is any waiting
 * for owner remediation) without the scan; the controller builds the full list only when it must pick Machines
 * (scale-down, remediation). It is fed by the informer's notifications, which run after the cache changed, so
 * it describes exactly what a scan of the cache would find (the core ReplicaSet controller's owned-pods.ts does
 * the same for Pods). It is keyed by the MachineSet's selector; when that changes, the next read recounts.
 */
import type { KubeObject } from '../../../api/types.ts';
import { isTombstone } from '../../../client/events.ts';
import type { SharedIndexInformer } from '../../../client/informer.ts';
import { conditionsOf, getCondition, isTrue } from '../conditions.ts';
import { isDeleting } from '../fields.ts';
import { isUpdateInProgress } from '../machine/status-conditions.ts';
import type { MachineSetReplicaCounters } from './selection.ts';
import { isControlledBy } from './selection.ts';

export interface OwnedMachineCounts extends MachineSetReplicaCounters {
  /**
   * Non-deleting Machines with OwnerRemediated=False: the only ones reconcileUnhealthyMachines acts on (F45,
   * F46). Zero means remediation has nothing to do.
   */
  ownerRemediatedPending: number;
}

export interface OwnedMachineTracker {
  /** The counts over the Machines the MachineSet controls that match its selector (recounted on a new selector). */
  counts(ms: KubeObject, selector: Readonly<Record<string, string>>): Readonly<OwnedMachineCounts>;
  /** Whether the cache holds this Machine (by namespace/name) as one the MachineSet controls and selects. */
  has(ms: KubeObject, selector: Readonly<Record<string, string>>, key: string): boolean;
}

interface Tally {
  machines: Map<string, KubeObject>;
  /** The selector the counts were made for (JSON), or undefined before the first read. */
  shape: string | undefined;
  owner: KubeObject | undefined;
  selector: Readonly<Record<string, string>>;
  counts: OwnedMachineCounts;
}

const zero = (): OwnedMachineCounts => ({
  replicas: 0,
  readyReplicas: 0,
  availableReplicas: 0,
  upToDateReplicas: 0,
  ownerRemediatedPending: 0,
});

const keyOf = (m: KubeObject) => `${m.metadata.namespace ?? ''}/${m.metadata.name ?? ''}`;

const controllerUid = (m: KubeObject) => m.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;

/** machinesForMachineSet's test for one Machine already filed under the MachineSet's uid. */
function selected(m: KubeObject, ms: KubeObject, selector: Readonly<Record<string, string>>): boolean {
  if (m.metadata.namespace !== ms.metadata.namespace) return false;
  const labels = m.metadata.labels ?? {};
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return isControlledBy(m, ms);
}

export function createOwnedMachineTracker(informer: SharedIndexInformer): OwnedMachineTracker {
  const tallies = new Map<string, Tally>();
  const ownerOfKey = new Map<string, string>();

  // The same rules as machineSetReplicaCounters and planMachineSetRemediation's first pass, one Machine at a time.
  const apply = (t: Tally, m: KubeObject, sign: 1 | -1) => {
    if (!t.owner || !selected(m, t.owner, t.selector)) return;
    const c = t.counts;
    c.replicas += sign;
    const conds = conditionsOf(m);
    if (!isUpdateInProgress(m)) {
      if (isTrue(conds, 'Ready')) c.readyReplicas += sign;
      if (isTrue(conds, 'Available')) c.availableReplicas += sign;
      if (isTrue(conds, 'UpToDate')) c.upToDateReplicas += sign;
    }
    if (!isDeleting(m) && getCondition(conds, 'OwnerRemediated')?.status === 'False')
      c.ownerRemediatedPending += sign;
  };

  const remove = (key: string) => {
    const owner = ownerOfKey.get(key);
    if (owner === undefined) return;
    const t = tallies.get(owner)!;
    apply(t, t.machines.get(key)!, -1);
    t.machines.delete(key);
    ownerOfKey.delete(key);
    if (t.machines.size === 0) tallies.delete(owner);
  };

  const put = (m: KubeObject) => {
    const key = keyOf(m);
    remove(key);
    const owner = controllerUid(m);
    if (owner === undefined) return;
    let t = tallies.get(owner);
    if (!t)
      tallies.set(
        owner,
        (t = { machines: new Map(), shape: undefined, owner: undefined, selector: {}, counts: zero() }),
      );
    t.machines.set(key, m);
    ownerOfKey.set(key, owner);
    apply(t, m, 1);
  };

  informer.addEventHandler({
    onAdd: (obj) => put(obj),
    onUpdate: (_old, obj) => put(obj),
    onDelete: (obj) => remove(isTombstone(obj) ? obj.key : keyOf(obj)),
  });

  const tallyFor = (ms: KubeObject, selector: Readonly<Record<string, string>>): Tally => {
    const uid = ms.metadata.uid ?? '';
    let t = tallies.get(uid);
    if (!t)
      tallies.set(
        uid,
        (t = { machines: new Map(), shape: undefined, owner: undefined, selector: {}, counts: zero() }),
      );
    const shape = JSON.stringify([ms.metadata.namespace, ms.metadata.name, selector]);
    if (t.shape !== shape) {
      t.shape = shape;
      t.owner = ms;
      t.selector = { ...selector };
      t.counts = zero();
      for (const m of t.machines.values()) apply(t, m, 1);
    }
    return t;
  };

  return {
    counts: (ms, selector) => tallyFor(ms, selector).counts,
    has(ms, selector, key) {
      const m = tallyFor(ms, selector).machines.get(key);
      return m !== undefined && selected(m, ms, selector);
    },
  };
}
