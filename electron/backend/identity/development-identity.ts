import type { IdentityState } from '../../../core/api/identity-views.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { LocalReplica, MutationStaff } from '../../../db/local/replica.js';
import type { IdentityClient, SessionCredentials } from '../../../sync/client/identity-client.js';
import { DEFAULT_IDLE_LOCK_MINUTES } from './identity-settings.js';
import type { WorkstationIdentity } from './workstation-identity.js';

function notInDevelopment(what: string): AppError {
  return new AppError(
    ErrorCode.SessionRequired,
    `${what} needs a real sign-in; this workstation runs in development mode`,
  );
}

/** The development scheme's Authorization value for `deviceId`. */
export function developmentAuthorization(deviceId: string): string {
  return `Bearer dev-device:${deviceId}`;
}

/**
 * Development mode (tests, benchmarks, the loopback demo until it enrols for real): the device
 * names itself with the server's development scheme (`Bearer dev-device:<id>`, accepted only
 * by a server started with the development flag on loopback), `staffId` counts as signed in,
 * and mutations go unsigned. Nothing here can reach a production server.
 */
export class DevelopmentIdentity implements WorkstationIdentity {
  constructor(
    private readonly replica: LocalReplica,
    private readonly deviceId: string,
    private readonly staffId: string,
    private readonly centralUrl: string,
  ) {}

  state(): IdentityState {
    const staff = this.replica.read.staffMember(this.staffId);
    return {
      enrolment: {
        state: 'enrolled',
        deviceId: this.deviceId,
        deviceName: 'Development workstation',
        serverUrl: this.centralUrl,
        clinicName: null,
      },
      session:
        staff && staff.deleted_at === null
          ? {
              staff: {
                id: staff.id,
                clinicId: staff.clinic_id,
                username: staff.id,
                displayName: staff.display_name,
                role: staff.role,
              },
              mode: 'online',
              signedInAt: new Date(0).toISOString(),
              onlineSessionExpiresAt: null,
              offlineUntil: new Date(8.64e15).toISOString(),
            }
          : null,
      locked: null,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      knownUsers: [],
    };
  }

  enrol(): Promise<IdentityState> {
    return Promise.reject(notInDevelopment('Enrolment'));
  }

  signIn(): Promise<IdentityState> {
    return Promise.reject(notInDevelopment('Signing in'));
  }

  signOut(): Promise<IdentityState> {
    return Promise.resolve(this.state());
  }

  lock(): IdentityState {
    return this.state();
  }

  changePassword(): Promise<void> {
    return Promise.reject(notInDevelopment('Changing a password'));
  }

  signedInStaffId(): string | null {
    return this.staffId;
  }

  /** @throws AppError FORBIDDEN when the staff member is unknown here or removed. */
  currentStaff(): MutationStaff {
    const staff = this.replica.read.staffMember(this.staffId);
    if (!staff || staff.deleted_at !== null) {
      throw new AppError(ErrorCode.Forbidden, 'No staff member is signed in on this workstation');
    }
    return { id: staff.id, role: staff.role };
  }

  signer(): undefined {
    return undefined;
  }

  onlineSession(): { client: IdentityClient; credentials: SessionCredentials } {
    throw notInDevelopment('This');
  }

  deviceAuthorization(): string {
    return developmentAuthorization(this.deviceId);
  }

  serverUrl(): string {
    return this.centralUrl;
  }

  isRevoked(): boolean {
    return false;
  }

  markRevoked(): void {
    // The development scheme has no revocation.
  }

  onEnrolled(): void {
    // Never enrols.
  }
}
