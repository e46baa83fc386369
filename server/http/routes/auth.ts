import type { FastifyPluginAsync } from 'fastify';
import {
  changePasswordRequestSchema,
  SESSION_TOKEN_PREFIX,
  signInRequestSchema,
  type SignInResponse,
} from '../../../core/auth/wire.js';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import type { CentralDb, SqlExecutor } from '../../../db/central/connection.js';
import { claimSignInAttempt, clearSignInFailures } from '../../../db/central/queries/sign-in-state.js';
import { openSession, revokeSession, revokeStaffCredentials } from '../../../db/central/queries/sessions.js';
import {
  activeAccountById,
  setPasswordHash,
  signInAccount,
  type SignInAccount,
} from '../../../db/central/queries/staff-accounts.js';
import { isSigningPublicKey } from '../../../sync/identity/mutation-signer.js';
import { newSecretToken, tokenHash } from '../../../sync/identity/secret-token.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';
import type { PasswordChecker } from '../../auth/password-checker.js';
import type { SessionAuthenticator } from '../../auth/session-auth.js';
import type { StaffAuthSettings } from '../../auth/staff-auth-settings.js';
import { parseInput } from '../parse-input.js';

export interface AuthRoutesOptions {
  db: CentralDb;
  auth: DeviceAuthenticator;
  sessions: SessionAuthenticator;
  passwords: PasswordChecker;
  settings: StaffAuthSettings;
}

const SIGN_IN_FAILED_MESSAGE = 'Wrong user name or password';

/** @throws AppError VALIDATION_FAILED when the key is not an Ed25519 public key. */
function checkSigningKey(publicKey: string): void {
  if (!isSigningPublicKey(publicKey)) {
    throw validationError([{ path: ['signingPublicKey'], message: 'Not an Ed25519 public key' }]);
  }
}

/**
 * Counts an attempt against `account`'s lockout, then checks `password`.
 * @throws AppError SIGN_IN_LOCKED (429, `retryAfterSeconds`) while locked, SIGN_IN_FAILED (401)
 *   for a wrong password.
 */
async function checkPassword(
  db: CentralDb,
  passwords: PasswordChecker,
  account: SignInAccount,
  password: string,
  wrongMessage: string,
): Promise<void> {
  const attempt = await claimSignInAttempt(db, account.id);
  if (!attempt.allowed) {
    throw new AppError(
      ErrorCode.SignInLocked,
      `Too many failed attempts: try again in ${attempt.retryAfterSeconds} seconds`,
      { retryAfterSeconds: attempt.retryAfterSeconds },
    );
  }
  if (!(await passwords.verify(password, account.passwordHash)))
    throw new AppError(ErrorCode.SignInFailed, wrongMessage);
}

/** Opens a session and registers its signing key, clearing the lockout; in `tx`. */
async function startSession(
  tx: SqlExecutor,
  account: SignInAccount,
  deviceId: string,
  publicKey: string,
  settings: StaffAuthSettings,
): Promise<SignInResponse> {
  const token = newSecretToken(SESSION_TOKEN_PREFIX);
  await clearSignInFailures(tx, account.id);
  const opened = await openSession(tx, {
    staffId: account.id,
    deviceId,
    tokenHash: tokenHash(token),
    publicKey,
    sessionHours: settings.sessionHours,
    signingKeyDays: settings.offlineDays,
  });
  return {
    staff: {
      id: account.id,
      clinicId: account.clinicId,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
    },
    session: { token, expiresAt: opened.sessionExpiresAt.toISOString() },
    signingKey: { id: opened.signingKeyId, expiresAt: opened.signingKeyExpiresAt.toISOString() },
    credentialVersion: opened.credentialVersion,
  };
}

/**
 * Staff sign-in, sign-out and password change (docs/security.md, "Staff accounts, sessions and
 * signed mutations"; wire format in core/auth/wire.ts):
 * - `POST /v1/auth/sign-in` (device): 200 signInResponse; 401 SIGN_IN_FAILED for an unknown
 *   user name, another clinic's account, a removed one or a wrong password (one message, and an
 *   unknown name is checked against a decoy hash so it takes as long); 429 SIGN_IN_LOCKED after
 *   repeated failures; 400 for a malformed body or public key.
 * - `POST /v1/auth/sign-out` (session): 204; the session ends, its signing key stays valid for
 *   changes made before.
 * - `POST /v1/auth/password` (session): checks the current password (lockout applies), stores
 *   the new one, ends every session and signing key of the person on every device, and answers
 *   a new session on this one (200 signInResponse).
 */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = (app, options) => {
  const { db, auth, sessions, passwords, settings } = options;

  app.post('/v1/auth/sign-in', async (request): Promise<SignInResponse> => {
    const device = await auth.authenticate(request);
    const body = parseInput(signInRequestSchema, request.body, 'Malformed sign-in request');
    checkSigningKey(body.signingPublicKey);
    const account = await signInAccount(db, body.username, device.deviceId);
    if (!account) {
      await passwords.verify(body.password, undefined);
      throw new AppError(ErrorCode.SignInFailed, SIGN_IN_FAILED_MESSAGE);
    }
    await checkPassword(db, passwords, account, body.password, SIGN_IN_FAILED_MESSAGE);
    request.log.info({ staffId: account.id, deviceId: device.deviceId }, 'staff signed in');
    return db.transaction((tx) => startSession(tx, account, device.deviceId, body.signingPublicKey, settings));
  });

  app.post('/v1/auth/sign-out', async (request, reply) => {
    const session = await sessions.requireSession(request);
    await revokeSession(db, session.sessionId);
    return reply.status(204).send();
  });

  app.post('/v1/auth/password', async (request): Promise<SignInResponse> => {
    const session = await sessions.requireSession(request);
    const body = parseInput(changePasswordRequestSchema, request.body, 'Malformed password change');
    checkSigningKey(body.signingPublicKey);
    const account = await activeAccountById(db, session.staffId);
    // requireSession saw the person active a moment ago; removed since, the session is over.
    if (!account) throw new AppError(ErrorCode.SessionRequired, 'The session has ended: sign in again');
    await checkPassword(db, passwords, account, body.currentPassword, 'The current password is wrong');
    const newHash = await passwords.hash(body.newPassword);
    return db.transaction(
      async (tx) => {
        await setPasswordHash(tx, account.id, newHash);
        await revokeStaffCredentials(tx, account.id);
        return startSession(tx, account, session.deviceId, body.signingPublicKey, settings);
      },
      { audit: { staffId: account.id, deviceId: session.deviceId, auditContext: { action: 'staff.password_change' } } },
    );
  });
  return Promise.resolve();
};
