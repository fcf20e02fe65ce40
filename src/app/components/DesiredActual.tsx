/** Desired vs actual for each ReplicaSet: spec vs status, drift highlighted, convergence marked, the Pods, and
 * the time series of desired vs ready with the error shaded. */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { createSeriesChart, type SeriesChart } from '../../viz/series-chart.ts';
import { seriesModel } from '../../viz/series-model.ts';
import { useLab } from '../lab/LabProvider.tsx';
import { formatVirtualTime } from '../lab/time-format.ts';
import type { ScalableView } from '../lab/capi-views.ts';

const LAYOUT = { width: 480, height: 150, margin: { top: 10, right: 10, bottom: 20, left: 28 } };
const PHASE_ICON: Readonly<Record<string, string>> = {
  Running: '●',
  Pending: '◔',
  Terminating: '✕',
  Succeeded: '✓',
  Failed: '!',
};

function Row({ label, spec, status }: { label: string; spec: number; status: number }) {
  const drift = spec !== status;
  return (
    <tr className={drift ? 'drift' : undefined}>
      <th scope="row">{label}</th>
      <td>{spec}</td>
      <td>
        {status}
        {drift && <span className="drift-tag"> ≠ drift</span>}
      </td>
    </tr>
  );
}

/** Spec against status, one Row a field. */
function SpecStatusTable({ children }: { children: ReactNode }) {
  return (
    <table className="spec-status">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">spec (desired)</th>
          <th scope="col">status (observed)</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A MachineDeployment or KubeadmControlPlane: spec.replicas against each status count, generation against
 * observedGeneration. */
function CapiScalable({ v }: { v: ScalableView }) {
  return (
    <div className="rs" data-testid={`capi-${v.kind}-${v.name}`}>
      <p className={`rs-state ${v.converged ? 'ok' : 'busy'}`}>
        <strong>
          {v.kind} {v.name}
        </strong>{' '}
        {v.converged ? '✓ converged' : '↻ converging (drift below)'}
        {v.version && <span className="muted"> · {v.version}</span>}
      </p>
      <SpecStatusTable>
        <Row label="replicas / Machines" spec={v.desired} status={v.replicas} />
        <Row label="replicas / ready" spec={v.desired} status={v.readyReplicas} />
        <Row label="replicas / available" spec={v.desired} status={v.available} />
        <Row label="replicas / up to date" spec={v.desired} status={v.upToDate} />
        <Row label="generation / observed" spec={v.generation} status={v.observedGeneration} />
      </SpecStatusTable>
    </div>
  );
}

export function DesiredActual() {
  const capi = useLab((s) => s.snap.capi);
  const seriesKind = useLab((s) => s.snap.seriesKind);
  const replicaSets = useLab((s) => s.snap.replicaSets);
  const pods = useLab((s) => s.snap.pods);
  const series = useLab((s) => s.snap.series);
  const markers = useLab((s) => s.snap.markers);
  const t = useLab((s) => s.snap.t);
  const horizon = useLab((s) => s.snap.horizonMs);
  const svgRef = useRef<SVGSVGElement>(null);
  const chart = useRef<SeriesChart | null>(null);

  useEffect(() => {
    if (!svgRef.current) return;
    chart.current = createSeriesChart(svgRef.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  const model = useMemo(
    () =>
      seriesModel(
        series,
        markers.filter((m) => m.t <= t),
        t,
        Math.max(horizon, t),
        LAYOUT,
      ),
    [series, markers, t, horizon],
  );
  useEffect(() => chart.current?.update(model, LAYOUT), [model]);

  return (
    <section className="panel desired-panel" aria-labelledby="desired-title" data-panel="desired">
      <header className="panel-head">
        <h2 id="desired-title">Desired vs actual</h2>
      </header>
      {capi?.controlPlanes.map((v) => (
        <CapiScalable key={v.id} v={v} />
      ))}
      {capi?.machineDeployments.map((v) => (
        <CapiScalable key={v.id} v={v} />
      ))}
      {replicaSets.length === 0 && !capi && <p className="muted">No ReplicaSet.</p>}
      {replicaSets.map((rs) => {
        // status is the controller's last report; the Pods in the API server are what is. They differ while
        // the controller is behind (crashed, erroring, or not yet notified).
        const exist = pods.filter((p) => p.owner === rs.name && p.phase !== 'Terminating').length;
        const converged = rs.converged && exist === rs.desired;
        return (
          <div key={rs.key} className="rs" data-testid={`rs-${rs.name}`}>
            <p className={`rs-state ${converged ? 'ok' : 'busy'}`} data-testid="rs-state">
              <strong>ReplicaSet {rs.name}</strong> {converged ? '✓ converged' : '↻ converging (drift below)'}
            </p>
            <SpecStatusTable>
              <Row label="replicas / ready" spec={rs.desired} status={rs.ready} />
              <Row label="generation / observed" spec={rs.generation} status={rs.observedGeneration} />
              <Row label="replicas / Pods that exist" spec={rs.desired} status={exist} />
            </SpecStatusTable>
          </div>
        );
      })}
      <ul className="pods" aria-label="Pods">
        {pods.map((p) => (
          <li key={p.key} className={`pod pod-${p.phase.toLowerCase()}`} data-phase={p.phase}>
            <span aria-hidden="true">{PHASE_ICON[p.phase] ?? '○'}</span> {p.name}{' '}
            <span className="phase">{p.phase}</span>
          </li>
        ))}
      </ul>
      <figure className="series" data-panel="series">
        <svg
          ref={svgRef}
          className="series-svg"
          role="img"
          aria-label={`Desired and ready replicas of the first ${seriesKind} over time; ${formatVirtualTime(model.errorMs)} in error so far.`}
        />
        <figcaption>
          <span className="key-desired">━ desired (spec.replicas)</span>{' '}
          <span className="key-ready">┅ ready (status.readyReplicas)</span>{' '}
          <span className="key-error">▒ error</span>
        </figcaption>
      </figure>
    </section>
  );
}
