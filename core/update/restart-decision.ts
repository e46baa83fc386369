/** What the page knows when staff ask to restart into a downloaded update. */
export interface RestartContext {
  /** Forms with input not yet saved (renderer's dirty-form registry). */
  unsavedInput: number;
  /** Local changes the server has not acknowledged yet (`SyncStatus.pending`). */
  pendingMutations: number;
  /** Staff already confirmed restarting with those changes unsent. */
  confirmedPending: boolean;
}

export type RestartDecision =
  | { kind: 'allowed' }
  | { kind: 'blocked'; reason: 'unsaved_input'; message: string }
  | { kind: 'confirm'; pending: number; message: string };

/**
 * Whether VetDesk may restart to install an update now. Unsaved input blocks it outright (a
 * restart would lose what was typed; staff save or cancel first). Unsent changes are safe
 * across a restart (the outbox is on disk and is pushed after it), but staff who expect them
 * on other workstations now should know, so they confirm first. Pure: the dialog follows it.
 */
export function restartDecision(context: RestartContext): RestartDecision {
  if (context.unsavedInput > 0) {
    const forms = context.unsavedInput === 1 ? 'a form has' : `${context.unsavedInput} forms have`;
    return {
      kind: 'blocked',
      reason: 'unsaved_input',
      message: `Not now: ${forms} unsaved input. Save or cancel it, then restart.`,
    };
  }
  if (context.pendingMutations > 0 && !context.confirmedPending) {
    const changes = context.pendingMutations === 1 ? '1 change has' : `${context.pendingMutations} changes have`;
    return {
      kind: 'confirm',
      pending: context.pendingMutations,
      message: `${changes} not been sent to the server yet. They are kept and sent after the restart. Restart anyway?`,
    };
  }
  return { kind: 'allowed' };
}
