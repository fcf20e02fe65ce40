import { describe, expect, it } from 'vitest';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  regexError,
} from './names.ts';

// Messages as kube-apiserver v1.32 prints them (apimachinery pkg/util/validation/validation.go).
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('validation.go IsDNS1123Subdomain', () => {
  it('accepts dotted lowercase names', () => {
    expect(isDNS1123Subdomain('web-1.example.com')).toEqual([]);
  });
  it('rejects upper case and underscores with the exact message', () => {
    expect(isDNS1123Subdomain('My_Name')).toEqual([SUBDOMAIN_MSG]);
  });
  it('reports the 253-character limit and the pattern separately', () => {
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1123Subdomain(`-${'a'.repeat(253)}`)).toEqual([
      'must be no more than 253 characters',
      SUBDOMAIN_MSG,
    ]);
  });
});

describe('validation.go IsDNS1123Label', () => {
  it('keeps the double space of RegexError before " or "', () => {
    expect(isDNS1123Label('Bad')).toEqual([LABEL_MSG]);
  });
  it('says "must not contain dots" for a valid subdomain', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  });
  it('limits labels to 63 characters', () => {
    expect(isDNS1123Label('a'.repeat(63))).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('generic.go NameIs* with prefix (generateName)', () => {
  it('masks a trailing dash the way maskTrailingDash does', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
    expect(nameIsDNSLabel('ns-', true)).toEqual([]);
  });
});

describe('validation.go IsQualifiedName and IsValidLabelValue', () => {
  it('accepts prefixed keys', () => {
    expect(isQualifiedName('cluster.x-k8s.io/cluster-name')).toEqual([]);
  });
  it('explains an empty prefix and a bad name part', () => {
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/-b')[0]).toMatch(/^name part must consist of alphanumeric characters/);
  });
  it('rejects two slashes with the "qualified name" wording', () => {
    expect(isQualifiedName('a/b/c')[0]).toMatch(
      /^a qualified name must consist of .* \(e\.g\. 'example\.com\/MyName'\)$/,
    );
  });
  it('allows empty label values but not spaces', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('a b')[0]).toMatch(/^a valid label must be an empty string or consist of/);
  });
  it('regexError without examples', () => {
    expect(regexError('bad', 'x+')).toBe("bad (regex used for validation is 'x+')");
  });
});
