import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  createStaffRequestSchema,
  resetPasswordRequestSchema,
  updateStaffRequestSchema,
  type StaffAccount,
} from '../../../core/auth/wire.js';
import { uuidSchema } from '../../../core/domain/values.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { AuditSettings, CentralDb, SqlExecutor } from '../../../db/central/connection.js';
import { revokeStaffCredentials } from '../../../db/central/queries/sessions.js';
import { clearSignInFailures } from '../../../db/central/queries/sign-in-state.js';
import {
  clinicAccountForUpdate,
  insertStaffAccount,
  lockActiveAdmins,
  setPasswordHash,
  updateStaffAccount,
  type StaffAccountChanges,
} from '../../../db/central/queries/staff-accounts.js';
import type { PasswordChecker } from '../../auth/password-checker.js';
import type { SessionAuthenticator, StaffSession } from '../../auth/session-auth.js';
import { parseInput } from '../parse-input.js';

export interface AdminStaffRoutesOptions {
  db: CentralDb;
  sessions: SessionAuthenticator;
  passwords: PasswordChecker;
}

const staffParamsSchema = z.object({ id: uuidSchema });

/** The audit settings of an admin's write: the trail names the admin, their device and the action. */
function adminAudit(admin: StaffSession, action: string, staffId: string): AuditSettings {
  return { staffId: admin.staffId, deviceId: admin.deviceId, auditContext: { action, staffId } };
}

/** @throws AppError NOT_FOUND when `id` is nobody in the admin's clinic. */
async function accountInClinic(tx: SqlExecutor, admin: StaffSession, id: string): Promise<StaffAccount> {
  const account = await clinicAccountForUpdate(tx, id, admin.clinicId);
  if (!account) throw new AppError(ErrorCode.NotFound, 'No such staff member in this clinic', { id });
  return account;
}

/** Whether `changes` can take an admin's role or access away (then the admins are counted). */
function mayRemoveAdmin(changes: StaffAccountChanges): boolean {
  return changes.active === false || (changes.role !== undefined && changes.role !== 'admin');
}

/**
 * Refuses changes that would leave the clinic without a way in: an admin deactivating
 * themselves, or the last active admin losing the role or access. `activeAdmins` were locked
 * (in id order, before the account itself, so two admins demoting each other cannot deadlock).
 * @throws AppError STAFF_CHANGE_REFUSED (409) with `reason` `self` or `last_admin`.
 */
function checkAdminsRemain(
  admin: StaffSession,
  account: StaffAccount,
  changes: StaffAccountChanges,
  activeAdmins: readonly string[],
): void {
  if (changes.active === false && account.id === admin.staffId) {
    throw new AppError(ErrorCode.StaffChangeRefused, 'You cannot deactivate yourself', { reason: 'self' });
  }
  const losesAdmin = account.role === 'admin' && account.active && mayRemoveAdmin(changes);
  if (losesAdmin && activeAdmins.every((id) => id === account.id)) {
    throw new AppError(ErrorCode.StaffChangeRefused, 'The clinic needs at least one active admin', {
      reason: 'last_admin',
    });
  }
}

/**
 * Admins manage their clinic's staff (docs/security.md, "Staff accounts, sessions and signed
 * mutations"); every write is audited as the admin's, from their device:
 * - `POST /v1/admin/staff`: 201 with the account; 409 UNIQUE_VIOLATION when the user name or
 *   e-mail is in use (`details.field`).
 * - `PATCH /v1/admin/staff/:id`: 200 with the account; `active: false` deactivates (soft
 *   delete); deactivating or changing the role ends the person's sessions and signing keys
 *   everywhere (and raises their credential version); 409 STAFF_CHANGE_REFUSED for deactivating
 *   yourself or removing the last active admin.
 * - `POST /v1/admin/staff/:id/password`: 204; sets a new password, ends the person's sessions
 *   and signing keys everywhere and clears their lockout.
 * All answer 401 without a device or session, 403 for a non-admin, 404 for anyone outside the
 * admin's clinic, 400 for a malformed body or id.
 */
export const adminStaffRoutes: FastifyPluginAsync<AdminStaffRoutesOptions> = (app, options) => {
  const { db, sessions, passwords } = options;

  app.post('/v1/admin/staff', async (request, reply) => {
    const admin = await sessions.requireRoles(request, 'POST /v1/admin/staff');
    const body = parseInput(createStaffRequestSchema, request.body, 'Malformed staff member');
    const passwordHash = await passwords.hash(body.password);
    const account = await db.transaction(
      (tx) =>
        insertStaffAccount(tx, {
          clinicId: admin.clinicId,
          username: body.username,
          displayName: body.displayName,
          email: body.email ?? null,
          role: body.role,
          passwordHash,
        }),
      { audit: { staffId: admin.staffId, deviceId: admin.deviceId, auditContext: { action: 'staff.create' } } },
    );
    return reply.status(201).send(account);
  });

  app.patch('/v1/admin/staff/:id', async (request): Promise<StaffAccount> => {
    const admin = await sessions.requireRoles(request, 'PATCH /v1/admin/staff/:id');
    const { id } = parseInput(staffParamsSchema, request.params, 'Malformed staff id');
    const changes = parseInput(updateStaffRequestSchema, request.body, 'Malformed staff change');
    return db.transaction(
      async (tx) => {
        const activeAdmins = mayRemoveAdmin(changes) ? await lockActiveAdmins(tx, admin.clinicId) : [];
        const account = await accountInClinic(tx, admin, id.toLowerCase());
        checkAdminsRemain(admin, account, changes, activeAdmins);
        const updated = await updateStaffAccount(tx, account.id, changes);
        // Credentials issued for the old standing end: a cached offline sign-in would otherwise
        // keep the old role, and a deactivated person keep signing.
        const deactivated = account.active && !updated.active;
        if (deactivated || updated.role !== account.role) await revokeStaffCredentials(tx, account.id);
        return updated;
      },
      { audit: adminAudit(admin, 'staff.update', id.toLowerCase()) },
    );
  });

  app.post('/v1/admin/staff/:id/password', async (request, reply) => {
    const admin = await sessions.requireRoles(request, 'POST /v1/admin/staff/:id/password');
    const { id } = parseInput(staffParamsSchema, request.params, 'Malformed staff id');
    const body = parseInput(resetPasswordRequestSchema, request.body, 'Malformed password reset');
    const passwordHash = await passwords.hash(body.newPassword);
    await db.transaction(
      async (tx) => {
        const account = await accountInClinic(tx, admin, id.toLowerCase());
        await setPasswordHash(tx, account.id, passwordHash);
        await revokeStaffCredentials(tx, account.id);
        await clearSignInFailures(tx, account.id);
      },
      { audit: adminAudit(admin, 'staff.password_reset', id.toLowerCase()) },
    );
    return reply.status(204).send();
  });
  return Promise.resolve();
};
