/**
 * Status errors with apimachinery's exact messages and details (k8s.io/apimachinery/pkg/api/errors/errors.go).
 * A "GroupResource" here is the plural and the group ("replicasets", "apps"); messages print it as
 * "replicasets.apps", or just "pods" for the core group, and empty fields are left out as Go's omitempty does.
 */
import { aggregateFieldErrors, fieldErrorBody } from './field-errors.ts';
import type { FieldError } from './resource.ts';
import type { Status, StatusReason } from './types.ts';

export interface GroupResource {
  group: string;
  resource: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

export const groupResourceString = (gr: GroupResource): string =>
  gr.group ? `${gr.resource}.${gr.group}` : gr.resource;

const groupKindString = (gk: GroupKind): string => (gk.group ? `${gk.kind}.${gk.group}` : gk.kind);

type Details = NonNullable<Status['details']>;

/** Drops empty strings/zeros/empty lists, as the Go JSON encoder does for omitempty fields. */
function compactDetails(d: Details): Details | undefined {
  const out: Details = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

export function failureStatus(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Details,
): Status {
  // Key order as metav1.Status encodes: kind, apiVersion, metadata, status, message, reason, details, code.
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message } as Status;
  if (reason !== '') s.reason = reason;
  if (details) {
    const d = compactDetails(details);
    if (d) s.details = d;
  }
  s.code = code;
  return s;
}

// errors.go NewNotFound
export function notFound(gr: GroupResource, name: string): Status {
  return failureStatus(404, 'NotFound', `${groupResourceString(gr)} ${JSON.stringify(name)} not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 404 for a path the server does not serve at all (an unknown resource or subresource). */
export function resourceNotServed(): Status {
  return failureStatus(404, 'NotFound', 'the server could not find the requested resource', {});
}

// errors.go NewAlreadyExists
export function alreadyExists(gr: GroupResource, name: string): Status {
  return failureStatus(
    409,
    'AlreadyExists',
    `${groupResourceString(gr)} ${JSON.stringify(name)} already exists`,
    {
      name,
      group: gr.group,
      kind: gr.resource,
    },
  );
}

// errors.go NewGenerateNameConflict
export function generateNameConflict(gr: GroupResource, name: string): Status {
  return failureStatus(
    409,
    'AlreadyExists',
    `${groupResourceString(gr)} ${JSON.stringify(name)} already exists, the server was not able to generate a unique name for the object`,
    { name, group: gr.group, kind: gr.resource, retryAfterSeconds: 1 },
  );
}

/** registry/generic/registry/store.go OptimisticLockErrorMsg */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  'the object has been modified; please apply your changes to the latest version and try again';

// errors.go NewConflict
export function conflict(gr: GroupResource, name: string, err: string = OPTIMISTIC_LOCK_ERROR_MSG): Status {
  return failureStatus(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResourceString(gr)} ${JSON.stringify(name)}: ${err}`,
    { name, group: gr.group, kind: gr.resource },
  );
}

// errors.go NewInvalid: details.kind is the Kind (not the plural), causes carry ErrorBody.
export function invalid(gk: GroupKind, name: string, errs: readonly FieldError[]): Status {
  const message = errs.length
    ? `${groupKindString(gk)} ${JSON.stringify(name)} is invalid: ${aggregateFieldErrors(errs)}`
    : `${groupKindString(gk)} ${JSON.stringify(name)} is invalid`;
  return failureStatus(422, 'Invalid', message, {
    name,
    group: gk.group,
    kind: gk.kind,
    causes: errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

// errors.go NewBadRequest
export function badRequest(message: string): Status {
  return failureStatus(400, 'BadRequest', message);
}

// errors.go NewForbidden
export function forbidden(gr: GroupResource, name: string, err: string): Status {
  const message = !gr.resource
    ? `forbidden: ${err}`
    : name
      ? `${groupResourceString(gr)} ${JSON.stringify(name)} is forbidden: ${err}`
      : `${groupResourceString(gr)} is forbidden: ${err}`;
  return failureStatus(403, 'Forbidden', message, { name, group: gr.group, kind: gr.resource });
}

// errors.go NewMethodNotSupported
export function methodNotSupported(gr: GroupResource, action: string): Status {
  return failureStatus(
    405,
    'MethodNotAllowed',
    `${action} is not supported on resources of kind ${JSON.stringify(groupResourceString(gr))}`,
    { group: gr.group, kind: gr.resource },
  );
}

// endpoints/handlers/negotiation/errors.go errUnsupportedMediaType
export function unsupportedMediaType(accepted: readonly string[]): Status {
  return failureStatus(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

// errors.go NewResourceExpired
export function expired(message: string): Status {
  return failureStatus(410, 'Expired', message);
}

// errors.go NewGone
export function gone(message: string): Status {
  return failureStatus(410, 'Gone', message);
}

// errors.go NewInternalError
export function internalError(err: string): Status {
  return failureStatus(500, 'InternalError', `Internal error occurred: ${err}`, {
    causes: [{ message: err }],
  });
}

/** A plain Go error that no registry converted: responsewriters ErrorToAPIStatus makes it a 500 with no reason. */
export function unknownError(message: string, code = 500): Status {
  return failureStatus(code, '', message);
}

// errors.go NewTooManyRequests
export function tooManyRequests(message: string, retryAfterSeconds: number): Status {
  return failureStatus(429, 'TooManyRequests', message, { retryAfterSeconds });
}

// errors.go NewServiceUnavailable
export function serviceUnavailable(reason: string): Status {
  return failureStatus(503, 'ServiceUnavailable', reason);
}

// errors.go NewTimeoutError
export function timeout(message: string, retryAfterSeconds: number): Status {
  return failureStatus(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

// errors.go NewGenericServerResponse(422, "", {}, "", ...): what a failed JSON patch returns. The upstream Status
// has no causes; the one here names the failing operation so that the learner sees why (a documented addition).
export function genericUnprocessable(detail: string): Status {
  return failureStatus(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ message: detail }],
  });
}

/** The immediate-delete answer for registries that do not return the object (store.go finalizeDelete). */
export function deleteSuccess(gr: GroupResource, name: string, uid: string): Status {
  const details = compactDetails({ name, group: gr.group, kind: gr.resource, uid });
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}
