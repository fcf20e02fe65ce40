import { describe, expect, it } from 'vitest';
import {
  compareConditionTypes,
  deleteCondition,
  getCondition,
  indentIfMultiline,
  mirrorCondition,
  setCondition,
  summaryCondition,
  type Condition,
} from './conditions.ts';
import { cond, ts } from './test-fixtures.ts';

describe('setCondition (util/conditions/setter.go Set → meta.SetStatusCondition)', () => {
  it('adds a missing condition with lastTransitionTime = now, truncated to the second', () => {
    const out = setCondition([], { type: 'Ready', status: 'True', reason: 'Ready' }, 12_345);
    expect(out).toEqual([
      { type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: ts(12) },
    ]);
  });

  it('keeps lastTransitionTime when only reason or message change, moves it when the status changes', () => {
    const start = [cond('Ready', 'False', 'NotReady', 5, 'waiting')];
    const sameStatus = setCondition(
      start,
      { type: 'Ready', status: 'False', reason: 'Other', message: 'x' },
      60_000,
    );
    expect(getCondition(sameStatus, 'Ready')).toMatchObject({
      reason: 'Other',
      message: 'x',
      lastTransitionTime: ts(5),
    });
    const flipped = setCondition(sameStatus, { type: 'Ready', status: 'True', reason: 'Ready' }, 90_000);
    expect(getCondition(flipped, 'Ready')).toMatchObject({
      status: 'True',
      lastTransitionTime: ts(90),
      message: '',
    });
  });

  it('returns the same array when nothing changed, so callers can skip the patch', () => {
    const start = [cond('Ready', 'True', 'Ready', 5)];
    expect(setCondition(start, { type: 'Ready', status: 'True', reason: 'Ready' }, 99_000)).toBe(start);
  });

  it('uses the lastTransitionTime of a mirrored source only on a status change', () => {
    const start = [cond('NodeReady', 'False', 'NodeNotReady', 5)];
    const out = setCondition(
      start,
      { type: 'NodeReady', status: 'True', reason: 'NodeReady', lastTransitionTime: ts(42) },
      99_000,
    );
    expect(getCondition(out, 'NodeReady')?.lastTransitionTime).toBe(ts(42));
  });

  it('records observedGeneration and keeps CAPI display order (util/conditions/sort.go): Available, Ready … Paused, Deleting', () => {
    let list: readonly Condition[] = [];
    for (const t of [
      'Deleting',
      'NodeReady',
      'MyGate',
      'Ready',
      'Available',
      'Paused',
      'BootstrapConfigReady',
    ]) {
      list = setCondition(list, { type: t, status: 'True', reason: t }, 0, 3);
    }
    expect(list.map((c) => c.type)).toEqual([
      'Available',
      'Ready',
      'BootstrapConfigReady',
      'NodeReady',
      'MyGate',
      'Paused',
      'Deleting',
    ]);
    expect(list.every((c) => c.observedGeneration === 3)).toBe(true);
    expect(compareConditionTypes('ZGate', 'AGate')).toBeGreaterThan(0);
  });

  it('re-sorts a list stored out of order whenever something changes', () => {
    const unsorted = [cond('Deleting', 'False', 'NotDeleting'), cond('Ready', 'False', 'NotReady')];
    const out = setCondition(unsorted, { type: 'Ready', status: 'True', reason: 'Ready' }, 0);
    expect(out.map((c) => c.type)).toEqual(['Ready', 'Deleting']);
    expect(unsorted.map((c) => c.type)).toEqual(['Deleting', 'Ready']);
  });

  it('deletes by type and leaves the input untouched', () => {
    const start = [cond('A', 'True'), cond('B', 'False')];
    expect(deleteCondition(start, 'A').map((c) => c.type)).toEqual(['B']);
    expect(deleteCondition(start, 'C')).toBe(start);
    expect(start).toHaveLength(2);
  });
});

describe('mirrorCondition (util/conditions/mirror.go newMirrorCondition)', () => {
  const fallback = { status: 'False' as const, reason: 'NotReady', message: 'fallback' };
  it('copies status, reason, message and lastTransitionTime from the source', () => {
    expect(
      mirrorCondition(cond('Ready', 'False', 'Boom', 7, 'msg'), 'InfrastructureReady', fallback, 'Ready'),
    ).toEqual({
      type: 'InfrastructureReady',
      status: 'False',
      reason: 'Boom',
      message: 'msg',
      lastTransitionTime: ts(7),
    });
  });
  it('uses the fallback without a source, and replaces a v1beta1 NoReasonReported on True', () => {
    expect(mirrorCondition(undefined, 'X', fallback, 'Ready')).toEqual({ type: 'X', ...fallback });
    expect(mirrorCondition(cond('Ready', 'True', 'NoReasonReported'), 'X', fallback, 'Ready').reason).toBe(
      'Ready',
    );
  });
});

describe('summaryCondition (util/conditions/summary.go NewSummaryCondition, default merge strategy)', () => {
  const reasons = { issue: 'NotReady', unknown: 'ReadyUnknown', info: 'Ready' };
  it('is False with any issue, listing issues and unknowns in forConditionTypes order', () => {
    const list = [cond('B', 'Unknown', 'Waiting', 0, 'later'), cond('A', 'False', 'Broken', 0, 'it broke')];
    const s = summaryCondition(list, 'Ready', { forConditionTypes: ['A', 'B'], reasons });
    expect(s).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'NotReady',
      message: '* A: it broke\n* B: later',
    });
  });

  it('treats negative-polarity conditions as issues when True, and missing ones as Unknown unless ignored', () => {
    const list = [cond('Deleting', 'True', 'Deleting', 0, '')];
    const s = summaryCondition(list, 'Ready', {
      forConditionTypes: ['Deleting', 'X', 'Optional'],
      negativePolarity: ['Deleting'],
      ignoreTypesIfMissing: ['Optional'],
      reasons,
    });
    expect(s.status).toBe('False');
    expect(s.message).toBe('* Deleting: Deleting\n* X: Condition not yet reported');
  });

  it('is True when everything is info, showing only info messages that are not empty', () => {
    const list = [
      cond('A', 'True', 'Ok', 0, ''),
      cond('D', 'False', 'NotDeleting', 0, ''),
      cond('B', 'True', 'Ok', 0, 'note'),
    ];
    const s = summaryCondition(list, 'Ready', {
      forConditionTypes: ['D', 'A', 'B'],
      negativePolarity: ['D'],
      reasons,
    });
    expect(s).toEqual({ type: 'Ready', status: 'True', reason: 'Ready', message: '* B: note' });
  });

  it('indents multi-line and bulleted messages like merge_strategies.go indentIfMultiline', () => {
    expect(indentIfMultiline('plain')).toBe(' plain');
    expect(indentIfMultiline('* a\n* b')).toBe('\n  * a\n  * b');
    expect(indentIfMultiline('head\n* a')).toBe('\n  * head\n    * a');
  });

  it('refuses an empty list of types', () => {
    expect(() => summaryCondition([], 'Ready', { forConditionTypes: [] })).toThrow(/must not be empty/);
  });
});
