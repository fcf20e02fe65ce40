/**
 * Desired vs actual over virtual time, the control-theory view: the ReplicaSet's spec.replicas (the set point)
 * and status.readyReplicas (the measured output) as step lines, the error between them shaded. Pure: paths are
 * strings from d3-shape, so the chart is tested without a DOM.
 */
import { area, curveStepAfter, line, scaleLinear } from 'd3';

export interface SeriesSample {
  t: number;
  desired: number;
  ready: number;
}

export interface SeriesMarker {
  t: number;
  kind: string;
  label: string;
}

export interface SeriesLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface SeriesModel {
  desiredPath: string;
  readyPath: string;
  errorPath: string;
  /** Where "now" is on the x axis. */
  nowX: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  markers: { x: number; kind: string; label: string; key: string }[];
  /** Virtual time during which desired ≠ ready, in ms: the integral the shading shows, without its height. */
  errorMs: number;
}

/** Samples up to endT, with the last value held until endT (the values are steps, not ramps). */
export function holdUntil(samples: readonly SeriesSample[], endT: number): SeriesSample[] {
  const out = samples.filter((s) => s.t <= endT);
  const last = out[out.length - 1];
  if (last && last.t < endT) out.push({ ...last, t: endT });
  return out;
}

/** Total virtual time where desired and ready differ. */
export function timeInError(samples: readonly SeriesSample[]): number {
  let total = 0;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    if (prev.desired !== prev.ready) total += samples[i]!.t - prev.t;
  }
  return total;
}

/** Tick labels precise enough to tell apart: ms below two seconds of range, then s, then min. */
export function timeLabel(ms: number, rangeMs: number): string {
  if (ms === 0) return '0';
  if (rangeMs < 2000) return `${Math.round(ms)} ms`;
  if (rangeMs < 180_000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}

export function seriesModel(
  samples: readonly SeriesSample[],
  markers: readonly SeriesMarker[],
  nowMs: number,
  endMs: number,
  layout: SeriesLayout,
): SeriesModel {
  const { width, height, margin } = layout;
  const held = holdUntil(samples, nowMs);
  const maxY = Math.max(1, ...held.map((s) => Math.max(s.desired, s.ready)));
  const x = scaleLinear()
    .domain([0, Math.max(1, endMs, nowMs)])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, maxY])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const stepLine = (pick: (s: SeriesSample) => number) =>
    line<SeriesSample>()
      .x((s) => x(s.t))
      .y((s) => y(pick(s)))
      .curve(curveStepAfter)(held) ?? '';
  const errorPath =
    area<SeriesSample>()
      .x((s) => x(s.t))
      .y0((s) => y(s.ready))
      .y1((s) => y(s.desired))
      .curve(curveStepAfter)(held) ?? '';
  return {
    desiredPath: stepLine((s) => s.desired),
    readyPath: stepLine((s) => s.ready),
    errorPath,
    nowX: x(nowMs),
    xTicks: x.ticks(5).map((v) => ({ x: x(v), label: timeLabel(v, x.domain()[1]!) })),
    yTicks: y
      .ticks(Math.min(5, maxY))
      .filter(Number.isInteger)
      .map((v) => ({ y: y(v), label: String(v) })),
    markers: markers.map((m, i) => ({
      x: x(m.t),
      kind: m.kind,
      label: m.label,
      key: `${m.kind}-${m.t}-${i}`,
    })),
    errorMs: timeInError(held),
  };
}
