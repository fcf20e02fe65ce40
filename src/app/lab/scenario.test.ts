import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';
import { isLabScenarioId, LAB_SCENARIOS, loadLabScenario, resolveBundledPath } from './scenario.ts';

describe('lab scenarios', () => {
  it('offers every bundled scenario, in index.ts order', () => {
    expect(LAB_SCENARIOS.map((s) => s.id)).toEqual(BUNDLED_SCENARIOS.map((s) => s.id));
    expect(isLabScenarioId('capi-quickstart')).toBe(true);
    expect(isLabScenarioId('nope')).toBe(false);
  });

  it('loads the CAPI quickstart with its Machines owners', () => {
    const s = loadLabScenario('capi-quickstart', { seed: 5 });
    expect(s.options.seed).toBe(5);
    expect(s.options.objects?.map((o) => o.kind)).toContain('MachineDeployment');
  });

  it('names the available ids when asked for an unknown one', () => {
    expect(() => loadLabScenario('nope')).toThrow(/no bundled scenario "nope".*capi-quickstart/);
  });

  it('resolves manifest paths against the scenario folder', () => {
    expect(resolveBundledPath('src/lessons/scenarios/a.yaml', './m/b.yaml')).toBe(
      'src/lessons/scenarios/m/b.yaml',
    );
    expect(resolveBundledPath('src/lessons/scenarios/a.yaml', '../x.yaml')).toBe('src/lessons/x.yaml');
  });
});
