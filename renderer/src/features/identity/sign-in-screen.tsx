import type { IdentityState } from '../../../../core/api/identity-views.js';
import { IdentityLayout } from './identity-layout.js';
import { SignInForm } from './sign-in-form.js';

interface SignInScreenProps {
  state: IdentityState;
  /** Back to the lock screen of the person whose session is locked, when there is one. */
  onBackToLock: (() => void) | null;
  onSignedIn: () => void;
}

/**
 * Sign-in: with the username field focused (Ctrl+L then typing switches user), the people who
 * signed in here before as quick picks, and the locked person's way back when a session is locked.
 */
export function SignInScreen({ state, onBackToLock, onSignedIn }: SignInScreenProps) {
  const clinicName = state.enrolment.state === 'enrolled' ? state.enrolment.clinicName : null;
  const lockedName = state.locked ? (state.locked.displayName ?? state.locked.username) : null;
  return (
    <IdentityLayout titleId="sign-in-title" practiceName={clinicName} showSync>
      <div className="stack-sm">
        <h1 id="sign-in-title">Sign in</h1>
        <p className="identity-lead">
          {lockedName
            ? `${lockedName}'s session is locked. Sign in as yourself, or unlock it with their password.`
            : 'Sign in with your VetDesk username and password.'}
        </p>
      </div>
      <SignInForm knownUsers={state.knownUsers} onSignedIn={onSignedIn} />
      {onBackToLock && lockedName ? (
        <button type="button" className="btn btn-ghost" onClick={onBackToLock}>
          Back to {lockedName}'s locked session
        </button>
      ) : null}
    </IdentityLayout>
  );
}
