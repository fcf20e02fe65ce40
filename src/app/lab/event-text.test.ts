import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import { describeEvent, filterEvents, narrationOf } from './event-text.ts';

const ev = (seq: number, fields: Record<string, unknown>) =>
  ({ t: seq, seq, ...fields }) as unknown as TraceEvent;
const events = [
  ev(1, { type: 'queue.add', controller: 'rs', key: 'd/w', deduped: true }),
  ev(2, { type: 'object.phase', kind: 'Pod', key: 'd/p', from: 'Pending', to: 'Running' }),
  ev(3, { type: 'queue.get', controller: 'rs', key: 'd/w', worker: 0 }),
];

describe('event text', () => {
  it('describes events in words, dedup and phase included', () => {
    expect(describeEvent(events[0]!)).toBe('rs: add d/w (already queued: deduped)');
    expect(describeEvent(events[1]!)).toBe('Pod d/p: Pending → Running');
  });

  it('filters by type and keeps the array when unfiltered', () => {
    expect(filterEvents(events, '')).toBe(events);
    expect(filterEvents(events, 'queue.get').map((e) => e.seq)).toEqual([3]);
  });

  it('narrates the newest key event', () => {
    expect(narrationOf(events)?.seq).toBe(2);
    expect(narrationOf(events.slice(2))).toBeUndefined();
  });
});
