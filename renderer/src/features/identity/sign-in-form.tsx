import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { API } from '../../../../core/api/contract.js';
import { detailsIf, ErrorCode } from '../../../../core/errors.js';
import { formProblem } from '../../api/form-problem.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { initials } from '../../ui/format.js';
import { formatWait, lockOutApplies, type LockOut } from './countdown.js';
import { useIdentityChange } from './identity-cache.js';
import { useCountdown } from './use-countdown.js';

const signInInput = API['session.signIn'].input;
type SignInFields = z.input<typeof signInInput>;
type SignInValues = z.output<typeof signInInput>;
const FIELDS = ['username', 'password'] as const;

export interface KnownUser {
  username: string;
  displayName: string | null;
}

interface SignInFormProps {
  /** The lock screen's person: only their password is asked. */
  fixedUsername?: string;
  /** People who signed in here before, offered as one-click picks. */
  knownUsers?: readonly KnownUser[];
  /** Called once the sign-in succeeded (the gate has the new state already). */
  onSignedIn?: () => void;
  /** The submit button's words (default "Sign in", or "Unlock" with `fixedUsername`). */
  submitLabel?: string;
}

/**
 * Username and password, or the password alone for the lock screen. After too many failures the
 * button waits out the lock (SIGN_IN_LOCKED's `retryAfterSeconds`) with a countdown, for that
 * account only (someone else may sign in meanwhile); other
 * refusals show the backend's sentence (it says, for example, to sign in once while connected).
 */
export function SignInForm({ fixedUsername, knownUsers = [], onSignedIn, submitLabel }: SignInFormProps) {
  const signIn = useIdentityChange('session.signIn');
  const [alert, setAlert] = useState<string | null>(null);
  // The lock-out is per account: another person at the same workstation signs in at once.
  const [lockOut, setLockOut] = useState<LockOut | null>(null);
  const wait = useCountdown(lockOut?.until ?? null);
  const form = useForm<SignInFields, unknown, SignInValues>({
    resolver: zodResolver(signInInput),
    defaultValues: { username: fixedUsername ?? '', password: '' },
  });
  const { errors } = form.formState;
  const username = form.watch('username');
  const submit = form.handleSubmit((values) => {
    setAlert(null);
    signIn.mutate(values, {
      onSuccess: () => onSignedIn?.(),
      onError: (error) => {
        form.setValue('password', '');
        const locked = detailsIf(error, ErrorCode.SignInLocked);
        if (locked) {
          setLockOut({ username: values.username, until: Date.now() + locked.retryAfterSeconds * 1000 });
          return;
        }
        const problem = formProblem(error, FIELDS);
        for (const field of FIELDS) {
          const message = problem.fields[field];
          if (message) form.setError(field, { message });
        }
        setAlert(problem.alert);
        // A refused password is usually a typo in it: the username stays, the password is asked again.
        form.setFocus(!fixedUsername && problem.fields.username ? 'username' : 'password');
      },
    });
  });
  const waiting = wait > 0 && lockOutApplies(lockOut, username, Date.now());
  return (
    <form noValidate className="stack" onSubmit={(event) => void submit(event)} aria-busy={signIn.isPending}>
      {knownUsers.length > 0 && !fixedUsername ? (
        <div className="stack-sm">
          <span className="field-help" id="known-users-label">
            Signed in here before
          </span>
          <ul className="known-users" aria-labelledby="known-users-label">
            {knownUsers.map((user) => (
              <li key={user.username}>
                <button
                  type="button"
                  className="btn btn-sm known-user"
                  aria-pressed={username.trim().toLowerCase() === user.username}
                  onClick={() => {
                    form.setValue('username', user.username, { shouldValidate: false });
                    form.setFocus('password');
                  }}
                >
                  <span className="avatar" aria-hidden="true">
                    {initials(user.displayName ?? user.username)}
                  </span>
                  {user.displayName ?? user.username}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {fixedUsername ? (
        <input type="hidden" autoComplete="username" value={fixedUsername} readOnly />
      ) : (
        <FormField id="sign-in-username" label="Username" error={errors.username?.message}>
          <input
            className="input"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            {...describedBy('sign-in-username', errors.username?.message)}
            {...form.register('username')}
          />
        </FormField>
      )}
      <FormField id="sign-in-password" label="Password" error={errors.password?.message}>
        <input
          className="input"
          type="password"
          autoComplete="current-password"
          autoFocus={Boolean(fixedUsername)}
          {...describedBy('sign-in-password', errors.password?.message)}
          {...form.register('password')}
        />
      </FormField>
      {waiting ? (
        <p className="form-alert" role="alert" data-testid="sign-in-locked">
          Too many failed attempts for this account. Try again in{' '}
          {/* Read out once with the sentence, not again at every tick. */}
          <span className="nowrap" aria-live="off">
            {formatWait(wait)}
          </span>
          {fixedUsername ? '.' : ', or sign in as someone else.'}
        </p>
      ) : null}
      {alert && !waiting ? (
        <p className="form-alert" role="alert">
          {alert}
        </p>
      ) : null}
      <div className="identity-actions">
        <button type="submit" className="btn btn-primary" disabled={signIn.isPending || waiting}>
          {signIn.isPending ? 'Signing in…' : (submitLabel ?? (fixedUsername ? 'Unlock' : 'Sign in'))}
        </button>
      </div>
    </form>
  );
}
