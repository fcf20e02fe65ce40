import { describe, expect, it } from 'vitest';
import { createScheduler } from '../engine/sim/scheduler.ts';
import { createRuntime, parseSpeed } from './runtime.ts';

describe('the serve-mode runtime', () => {
  it('advances virtual time with wall time × speed and runs what falls due', () => {
    let wall = 1_000;
    const s = createScheduler();
    const ran: number[] = [];
    s.at(1500, () => ran.push(s.now()));
    s.at(5000, () => ran.push(s.now()));
    const rt = createRuntime(s, { speed: 2, wallNow: () => wall });
    wall += 1000;
    rt.tick();
    expect(s.now()).toBe(2000);
    expect(ran).toEqual([1500]);
    wall += 2000;
    rt.tick();
    expect(s.now()).toBe(6000);
    expect(ran).toEqual([1500, 5000]);
  });

  it('slows down rather than bursting when a tick cannot run everything due', () => {
    let wall = 0;
    const s = createScheduler();
    for (let i = 0; i < 10; i++) s.at(100, () => {});
    const rt = createRuntime(s, { speed: 1, wallNow: () => wall, maxEventsPerTick: 4 });
    wall = 1000;
    expect(rt.tick()).toBe(4);
    expect(s.now()).toBe(100);
    expect(s.pending()).toBe(6);
    // The clock restarts from where the engine is, not from where the wall clock is.
    wall = 1010;
    rt.tick();
    rt.tick();
    expect(s.pending()).toBe(0);
    expect(s.now()).toBeLessThanOrEqual(110);
  });

  it('stops and reports when a scheduler event throws', () => {
    const s = createScheduler();
    s.at(0, () => {
      throw new Error('boom');
    });
    const errors: unknown[] = [];
    const rt = createRuntime(s, { wallNow: () => 0, onError: (e) => errors.push(e) });
    rt.tick();
    expect((errors[0] as Error).message).toBe('boom');
    expect(rt.tick()).toBe(0);
  });

  it('parses speeds and rejects bad ones', () => {
    expect(parseSpeed('2.5')).toBe(2.5);
    expect(parseSpeed('max')).toBe('max');
    expect(() => parseSpeed('0')).toThrow(/speed must be/);
    expect(() => parseSpeed('fast')).toThrow(/speed must be/);
  });
});
