import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { parseUnhealthyRange, remediationAllowance } from './remediation-allowed.ts';

const mhc = (triggerIf: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineHealthCheck',
  metadata: { name: 'mhc' },
  spec: { remediation: { triggerIf } },
});

// machinehealthcheck_controller.go isAllowedRemediation / getUnhealthyRange / getMaxUnhealthy; truth F68, F69.
describe('remediationAllowance', () => {
  it('F68: default 100% allows any number; remediationsAllowed = limit − (expected − currentHealthy)', () => {
    expect(remediationAllowance(mhc(), 5, 1, 4)).toEqual({
      allowed: true,
      remediationsAllowed: 1,
      condition: { type: 'RemediationAllowed', status: 'True', reason: 'RemediationAllowed' },
    });
  });
  it('F68: a percentage rounds down against expectedMachines; not-yet-started Machines count as unhealthy', () => {
    // 40% of 5 = 2; 2 healthy of 5 → 3 unhealthy although only 1 was judged unhealthy.
    expect(remediationAllowance(mhc({ unhealthyLessThanOrEqualTo: '40%' }), 5, 2, 1)).toEqual({
      allowed: false,
      remediationsAllowed: 0,
      condition: {
        type: 'RemediationAllowed',
        status: 'False',
        reason: 'TooManyUnhealthy',
        message:
          'Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: 5, unhealthy: 1, maxUnhealthy: 40%)',
      },
    });
    expect(remediationAllowance(mhc({ unhealthyLessThanOrEqualTo: 2 }), 5, 3, 2)).toMatchObject({
      allowed: true,
      remediationsAllowed: 0,
    });
  });
  it('F68/F69: unhealthyInRange takes precedence and needs a ≤ unhealthy ≤ b', () => {
    const ranged = mhc({ unhealthyInRange: '[3-5]', unhealthyLessThanOrEqualTo: 0 });
    expect(remediationAllowance(ranged, 10, 6, 4)).toMatchObject({ allowed: true, remediationsAllowed: 1 });
    expect(remediationAllowance(ranged, 10, 8, 2)).toMatchObject({
      allowed: false,
      condition: {
        message:
          'Remediation is not allowed, the number of not started or unhealthy machines does not fall within the range (total: 10, unhealthy: 2, unhealthyRange: [3-5])',
      },
    });
    expect(remediationAllowance(ranged, 10, 4, 6).allowed).toBe(false);
  });
  it('parses "[a-b]" and rejects anything else', () => {
    expect(parseUnhealthyRange('[0-12]')).toEqual([0, 12]);
    expect(() => parseUnhealthyRange('3-5')).toThrow('must look like "[3-5]"');
    expect(() => parseUnhealthyRange('[5-3]')).toThrow(
      'max value 3 cannot be less than min value 5 for unhealthyRange',
    );
  });
});
