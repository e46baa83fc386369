import type { FastifyRequest } from 'fastify';
import { ROUTE_PERMISSIONS, routeAllows, type RouteKey } from '../../core/auth/permissions.js';
import { MAX_TOKEN_LENGTH, SESSION_HEADER, SESSION_TOKEN_PREFIX } from '../../core/auth/wire.js';
import type { StaffRole } from '../../core/domain/enums.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { CentralDb } from '../../db/central/connection.js';
import { liveSession } from '../../db/central/queries/sessions.js';
import { tokenHash } from '../../sync/identity/secret-token.js';
import type { DeviceAuthenticator, DeviceIdentity } from './device-auth.js';

/** The staff member a request acts for, from a live session on the requesting device. */
export interface StaffSession {
  staffId: string;
  role: StaffRole;
  clinicId: string | null;
  sessionId: string;
  deviceId: string;
  username: string | null;
  displayName: string | null;
  /** How the device proved itself. */
  device: DeviceIdentity;
}

/** The guard of every route that acts for a staff member (architecture §5). */
export interface SessionAuthenticator {
  /**
   * The device (its authenticator's rules) and then the session in `x-vetdesk-session`.
   * @throws AppError UNAUTHENTICATED / DEVICE_REVOKED (device), SESSION_REQUIRED (401) when the
   *   header is missing or malformed, or the session is unknown, expired, revoked, another
   *   device's, or its staff member was removed or belongs to another clinic than the device.
   */
  requireSession(request: FastifyRequest): Promise<StaffSession>;
  /**
   * `requireSession`, then the roles ROUTE_PERMISSIONS gives `route` (the one place they are
   * stated).
   * @throws AppError as requireSession, or FORBIDDEN (403, `reason: 'role'`).
   */
  requireRoles(request: FastifyRequest, route: RouteKey): Promise<StaffSession>;
}

function sessionRequired(reason: 'missing' | 'invalid'): AppError {
  return new AppError(
    ErrorCode.SessionRequired,
    reason === 'missing'
      ? `Sign in first: this request needs the ${SESSION_HEADER} header`
      : 'The session has ended: sign in again',
    { reason },
  );
}

/** The session token in the request's header, or undefined when it cannot be one. */
function sessionToken(request: FastifyRequest): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value.startsWith(SESSION_TOKEN_PREFIX) && value.length <= MAX_TOKEN_LENGTH
    ? value
    : undefined;
}

/** Session checks over `deviceAuth`; nothing is cached, so a revocation takes effect at once. */
export function sessionAuthenticator(db: CentralDb, deviceAuth: DeviceAuthenticator): SessionAuthenticator {
  async function requireSession(request: FastifyRequest): Promise<StaffSession> {
    const device = await deviceAuth.authenticate(request);
    const token = sessionToken(request);
    if (token === undefined) throw sessionRequired(request.headers[SESSION_HEADER] ? 'invalid' : 'missing');
    const session = await liveSession(db, tokenHash(token), device.deviceId);
    if (!session) throw sessionRequired('invalid');
    return {
      staffId: session.staffId,
      role: session.role,
      clinicId: session.clinicId,
      sessionId: session.sessionId,
      deviceId: device.deviceId,
      username: session.username,
      displayName: session.displayName,
      device,
    };
  }

  return {
    requireSession,
    async requireRoles(request, route) {
      const session = await requireSession(request);
      if (!routeAllows(route, session.role)) {
        const access = ROUTE_PERMISSIONS[route];
        throw new AppError(ErrorCode.Forbidden, `A ${session.role} may not call ${route}`, {
          reason: 'role',
          role: session.role,
          allowed: typeof access === 'string' ? [] : [...access],
        });
      }
      return session;
    },
  };
}
