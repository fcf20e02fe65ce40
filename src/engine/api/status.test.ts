import { describe, expect, it } from 'vitest';
import { fieldInvalid, fieldRequired } from './field-errors.ts';
import {
  alreadyExists,
  conflict,
  deleteSuccess,
  expired,
  internalError,
  invalid,
  methodNotSupported,
  notFound,
  unsupportedMediaType,
} from './status.ts';

describe('apimachinery errors.go', () => {
  it('NewAlreadyExists: details.kind is the resource plural (fact 71)', () => {
    expect(alreadyExists({ group: 'cluster.x-k8s.io', resource: 'machinedeployments' }, 'md-0')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'machinedeployments.cluster.x-k8s.io "md-0" already exists',
      reason: 'AlreadyExists',
      details: { name: 'md-0', group: 'cluster.x-k8s.io', kind: 'machinedeployments' },
      code: 409,
    });
  });
  it('NewNotFound: core resources have no group suffix and no group field (fact 72)', () => {
    const s = notFound({ group: '', resource: 'pods' }, 'nope');
    expect(s.message).toBe('pods "nope" not found');
    expect(s.details).toEqual({ name: 'nope', kind: 'pods' });
    expect(s.code).toBe(404);
  });
  it('NewConflict with the optimistic lock message (fact 73)', () => {
    const s = conflict({ group: 'apps', resource: 'deployments' }, 'web');
    expect(s.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(s.reason).toBe('Conflict');
    expect(s.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });
  it('NewInvalid: Kind.group, bracketed list, causes carry ErrorBody', () => {
    const one = invalid({ group: 'apps', kind: 'ReplicaSet' }, 'rs', [fieldRequired('spec.selector')]);
    expect(one.message).toBe('ReplicaSet.apps "rs" is invalid: spec.selector: Required value');
    expect(one.details).toEqual({
      name: 'rs',
      group: 'apps',
      kind: 'ReplicaSet',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' }],
    });
    const two = invalid({ group: '', kind: 'Pod' }, 'p', [fieldRequired('a'), fieldInvalid('b', 1, 'x')]);
    expect(two.message).toBe('Pod "p" is invalid: [a: Required value, b: Invalid value: 1: x]');
    expect(two.code).toBe(422);
    expect(two.reason).toBe('Invalid');
  });
  it('keeps metav1.Status key order (kind, apiVersion, metadata, status, message, reason, details, code)', () => {
    expect(Object.keys(notFound({ group: '', resource: 'pods' }, 'x'))).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'status',
      'message',
      'reason',
      'details',
      'code',
    ]);
  });
  it('415 for a patch type the resource does not take (negotiation errUnsupportedMediaType)', () => {
    const s = unsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json']);
    expect(s.code).toBe(415);
    expect(s.reason).toBe('UnsupportedMediaType');
    expect(s.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json',
    );
  });
  it('Expired, InternalError and MethodNotSupported', () => {
    expect(expired('too old resource version: 1 (5)')).toMatchObject({ code: 410, reason: 'Expired' });
    expect(internalError('boom')).toMatchObject({ code: 500, message: 'Internal error occurred: boom' });
    expect(methodNotSupported({ group: '', resource: 'events' }, 'deletecollection').message).toBe(
      'deletecollection is not supported on resources of kind "events"',
    );
  });
  it('store.go finalizeDelete: Success status whose details.kind is the plural and carries the uid (fact 81)', () => {
    expect(deleteSuccess({ group: 'example.com', resource: 'widgets' }, 'w', 'u-1')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'w', group: 'example.com', kind: 'widgets', uid: 'u-1' },
      code: 200,
    });
  });
});
