import type { KeyObject } from 'node:crypto';
import type { SignedInStaff } from '../../../core/auth/wire.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { OfflineCredentials } from '../../../db/local/offline-credentials.js';
import { openOfflineSecret } from '../../../sync/identity/offline-credential.js';

/** What an offline sign-in opens: the person as last confirmed online, and their signing key. */
export interface OfflineOpened {
  staff: SignedInStaff;
  signingKey: KeyObject;
  signingKeyId: string;
  offlineUntil: string;
  /** The credential generation the cached credential belongs to. */
  credentialVersion: number;
}

function locked(until: string, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  return new AppError(ErrorCode.SignInLocked, `Too many failed sign-ins: try again in ${retryAfterSeconds} seconds`, {
    retryAfterSeconds,
  });
}

/**
 * Signs `username` in against the credential cached at their last online sign-in here, unless
 * the replica has since heard that the person's credentials ended (then it is forgotten and
 * the person is treated as never signed in here): refused while locked (SIGN_IN_LOCKED with the seconds left) or after the signing key's expiry; a wrong
 * password counts towards this workstation's lockout (core/auth/sign-in-lockout.ts); the right
 * one resets it and opens the signing key.
 * @throws AppError SIGN_IN_FAILED (never signed in online here, expired, wrong password),
 *   SIGN_IN_LOCKED.
 */
export async function signInOffline(
  credentials: OfflineCredentials,
  username: string,
  password: string,
  now: Date,
): Promise<OfflineOpened> {
  let cached = credentials.byUsername(username);
  if (cached && credentials.superseded(cached.staffId, cached.credentialVersion)) {
    // The replica heard the person's credentials end (normally its trigger already dropped the
    // row): the old password and the revoked key must not open anything.
    credentials.remove(cached.staffId);
    cached = undefined;
  }
  if (!cached) {
    throw new AppError(
      ErrorCode.SignInFailed,
      `The central server cannot be reached, and ${username} has not signed in on this workstation while connected yet: ` +
        'sign in once while connected, then signing in here works offline too',
      { offline: true },
    );
  }
  if (cached.lockedUntil !== null && Date.parse(cached.lockedUntil) > now.getTime()) {
    throw locked(cached.lockedUntil, now);
  }
  if (Date.parse(cached.expiresAt) <= now.getTime()) {
    throw new AppError(
      ErrorCode.SignInFailed,
      `Signing in offline for ${username} expired: sign in once while the central server is reachable`,
      { offline: true },
    );
  }
  const signingKey = await openOfflineSecret(password, cached);
  if (!signingKey) {
    const { lockedUntil } = credentials.recordFailure(cached.staffId, now);
    if (lockedUntil !== null) throw locked(lockedUntil, now);
    throw new AppError(ErrorCode.SignInFailed, 'Wrong username or password', { offline: true });
  }
  credentials.recordSuccess(cached.staffId);
  return {
    staff: {
      id: cached.staffId,
      clinicId: cached.clinicId,
      username: cached.username,
      displayName: cached.displayName,
      role: cached.role,
    },
    signingKey,
    signingKeyId: cached.signingKeyId,
    offlineUntil: cached.expiresAt,
    credentialVersion: cached.credentialVersion,
  };
}
