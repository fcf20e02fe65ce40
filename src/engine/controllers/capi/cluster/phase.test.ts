import { describe, expect, it } from 'vitest';
import { clusterPhase, clusterPhaseUpdate } from './phase.ts';
import { cluster } from '../test-fixtures.ts';

// core/reconcilers/cluster/cluster_controller_status.go setPhase; truth F71.
describe('clusterPhase (setPhase, last rule wins)', () => {
  it('F71: Pending without refs, Provisioning with an infrastructureRef or controlPlaneRef', () => {
    expect(
      clusterPhase(
        cluster({
          infraProvisioned: false,
          spec: { infrastructureRef: undefined, controlPlaneRef: undefined },
        }),
      ),
    ).toBe('Pending');
    expect(clusterPhase(cluster({ infraProvisioned: false }))).toBe('Provisioning');
  });
  it('F71: Provisioned needs infrastructure provisioned AND a valid endpoint; control-plane init plays no part', () => {
    expect(clusterPhase(cluster())).toBe('Provisioning');
    expect(clusterPhase(cluster({ spec: { controlPlaneEndpoint: { host: 'h', port: 0 } } }))).toBe(
      'Provisioning',
    );
    expect(
      clusterPhase(
        cluster({ cpInitialized: false, spec: { controlPlaneEndpoint: { host: 'h', port: 6443 } } }),
      ),
    ).toBe('Provisioned');
  });
  it('F71: Deleting wins; Failed is never produced', () => {
    expect(
      clusterPhase(cluster({ deletedAt: 1, spec: { controlPlaneEndpoint: { host: 'h', port: 6443 } } })),
    ).toBe('Deleting');
  });
  it('F71: a phase change comes with the "Cluster X is <Phase>" event', () => {
    expect(clusterPhaseUpdate(cluster({ infraProvisioned: false }))).toEqual({
      phase: 'Provisioning',
      changed: true,
      event: 'Cluster demo is Provisioning',
    });
    expect(
      clusterPhaseUpdate(cluster({ infraProvisioned: false, status: { phase: 'Provisioning' } })),
    ).toEqual({ phase: 'Provisioning', changed: false });
  });
});
