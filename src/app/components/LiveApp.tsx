/**
 * The lab attached to a served engine (`?attach=1`) or reading a real cluster through kubectl proxy
 * (`?live=<path>`, read-only): desired vs actual, the Cluster API object graph and Machine lifecycle, object
 * tables and the watch event flow from real watches; the loop diagram from the served engine's trace.
 * Controls that only a simulator can honour are shown disabled with the reason.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { BROWSER_CONNECTIONS_PER_ORIGIN, DEFAULT_POLL_MS } from '../../live/remote-source.ts';
import { lifecycleModel } from '../../viz/lifecycle-model.ts';
import { objectGraphModel } from '../../viz/object-graph-model.ts';
import { capiView, hasCapiObjects } from '../lab/capi-views.ts';
import { createLiveStore, type LiveSnapshot } from '../lab/live-store.ts';
import { capiObjectsOf, desiredRows, objectRows, watchFlowRows, type ByKind } from '../lab/live-views.ts';
import type { Theme } from '../lab/theme.ts';
import { IgnoredParams, LabHeader, ThemeSelect } from './LabHeader.tsx';
import { formatVirtualTime } from '../lab/time-format.ts';
import { LiveLoop, NEEDS_SIMULATOR } from './LiveLoop.tsx';

export function LiveApp({
  mode,
  base,
  theme: initialTheme,
  notices,
}: {
  mode: 'live' | 'attach';
  base: string;
  theme: Theme;
  notices: readonly string[];
}) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [store] = useState(() => createLiveStore({ mode, base }));
  useEffect(() => {
    store.getState().start();
    return () => store.getState().stop();
  }, [store]);
  const snap = useStore(store, (s) => s.snap);
  const byKind = snap.source.byKind;
  const where = `${window.location.origin}${base}`;

  return (
    <div className="lab live-lab" data-theme={theme} data-mode={mode}>
      <LabHeader
        taglineTestId="live-tagline"
        tagline={
          mode === 'attach' ? (
            <>
              Attached to the served engine at <strong>{where}</strong>
            </>
          ) : (
            <>
              Live, read-only: the cluster behind <strong>{where}</strong>
            </>
          )
        }
      >
        <ThemeSelect theme={theme} setTheme={setTheme} />
      </LabHeader>
      <IgnoredParams notices={notices} />
      <LiveTransport snap={snap} />
      <main className="lab-main">
        <div className="live-left">
          <LiveLoop snap={snap} byKind={byKind} />
          <WatchFlow snap={snap} />
        </div>
        <div className="side">
          <LiveDesired byKind={byKind} />
          <LiveCapi byKind={byKind} />
        </div>
        <LiveObjects byKind={byKind} />
      </main>
    </div>
  );
}

function LiveTransport({ snap }: { snap: LiveSnapshot }) {
  const reason =
    snap.mode === 'attach'
      ? `The served engine runs on its own clock (speed ${snap.info?.speed ?? '?'}×): play, step and step back need the in-page simulator. Change the world with kubectl.`
      : 'A real cluster runs in real time: play, step and step back need the simulator. This page only reads.';
  const state = snap.source.state;
  return (
    <div className="transport live-transport" role="group" aria-label="Playback">
      <div className="transport-buttons">
        {['▶ Play', 'Step', '◀ Step back'].map((label) => (
          <button key={label} type="button" disabled title={reason} aria-describedby="live-transport-reason">
            {label}
          </button>
        ))}
      </div>
      <p id="live-transport-reason" className="muted live-reason">
        {reason}
      </p>
      <p className="live-status" data-testid="live-status" aria-live="polite">
        {snap.mode === 'attach' && <span className="clock">t = {formatVirtualTime(snap.t)} · </span>}
        {state === 'running'
          ? `watching ${snap.source.resources.length} resources, ${snap.source.watchEvents} watch events`
          : state === 'discovering'
            ? 'discovering resources…'
            : state === 'backoff'
              ? `cannot reach the API: ${snap.source.error ?? ''} (retrying)`
              : 'stopped'}
        {snap.infoError && ` · ${snap.infoError}`}
      </p>
    </div>
  );
}

function LiveDesired({ byKind }: { byKind: ByKind }) {
  const rows = useMemo(() => desiredRows(byKind), [byKind]);
  return (
    <section className="panel desired-panel" aria-labelledby="live-desired-title">
      <header className="panel-head">
        <h2 id="live-desired-title">Desired vs actual</h2>
      </header>
      {rows.length === 0 ? (
        <p className="muted">Nothing with spec.replicas yet.</p>
      ) : (
        <table className="spec-status live-desired">
          <thead>
            <tr>
              <th scope="col">object</th>
              <th scope="col">spec.replicas</th>
              <th scope="col">ready</th>
              <th scope="col">exist</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.kind}/${r.key}`}
                className={r.converged ? undefined : 'drift'}
                data-testid={`desired-${r.kind}-${r.name}`}
              >
                <th scope="row">
                  {r.kind} {r.name}
                </th>
                <td data-testid="desired">{r.desired}</td>
                <td data-testid="ready">{r.ready}</td>
                <td>
                  {r.current}
                  {r.converged ? ' ✓' : ' ↻'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LiveCapi({ byKind }: { byKind: ByKind }) {
  const view = useMemo(() => capiView(capiObjectsOf(byKind)), [byKind]);
  const graph = useMemo(() => objectGraphModel(view, { toggled: new Set(), selectedId: undefined }), [view]);
  const lifecycle = useMemo(() => lifecycleModel(view.machines), [view]);
  if (!hasCapiObjects(view))
    return (
      <section className="panel" aria-labelledby="live-capi-title">
        <header className="panel-head">
          <h2 id="live-capi-title">Cluster API</h2>
        </header>
        <p className="muted">No Cluster API objects (or the cluster does not serve cluster.x-k8s.io).</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="live-capi-title">
      <header className="panel-head">
        <h2 id="live-capi-title">Cluster API</h2>
      </header>
      <ul className="live-graph" aria-label="Object graph">
        {graph.rows.map((r) => (
          <li key={r.id} style={{ paddingInlineStart: `${r.depth * 1.2}rem` }} data-tone={r.tone}>
            <span aria-hidden="true">{r.icon}</span> {r.label} <span className="phase">{r.status}</span>
          </li>
        ))}
      </ul>
      <p className="live-lifecycle" data-testid="machine-phases" aria-label="Machines by phase">
        Machines by phase:{' '}
        {lifecycle.boxes
          .filter((b) => b.count > 0)
          .map((b) => `${b.phase} ${b.count}`)
          .join(' · ') || 'none'}
      </p>
    </section>
  );
}

function WatchFlow({ snap }: { snap: LiveSnapshot }) {
  const rows = watchFlowRows(snap.source.resources);
  return (
    <section className="panel" aria-labelledby="live-flow-title">
      <header className="panel-head">
        <h2 id="live-flow-title">Watch event flow</h2>
      </header>
      <div className="live-scroll">
        <table className="live-table" data-testid="watch-flow">
          <thead>
            <tr>
              <th scope="col">resource</th>
              <th scope="col">state</th>
              <th scope="col">ADDED</th>
              <th scope="col">MODIFIED</th>
              <th scope="col">DELETED</th>
              <th scope="col">BOOKMARK</th>
              <th scope="col">lists</th>
              <th scope="col">410 relists</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.resource}>
                <th scope="row">{r.resource}</th>
                <td>{r.failures > 0 ? `${r.state} (${r.failures} failures)` : r.state}</td>
                <td>{r.added}</td>
                <td>{r.modified}</td>
                <td>{r.deleted}</td>
                <td>{r.bookmarks}</td>
                <td>{r.lists}</td>
                <td>{r.relists410}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.state === 'polling') && (
        <p className="muted">
          Polling: listed every {DEFAULT_POLL_MS / 1000} s instead of watched, because a browser keeps at most{' '}
          {BROWSER_CONNECTIONS_PER_ORIGIN} connections open to one origin and every watch holds one.
        </p>
      )}
      <p className="muted">
        Workqueue and worker lanes:{' '}
        {snap.mode === 'live' ? NEEDS_SIMULATOR : 'see the loop diagram tokens above'}.
      </p>
    </section>
  );
}

function LiveObjects({ byKind }: { byKind: ByKind }) {
  const kinds = Object.keys(byKind);
  return (
    <section className="panel live-objects" aria-labelledby="live-objects-title">
      <header className="panel-head">
        <h2 id="live-objects-title">Objects</h2>
      </header>
      <div className="live-object-tables">
        {kinds.map((kind) => {
          const rows = objectRows(byKind[kind] ?? []);
          return (
            <table key={kind} className="live-table" data-testid={`objects-${kind}`}>
              <caption>
                {kind} ({rows.length})
              </caption>
              <tbody>
                {rows.slice(0, 50).map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.namespace ? `${r.namespace}/${r.name}` : r.name}</th>
                    <td>{r.status}</td>
                  </tr>
                ))}
                {rows.length > 50 && (
                  <tr>
                    <td colSpan={2}>+{rows.length - 50} more</td>
                  </tr>
                )}
              </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}
