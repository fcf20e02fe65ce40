import { describe, expect, it } from 'vitest';
import { mustFormatLabelValue } from './capi-labels.ts';

describe('mustFormatLabelValue (util/labels/format MustFormatValue)', () => {
  it('returns valid label values unchanged', () => {
    expect(mustFormatLabelValue('demo-md-0-abcde')).toBe('demo-md-0-abcde');
    expect(mustFormatLabelValue('')).toBe('');
  });

  it('hashes invalid ones as hash_<base64url(fnv32a)>_z', () => {
    // Expected values computed independently with FNV-1a 32 + URL-safe base64 without padding.
    expect(mustFormatLabelValue('a'.repeat(64))).toBe('hash_2W8PhQ_z');
    expect(mustFormatLabelValue('Bad Name!')).toBe('hash_fyM5Pg_z');
  });

  it('always yields a valid label value', () => {
    for (const s of ['x'.repeat(300), '-leading', 'trailing-', 'ünïcode', 'a/b']) {
      expect(mustFormatLabelValue(s)).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
    }
  });
});
