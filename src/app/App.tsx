/**
 * The lab: transport, the control-loop diagram, desired vs actual, quick actions and the event log, over one
 * running world. Each <Lab> has its own store, theme and shortcuts, so a docs page can hold two.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DesiredActual } from './components/DesiredActual.tsx';
import { EventLog } from './components/EventLog.tsx';
import { YamlEditor, type EditRequest } from './components/YamlEditor.tsx';
import { LiveRegion } from './components/LiveRegion.tsx';
import { LoopPanel } from './components/LoopPanel.tsx';
import { QuickActions } from './components/QuickActions.tsx';
import { ShortcutsOverlay, useShortcuts } from './components/ShortcutsOverlay.tsx';
import { Transport } from './components/Transport.tsx';
import { LabProvider, useLab, useLabLive, type MakeLabStore } from './lab/LabProvider.tsx';
import { LAB_SCENARIOS } from './lab/scenario-list.ts';
import { DEFAULT_SCENARIO_ID } from '../lessons/scenarios/index.ts';
import { FIRST_FRAME } from 'virtual:reconcile-lab/first-screen';
import { firstFrameFor } from './lab/first-frame.ts';
import { ScenarioPicker, urlForScenario } from './components/ScenarioPicker.tsx';
import type { Theme } from './lab/theme.ts';
import { IgnoredParams, LabHeader, ThemeSelect } from './components/LabHeader.tsx';
import { parseLabParams } from './lab/url-params.ts';
import { parseLabMode } from './lab/live-params.ts';
import { LessonHeaderButtons } from './lesson/LessonButtons.tsx';
import { LessonAttach, LessonSessionContext, useSessionValue } from './lesson/LessonContext.tsx';
import { lessonsAtStart, stepWithoutLessonNotices } from './lesson/lesson-boot.ts';
import type { LessonKit } from './lesson/lesson-kit.ts';
import { loadLessonKit, useLessons, type Lessons } from './lesson/use-lessons.ts';
import { EmbedAttach } from './embed/EmbedAttach.tsx';
import { PanelSplit } from './embed/PanelSplit.tsx';
import { PermalinkRestore } from './embed/PermalinkRestore.tsx';
import { showsPanel, type PanelId } from './embed/panels.ts';
import { useEmbedBridge } from './embed/use-embed.ts';
import { useModuleWhen } from './lab/use-module-when.ts';
import { loadClusterApiChunk, loadedLabEngine, loadLabEngine } from './lab/lab-engine.ts';

// Panels off the first screen load on first use, so the first screen's JS stays small (issue 4: ≤ 150 KB gzip).
const CodePane = lazy(() => import('./components/CodePane.tsx').then((m) => ({ default: m.CodePane })));
const ExportMenu = lazy(() => import('./components/ExportMenu.tsx').then((m) => ({ default: m.ExportMenu })));
const Inspector = lazy(() => import('./components/Inspector.tsx').then((m) => ({ default: m.Inspector })));
const MachineLifecycle = lazy(() =>
  import('./components/MachineLifecycle.tsx').then((m) => ({ default: m.MachineLifecycle })),
);
const ObjectGraph = lazy(() =>
  import('./components/ObjectGraph.tsx').then((m) => ({ default: m.ObjectGraph })),
);
const LiveApp = lazy(() => import('./components/LiveApp.tsx').then((m) => ({ default: m.LiveApp })));
const NotesWindow = lazy(() => import('./components/Notes.tsx').then((m) => ({ default: m.NotesWindow })));
const ShareButton = lazy(() =>
  import('./components/ShareButton.tsx').then((m) => ({ default: m.ShareButton })),
);
// The console (and the kubectl it runs) loads when first opened; not through React.lazy, see use-module-when.ts.
const loadConsole = () => import('./components/KubectlConsole.tsx');

/** Renders its children once the lab runs a real world, not the build's first frame. */
function WhenLive({ children }: { children: ReactNode }) {
  return useLabLive() ? children : null;
}

/** Issue 4's Cluster API panels, shown while the scenario has Cluster API objects. */
function CapiPanels({ panels }: { panels?: readonly PanelId[] | undefined }) {
  const on = useLab((s) => s.snap.capi !== undefined || s.snap.seriesKind === 'MachineDeployment');
  if (!on || !(showsPanel(panels, 'graph') || showsPanel(panels, 'lifecycle'))) return null;
  return (
    <div className="capi-panels">
      <Suspense fallback={null}>
        {showsPanel(panels, 'graph') && <ObjectGraph />}
        {showsPanel(panels, 'lifecycle') && <MachineLifecycle />}
      </Suspense>
    </div>
  );
}

