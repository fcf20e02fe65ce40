/**
 * The control loop as data: boxes, edges, worker lanes and tokens, from a lab snapshot, the selected controller
 * and the virtual time. No DOM here: loop-diagram.ts draws it with keyed joins.
 *
 * The picture follows client-go and controller-runtime: the reflector LISTs then WATCHes the API server and
 * fills the informer's cache (tools/cache/reflector.go ListAndWatch), the informer calls the event handlers,
 * which add keys to the workqueue (util/workqueue/queue.go: queue, dirty and processing sets), workers Get
 * keys and run Reconcile (controller-runtime pkg/internal/controller/controller.go processNextWorkItem), and
 * Reconcile's writes go back to the API server, where the loop starts again.
 */
import type { ControllerSnapshot } from '../engine/client/controller.ts';
import type { InformerSnapshot } from '../engine/client/informer.ts';
import type { TraceEvent } from '../engine/sim/trace.ts';
import { pointAlong, truncate, type Point } from './geometry.ts';

export const LOOP_WIDTH = 1000;
export const LOOP_HEIGHT = 560;
/** Tokens on screen at once: the newest win. */
export const MAX_TOKENS = 80;
/** Worker lanes drawn; more are summarised in one line. */
export const MAX_LANES = 6;

export interface LoopInput {
  t: number;
  controllers: readonly ControllerSnapshot[];
  informers: readonly InformerSnapshot[];
  recent: readonly TraceEvent[];
  objects: Readonly<Record<string, { total: number }>>;
}

export interface LoopOptions {
  controller: string;
  /** How long (virtual ms) a token takes to cross an edge. */
  windowMs: number;
  /** Discrete steps: a token sits mid-edge for its whole window instead of moving. */
  reducedMotion: boolean;
}

export type LineTone = 'normal' | 'muted' | 'warn' | 'bad' | 'ok';

export interface BoxLine {
  id: string;
  text: string;
  tone: LineTone;
}

export interface Box {
  id: 'api' | 'informer' | 'handler' | 'queue' | 'workers';
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  lines: BoxLine[];
}

export type EdgeId = 'watch' | 'notify' | 'enqueue' | 'get' | 'write';

export interface Edge {
  id: EdgeId;
  points: Point[];
  label: string;
  /** Where the label sits. */
  labelAt: Point;
}

export interface Lane {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  detail: string;
  busy: boolean;
}

export type TokenKind = 'watch' | 'notify' | 'enqueue' | 'dedup' | 'get' | 'write' | 'conflict' | 'error';

export interface Token {
  id: number;
  edge: EdgeId;
  kind: TokenKind;
  x: number;
  y: number;
  /** Text for a tooltip and the accessible description. */
  label: string;
}

export interface LoopModel {
  width: number;
  height: number;
  controller: ControllerSnapshot | undefined;
  boxes: Box[];
  edges: Edge[];
  lanes: Lane[];
  tokens: Token[];
}

const BOX = {
  api: { x: 16, y: 16, w: 180, h: 528 },
  informer: { x: 266, y: 16, w: 230, h: 200 },
  handler: { x: 556, y: 16, w: 150, h: 200 },
  queue: { x: 766, y: 16, w: 218, h: 270 },
  workers: { x: 266, y: 330, w: 718, h: 214 },
} as const;

