/** The trace as a log: virtualized (only visible rows are in the DOM), filterable by event type, newest first. */
import { useMemo, useState } from 'react';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import { useLab } from '../lab/LabProvider.tsx';
import { describeEvent, filterEvents } from '../lab/event-text.ts';
import { formatVirtualTime } from '../lab/time-format.ts';

const ROW_H = 22;
const VIEW_H = 264;
const OVERSCAN = 6;

export function EventLog() {
  const trace = useLab((s) => s.snap.trace);
  const size = useLab((s) => s.snap.traceSize);
  const [type, setType] = useState('');
  const [scrollTop, setScrollTop] = useState(0);

  // trace is append-only: its length is part of the key.
  const rows: readonly TraceEvent[] = useMemo(() => filterEvents(trace, type), [trace, size, type]);
  const types = useMemo(() => [...new Set(trace.map((e) => e.type))].sort(), [trace, size]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_H) / ROW_H) + OVERSCAN);
  const visible = [];
  for (let i = first; i < last; i++) {
    const e = rows[rows.length - 1 - i]!;
    visible.push(
      <li key={e.seq} className={`log-row ev-${e.type.replace('.', '-')}`} style={{ top: i * ROW_H }}>
        <span className="log-t">{formatVirtualTime(e.t)}</span>
        <span className="log-type">{e.type}</span>
        <span className="log-text">{describeEvent(e)}</span>
      </li>,
    );
  }

  return (
    <section className="panel log-panel" aria-labelledby="log-title">
      <header className="panel-head">
        <h2 id="log-title">Event log</h2>
        <label className="inline">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">all ({size})</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div
        className="log-view"
        style={{ height: VIEW_H }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="region"
        aria-label={`Trace events, newest first: ${rows.length} shown`}
      >
        <ol className="log-list" style={{ height: rows.length * ROW_H }} data-testid="event-log">
          {visible}
        </ol>
      </div>
    </section>
  );
}
