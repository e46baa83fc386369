import { describe, expect, it } from 'vitest';
import { type UpdateState, nextUpdateState } from '../../../../core/update/update-state.js';

const ready: UpdateState = { state: 'ready', version: '2.0.0', notes: 'Notes' };

describe('nextUpdateState', () => {
  it('goes from checking through downloading to ready', () => {
    let state: UpdateState = { state: 'idle' };
    state = nextUpdateState(state, { type: 'checking' });
    expect(state).toEqual({ state: 'checking' });
    state = nextUpdateState(state, { type: 'progress', percent: 42.5 });
    expect(state).toEqual({ state: 'downloading', percent: 42.5 });
    state = nextUpdateState(state, { type: 'verified', version: '2.0.0', notes: 'Notes' });
    expect(state).toEqual(ready);
  });

  it('keeps a ready version through later checks, failures and a 426', () => {
    for (const event of [
      { type: 'checking' },
      { type: 'not-available' },
      { type: 'error', message: 'offline' },
      { type: 'protocol-too-old', reason: 'old' },
    ] as const) {
      expect(nextUpdateState(ready, event)).toBe(ready);
    }
  });

  it('says an update is required after a 426 until a version is ready', () => {
    const required = nextUpdateState({ state: 'idle' }, { type: 'protocol-too-old', reason: 'too old' });
    expect(required).toEqual({ state: 'required', reason: 'too old' });
    expect(nextUpdateState(required, { type: 'not-available' })).toBe(required);
    expect(nextUpdateState(required, { type: 'error', message: 'offline' })).toBe(required);
    expect(nextUpdateState(required, { type: 'progress', percent: 3 })).toEqual({ state: 'downloading', percent: 3 });
  });

  it('replaces a ready version by a refusal of a later download', () => {
    expect(nextUpdateState(ready, { type: 'refused', reason: 'bad signature' })).toEqual({
      state: 'refused',
      reason: 'bad signature',
    });
  });
});
