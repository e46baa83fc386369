import { STAFF_ROLES, type StaffRole } from '../../../core/domain/enums.js';
import type { SqlExecutor } from '../connection.js';

/**
 * Staff sessions and signing keys (migration 0011). Tokens are looked up by their SHA-256 hash
 * (sync/identity/secret-token.ts); nothing here ever sees a token itself.
 */

/** What opening a session needs: the token's hash and the workstation's new public key. */
export interface NewSession {
  staffId: string;
  deviceId: string;
  tokenHash: string;
  /** Ed25519 SPKI public key, base64, already checked to be one. */
  publicKey: string;
  sessionHours: number;
  signingKeyDays: number;
}

/** A session and its signing key as just stored. */
export interface OpenedSession {
  sessionId: string;
  sessionExpiresAt: Date;
  signingKeyId: string;
  signingKeyExpiresAt: Date;
  /** The person's credential generation the key was issued under (staff.credential_version). */
  credentialVersion: number;
}

/**
 * Stores a session and the signing key registered with it, both timed from the database's
 * clock. Run it in the caller's transaction so both exist or neither does.
 */
export async function openSession(tx: SqlExecutor, session: NewSession): Promise<OpenedSession> {
  const opened = await tx.query<{ id: string; expires_at: Date }>(
    `insert into staff_sessions (staff_id, device_id, token_hash, expires_at)
     values ($1, $2, $3, now() + make_interval(hours => $4::int))
     returning id, expires_at`,
    [session.staffId, session.deviceId, session.tokenHash, session.sessionHours],
  );
  const row = opened.rows[0]!;
  const key = await tx.query<{ id: string; expires_at: Date }>(
    `insert into staff_signing_keys (staff_id, device_id, session_id, public_key, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(days => $5::int))
     returning id, expires_at`,
    [session.staffId, session.deviceId, row.id, session.publicKey, session.signingKeyDays],
  );
  const keyRow = key.rows[0]!;
  // Read in the same transaction, after any revocation it made (a password change), so the
  // generation answered is the one this key belongs to.
  const generation = await tx.query<{ credential_version: number }>(
    `select credential_version from staff where id = $1`,
    [session.staffId],
  );
  return {
    sessionId: row.id,
    sessionExpiresAt: row.expires_at,
    signingKeyId: keyRow.id,
    signingKeyExpiresAt: keyRow.expires_at,
    credentialVersion: generation.rows[0]!.credential_version,
  };
}

/** The staff member a live session acts for. */
export interface LiveSession {
  sessionId: string;
  staffId: string;
  role: StaffRole;
  clinicId: string | null;
  username: string | null;
  displayName: string | null;
}

/**
 * The session whose token hashes to `tokenHash`, provided it is usable from `deviceId` right
 * now: opened on that device, neither expired nor revoked, the device not revoked, its staff
 * member active and of the device's clinic. Undefined otherwise, whichever rule failed: a
 * caller must not tell a stolen token's holder which one.
 */
export async function liveSession(
  db: SqlExecutor,
  tokenHash: string,
  deviceId: string,
): Promise<LiveSession | undefined> {
  const { rows } = await db.query<{
    session_id: string;
    staff_id: string;
    role: string;
    clinic_id: string | null;
    username: string | null;
    display_name: string | null;
  }>(
    // Clinics compared with IS NOT DISTINCT FROM: an enrolled device always has a clinic; only
    // development devices and staff of a single-clinic test database have none.
    `select s.id as session_id, st.id as staff_id, st.role::text as role, st.clinic_id,
            st.username, st.display_name
       from staff_sessions s
       join staff st on st.id = s.staff_id
       join devices d on d.id = s.device_id
      where s.token_hash = $1 and s.device_id = $2
        and s.revoked_at is null and s.expires_at > now()
        and d.revoked_at is null
        and st.deleted_at is null and st.clinic_id is not distinct from d.clinic_id`,
    [tokenHash, deviceId],
  );
  const row = rows[0];
  const role = STAFF_ROLES.find((known) => known === row?.role);
  if (!row || role === undefined) return undefined;
  return {
    sessionId: row.session_id,
    staffId: row.staff_id,
    role,
    clinicId: row.clinic_id,
    username: row.username,
    displayName: row.display_name,
  };
}

