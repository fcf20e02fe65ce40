import { describe, expect, it } from 'vitest';
import { slowStartBatches } from './slow-start.ts';

describe('slowStartBatch (k8s pkg/controller/replicaset/replica_set.go slowStartBatch)', () => {
  it('doubles the batch size and ends with the remainder', () => {
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(1)).toEqual([1]);
    expect(slowStartBatches(0)).toEqual([]);
    expect(slowStartBatches(500).reduce((a, b) => a + b, 0)).toBe(500);
  });
});
