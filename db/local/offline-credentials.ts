import type { StaffRole } from '../../core/domain/enums.js';
import { lockSecondsAfter } from '../../core/auth/sign-in-lockout.js';
import type { LocalDatabase } from './open.js';

/** What a workstation keeps of a person after their online sign-in, to let them in offline. */
export interface OfflineCredential {
  staffId: string;
  username: string;
  displayName: string | null;
  role: StaffRole;
  clinicId: string | null;
  /** scrypt verifier of the password (never the password). */
  verifier: string;
  /** The session's private signing key, encrypted under a key derived from the password. */
  wrappedKey: string;
  signingKeyId: string;
  /** The signing key's expiry on the server: no offline sign-in after it. */
  expiresAt: string;
  signedInAt: string;
  /** The credential generation the server named at that sign-in (staff.credential_version). */
  credentialVersion: number;
  failedCount: number;
  lockedUntil: string | null;
}

/** The parts of a credential an online sign-in sets; the lockout counters start over. */
export type FreshOfflineCredential = Omit<OfflineCredential, 'failedCount' | 'lockedUntil'>;

interface CredentialRow {
  staff_id: string;
  username: string;
  display_name: string | null;
  role: StaffRole;
  clinic_id: string | null;
  verifier: string;
  wrapped_key: string;
  signing_key_id: string;
  expires_at: string;
  signed_in_at: string;
  credential_version: number;
  failed_count: number;
  locked_until: string | null;
}

function fromRow(row: CredentialRow): OfflineCredential {
  return {
    staffId: row.staff_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    clinicId: row.clinic_id,
    verifier: row.verifier,
    wrappedKey: row.wrapped_key,
    signingKeyId: row.signing_key_id,
    expiresAt: row.expires_at,
    signedInAt: row.signed_in_at,
    credentialVersion: row.credential_version,
    failedCount: row.failed_count,
    lockedUntil: row.locked_until,
  };
}

/**
 * Whether the replica's staff row of the person shows credentials newer than `version`, or the
 * person deactivated. Rows synced before the column existed (null) decide nothing.
 */
const SUPERSEDED = `exists (select 1 from staff s where s.id = ?
                     and (s.deleted_at is not null or s.credential_version > ?))`;

/**
 * The offline credentials table: one row per person who signed in online here, replaced at each
 * of their online sign-ins, with this workstation's lockout counters. A row goes when the
 * replicated staff row shows the person's credentials ended (a trigger of the local schema, for
 * whatever writes server truth; `save` and `superseded` check the same for a row that arrived
 * first). Synchronous, each method one statement or one transaction.
 */
export class OfflineCredentials {
  constructor(private readonly db: LocalDatabase) {}

  /**
   * Stores what an online sign-in produced, replacing the person's earlier row (and any other
   * person's row that held the same username before a rename), with the counters reset.
   */
  save(credential: FreshOfflineCredential): void {
    this.db.transaction(() => {
      this.db
        .prepare('delete from offline_credentials where username = ? and staff_id <> ?')
        .run(credential.username, credential.staffId);
      this.db
        .prepare(
          `insert or replace into offline_credentials (staff_id, username, display_name, role, clinic_id, verifier,
             wrapped_key, signing_key_id, expires_at, signed_in_at, credential_version, failed_count, locked_until)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, null)`,
        )
        .run(
          credential.staffId,
          credential.username,
          credential.displayName,
          credential.role,
          credential.clinicId,
          credential.verifier,
          credential.wrappedKey,
          credential.signingKeyId,
          credential.expiresAt,
          credential.signedInAt,
          credential.credentialVersion,
        );
      // The replica may already know of a later change (it synced while the answer was sealed):
      // the key in this credential is revoked then, and keeping it would only mislead.
      this.db
        .prepare(`delete from offline_credentials where staff_id = ? and ${SUPERSEDED}`)
        .run(credential.staffId, credential.staffId, credential.credentialVersion);
    })();
  }

  /**
   * Whether the person's credentials of generation `credentialVersion` ended, as far as the
   * replica knows: their staff row shows a later generation (password changed or reset, role
   * changed) or a deactivation.
   */
  superseded(staffId: string, credentialVersion: number): boolean {
    const row = this.db.prepare(`select ${SUPERSEDED} as gone`).get(staffId, credentialVersion) as { gone: number };
    return row.gone === 1;
  }

  /** The credential cached for `username` (already normalised: trimmed, lower case), if any. */
  byUsername(username: string): OfflineCredential | undefined {
    const row = this.db.prepare('select * from offline_credentials where username = ?').get(username) as
      CredentialRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /**
   * Counts one failed offline sign-in and locks the credential as core/auth/sign-in-lockout.ts
   * says. @returns the new count and the lock's end (null when not locked).
   */
  recordFailure(staffId: string, now: Date = new Date()): { failedCount: number; lockedUntil: string | null } {
    return this.db.transaction(() => {
      const row = this.db.prepare('select failed_count from offline_credentials where staff_id = ?').get(staffId) as
        { failed_count: number } | undefined;
      const failedCount = (row?.failed_count ?? 0) + 1;
      const seconds = lockSecondsAfter(failedCount);
      const lockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null;
      this.db
        .prepare('update offline_credentials set failed_count = ?, locked_until = ? where staff_id = ?')
        .run(failedCount, lockedUntil, staffId);
      return { failedCount, lockedUntil };
    })();
  }

  /** A successful offline sign-in: the counters start over. */
  recordSuccess(staffId: string): void {
    this.db
      .prepare('update offline_credentials set failed_count = 0, locked_until = null where staff_id = ?')
      .run(staffId);
  }

  /** Forgets a person (their password was changed elsewhere, or they were deactivated). */
  remove(staffId: string): void {
    this.db.prepare('delete from offline_credentials where staff_id = ?').run(staffId);
  }

  /** People who signed in here before, most recent first (the sign-in screen's quick pick). */
  knownUsers(): { username: string; displayName: string | null }[] {
    return (
      this.db
        .prepare('select username, display_name from offline_credentials order by signed_in_at desc, username')
        .all() as { username: string; display_name: string | null }[]
    ).map((row) => ({ username: row.username, displayName: row.display_name }));
  }
}
