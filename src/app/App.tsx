/**
 * The lab: transport, the control-loop diagram, desired vs actual, quick actions and the event log, over one
 * running world. Each <Lab> has its own store, theme and shortcuts, so a docs page can hold two.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { DesiredActual } from './components/DesiredActual.tsx';
import { EventLog } from './components/EventLog.tsx';
import { LiveRegion } from './components/LiveRegion.tsx';
import { LoopPanel } from './components/LoopPanel.tsx';
import { QuickActions } from './components/QuickActions.tsx';
import { ShortcutsOverlay, useShortcuts } from './components/ShortcutsOverlay.tsx';
import { Transport } from './components/Transport.tsx';
import { LabProvider, useLab } from './lab/LabProvider.tsx';
import { DEFAULT_SCENARIO_ID, loadLabScenario } from './lab/scenario.ts';
import { THEMES, type Theme } from './lab/theme.ts';
import { parseLabParams } from './lab/url-params.ts';

function Shell({
  theme,
  setTheme,
  notices,
}: {
  theme: Theme;
  setTheme: (t: Theme) => void;
  notices: readonly string[];
}) {
  const root = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useShortcuts(root, toggleHelp, closeHelp);
  const name = useLab((s) => s.snap.scenarioName);
  const engineError = useLab((s) => s.snap.engineError);

  return (
    <div className="lab" data-theme={theme} ref={root}>
      <header className="lab-head">
        <img className="logo" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="32" height="32" />
        <div className="title">
          <h1>Reconcile Lab</h1>
          <p className="tagline">
            The Kubernetes reconciliation loop, running in your browser: scenario <strong>{name}</strong>
          </p>
        </div>
        <label className="inline theme">
          <span>Theme</span>
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </header>
      {notices.length > 0 && (
        <ul className="notices" role="status" aria-label="URL parameters ignored">
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <Transport onHelp={toggleHelp} />
      {engineError && (
        <p className="engine-error" role="alert">
          The simulation stopped: {engineError}. Reset to start again.
        </p>
      )}
      <main className="lab-main">
        <LoopPanel />
        <div className="side">
          <DesiredActual />
          <QuickActions />
        </div>
        <EventLog />
      </main>
      <LiveRegion />
      {help && <ShortcutsOverlay onClose={closeHelp} />}
    </div>
  );
}

export function App() {
  const url = useMemo(() => parseLabParams(window.location.search), []);
  const [theme, setTheme] = useState<Theme>(url.params.theme);
  const loaded = useMemo(() => {
    try {
      const seed = url.params.seed;
      return { scenario: loadLabScenario(DEFAULT_SCENARIO_ID, seed === undefined ? {} : { seed }) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [url]);
  if ('error' in loaded)
    return (
      <p className="engine-error" role="alert">
        The scenario could not be loaded: {loaded.error}
      </p>
    );
  return (
    <LabProvider
      scenario={loaded.scenario}
      start={{ speed: url.params.speed, t: url.params.t, autoplay: url.params.autoplay }}
    >
      <Shell theme={theme} setTheme={setTheme} notices={url.notices} />
    </LabProvider>
  );
}