function Shell({
  theme,
  setTheme,
  notices,
  scenarioId,
  onScenario,
  embed = false,
  panels,
  lessons,
  ensureLessons,
  loadError,
}: {
  theme: Theme;
  setTheme: (t: Theme) => void;
  notices: readonly string[];
  scenarioId: string;
  onScenario: (id: string) => void;
  /** embed=1: no header (title, blurb, scenario picker); docs/embedding.md. */
  embed?: boolean;
  panels?: readonly PanelId[] | undefined;
  /** The lesson kit and session, once loaded (use-lessons.ts). */
  lessons: Lessons | undefined;
  ensureLessons: () => Promise<Lessons>;
  /** The engine's chunk failed to load while the lab showed its first frame. */
  loadError?: string | undefined;
}) {
  const root = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const [consoleOpen, setConsoleOpen] = useState(false);
  const toggleConsole = useCallback(() => setConsoleOpen((o) => !o), []);
  const closeConsole = useCallback(() => setConsoleOpen(false), []);
  useShortcuts(root, toggleHelp, closeHelp, toggleConsole);
  const kubectl = useModuleWhen(consoleOpen, loadConsole);
  const name = useLab((s) => s.snap.scenarioName);
  const engineError = useLab((s) => s.snap.engineError);
  // Marks the lab while it plays, for app.css (off-screen panels skip rendering then).
  const playing = useLab((s) => s.snap.playing);
  // Panels that read the world wait while the lab shows the build's first frame (first-frame.ts).
  const live = useLabLive();
  const [editRequest, setEditRequest] = useState<EditRequest | undefined>(undefined);
  const show = (id: PanelId) => showsPanel(panels, id);
  const edit = useCallback(
    (ref: EditRequest['ref']) => setEditRequest((r) => ({ ref, n: (r?.n ?? 0) + 1 })),
    [],
  );

  return (
    <div
      className="lab"
      data-theme={theme}
      data-embed={embed || undefined}
      data-playing={playing || undefined}
      data-live={live || undefined}
      ref={root}
      tabIndex={embed ? -1 : undefined}
    >
      {!embed && (
        <LabHeader
          tagline={
            <>
              The Kubernetes reconciliation loop, running in your browser: scenario <strong>{name}</strong>
            </>
          }
        >
          <ScenarioPicker value={scenarioId} onChange={onScenario} />
          <ThemeSelect theme={theme} setTheme={setTheme} />
          <Suspense fallback={null}>
            <ExportMenu />
            <ShareButton />
          </Suspense>
          <LessonHeaderButtons lessons={lessons} ensure={ensureLessons} setTheme={setTheme} />
          <button
            type="button"
            className="console-toggle"
            aria-pressed={consoleOpen}
            aria-keyshortcuts="k"
            onClick={toggleConsole}
          >
            kubectl
          </button>
        </LabHeader>
      )}
      <IgnoredParams notices={notices} />
      <Transport onHelp={toggleHelp} />
      {lessons && <lessons.kit.LessonArea />}
      {loadError && (
        <p className="engine-error" role="alert">
          The simulation could not be loaded: {loadError}. Reload the page to try again.
        </p>
      )}
      {engineError && (
        <p className="engine-error" role="alert">
          The simulation stopped: {engineError}. Reset to start again.
        </p>
      )}
      <main className="lab-main">
        <PanelSplit
          id="main"
          label="Resize the control loop and the side panels"
          initial={0.64}
          left={show('loop') && <LoopPanel />}
          right={
            (show('graph') || show('lifecycle') || show('desired') || show('actions')) && (
              <div className="side">
                <CapiPanels panels={panels} />
                {show('desired') && <DesiredActual />}
                {show('actions') && <QuickActions />}
              </div>
            )
          }
        />
        {show('log') && <EventLog />}
        <PanelSplit
          id="inspect"
          label="Resize the inspector and the code pane"
          initial={0.55}
          left={
            show('inspector') &&
            live && (
              <Suspense fallback={null}>
                <Inspector onEdit={edit} />
              </Suspense>
            )
          }
          right={
            (show('code') || show('yaml')) && (
              <div className="side">
                {show('code') && live && (
                  <Suspense fallback={null}>
                    <CodePane />
                  </Suspense>
                )}
                {show('yaml') && <YamlEditor request={editRequest} />}
              </div>
            )
          }
        />
      </main>
      <LiveRegion />
      {help && <ShortcutsOverlay onClose={closeHelp} />}
      {consoleOpen && live && kubectl.module && <kubectl.module.KubectlConsole onClose={closeConsole} />}
      {consoleOpen && kubectl.error && (
        <p className="engine-error" role="alert">
          The kubectl console could not be loaded: {kubectl.error}
        </p>
      )}
    </div>
  );
}

