import { describe, expect, it } from 'vitest';
import {
  aggregateFieldErrors,
  fieldErrorBody,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  formatFieldError,
  goRepr,
} from './field-errors.ts';

describe('field/errors.go ErrorBody', () => {
  it('prints numbers bare and strings quoted', () => {
    expect(formatFieldError(fieldInvalid('spec.replicas', -1, 'must be greater than or equal to 0'))).toBe(
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(fieldErrorBody(fieldInvalid('metadata.name', 'A', 'bad'))).toBe('Invalid value: "A": bad');
  });
  it('omits the value for Required, Forbidden and TooLong', () => {
    expect(formatFieldError(fieldRequired('spec.selector'))).toBe('spec.selector: Required value');
    expect(formatFieldError(fieldForbidden('metadata.namespace', 'not allowed on this type'))).toBe(
      'metadata.namespace: Forbidden: not allowed on this type',
    );
    expect(fieldErrorBody(fieldTooLong('metadata.annotations', 262144))).toBe(
      'Too long: may not be more than 262144 bytes',
    );
  });
  it('prints maps like Go %#v with sorted keys and null for nil', () => {
    expect(fieldErrorBody(fieldInvalid('l', { b: '2', a: '1' }, 'x'))).toBe(
      'Invalid value: map[string]string{"a":"1", "b":"2"}: x',
    );
    expect(fieldErrorBody(fieldInvalid('x', undefined, 'y'))).toBe('Invalid value: null: y');
  });
  it('prints a GoRepr verbatim (store.go reports a missing resourceVersion as 0x0)', () => {
    expect(
      fieldErrorBody(
        fieldInvalid('metadata.resourceVersion', goRepr('0x0'), 'must be specified for an update'),
      ),
    ).toBe('Invalid value: 0x0: must be specified for an update');
  });
  it('NotSupported lists quoted supported values', () => {
    expect(formatFieldError(fieldNotSupported('spec.restartPolicy', 'Never', ['Always']))).toBe(
      'spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });
});

describe('ErrorList.ToAggregate', () => {
  it('prints one error bare and several bracketed, without duplicates', () => {
    const a = fieldRequired('a');
    const b = fieldRequired('b');
    expect(aggregateFieldErrors([a])).toBe('a: Required value');
    expect(aggregateFieldErrors([a, b, a])).toBe('[a: Required value, b: Required value]');
  });
});