const EDGES: readonly Edge[] = [
  {
    id: 'watch',
    points: [
      [196, 100],
      [266, 100],
    ],
    label: 'watch',
    labelAt: [231, 92],
  },
  {
    id: 'notify',
    points: [
      [496, 100],
      [556, 100],
    ],
    label: 'notify',
    labelAt: [526, 92],
  },
  {
    id: 'enqueue',
    points: [
      [706, 100],
      [766, 100],
    ],
    label: 'add key',
    labelAt: [736, 92],
  },
  {
    id: 'get',
    points: [
      [875, 286],
      [875, 330],
    ],
    label: 'Get',
    labelAt: [890, 312],
  },
  {
    id: 'write',
    points: [
      [266, 470],
      [196, 470],
    ],
    label: 'writes',
    labelAt: [231, 462],
  },
];

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.max(0, Math.round(ms))} ms`;
}

/** The first `max` of a list that holds `total` items (the snapshot may carry only the first few). */
function list(items: readonly string[], total: number, max: number): string {
  if (total === 0) return '—';
  const shown = items.slice(0, max).join(', ');
  return total > max ? `${shown} +${total - max}` : shown;
}

/** Which edge, if any, a trace event travels along for the selected controller. */
export function tokenFor(
  e: TraceEvent,
  controller: string,
): { edge: EdgeId; kind: TokenKind; label: string } | undefined {
  switch (e.type) {
    case 'watch.event':
      return { edge: 'watch', kind: 'watch', label: `${e.eventType} ${e.kind} ${e.key} rv ${e.rv}` };
    case 'informer.update':
      return { edge: 'notify', kind: 'notify', label: `${e.op} ${e.kind} ${e.key}` };
    case 'queue.add':
      if (e.controller !== controller) return undefined;
      return e.deduped
        ? { edge: 'enqueue', kind: 'dedup', label: `${e.key} already queued (dedup)` }
        : { edge: 'enqueue', kind: 'enqueue', label: `add ${e.key}` };
    case 'queue.get':
      return e.controller === controller
        ? { edge: 'get', kind: 'get', label: `worker ${e.worker} got ${e.key}` }
        : undefined;
    case 'api.request':
      return e.actor === controller && WRITE_VERBS.has(e.verb)
        ? {
            edge: 'write',
            kind: 'write',
            label: `${e.verb} ${e.resource} ${e.name}${e.subresource ? `/${e.subresource}` : ''}`,
          }
        : undefined;
    case 'api.response':
      if (e.actor !== controller || !WRITE_VERBS.has(e.verb) || e.code < 400) return undefined;
      return {
        edge: 'write',
        kind: e.code === 409 ? 'conflict' : 'error',
        label: `${e.code} ${e.reason} on ${e.verb} ${e.resource} ${e.name}`,
      };
    default:
      return undefined;
  }
}

/** Tokens for events in the last windowMs, placed by how long ago they happened (virtual time). */
export function tokensAt(recent: readonly TraceEvent[], t: number, opts: LoopOptions): Token[] {
  const out: Token[] = [];
  const windowMs = Math.max(1, opts.windowMs);
  for (let i = recent.length - 1; i >= 0 && out.length < MAX_TOKENS; i--) {
    const e = recent[i]!;
    if (t - e.t > windowMs) break;
    const tok = tokenFor(e, opts.controller);
    if (!tok) continue;
    const edge = EDGES.find((d) => d.id === tok.edge)!;
    // Errors come back from the server: they travel the write edge the other way.
    const back = tok.kind === 'conflict' || tok.kind === 'error';
    const progress = opts.reducedMotion ? 0.5 : (t - e.t) / windowMs;
    const [x, y] = pointAlong(edge.points, back ? 1 - progress : progress);
    out.push({ id: e.seq, edge: tok.edge, kind: tok.kind, x, y, label: tok.label });
  }
  return out.reverse();
}

function apiLines(input: LoopInput, controller: string): BoxLine[] {
  const lines: BoxLine[] = [{ id: 'objects', text: 'Objects in etcd', tone: 'muted' }];
  for (const [kind, row] of Object.entries(input.objects)) {
    if (kind === 'Namespace') continue;
    lines.push({ id: `kind-${kind}`, text: truncate(`${kind}: ${row.total}`, 25), tone: 'normal' });
  }
  let last: TraceEvent | undefined;
  let conflicts = 0;
  for (const e of input.recent) {
    if (e.type !== 'api.response' || e.actor !== controller) continue;
    last = e;
    if (e.code === 409) conflicts++;
  }
  if (last && last.type === 'api.response') {
    lines.push({ id: 'last-h', text: 'Last reply to it', tone: 'muted' });
    lines.push({
      id: 'last',
      text: truncate(`${last.code} ${last.reason || 'OK'}: ${last.verb} ${last.resource.split('.')[0]}`, 25),
      tone: last.code === 409 ? 'warn' : last.code >= 400 ? 'bad' : 'ok',
    });
  }
  if (conflicts > 0) lines.push({ id: 'conflicts', text: `409s lately: ${conflicts}`, tone: 'warn' });
  return lines;
}

function informerLines(input: LoopInput): BoxLine[] {
  const shown = input.informers.filter(
    (i) => i.objects > 0 || i.reflector !== 'watching' || i.pausedUntil !== undefined,
  );
  if (shown.length === 0) return [{ id: 'none', text: 'No objects cached yet', tone: 'muted' }];
  return shown.slice(0, 6).map((i) => {
    const stale = i.pausedUntil !== undefined;
    const state = stale
      ? `stale, ${i.pending} held for ${formatMs(i.pausedUntil! - input.t)}`
      : i.reflector === 'watching'
        ? `rv ${i.lastSyncResourceVersion}`
        : i.reflector;
    return {
      id: i.name,
      text: truncate(`${i.kind}: ${i.objects} · ${state}`, 34),
      tone: stale || i.reflector !== 'watching' ? 'warn' : 'normal',
    };
  });
}

function handlerLines(input: LoopInput, controller: string, windowMs: number): BoxLine[] {
  let adds = 0;
  let deduped = 0;
  for (const e of input.recent) {
    if (e.type !== 'queue.add' || e.controller !== controller || input.t - e.t > windowMs) continue;
    adds++;
    if (e.deduped) deduped++;
  }
  return [
    { id: 'what', text: 'Predicates, then', tone: 'muted' },
    { id: 'what2', text: 'enqueue namespace/name', tone: 'muted' },
    { id: 'adds', text: `adds now: ${adds}`, tone: 'normal' },
    { id: 'dedup', text: `already queued: ${deduped}`, tone: deduped > 0 ? 'warn' : 'normal' },
  ];
}

function queueLines(c: ControllerSnapshot | undefined, t: number): BoxLine[] {
  const q = c?.queue;
  // A crash loses the queue with the rest of the process's memory: the restart relists and rebuilds it.
  if (c?.state === 'crashed') return [{ id: 'none', text: 'Crashed: queue lost', tone: 'bad' }];
  if (!c || !q) return [{ id: 'none', text: 'No queue', tone: 'muted' }];
  const lines: BoxLine[] = [
    {
      id: 'queued',
      text: truncate(
        `queue: ${list(
          q.queued.map((i) => i.item),
          q.counts.queued,
          2,
        )}`,
        32,
      ),
      tone: 'normal',
    },
    { id: 'dirty', text: truncate(`dirty: ${list(q.dirty, q.counts.dirty, 2)}`, 29), tone: 'normal' },
    {
      id: 'processing',
      text: truncate(`processing: ${list(q.processing, q.counts.processing, 2)}`, 29),
      tone: 'normal',
    },
    { id: 'waiting-h', text: `waiting (delayed): ${q.counts.waiting}`, tone: 'muted' },
  ];
  for (const w of q.waiting.slice(0, 5)) {
    // Delay and failures first: when space runs out, the end of the key is what gets cut.
    const failures = w.failures > 0 ? ` · ${w.failures} fail` : '';
    lines.push({
      id: `w-${w.item}`,
      text: truncate(`wait ${formatMs(w.readyAt - t)}${failures} · ${w.item}`, 29),
      tone: w.failures > 0 ? 'warn' : 'normal',
    });
  }
  if (q.counts.waiting > 5)
    lines.push({ id: 'w-more', text: `+${q.counts.waiting - 5} more`, tone: 'muted' });
  return lines;
}

function lanesFor(c: ControllerSnapshot | undefined, t: number): Lane[] {
  if (!c) return [];
  const { x, y, w } = BOX.workers;
  const top = y + 44;
  const laneH = 26;
  const shown = c.workers.slice(0, MAX_LANES);
  const lanes = shown.map((wk, i) => {
    const busy = wk.key !== undefined;
    const since = wk.since !== undefined ? ` · ${formatMs(t - wk.since)}` : '';
    const waiting = wk.waitingOn ? ` · waiting on ${wk.waitingOn}` : '';
    return {
      id: `worker-${wk.id}`,
      x: x + 12,
      y: top + i * (laneH + 2),
      w: w - 24,
      h: laneH,
      title: `worker ${wk.id}`,
      detail: busy ? truncate(`${wk.key} · Reconcile: ${wk.step ?? '…'}${waiting}${since}`, 88) : 'idle',
      busy,
    };
  });
  if (c.workers.length > MAX_LANES) {
    const rest = c.workers.slice(MAX_LANES).filter((wk) => wk.key !== undefined).length;
    lanes.push({
      id: 'worker-more',
      x: x + 12,
      y: top + MAX_LANES * (laneH + 2),
      w: w - 24,
      h: laneH,
      title: `+${c.workers.length - MAX_LANES} workers`,
      detail: `${rest} busy`,
      busy: rest > 0,
    });
  }
  return lanes;
}

export function loopModel(input: LoopInput, opts: LoopOptions): LoopModel {
  const c = input.controllers.find((x) => x.name === opts.controller);
  const state = c ? `${c.state} · ${c.profile} queue` : 'not running';
  const boxes: Box[] = [
    { id: 'api', ...BOX.api, title: 'kube-apiserver', lines: apiLines(input, opts.controller) },
    { id: 'informer', ...BOX.informer, title: 'Informer cache', lines: informerLines(input) },
    {
      id: 'handler',
      ...BOX.handler,
      title: 'Event handlers',
      lines: handlerLines(input, opts.controller, opts.windowMs),
    },
    { id: 'queue', ...BOX.queue, title: 'Workqueue', lines: queueLines(c, input.t) },
    {
      id: 'workers',
      ...BOX.workers,
      title: truncate(`Workers (MaxConcurrentReconciles ${c?.maxConcurrentReconciles ?? 0}) · ${state}`, 90),
      lines: [],
    },
  ];
  return {
    width: LOOP_WIDTH,
    height: LOOP_HEIGHT,
    controller: c,
    boxes,
    edges: EDGES.map((e) => ({ ...e, points: [...e.points] })),
    lanes: lanesFor(c, input.t),
    tokens: tokensAt(input.recent, input.t, opts),
  };
}
