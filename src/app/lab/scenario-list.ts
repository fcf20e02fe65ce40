/**
 * The scenarios the lab offers, in src/lessons/scenarios/index.ts order: those whose file the build bundles.
 * The first screen needs only this list; the parsed scenarios travel with the engine (scenario.ts).
 */
import { BUNDLED_IDS } from 'virtual:reconcile-lab/first-screen';
import { BUNDLED_SCENARIOS } from '../../lessons/scenarios/index.ts';

export interface LabScenarioEntry {
  id: string;
  title: string;
}

export const LAB_SCENARIOS: readonly LabScenarioEntry[] = BUNDLED_SCENARIOS.filter((s) =>
  BUNDLED_IDS.includes(s.id),
).map((s) => ({ id: s.id, title: s.title }));

export const isLabScenarioId = (id: string): boolean => LAB_SCENARIOS.some((s) => s.id === id);
