/**
 * The code pane's data: each controller's Go-flavoured Reconcile listing and which of its lines the workers
 * are executing now. Cluster API controllers carry their listing in their step machine (world.capi.trackers);
 * the core ReplicaSet controller and the kubelet sim report steps without one, so their listings live here,
 * keyed by the same step names their reconcilers pass to ctx.step.
 */
import type { ControllerSnapshot } from '../../engine/client/controller.ts';
import type { LabWorld } from '../../engine/world/build-world.ts';

export interface CodeListing {
  controller: string;
  /** Where the real code lives upstream. */
  source: string;
  lines: readonly string[];
  /** Step name → 1-based listing lines. */
  stepLines: ReadonlyMap<string, readonly number[]>;
}

/** A worker's place in the listing. */
export interface ActiveWorker {
  worker: number;
  key: string;
  step: string;
}

interface CoreListing {
  source: string;
  lines: readonly string[];
  steps: Readonly<Record<string, readonly number[]>>;
}

const CORE: Readonly<Record<string, CoreListing>> = {
  'replicaset-controller': {
    source: 'kubernetes pkg/controller/replicaset/replica_set.go (*ReplicaSetController).syncReplicaSet',
    lines: [
      'func (rsc *ReplicaSetController) syncReplicaSet(ctx context.Context, key string) error {',
      '  rs, err := rsc.rsLister.ReplicaSets(namespace).Get(name)',
      '  if apierrors.IsNotFound(err) { rsc.expectations.DeleteExpectations(key); return nil }',
      '  rsNeedsSync := rsc.expectations.SatisfiedExpectations(key)',
      '  filteredPods, err := rsc.claimPods(ctx, rs, selector, allActivePods)',
      '  //   ClaimPods: AdoptPod (patch ownerReferences) for matching orphans, ReleasePod for mismatches',
      '  var manageReplicasErr error',
      '  if rsNeedsSync && rs.DeletionTimestamp == nil {',
      '    diff := len(filteredPods) - int(*(rs.Spec.Replicas))',
      '    if diff < 0 { rsc.expectations.ExpectCreations(key, -diff); slowStartBatch(-diff, CreatePods) }',
      '    if diff > 0 { podsToDelete := getPodsToDelete(filteredPods, diff); DeletePod(...) }',
      '  }',
      '  newStatus := calculateReplicaSetStatus(rs, filteredPods, manageReplicasErr)',
      '  updatedRS, err := updateReplicaSetStatus(ctx, rsClient, rs, newStatus)',
      '  if manageReplicasErr != nil { return manageReplicasErr }',
      '  if minReadySeconds > 0 && ready == replicas && available != replicas { rsc.queue.AddAfter(key, minReady) }',
      '  return nil',
      '}',
    ],
    steps: {
      fetch: [2, 3],
      'claim pods': [4, 5],
      'adopt pod': [6],
      'release pod': [6],
      compare: [8, 9],
      'create pods': [10],
      'delete pods': [11],
      'update status': [13, 14],
    },
  },
  kubelet: {
    source: 'kubernetes pkg/kubelet/kubelet.go (*Kubelet).SyncPod (simulated: no containers run)',
    lines: [
      'func (kl *Kubelet) SyncPod(ctx context.Context, updateType SyncPodType, pod *v1.Pod, ...) (bool, error) {',
      '  pod, err := kl.podManager.GetPodByFullName(podFullName)',
      '  if pod == nil || pod.DeletionTimestamp != nil { return false, nil }',
      '  if pod.Status.Phase is Running, Succeeded or Failed { return false, nil }',
      '  // pull images, create and start containers: simulated as a start delay',
      '  result := kl.containerRuntime.SyncPod(ctx, pod, podStatus, pullSecrets, kl.crashLoopBackOff)',
      '  if !started { requeue after the rest of the start delay }',
      '  kl.statusManager.SetPodStatus(logger, pod, apiPodStatus) // phase Running, Ready=True',
      '  return false, nil',
      '}',
    ],
    steps: {
      fetch: [2, 3, 4],
      'start containers': [5, 6, 7],
      'report status': [8],
    },
  },
};

/** The listing of a controller, or undefined when it has none. */
export function listingFor(world: Pick<LabWorld, 'capi'>, controller: string): CodeListing | undefined {
  const tracker = world.capi.trackers.get(controller);
  if (tracker) {
    return {
      controller,
      source: `Cluster API ${tracker.steps.id} Reconcile`,
      lines: tracker.steps.listing,
      stepLines: tracker.steps.lines,
    };
  }
  const core = CORE[controller];
  if (!core) return undefined;
  return {
    controller,
    source: core.source,
    lines: core.lines,
    stepLines: new Map(Object.entries(core.steps)),
  };
}

/** 1-based line → the busy workers on it, from the controller's snapshot. */
export function activeLines(
  listing: CodeListing,
  snapshot: ControllerSnapshot | undefined,
): ReadonlyMap<number, readonly ActiveWorker[]> {
  const out = new Map<number, ActiveWorker[]>();
  for (const w of snapshot?.workers ?? []) {
    if (w.key === undefined || w.step === undefined) continue;
    for (const line of listing.stepLines.get(w.step) ?? []) {
      let list = out.get(line);
      if (!list) out.set(line, (list = []));
      list.push({ worker: w.id, key: w.key, step: w.step });
    }
  }
  return out;
}

/**
 * The controller to show first: the one whose primary kind is the selected object's, else the first with a
 * listing, else the first.
 */
export function defaultController(
  names: readonly string[],
  selectedKind: string | undefined,
  primaryKind: (controller: string) => string | undefined,
  hasListing: (controller: string) => boolean,
): string | undefined {
  if (selectedKind) {
    const owner = names.find((n) => primaryKind(n) === selectedKind && hasListing(n));
    if (owner) return owner;
  }
  return names.find(hasListing) ?? names[0];
}
