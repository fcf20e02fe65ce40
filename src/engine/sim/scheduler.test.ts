import { describe, expect, it } from 'vitest';
import { createScheduler } from './scheduler.ts';

describe('scheduler', () => {
  it('runs events in order of time, then of scheduling', () => {
    const s = createScheduler();
    const seen: string[] = [];
    s.after(20, () => seen.push('b@20'));
    s.after(10, () => seen.push('a@10'));
    s.after(20, () => seen.push('c@20'));
    s.after(0, () => seen.push('now'));
    s.runUntil(100);
    expect(seen).toEqual(['now', 'a@10', 'b@20', 'c@20']);
    expect(s.now()).toBe(100);
  });

  it('advances the clock to each event as it runs', () => {
    const s = createScheduler();
    const times: number[] = [];
    s.after(5, () => {
      times.push(s.now());
      s.after(7, () => times.push(s.now()));
    });
    while (s.step());
    expect(times).toEqual([5, 12]);
  });

  it('never schedules in the past and cancels cleanly', () => {
    const s = createScheduler();
    s.runUntil(50);
    const ran: number[] = [];
    const h = s.at(10, () => ran.push(s.now()));
    s.after(-5, () => ran.push(-1));
    expect(s.pending()).toBe(2);
    s.cancel(h);
    expect(s.pending()).toBe(1);
    s.runUntil(60);
    expect(ran).toEqual([-1]);
    expect(s.executed()).toBe(1);
  });

  it('stops at maxEvents without moving the clock past the unrun event', () => {
    const s = createScheduler();
    for (let i = 1; i <= 5; i++) s.after(i, () => {});
    expect(s.runUntil(100, 2)).toBe(2);
    expect(s.now()).toBe(2);
    expect(s.peekTime()).toBe(3);
  });

  it('rejects non-finite times', () => {
    const s = createScheduler();
    expect(() => s.at(Number.NaN, () => {})).toThrow(/cannot schedule/);
  });
});

describe('advanceTo', () => {
  it('moves the clock without running events, and refuses to skip a due event', () => {
    const s = createScheduler();
    const ran: number[] = [];
    s.after(100, () => ran.push(s.now()));
    s.advanceTo(100);
    expect(s.now()).toBe(100);
    expect(ran).toEqual([]);
    expect(() => s.advanceTo(101)).toThrow(/due at 100/);
  });
});
