import type { SignedInStaff } from '../auth/wire.js';

/** Whether and how this workstation is enrolled with a central server. */
export type EnrolmentView =
  | { state: 'not_enrolled' }
  | { state: 'enrolled'; deviceId: string; deviceName: string; serverUrl: string; clinicName: string | null }
  /**
   * An admin revoked this workstation: it no longer syncs. `pendingChanges` made here were never
   * sent; they stay in the local database and can be exported (`outbox.export`).
   */
  | { state: 'revoked'; deviceId: string; deviceName: string; serverUrl: string; pendingChanges: number };

/** The person signed in on this workstation. */
export interface SessionView {
  staff: SignedInStaff;
  /** `online`: the central server checked the password; `offline`: the cached verifier did. */
  mode: 'online' | 'offline';
  signedInAt: string;
  /** When the server session ends (admin work and record history need one); null offline. */
  onlineSessionExpiresAt: string | null;
  /** Until when this person may sign in here offline (their cached verifier's expiry). */
  offlineUntil: string;
}

/**
 * Everything the shell needs to decide which screen to show: first-run setup, sign-in, the lock
 * screen, a revoked notice, or the app.
 */
export interface IdentityState {
  enrolment: EnrolmentView;
  /** Null when nobody is signed in, or the screen is locked. */
  session: SessionView | null;
  /** Set while the screen is locked: whose session it was (they or someone else may sign in). */
  locked: { staffId: string; username: string; displayName: string | null } | null;
  /** Minutes without input before the screen locks by itself. */
  idleLockMinutes: number;
  /** People who signed in on this workstation before (for the sign-in screen's quick pick). */
  knownUsers: { username: string; displayName: string | null }[];
}

/** Pending changes of this workstation as a file staff can save (`outbox.export`). */
export interface OutboxExport {
  fileName: string;
  /** JSON: `{ deviceId, exportedAt, mutations: [...] }`. */
  json: string;
  count: number;
}
