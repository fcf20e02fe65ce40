import { describe, expect, it } from 'vitest';
import { readPresenterMessage } from './presenter-channel.ts';

describe('readPresenterMessage', () => {
  it('accepts the three message shapes', () => {
    expect(readPresenterMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(readPresenterMessage({ type: 'command', command: 'advance' })).toEqual({
      type: 'command',
      command: 'advance',
    });
    const state = { type: 'state', lesson: 'l1-the-loop', index: 2, phase: 'done', answered: true };
    expect(readPresenterMessage(state)).toEqual(state);
  });

  it('ignores anything else on the channel', () => {
    for (const bad of [
      null,
      'advance',
      { type: 'command', command: 'rm -rf' },
      { type: 'state', lesson: 'l1', index: -1, phase: 'done', answered: true },
      { type: 'state', lesson: 'l1', index: 1, phase: 'exploded', answered: true },
      { type: 'state', lesson: 1, index: 1, phase: 'done', answered: true },
      { type: 'other' },
    ])
      expect(readPresenterMessage(bad)).toBeUndefined();
  });
});
