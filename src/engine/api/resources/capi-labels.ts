/**
 * The labels and annotations CAPI's webhooks read or write, and the label-value formatting they use
 * (api/core/v1beta2/common_types.go, machineset_types.go, machinedeployment_types.go; util/labels/format).
 */
import { isValidLabelValue } from '../names.ts';

export const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';
export const MACHINE_SET_NAME_LABEL = 'cluster.x-k8s.io/set-name';
export const MACHINE_DEPLOYMENT_NAME_LABEL = 'cluster.x-k8s.io/deployment-name';
export const MACHINE_POOL_NAME_LABEL = 'cluster.x-k8s.io/pool-name';
export const AUTOSCALER_MIN_SIZE_ANNOTATION = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
export const AUTOSCALER_MAX_SIZE_ANNOTATION = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';

/**
 * util/labels/format MustFormatValue: the string itself when it is a valid label value, otherwise
 * "hash_<base64url(fnv32a(str))>_z" so that long MachineSet names still fit in a label.
 */
export function mustFormatLabelValue(str: string): string {
  if (isValidLabelValue(str).length === 0) return str;
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(str)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // hash.Hash32 Sum appends the big-endian bytes; Go then uses URL-safe base64 without padding.
  const bytes = [(h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return `hash_${base64UrlNoPad(bytes)}_z`;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlNoPad(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += B64URL[(n >>> 18) & 63]! + B64URL[(n >>> 12) & 63]!;
    if (b1 !== undefined) out += B64URL[(n >>> 6) & 63]!;
    if (b2 !== undefined) out += B64URL[n & 63]!;
  }
  return out;
}
