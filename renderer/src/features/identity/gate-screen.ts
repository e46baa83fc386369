import type { IdentityState } from '../../../../core/api/identity-views.js';

/** Which screen the shell shows for an identity state (architecture §5). */
export type GateScreen = 'first-run' | 'revoked' | 'sign-in' | 'locked' | 'app';

/**
 * The screen for `state`: an unenrolled workstation sets up first, a revoked one says so (and
 * nothing else: it can no longer sync), then the app for a signed-in person, the lock screen
 * for a locked session, or sign-in. `switchUser` (Ctrl+L, "Switch user") turns the lock screen
 * into sign-in, so someone else can sign in at once. Pure; never throws.
 */
export function gateScreen(state: IdentityState, switchUser: boolean): GateScreen {
  if (state.enrolment.state === 'not_enrolled') return 'first-run';
  if (state.enrolment.state === 'revoked') return 'revoked';
  if (state.session) return 'app';
  if (state.locked && !switchUser) return 'locked';
  return 'sign-in';
}
