/**
 * coordination.k8s.io/v1 Lease: the kubelet's heartbeat object (one per Node in kube-node-lease). Validation
 * from k8s pkg/apis/coordination/validation/validation.go ValidateLeaseSpec; columns from kubectl's printers.go
 * printLease (Holder, Age).
 */
import { fieldInvalid } from '../field-errors.ts';
import { isPlainObject } from '../json.ts';
import type { FieldError, ResourceDefinition } from '../resource.ts';
import { AGE_COLUMN } from './core.ts';

function validateLeaseSpec(spec: unknown): FieldError[] {
  if (spec === undefined) return [];
  if (!isPlainObject(spec)) return [fieldInvalid('spec', spec, 'must be an object')];
  const errs: FieldError[] = [];
  const d = spec.leaseDurationSeconds;
  if (d !== undefined && d !== null && (typeof d !== 'number' || !Number.isInteger(d) || d <= 0))
    errs.push(fieldInvalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  const t = spec.leaseTransitions;
  if (t !== undefined && t !== null && (typeof t !== 'number' || !Number.isInteger(t) || t < 0))
    errs.push(fieldInvalid('spec.leaseTransitions', t, 'must be greater than or equal to 0'));
  for (const f of ['holderIdentity', 'renewTime', 'acquireTime'] as const) {
    const v = spec[f];
    if (v !== undefined && v !== null && typeof v !== 'string')
      errs.push(fieldInvalid(`spec.${f}`, v, 'must be a string'));
  }
  return errs;
}

export function leaseResource(): ResourceDefinition {
  return {
    group: 'coordination.k8s.io',
    versions: ['v1'],
    kind: 'Lease',
    listKind: 'LeaseList',
    plural: 'leases',
    singular: 'lease',
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'none',
    printerColumns: [{ name: 'Holder', type: 'string', jsonPath: '.spec.holderIdentity' }, AGE_COLUMN],
    validate: (obj) => validateLeaseSpec(obj.spec),
  };
}

export function coordinationResources(): ResourceDefinition[] {
  return [leaseResource()];
}
