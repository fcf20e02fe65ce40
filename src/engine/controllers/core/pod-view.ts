/**
 * What the ReplicaSet controller needs to know about a pod on each sync, derived once per cached object.
 * Informer caches replace an object on every update and never change it in place, so the memo is exact for as
 * long as the object lives; a sync over 10,000 pods then costs one lookup per pod, not a re-derivation.
 * The two answers that depend on the ReplicaSet (selector match, template labels) are kept with the key of the
 * spec they were computed for and recomputed when that changes.
 */
import type { LabelSelector } from '../../api/selectors.ts';
import { matchesLabels } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { virtualMsFromTimestamp } from '../../sim/timestamp.ts';
import { isPodActive, podCondition } from './pod-status.ts';

export interface PodView {
  readonly pod: KubeObject;
  readonly active: boolean;
  readonly ready: boolean;
  /** When Ready last turned True (virtual ms), or NaN. */
  readonly readySinceMs: number;
  /** The controller ownerReference's uid, or undefined for an orphan. */
  readonly controllerUid: string | undefined;
  selectorKey: string;
  matchesSelector: boolean;
  templateKey: string;
  hasTemplateLabels: boolean;
}

export interface ReplicaSetShape {
  selectorKey: string;
  selector: LabelSelector;
  templateKey: string;
  templateLabels: Record<string, string>;
}

function carriesLabels(labels: Record<string, string> | undefined, want: Record<string, string>): boolean {
  for (const k in want) if (labels?.[k] !== want[k]) return false;
  return true;
}

export function createPodViews(): (pod: KubeObject, shape: ReplicaSetShape) => PodView {
  const memo = new WeakMap<KubeObject, PodView>();
  return (pod, shape) => {
    let v = memo.get(pod);
    if (!v) {
      const ready = podCondition(pod, 'Ready');
      const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
      v = {
        pod,
        active: isPodActive(pod),
        ready: ready?.status === 'True',
        readySinceMs: ready?.lastTransitionTime
          ? virtualMsFromTimestamp(ready.lastTransitionTime)
          : Number.NaN,
        controllerUid: ref?.uid,
        selectorKey: shape.selectorKey,
        matchesSelector: matchesLabels(shape.selector, pod.metadata.labels),
        templateKey: shape.templateKey,
        hasTemplateLabels: carriesLabels(pod.metadata.labels, shape.templateLabels),
      };
      memo.set(pod, v);
      return v;
    }
    if (v.selectorKey !== shape.selectorKey) {
      v.selectorKey = shape.selectorKey;
      v.matchesSelector = matchesLabels(shape.selector, pod.metadata.labels);
    }
    if (v.templateKey !== shape.templateKey) {
      v.templateKey = shape.templateKey;
      v.hasTemplateLabels = carriesLabels(pod.metadata.labels, shape.templateLabels);
    }
    return v;
  };
}
