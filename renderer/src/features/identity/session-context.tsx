import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { SessionView } from '../../../../core/api/identity-views.js';
import { can, type Action } from '../../../../core/auth/permissions.js';

/** What the signed-in app may ask of the gate: lock the screen (optionally to switch user), sign out. */
export interface SessionActions {
  /** Locks the screen; `switchUser` then shows sign-in (Ctrl+L) instead of the lock screen. */
  lock: (switchUser: boolean) => void;
  signOut: () => void;
}

interface SessionContextValue {
  session: SessionView;
  actions: SessionActions;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Gives the app the signed-in person's session; only the gate renders it, around the app. */
export function SessionProvider({ value, children }: { value: SessionContextValue; children: ReactNode }) {
  return <SessionContext value={value}>{children}</SessionContext>;
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('A session hook was used outside the identity gate');
  return value;
}

/** The signed-in person. Throws outside the gate's app: nobody is signed in there. */
export function useSession(): SessionView {
  return useSessionContext().session;
}

/** Lock and sign-out, for the user menu and the admin screens' "sign in again". */
export function useSessionActions(): SessionActions {
  return useSessionContext().actions;
}

/**
 * Whether the signed-in person may do an action, from the permission matrix in core (the same
 * table the backend and the server enforce). The UI only hides what would be refused.
 */
export function useCan(): (action: Action) => boolean {
  const role = useSession().staff.role;
  return useCallback((action: Action) => can(role, action), [role]);
}
