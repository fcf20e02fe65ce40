/** Picks the bundled scenario the lab runs (the `scenario` URL parameter, DESIGN.md §2). */
import { LAB_SCENARIOS } from '../lab/scenario-list.ts';

export function ScenarioPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const title = LAB_SCENARIOS.find((s) => s.id === value)?.title;
  return (
    <label className="inline scenario-picker" title={title}>
      <span>Scenario</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Scenario">
        {LAB_SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The page URL with `scenario` set and the old run's moment (t) dropped: it belonged to another scenario. */
export function urlForScenario(href: string, id: string): string {
  const u = new URL(href);
  u.searchParams.set('scenario', id);
  u.searchParams.delete('t');
  return u.toString();
}
