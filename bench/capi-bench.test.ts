import { describe, expect, it } from 'vitest';
import { capiScenario, runCapiQuickstart } from './capi-bench.ts';

describe('Cluster API benchmark scene', () => {
  it('brings every worker Machine to Running with the MachineDeployment reporting them available', () => {
    const r = runCapiQuickstart(12);
    expect(r.converged).toBe(true);
    expect(r.runningWorkers).toBe(12);
    expect(r.availableReplicas).toBe(12);
    // The provider takes 10 s ± 20% per VM, after the control plane's own VM: never under 16 s of virtual time.
    expect(r.virtualMs).toBeGreaterThan(16_000);
  });

  it('reports wall, cpu and virtual time for the run', () => {
    expect(capiScenario(3).map((f) => f.name)).toEqual([
      'capi 3 worker machines: wall time',
      'capi 3 worker machines: cpu time',
      'capi 3 worker machines: virtual time',
      'capi 3 worker machines: machines running per wall second',
      'capi 3 worker machines: scheduler events',
      'capi 3 worker machines: peak heap',
    ]);
  });
});
