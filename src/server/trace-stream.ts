/**
 * GET /reconcile-lab/trace: the served engine's trace as JSON lines over a chunked response, so that a UI (or
 * curl) can attach to serve mode and draw the same diagrams. `?recent=1` first replays the trace ring; `types=`
 * keeps only the listed event types (comma-separated, "api.request,watch.event"). A client that reads too slowly
 * loses events rather than growing the server's memory: a {"type":"trace.dropped","count":n} line says how many.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Trace, TraceEvent } from '../engine/sim/trace.ts';

/** Bytes buffered for one slow client before events are dropped. */
export const TRACE_BUFFER_LIMIT = 4 * 1024 * 1024;

export interface TraceStreamOptions {
  bufferLimit?: number;
}

export function streamTrace(
  trace: Trace,
  req: IncomingMessage,
  res: ServerResponse,
  opts: TraceStreamOptions = {},
): void {
  const url = req.url ?? '';
  const q = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const typesParam = q.get('types');
  const types = typesParam
    ? new Set(
        typesParam
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
    : undefined;
  const limit = opts.bufferLimit ?? TRACE_BUFFER_LIMIT;
  const keep = (e: TraceEvent) => !types || types.has(e.type);
  let dropped = 0;

  res.writeHead(200, {
    'Content-Type': 'application/jsonl; charset=utf-8',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const send = (e: TraceEvent) => {
    if (!keep(e) || res.writableEnded) return;
    if (res.writableLength > limit) {
      dropped++;
      return;
    }
    if (dropped > 0) {
      res.write(`${JSON.stringify({ type: 'trace.dropped', count: dropped })}\n`);
      dropped = 0;
    }
    res.write(`${JSON.stringify(e)}\n`);
  };

  if (q.get('recent') === '1' || q.get('recent') === 'true') for (const e of trace.recent()) send(e);
  const unsubscribe = trace.subscribe(send);
  res.on('close', unsubscribe);
}
