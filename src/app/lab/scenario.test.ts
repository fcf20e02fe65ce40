import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';
import { isLabScenarioId, LAB_SCENARIOS } from './scenario-list.ts';
import { loadLabScenario } from './scenario.ts';
import { compileBundledScenarios, parseBundledScenario } from './scenario-parse.ts';
import { SCENARIO_TEXTS } from './scenario-texts.ts';

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

  it("ships the build's parse of every bundled scenario, equal to parsing its YAML here", () => {
    for (const { id } of LAB_SCENARIOS) {
      expect(loadLabScenario(id).scenario, id).toEqual(parseBundledScenario(id, SCENARIO_TEXTS));
    }
    expect(Object.keys(compileBundledScenarios(SCENARIO_TEXTS))).toEqual(LAB_SCENARIOS.map((s) => s.id));
  });

  it('hands each caller its own objects', () => {
    const a = loadLabScenario('replicaset');
    const b = loadLabScenario('replicaset');
    expect(a.scenario).toEqual(b.scenario);
    expect(a.scenario.objects[0]).not.toBe(b.scenario.objects[0]);
  });

  it('reports a scenario that does not parse, and a missing manifest, by file', () => {
    const texts = { 'src/lessons/scenarios/replicaset.yaml': 'seed: [1\n' };
    expect(compileBundledScenarios(texts)).toEqual({
      replicaset: { error: expect.stringContaining('replicaset.yaml') },
    });
    const missing = { 'src/lessons/scenarios/replicaset.yaml': 'manifests: [gone.yaml]\n' };
    expect(() => parseBundledScenario('replicaset', missing)).toThrow(
      /bundles no file src\/lessons\/scenarios\/gone.yaml/,
    );
  });

  it('names the available ids when asked for an unknown one', () => {
    expect(() => loadLabScenario('nope')).toThrow(/no bundled scenario "nope".*capi-quickstart/);
  });
});