/** Ends one session (sign-out); its signing key stays valid for what was signed offline. */
export async function revokeSession(db: SqlExecutor, sessionId: string): Promise<void> {
  await db.query(`update staff_sessions set revoked_at = now() where id = $1 and revoked_at is null`, [sessionId]);
}

/**
 * Ends every session and signing key of a staff member (password change or reset,
 * deactivation, role change) and raises their `credential_version`, which workstations
 * replicate to forget the offline credential they cached for the person. Mutations whose
 * server-bounded time is before now stay attributable; later ones are refused
 * (sync/server/mutation-proof.ts). Run it in the transaction of the change itself, with its
 * audit settings: the version bump is a staff row change, audited and replicated.
 */
export async function revokeStaffCredentials(tx: SqlExecutor, staffId: string): Promise<void> {
  await tx.query(`update staff_sessions set revoked_at = now() where staff_id = $1 and revoked_at is null`, [staffId]);
  await tx.query(`update staff_signing_keys set revoked_at = now() where staff_id = $1 and revoked_at is null`, [
    staffId,
  ]);
  await tx.query(`update staff set credential_version = credential_version + 1 where id = $1`, [staffId]);
}

/** Ends every session opened on a device (the device was revoked). */
export async function revokeDeviceSessions(tx: SqlExecutor, deviceId: string): Promise<void> {
  await tx.query(`update staff_sessions set revoked_at = now() where device_id = $1 and revoked_at is null`, [
    deviceId,
  ]);
}

/** A registered signing key, as mutation proofs are checked against it. */
export interface SigningKey {
  id: string;
  staffId: string;
  deviceId: string;
  publicKey: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** The signing key with this id, or undefined. */
export async function signingKeyById(db: SqlExecutor, keyId: string): Promise<SigningKey | undefined> {
  const { rows } = await db.query<{
    id: string;
    staff_id: string;
    device_id: string;
    public_key: string;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>(
    `select id, staff_id, device_id, public_key, created_at, expires_at, revoked_at
       from staff_signing_keys where id = $1`,
    [keyId],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      staffId: row.staff_id,
      deviceId: row.device_id,
      publicKey: row.public_key,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    }
  );
}

/**
 * Deletes up to `batch` sessions no request can use any more: expired, or revoked, at least
 * `graceSeconds` ago by the database's clock. @returns how many were deleted. Their signing keys
 * stay (the reference is set to null): keys live by their own rule, `deleteSpentSigningKeys`.
 */
export async function deleteDeadSessions(db: SqlExecutor, graceSeconds: number, batch: number): Promise<number> {
  const { rowCount } = await db.query(
    `delete from staff_sessions
      where id in (select id from staff_sessions
                    where least(expires_at, coalesce(revoked_at, expires_at)) < now() - make_interval(secs => $1)
                    limit $2)`,
    [graceSeconds, batch],
  );
  return rowCount;
}

/**
 * Deletes up to `batch` signing keys that stopped vouching for changes (their expiry plus
 * `skewSeconds`, or their revocation, whichever came first) more than `horizonSeconds` ago by
 * the database's clock. @returns how many were deleted. The caller chooses a horizon beyond
 * which no pushed mutation can be accepted under the key any more (server/auth/credential-pruning.ts).
 */
export async function deleteSpentSigningKeys(
  db: SqlExecutor,
  skewSeconds: number,
  horizonSeconds: number,
  batch: number,
): Promise<number> {
  const { rowCount } = await db.query(
    `delete from staff_signing_keys
      where id in (select id from staff_signing_keys
                    where least(expires_at + make_interval(secs => $1), coalesce(revoked_at, 'infinity'))
                          < now() - make_interval(secs => $2)
                    limit $3)`,
    [skewSeconds, horizonSeconds, batch],
  );
  return rowCount;
}