/**
 * A URL that opens a lesson or presenter mode waits for the lesson kit, so the lab starts on the lesson's scene
 * (never the default one first); any other URL starts the lab at once and loads lessons on first use.
 */
export function App() {
  const [atStart] = useState(() => lessonsAtStart(window.location.search));
  const [kit, setKit] = useState<LessonKit | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!atStart) return;
    let live = true;
    loadLessonKit().then(
      (k) => {
        if (live) setKit(k);
      },
      (e: unknown) => {
        if (live) setFailed(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [atStart]);
  if (failed)
    return (
      <p className="engine-error" role="alert">
        The lesson could not be loaded: {failed}
      </p>
    );
  if (atStart && !kit) return <p role="status">Loading lesson…</p>;
  return <LabApp kitAtStart={kit} />;
}

/**
 * Loads a chunk once the page is idle after the first screen, so that picking a Cluster API scenario later on
 * a venue's slow network does not blank the lab while its controllers download. A failure is left for the
 * moment the chunk is really needed, which reports it.
 */
function usePrefetchWhenIdle(load: (() => Promise<unknown>) | undefined) {
  useEffect(() => {
    if (!load) return;
    const run = () => void load().catch(() => {});
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(run, { timeout: 5000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(run, 2000);
    return () => window.clearTimeout(id);
  }, [load]);
}

function LabApp({ kitAtStart }: { kitAtStart: LessonKit | undefined }) {
  const url = useMemo(
    () =>
      parseLabParams(window.location.search, {
        scenarioIds: LAB_SCENARIOS.map((s) => s.id),
        lessonIds: kitAtStart?.lessonIds,
      }),
    [kitAtStart],
  );
  // The lesson session outlives a lab: a new lesson re-keys the LabProvider below, the session attaches to it.
  const { lessons, ensure: ensureLessons } = useLessons(url.params, kitAtStart);
  const session = lessons?.session;
  const kit = lessons?.kit;
  const lessonNotices = useMemo(
    () => [...(lessons?.notices ?? []), ...stepWithoutLessonNotices(url.params)],
    [lessons, url],
  );
  const lesson = useSessionValue(session, (s) => s.lesson);
  const [scenarioId, setScenarioId] = useState(url.params.scenario ?? DEFAULT_SCENARIO_ID);
  const onScenario = useCallback((id: string) => {
    // A new store for the new scenario (LabProvider is keyed by id); the URL follows without a reload.
    window.history.replaceState(window.history.state, '', urlForScenario(window.location.href, id));
    setScenarioId(id);
  }, []);
  const [theme, setTheme] = useState<Theme>(url.params.presenter ? 'projector' : url.params.theme);
  const embedLink = useEmbedBridge({
    enabled: url.params.embed === true,
    parentOrigin: url.params.parentOrigin,
    ensureLessons,
  });
  const [restoreNotices, setRestoreNotices] = useState<string[]>([]);
  const onRestoreFail = useCallback((n: string) => setRestoreNotices((ns) => [...ns, n]), []);
  // A permalink's tape is replayed to t by PermalinkRestore, not by the provider's start.
  const restoring =
    url.params.tape !== undefined && !lesson && scenarioId === (url.params.scenario ?? DEFAULT_SCENARIO_ID);
  // The engine loads as its own chunk (lab-engine.ts; main.tsx starts the download before the first render).
  const engineChunk = useModuleWhen(true, loadLabEngine, loadedLabEngine);
  const engine = engineChunk.module;
  const loaded = useMemo(() => {
    if (!engine) return undefined;
    try {
      const seed = url.params.seed;
      // Knob values reach the lab through the session (it restarts the world), so the lesson's defaults here.
      if (lesson && kit) return { scenario: kit.labScenario(lesson) };
      return { scenario: engine.loadLabScenario(scenarioId, seed === undefined ? {} : { seed }) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [engine, url, scenarioId, lesson, kit]);
  // A Cluster API scenario waits for its controllers' chunk; a plain one starts in the render the engine is here.
  const scenario = loaded && 'scenario' in loaded ? loaded.scenario : undefined;
  const waitsForCapi =
    engine !== undefined && scenario !== undefined && !engine.labWorldReady(scenario.options);
  const capiChunk = useModuleWhen(waitsForCapi, loadClusterApiChunk);
  // Only after the engine: before, it would compete with the engine's download (and retry a failed one).
  usePrefetchWhenIdle(engine ? loadClusterApiChunk : undefined);
  const speed = url.params.speed;
  const t = restoring ? undefined : url.params.t;
  const autoplay = url.params.autoplay && !restoring;
  const make = useMemo<MakeLabStore | undefined>(() => {
    if (!engine || !scenario || waitsForCapi) return undefined;
    return (budget) => {
      const store = engine.createLabStore(scenario, speed === undefined ? { budget } : { speed, budget });
      if (t !== undefined) store.getState().seek(t);
      if (autoplay) store.getState().play();
      return store;
    };
  }, [engine, scenario, waitsForCapi, speed, t, autoplay]);
  // Until the engine is here, the default lab draws the build's first frame; any other start waits for it.
  const firstFrame = firstFrameFor(FIRST_FRAME ?? undefined, {
    scenarioId,
    seed: url.params.seed,
    speed,
    t,
    autoplay,
    restores: restoring || lesson !== undefined,
  });
  // ?attach=1 (a served engine) or ?live=<path> (a real cluster via kubectl proxy): docs/live.md.
  const labMode = useMemo(() => parseLabMode(window.location.search, window.location), []);
  if (labMode.mode.mode !== 'sim')
    return (
      <Suspense fallback={null}>
        <LiveApp
          mode={labMode.mode.mode}
          base={labMode.mode.base}
          theme={url.params.theme}
          notices={[...url.notices, ...labMode.notices]}
        />
      </Suspense>
    );
  if (url.params.notes)
    return (
      <Suspense fallback={null}>
        <NotesWindow lessonId={url.params.lesson} />
      </Suspense>
    );
  if (loaded && 'error' in loaded)
    return (
      <p className="engine-error" role="alert">
        The scenario could not be loaded: {loaded.error}
      </p>
    );
  if (waitsForCapi && capiChunk.error)
    return (
      <p className="engine-error" role="alert">
        The Cluster API controllers could not be loaded: {capiChunk.error}
      </p>
    );
  if (waitsForCapi) return <p role="status">Loading the Cluster API controllers…</p>;
  if (!make && !firstFrame)
    return engineChunk.error ? (
      <p className="engine-error" role="alert">
        The simulation could not be loaded: {engineChunk.error}
      </p>
    ) : (
      <p role="status">Loading the simulation…</p>
    );
  return (
    <LessonSessionContext.Provider value={session ?? null}>
      <LabProvider
        key={lesson ? `lesson:${lesson.id}` : scenarioId}
        make={make}
        firstFrame={firstFrame}
        failed={engineChunk.error !== undefined}
      >
        {session && (
          <WhenLive>
            <LessonAttach />
          </WhenLive>
        )}
        {embedLink && <EmbedAttach link={embedLink} />}
        {restoring && url.params.tape && (
          <PermalinkRestore
            tape={url.params.tape}
            t={url.params.t ?? 0}
            autoplay={url.params.autoplay}
            onFail={onRestoreFail}
          />
        )}
        <Shell
          theme={theme}
          setTheme={setTheme}
          notices={[...url.notices, ...labMode.notices, ...lessonNotices, ...restoreNotices]}
          embed={url.params.embed === true}
          panels={url.params.panels}
          lessons={lessons}
          ensureLessons={ensureLessons}
          loadError={engineChunk.error}
          scenarioId={lesson?.scenario ?? scenarioId}
          onScenario={(id) => {
            // Picking a scenario leaves the lesson: free play on that scene.
            session?.getState().closeLesson();
            const u = new URL(window.location.href);
            for (const k of ['lesson', 'step']) u.searchParams.delete(k);
            window.history.replaceState(window.history.state, '', u.toString());
            onScenario(id);
          }}
        />
      </LabProvider>
    </LessonSessionContext.Provider>
  );
}
