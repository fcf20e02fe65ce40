import { describe, expect, it } from 'vitest';
import { createScheduler } from '../sim/scheduler.ts';
import {
  createControllerExpectations,
  createUIDTrackingControllerExpectations,
  EXPECTATIONS_TIMEOUT_MS,
} from './expectations.ts';

// kubernetes pkg/controller/controller_utils.go ControllerExpectations.
describe('ControllerExpectations', () => {
  it('SatisfiedExpectations: true with no record, false until every expected create is observed', () => {
    const s = createScheduler();
    const e = createControllerExpectations(s);
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
    expect(e.get('ns/rs')).toMatchObject({ add: 0, del: 0, fulfilled: true });
  });

  it('expectations older than 5 minutes of virtual time count as satisfied (ExpectationsTimeout)', () => {
    const s = createScheduler();
    const e = createControllerExpectations(s);
    e.expectDeletions('ns/rs', 3);
    s.runUntil(EXPECTATIONS_TIMEOUT_MS);
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    s.runUntil(EXPECTATIONS_TIMEOUT_MS + 1);
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
    expect(e.get('ns/rs')?.expired).toBe(true);
  });

  it('Raise adds without restarting the clock; Raise/Lower without a record do nothing; Delete forgets', () => {
    const s = createScheduler();
    const e = createControllerExpectations(s);
    e.raiseExpectations('x', 1, 1);
    e.creationObserved('x');
    expect(e.get('x')).toBeUndefined();
    e.setExpectations('x', 1, 0);
    s.runUntil(1000);
    e.raiseExpectations('x', 0, 2);
    expect(e.get('x')).toMatchObject({ add: 1, del: 2, timestamp: 0 });
    e.lowerExpectations('x', 1, 2);
    expect(e.satisfiedExpectations('x')).toBe(true);
    e.deleteExpectations('x');
    expect(e.snapshot()).toEqual([]);
    expect(() => e.setExpectations('x', 1.5, 0)).toThrow(/whole number/);
  });

  it('UIDTrackingControllerExpectations counts each expected pod deletion once, and ignores unexpected ones', () => {
    const s = createScheduler();
    const e = createUIDTrackingControllerExpectations(s);
    e.expectDeletions('ns/rs', ['ns/p1', 'ns/p2']);
    e.deletionObserved('ns/rs', 'ns/p1');
    e.deletionObserved('ns/rs', 'ns/p1');
    e.deletionObserved('ns/rs', 'ns/other');
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    expect(e.getUIDs('ns/rs')).toEqual(['ns/p2']);
    e.deletionObserved('ns/rs', 'ns/p2');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
    e.deleteExpectations('ns/rs');
    expect(e.getUIDs('ns/rs')).toBeUndefined();
  });
});
