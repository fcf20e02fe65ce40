import { describe, expect, it } from 'vitest';
import { createScheduler } from './scheduler.ts';
import { createTrace, traceToJsonl } from './trace.ts';

describe('trace', () => {
  it('stamps virtual time and a total order', () => {
    const s = createScheduler();
    const tr = createTrace(s);
    tr.emit('sim.note', { message: 'a' });
    s.runUntil(250);
    tr.emit('queue.add', { controller: 'rs', key: 'default/web', deduped: false });
    expect(tr.all().map((e) => [e.t, e.seq, e.type])).toEqual([
      [0, 1, 'sim.note'],
      [250, 2, 'queue.add'],
    ]);
    expect(tr.counts()).toEqual({ 'sim.note': 1, 'queue.add': 1 });
  });

  it('keeps only the newest events in the ring, oldest first', () => {
    const tr = createTrace(createScheduler(), { ringSize: 3 });
    for (let i = 0; i < 5; i++) tr.emit('sim.note', { message: String(i) });
    expect(tr.recent().map((e) => (e.type === 'sim.note' ? e.message : ''))).toEqual(['2', '3', '4']);
    expect(tr.all()).toHaveLength(5);
  });

  it('keeps nothing for export when keepAll is off, but still counts and notifies', () => {
    const tr = createTrace(createScheduler(), { keepAll: false });
    const seen: number[] = [];
    const off = tr.subscribe((e) => seen.push(e.seq));
    tr.emit('sim.note', { message: 'x' });
    off();
    tr.emit('sim.note', { message: 'y' });
    expect(tr.all()).toHaveLength(0);
    expect(tr.size()).toBe(2);
    expect(seen).toEqual([1]);
  });

  it('serializes one compact JSON object per line', () => {
    const tr = createTrace(createScheduler());
    tr.emit('fault', { kind: 'watchExpire', target: '*' });
    expect(traceToJsonl(tr.all())).toBe('{"t":0,"seq":1,"type":"fault","kind":"watchExpire","target":"*"}\n');
  });
});
