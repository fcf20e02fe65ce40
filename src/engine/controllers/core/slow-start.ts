/**
 * k8s pkg/controller/replicaset/replica_set.go slowStartBatch: create in batches of 1, 2, 4, … so that a
 * failing create (quota, webhook) costs one call rather than hundreds. Stops at the first batch with an error.
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** Batch sizes for count creations: 1, 2, 4, … with the remainder last. */
export function slowStartBatches(count: number, initial = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const out: number[] = [];
  let remaining = count;
  let size = Math.min(remaining, initial);
  while (size > 0) {
    out.push(size);
    remaining -= size;
    size = Math.min(2 * size, remaining);
  }
  return out;
}
