import { describe, expect, it } from 'vitest';
import {
  apiCall,
  isTerminalError,
  reconcileFromFunction,
  requestFromKey,
  terminalError,
  TerminalError,
  type ReconcileContext,
} from './reconciler.ts';

describe('reconciler contract', () => {
  it('requestFromKey splits "namespace/name" and keeps cluster-scoped names whole', () => {
    expect(requestFromKey('ns/a')).toEqual({ namespace: 'ns', name: 'a', key: 'ns/a' });
    expect(requestFromKey('node-1')).toEqual({ namespace: '', name: 'node-1', key: 'node-1' });
  });

  it('isTerminalError follows the cause chain, as errors.Is(err, reconcile.TerminalError(nil)) does', () => {
    const inner = new Error('invalid spec');
    const wrapped = terminalError(inner);
    expect(wrapped).toBeInstanceOf(TerminalError);
    expect(wrapped.cause).toBe(inner);
    expect(isTerminalError(wrapped)).toBe(true);
    expect(isTerminalError(new Error('outer', { cause: wrapped }))).toBe(true);
    expect(isTerminalError(inner)).toBe(false);
    expect(isTerminalError('string')).toBe(false);
  });

  it('apiCall yields one call effect and returns what it is resumed with', () => {
    const run = () => 'result';
    const gen = apiCall('get', 'pods', 'ns', 'a', run);
    const first = gen.next();
    expect(first.value).toEqual({
      kind: 'call',
      verb: 'get',
      resource: 'pods',
      namespace: 'ns',
      name: 'a',
      run,
    });
    const last = gen.next('resumed');
    expect(last).toEqual({ done: true, value: 'resumed' });
  });

  it('reconcileFromFunction wraps a plain function as a generator that never waits', () => {
    const r = reconcileFromFunction((req) => ({ requeueAfterMs: req.name.length }));
    const gen = r(requestFromKey('ns/abc'), {} as ReconcileContext);
    expect(gen.next()).toEqual({ done: true, value: { requeueAfterMs: 3 } });
  });
});
