/**
 * What the panels show of the world's objects, read from the API server's store (what is, not what an informer
 * believes). Pure functions of objects, so they are tested without a world.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { phaseOf } from '../../engine/controllers/core/settled.ts';

export interface ReplicaSetView {
  key: string;
  name: string;
  /** spec.replicas (1 when unset, as apps/v1 defaults it). */
  desired: number;
  /** status.readyReplicas. */
  ready: number;
  /** status.replicas: Pods the controller counted, ready or not. */
  current: number;
  generation: number;
  observedGeneration: number;
  /** The controller has seen the latest spec and every desired replica is ready. */
  converged: boolean;
}

export interface PodView {
  key: string;
  name: string;
  /** Pending, Running, …, or Terminating while a deletionTimestamp is set. */
  phase: string;
  owner: string | undefined;
}

const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function replicaSetView(rs: KubeObject): ReplicaSetView {
  const desired = num(rs.spec?.replicas, 1);
  const ready = num(rs.status?.readyReplicas, 0);
  const generation = num(rs.metadata.generation, 0);
  const observedGeneration = num(rs.status?.observedGeneration, 0);
  return {
    key: keyOf(rs),
    name: rs.metadata.name ?? '',
    desired,
    ready,
    current: num(rs.status?.replicas, 0),
    generation,
    observedGeneration,
    converged:
      observedGeneration >= generation && ready === desired && num(rs.status?.replicas, 0) === desired,
  };
}

export function podView(pod: KubeObject): PodView {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.name;
  return {
    key: keyOf(pod),
    name: pod.metadata.name ?? '',
    phase: pod.metadata.deletionTimestamp ? 'Terminating' : phaseOf(pod),
    owner,
  };
}
