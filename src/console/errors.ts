/**
 * How kubectl words an API Status error (k8s.io/kubectl pkg/cmd/util/helpers.go checkErr, StandardErrorMessage,
 * MultilineError): Invalid lists its causes under "The <Kind> "<name>" is invalid: ", everything else is
 * "Error from server (<Reason>): <message>".
 */
import { invalid } from '../engine/api/status.ts';
import type { FieldError, ResourceDefinition } from '../engine/api/resource.ts';
import type { Status } from '../engine/api/types.ts';

export function statusMessage(status: Status, context = ''): string {
  if (status.reason === 'Invalid') {
    const d = status.details;
    const prefix =
      d && (d.kind || d.name)
        ? `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`
        : 'The request is invalid';
    const causes = (d?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (causes.length === 0) return `${prefix}: ${status.message ?? ''}`;
    if (causes.length === 1) return `${prefix}: ${causes[0]}`;
    return [`${prefix}: `, ...causes.map((c) => `* ${c}`)].join('\n');
  }
  const message = `${context}${status.message ?? ''}`;
  return status.reason ? `Error from server (${status.reason}): ${message}` : `Error from server: ${message}`;
}

/** The 422 the server would answer for an object that fails validation. */
export const invalidMessage = (def: ResourceDefinition, name: string, errs: readonly FieldError[]): string =>
  statusMessage(invalid({ group: def.group, kind: def.kind }, name, errs));
