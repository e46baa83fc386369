import { describe, expect, it } from 'vitest';
import { restartDecision } from '../../../../core/update/restart-decision.js';

describe('restartDecision', () => {
  it('allows a restart with nothing unsaved and nothing waiting', () => {
    expect(restartDecision({ unsavedInput: 0, pendingMutations: 0, confirmedPending: false })).toEqual({
      kind: 'allowed',
    });
  });

  it('blocks a restart while a form has unsaved input, even when staff confirmed unsent changes', () => {
    const decision = restartDecision({ unsavedInput: 1, pendingMutations: 3, confirmedPending: true });
    expect(decision).toMatchObject({ kind: 'blocked', reason: 'unsaved_input' });
    expect(decision.kind === 'blocked' && decision.message).toContain('a form has unsaved input');
  });

  it('asks to confirm when changes have not been sent yet, naming how many', () => {
    const decision = restartDecision({ unsavedInput: 0, pendingMutations: 4, confirmedPending: false });
    expect(decision).toMatchObject({ kind: 'confirm', pending: 4 });
    expect(decision.kind === 'confirm' && decision.message).toContain('4 changes have not been sent');
  });

  it('allows a restart with unsent changes once staff confirmed', () => {
    expect(restartDecision({ unsavedInput: 0, pendingMutations: 4, confirmedPending: true })).toEqual({
      kind: 'allowed',
    });
  });
});
