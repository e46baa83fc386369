import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';
import { useBackendEvents } from '../../api/use-backend-events.js';
import { showToast } from '../../ui/toast-store.js';
import { Skeleton, ErrorState } from '../../ui/states.js';
import { Toasts } from '../../ui/toasts.js';
import { errorMessage } from '../../api/errors.js';
import { FirstRunScreen } from './first-run-screen.js';
import { gateScreen, type GateScreen } from './gate-screen.js';
import { IDENTITY_KEY, useIdentityChange } from './identity-cache.js';
import { IdentityLayout } from './identity-layout.js';
import { LockScreen } from './lock-screen.js';
import { RevokedScreen } from './revoked-screen.js';
import { SessionProvider } from './session-context.js';
import { SignInScreen } from './sign-in-screen.js';
import { useIdentityRefresh } from './use-identity-refresh.js';
import { useIdleLock } from './use-idle-lock.js';
import { useLockShortcut } from './use-lock-shortcut.js';

/**
 * Cached views belong to the person who read them: when the app is left (lock, sign-out,
 * revocation) they are dropped, so the next person's screens read afresh and nothing of the
 * previous session stays in the page's memory behind the lock screen.
 */
function useForgetViewsOutsideApp(screen: GateScreen | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (screen === null || screen === 'app') return;
    queryClient.removeQueries({ type: 'inactive', predicate: (query) => query.queryKey[0] !== IDENTITY_KEY[0] });
  }, [screen, queryClient]);
}

/**
 * The shell's gate (architecture §5): shows first-run setup, the revoked notice, sign-in or
 * the lock screen until `identity.state` says someone is signed in, then the app with their
 * session. Ctrl+L locks (and shows sign-in, to switch user) from anywhere; the screen also
 * locks after `idleLockMinutes` without input. The backend refuses everything else without a
 * session anyway: the gate decides what is shown, not what is allowed.
 */
export function IdentityGate({ children }: { children: ReactNode }) {
  useBackendEvents();
  useIdentityRefresh();
  const identity = useApiQuery('identity.state', {});
  const [switchUser, setSwitchUser] = useState(false);
  const lockMutation = useIdentityChange('session.lock');
  const signOutMutation = useIdentityChange('session.signOut');
  const state = identity.data;
  const screen = state ? gateScreen(state, switchUser) : null;
  useForgetViewsOutsideApp(screen);

  const lock = useCallback(
    (toSignIn: boolean) => {
      setSwitchUser(toSignIn);
      lockMutation.mutate(
        {},
        {
          onError: (error) => {
            showToast(`The screen could not be locked: ${errorMessage(error)}`, 'error');
          },
        },
      );
    },
    [lockMutation.mutate],
  );
  const signOut = useCallback(() => {
    setSwitchUser(false);
    signOutMutation.mutate(
      {},
      {
        onError: (error) => {
          showToast(`Signing out failed: ${errorMessage(error)}`, 'error');
        },
      },
    );
  }, [signOutMutation.mutate]);
  const idleLock = useCallback(() => {
    lock(false);
  }, [lock]);
  const shortcut = useMemo(() => {
    if (screen === 'app')
      return () => {
        lock(true);
      };
    if (screen === 'locked')
      return () => {
        setSwitchUser(true);
      };
    return null;
  }, [screen, lock]);
  useLockShortcut(shortcut);

  const session = state?.session ?? null;
  const sessionValue = useMemo(
    () => (session ? { session, actions: { lock, signOut } } : null),
    [session, lock, signOut],
  );

  if (!state) {
    return (
      <IdentityLayout titleId="gate-title" showSync>
        <h1 id="gate-title" className="visually-hidden">
          Starting VetDesk
        </h1>
        {identity.isError ? (
          <ErrorState error={identity.error} onRetry={() => void identity.refetch()} />
        ) : (
          <Skeleton lines={4} />
        )}
        <Toasts />
      </IdentityLayout>
    );
  }
  const afterSignIn = () => {
    setSwitchUser(false);
  };
  return (
    <>
      {screen === 'first-run' ? <FirstRunScreen /> : null}
      {screen === 'revoked' && state.enrolment.state === 'revoked' ? (
        <RevokedScreen enrolment={state.enrolment} state={state} />
      ) : null}
      {screen === 'locked' && state.locked ? (
        <LockScreen
          state={state}
          locked={state.locked}
          onSwitchUser={() => {
            setSwitchUser(true);
          }}
        />
      ) : null}
      {screen === 'sign-in' ? (
        <SignInScreen
          state={state}
          onSignedIn={afterSignIn}
          onBackToLock={
            state.locked
              ? () => {
                  setSwitchUser(false);
                }
              : null
          }
        />
      ) : null}
      {screen === 'app' && sessionValue ? (
        <SessionProvider key={sessionValue.session.staff.id} value={sessionValue}>
          <IdleLock minutes={state.idleLockMinutes} onIdle={idleLock} />
          {children}
        </SessionProvider>
      ) : (
        <Toasts />
      )}
    </>
  );
}

/** The idle timer as a component, so it runs exactly while the app is shown. */
function IdleLock({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
  useIdleLock(minutes, onIdle);
  return null;
}
