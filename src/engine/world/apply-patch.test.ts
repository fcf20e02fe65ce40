import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import {
  applyPatchFor,
  LAST_APPLIED_ANNOTATION,
  threeWayMergePatch,
  withLastApplied,
} from './apply-patch.ts';

const md = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'md-0', namespace: 'default' },
  spec: { replicas, clusterName: 'demo', ...extra },
});

describe('client-side apply (kubectl pkg/cmd/apply/patcher.go, jsonmergepatch.CreateThreeWayJSONMergePatch)', () => {
  it('sends only what changed, and keeps fields that controllers own', () => {
    const live = withLastApplied(md(3));
    live.spec = { ...live.spec, paused: false };
    live.status = { replicas: 3 };
    const patch = applyPatchFor(md(5), live)!;
    expect(patch.spec).toEqual({ replicas: 5 });
    expect(patch.status).toBeUndefined();
    expect(
      (patch.metadata as Record<string, Record<string, string>>).annotations![LAST_APPLIED_ANNOTATION],
    ).toContain('"replicas":5');
  });

  it('deletes a field the user removed since the last apply', () => {
    const live = withLastApplied(md(3, { minReadySeconds: 10 }));
    const patch = applyPatchFor(md(3), live)!;
    expect(patch.spec).toEqual({ minReadySeconds: null });
  });

  it('is unchanged when the manifest matches the last apply', () => {
    const live = withLastApplied(md(3));
    expect(applyPatchFor(md(3), live)).toBeUndefined();
  });

  it('replaces lists whole, as JSON merge patch does', () => {
    expect(threeWayMergePatch({ a: [1] }, { a: [1, 2] }, { a: [1] })).toEqual({ a: [1, 2] });
    expect(threeWayMergePatch({ a: [1] }, { a: [1] }, { a: [1] })).toEqual({});
  });
});
