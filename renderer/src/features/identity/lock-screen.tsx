import type { IdentityState } from '../../../../core/api/identity-views.js';
import { initials } from '../../ui/format.js';
import { IdentityLayout } from './identity-layout.js';
import { SignInForm } from './sign-in-form.js';

interface LockScreenProps {
  state: IdentityState;
  locked: NonNullable<IdentityState['locked']>;
  onSwitchUser: () => void;
}

/** The screen is locked: whose session it is, their password to unlock, or "Switch user". */
export function LockScreen({ state, locked, onSwitchUser }: LockScreenProps) {
  const clinicName = state.enrolment.state === 'enrolled' ? state.enrolment.clinicName : null;
  const name = locked.displayName ?? locked.username;
  return (
    <IdentityLayout titleId="lock-title" practiceName={clinicName} showSync>
      <div className="lock-who">
        <span className="avatar avatar-lg" aria-hidden="true">
          {initials(name)}
        </span>
        <div>
          <h1 id="lock-title">Locked</h1>
          <p className="identity-lead">
            {name} <span className="mono">({locked.username})</span>
          </p>
        </div>
      </div>
      <SignInForm key={locked.username} fixedUsername={locked.username} />
      <button type="button" className="btn" onClick={onSwitchUser}>
        Switch user <kbd aria-hidden="true">Ctrl L</kbd>
      </button>
    </IdentityLayout>
  );
}
