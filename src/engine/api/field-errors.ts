/**
 * Field errors as apimachinery builds and prints them (k8s.io/apimachinery/pkg/util/validation/field/errors.go):
 * constructors mirroring field.Invalid/Required/Forbidden/..., and ErrorBody's Go-flavoured value printing, so
 * that "spec.replicas: Invalid value: -1: must be greater than or equal to 0" reads exactly as kubectl shows it.
 */
import type { FieldError } from './resource.ts';

const GO_REPR = Symbol('goRepr');

/** A value that prints verbatim in an error body, for Go renderings JSON cannot express (e.g. `0x0`). */
export interface GoRepr {
  readonly [GO_REPR]: string;
}

export function goRepr(text: string): GoRepr {
  return { [GO_REPR]: text };
}

function isGoRepr(v: unknown): v is GoRepr {
  return typeof v === 'object' && v !== null && GO_REPR in v;
}

export function fieldInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

export function fieldRequired(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, value: '', detail };
}

export function fieldForbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, value: '', detail };
}

export function fieldDuplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value, detail: '' };
}

/** field.NotSupported: the detail lists the supported values, each strconv.Quote'd. */
export function fieldNotSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length
    ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`
    : '';
  return { type: 'FieldValueNotSupported', field, value, detail };
}

export function fieldTooLong(field: string, maxLength: number): FieldError {
  return {
    type: 'FieldValueTooLong',
    field,
    value: '<value omitted>',
    detail: maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long',
  };
}

// field/errors.go ErrorType.String
const TYPE_TEXT: Record<FieldError['type'], string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
};

const goQuote = (s: string): string => JSON.stringify(s);

function isStringMap(v: object): v is Record<string, string> {
  for (const x of Object.values(v)) if (typeof x !== 'string') return false;
  return true;
}

/** Go's %#v for the value shapes validation reports: maps of strings print as map[string]string{...}. */
export function goValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (isGoRepr(value)) return value[GO_REPR];
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        if (value.every((x) => typeof x === 'string')) {
          return `[]string{${value.map((x) => goQuote(x as string)).join(', ')}}`;
        }
        return JSON.stringify(value);
      }
      if (isStringMap(value)) {
        // fmt prints maps with sorted keys.
        const keys = Object.keys(value).sort();
        return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(value[k]!)}`).join(', ')}}`;
      }
      return JSON.stringify(value);
    }
    default:
      return String(value);
  }
}

/** field.Error.ErrorBody: the message without the field path (what a StatusCause carries). */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = `${TYPE_TEXT[e.type]}: ${goValue(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error: "<field>: <body>". */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** ErrorList.ToAggregate().Error(): duplicates dropped, one error bare, several in brackets. */
export function aggregateFieldErrors(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = formatFieldError(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length <= 1) return msgs[0] ?? '';
  return `[${msgs.join(', ')}]`;
}
