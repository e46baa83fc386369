import type { StaffAccount } from '../../../core/auth/wire.js';
import { STAFF_ROLES, type StaffRole } from '../../../core/domain/enums.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { SqlExecutor } from '../connection.js';
import { sqlState } from '../pg-error.js';

/**
 * Staff accounts as sign-in and the admin routes see them. "Active" means not soft-deleted
 * (`deleted_at is null`): deactivating a person keeps their row, so the audit trail and the
 * records they signed still name them. Every write runs in the caller's transaction, which
 * carries the audit settings (who acted, from which device).
 */

interface StaffRow {
  id: string;
  clinic_id: string | null;
  username: string | null;
  display_name: string | null;
  email: string | null;
  role: string;
  active: boolean;
}

const STAFF_COLUMNS = `id, clinic_id, username, display_name, email, role::text as role, deleted_at is null as active`;

function toAccount(row: StaffRow): StaffAccount {
  const role = STAFF_ROLES.find((known) => known === row.role);
  // The column is the staff_role enum: anything else is a broken database, not bad input.
  if (role === undefined) throw new AppError(ErrorCode.Internal, `Unknown staff role ${row.role}`);
  return {
    id: row.id,
    clinicId: row.clinic_id,
    username: row.username ?? '',
    displayName: row.display_name,
    email: row.email,
    role,
    active: row.active,
  };
}

/** An active account with what sign-in checks: its password hash. */
export interface SignInAccount extends StaffAccount {
  passwordHash: string | null;
}

/**
 * The active account with this user name (case-insensitive) in the clinic of `deviceId`, or
 * undefined: another clinic's staff cannot sign in on this device, and are not told they exist.
 */
export async function signInAccount(
  db: SqlExecutor,
  username: string,
  deviceId: string,
): Promise<SignInAccount | undefined> {
  const { rows } = await db.query<StaffRow & { password_hash: string | null }>(
    `select ${STAFF_COLUMNS}, password_hash from staff
      where lower(username) = lower($1) and deleted_at is null
        and clinic_id is not distinct from (select clinic_id from devices where id = $2)`,
    [username, deviceId],
  );
  const row = rows[0];
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

/** The active account with this id and its password hash, or undefined. */
export async function activeAccountById(db: SqlExecutor, id: string): Promise<SignInAccount | undefined> {
  const { rows } = await db.query<StaffRow & { password_hash: string | null }>(
    `select ${STAFF_COLUMNS}, password_hash from staff where id = $1 and deleted_at is null`,
    [id],
  );
  const row = rows[0];
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

/**
 * The account with this id in `clinicId` (active or not), locked for the rest of the
 * transaction; undefined when there is none in that clinic, so another clinic's staff are
 * indistinguishable from nobody.
 */
export async function clinicAccountForUpdate(
  tx: SqlExecutor,
  id: string,
  clinicId: string | null,
): Promise<StaffAccount | undefined> {
  const { rows } = await tx.query<StaffRow>(
    `select ${STAFF_COLUMNS} from staff where id = $1 and clinic_id is not distinct from $2 for update`,
    [id, clinicId],
  );
  return rows[0] && toAccount(rows[0]);
}

/** Ids of the clinic's active admins, locked so two admins cannot demote each other at once. */
export async function lockActiveAdmins(tx: SqlExecutor, clinicId: string | null): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select id from staff
      where clinic_id is not distinct from $1 and role = 'admin' and deleted_at is null
      order by id for update`,
    [clinicId],
  );
  return rows.map((row) => row.id);
}

/**
 * Runs `statement`, turning the unique indexes on user name and e-mail into a 409 that says
 * which field is taken (the database holds the rule; this only words it).
 */
async function naming<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (sqlState(error) !== '23505') throw error;
    const constraint = (error as { constraint?: unknown }).constraint;
    const field = constraint === 'staff_email_active_key' ? 'email' : 'username';
    throw new AppError(
      ErrorCode.UniqueViolation,
      `That ${field === 'email' ? 'e-mail' : 'user name'} is already in use`,
      {
        field,
        issues: [{ path: [field], message: 'Already in use' }],
      },
    );
  }
}

/** What creating an account stores; the password arrives hashed. */
export interface NewStaffAccount {
  clinicId: string | null;
  username: string;
  displayName: string;
  email: string | null;
  role: StaffRole;
  passwordHash: string;
}

/**
 * Creates an active account.
 * @throws AppError UNIQUE_VIOLATION (`details.field` username or email) when an active account
 *   already uses the user name or e-mail.
 */
export async function insertStaffAccount(tx: SqlExecutor, account: NewStaffAccount): Promise<StaffAccount> {
  return naming(async () => {
    const { rows } = await tx.query<StaffRow>(
      `insert into staff (clinic_id, username, display_name, email, role, password_hash)
       values ($1, $2, $3, $4, $5::staff_role, $6)
       returning ${STAFF_COLUMNS}`,
      [account.clinicId, account.username, account.displayName, account.email, account.role, account.passwordHash],
    );
    return toAccount(rows[0]!);
  });
}

/** The changes an admin may make to an account; absent members stay as they are. */
export interface StaffAccountChanges {
  displayName?: string | undefined;
  email?: string | null | undefined;
  role?: StaffRole | undefined;
  active?: boolean | undefined;
}

/**
 * Applies `changes` to the account (deactivation is a soft delete; reactivation clears it).
 * @throws AppError UNIQUE_VIOLATION when the new e-mail, or a reactivated user name, is taken.
 */
export async function updateStaffAccount(
  tx: SqlExecutor,
  id: string,
  changes: StaffAccountChanges,
): Promise<StaffAccount> {
  return naming(async () => {
    const { rows } = await tx.query<StaffRow>(
      `update staff set
         display_name = case when $2::boolean then $3 else display_name end,
         email = case when $4::boolean then $5 else email end,
         role = coalesce($6::staff_role, role),
         deleted_at = case when $7::boolean is null then deleted_at
                           when $7 then null
                           else coalesce(deleted_at, now()) end
       where id = $1
       returning ${STAFF_COLUMNS}`,
      [
        id,
        changes.displayName !== undefined,
        changes.displayName ?? null,
        changes.email !== undefined,
        changes.email ?? null,
        changes.role ?? null,
        changes.active ?? null,
      ],
    );
    // A change that changes nothing is skipped by the row-maintenance trigger and returns no
    // row: the account is then as it was.
    const row =
      rows[0] ?? (await tx.query<StaffRow>(`select ${STAFF_COLUMNS} from staff where id = $1`, [id])).rows[0]!;
    return toAccount(row);
  });
}

/** Stores a new password hash for the account. */
export async function setPasswordHash(tx: SqlExecutor, id: string, passwordHash: string): Promise<void> {
  await tx.query(`update staff set password_hash = $2 where id = $1`, [id, passwordHash]);
}

/** Every account, active first, then by user name (the CLI's list). */
export async function listStaffAccounts(db: SqlExecutor): Promise<StaffAccount[]> {
  const { rows } = await db.query<StaffRow>(
    `select ${STAFF_COLUMNS} from staff order by deleted_at is not null, lower(username) nulls last, id`,
  );
  return rows.map(toAccount);
}

/** The active account with this user name (case-insensitive) in any clinic, or undefined. */
export async function activeAccountByUsername(db: SqlExecutor, username: string): Promise<StaffAccount | undefined> {
  const { rows } = await db.query<StaffRow>(
    `select ${STAFF_COLUMNS} from staff where lower(username) = lower($1) and deleted_at is null`,
    [username],
  );
  return rows[0] && toAccount(rows[0]);
}
