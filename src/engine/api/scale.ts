/**
 * The scale subresource (fact 118): an autoscaling/v1 Scale read from, and written through, the paths the
 * definition names (apiextensions-apiserver pkg/registry/customresource/etcd.go scaleFromCustomResource,
 * scaleUpdatedObjectInfo). Built-ins use the same mechanism with .spec.selector, a metav1.LabelSelector that is
 * printed in its string form, as the ReplicaSet and Deployment scale REST do.
 */
import { fieldInvalid } from './field-errors.ts';
import { getPath } from './json-path.ts';
import { isPlainObject } from './json.ts';
import type { FieldError, ScaleSubresource } from './resource.ts';
import { labelSelectorFromObject, selectorToString } from './selectors.ts';
import type { KubeObject } from './types.ts';
import { IS_NEGATIVE_ERROR_MSG } from './validation.ts';

function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

function selectorAt(obj: KubeObject, path: string | undefined): string {
  if (!path) return '';
  const v = getPath(obj, path);
  if (typeof v === 'string') return v;
  if (isPlainObject(v)) {
    try {
      return selectorToString(labelSelectorFromObject(v));
    } catch {
      return '';
    }
  }
  return '';
}

/** The Scale of an object. Empty fields are left out as Go's omitempty does (spec.replicas 0, selector ""). */
export function scaleOf(obj: KubeObject, sub: ScaleSubresource): KubeObject {
  const m = obj.metadata;
  const metadata: KubeObject['metadata'] = { name: m.name };
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.uid) metadata.uid = m.uid;
  if (m.resourceVersion) metadata.resourceVersion = m.resourceVersion;
  if (m.creationTimestamp) metadata.creationTimestamp = m.creationTimestamp;
  const specReplicas = int(getPath(obj, sub.specReplicasPath));
  const status: Record<string, unknown> = { replicas: int(getPath(obj, sub.statusReplicasPath)) };
  const selector = selectorAt(obj, sub.labelSelectorPath);
  if (selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: specReplicas ? { replicas: specReplicas } : {},
    status,
  };
}

/** autoscaling validation ValidateScale: replicas is a non-negative integer. */
export function validateScaleReplicas(replicas: unknown): FieldError[] {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    return [fieldInvalid('spec.replicas', replicas ?? null, 'must be an integer')];
  }
  return replicas < 0 ? [fieldInvalid('spec.replicas', replicas, IS_NEGATIVE_ERROR_MSG)] : [];
}
