/**
 * The trace as a log, newest first: virtualized (only the rows in view are in the DOM, so 100k events scroll
 * as lightly as 100) and filterable by type, kind and text. A click on a row selects the object the event
 * concerns and seeks to its moment.
 */
import { useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';
import { describeEvent } from '../lab/event-text.ts';
import {
  createFacetScanner,
  createIncrementalLog,
  refOfEvent,
  sameRef,
  type LogFilter,
} from '../lab/log-filter.ts';
import { formatVirtualTime } from '../lab/time-format.ts';
import { listWindow } from '../lab/virtual-list.ts';

const ROW_H = 22;
const VIEW_H = 264;
const OVERSCAN = 6;

export function EventLog() {
  const store = useLabStore();
  const trace = useLab((s) => s.snap.trace);
  const size = useLab((s) => s.snap.traceSize);
  const generation = useLab((s) => s.snap.generation);
  const selected = useLab((s) => s.snap.selected);
  const [filter, setFilter] = useState<LogFilter>({ type: '', kind: '', text: '' });
  const [scrollTop, setScrollTop] = useState(0);
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const log = useRef(createIncrementalLog());
  const view = useRef<HTMLDivElement>(null);
  const toTop = () => {
    if (view.current) view.current.scrollTop = 0;
    setScrollTop(0);
  };

  // The world changes on reset and seek back: its kinds do not, but read them from the current one.
  const kinds = useMemo(() => store.getState().kinds(), [store, generation]);
  // trace is append-only: its length is part of the key.
  const rows: readonly TraceEvent[] = useMemo(
    () => log.current.rows(trace, filter, kinds),
    [trace, size, filter, kinds],
  );
  const facets = useRef(createFacetScanner());
  const { types, kinds: kindNames } = useMemo(() => facets.current.scan(trace, kinds), [trace, size, kinds]);

  const { first, last } = listWindow({
    scrollTop,
    viewHeight: VIEW_H,
    rowHeight: ROW_H,
    count: rows.length,
    overscan: OVERSCAN,
  });

  const choose = (e: TraceEvent) => {
    setPicked(e.seq);
    const ref = refOfEvent(e, kinds);
    const s = store.getState();
    s.pause();
    if (ref) s.select(ref);
    s.seek(e.t);
    // Seeking back drops the later events: the chosen one is now among the newest, at the top.
    toTop();
  };

  const visible = [];
  for (let i = first; i < last; i++) {
    const e = rows[rows.length - 1 - i]!;
    const ref = refOfEvent(e, kinds);
    const isSel = ref !== undefined && sameRef(ref, selected);
    visible.push(
      <li
        key={e.seq}
        className={`log-row ev-${e.type.replace('.', '-')}${isSel ? ' log-selected' : ''}${picked === e.seq ? ' log-picked' : ''}`}
        style={{ top: i * ROW_H }}
        aria-posinset={i + 1}
        aria-setsize={rows.length}
      >
        <button
          type="button"
          className="log-button"
          onClick={() => choose(e)}
          aria-current={picked === e.seq ? 'true' : undefined}
          title={
            ref
              ? `Select ${ref.kind} ${ref.name} and go to ${formatVirtualTime(e.t)}`
              : `Go to ${formatVirtualTime(e.t)}`
          }
        >
          <span className="log-t">{formatVirtualTime(e.t)}</span>
          <span className="log-type">{e.type}</span>
          <span className="log-text">{describeEvent(e)}</span>
        </button>
      </li>,
    );
  }

  const update = (patch: Partial<LogFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    toTop();
  };

  return (
    <section className="panel log-panel" aria-labelledby="log-title">
      <header className="panel-head">
        <h2 id="log-title">Event log</h2>
        <div className="log-filters">
          <label className="inline">
            <span>Type</span>
            <select value={filter.type} onChange={(e) => update({ type: e.target.value })}>
              <option value="">all ({size})</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <span>Kind</span>
            <select value={filter.kind} onChange={(e) => update({ kind: e.target.value })}>
              <option value="">all</option>
              {kindNames.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <span>Find</span>
            <input
              type="search"
              value={filter.text}
              placeholder="text"
              onChange={(e) => update({ text: e.target.value })}
              className="log-find"
            />
          </label>
        </div>
      </header>
      <div
        ref={view}
        className="log-view"
        style={{ height: VIEW_H }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="region"
        aria-label={`Trace events, newest first: ${rows.length} shown. Choose one to select its object and go to its moment.`}
      >
        <ol className="log-list" style={{ height: rows.length * ROW_H }} data-testid="event-log">
          {visible}
        </ol>
      </div>
    </section>
  );
}
