import type { IdentityState } from '../../../core/api/identity-views.js';
import type { MutationSigner } from '../../../db/local/outbox.js';
import type { MutationStaff } from '../../../db/local/replica.js';
import type { IdentityClient, SessionCredentials } from '../../../sync/client/identity-client.js';

/** What the first-run screen sends. */
export interface EnrolInput {
  serverUrl: string;
  code: string;
  deviceName?: string | undefined;
}

/**
 * Who is at this workstation and how it proves itself to the server: what the backend and the
 * sync engine ask, whether the answers come from real sign-in (`SessionManager`) or from the
 * development mode tests and the loopback demo use (`DevelopmentIdentity`).
 */
export interface WorkstationIdentity {
  /** Enrolment, session and lock as the shell shows them. */
  state(): IdentityState;
  /** First start: trades an enrolment code for a device token. */
  enrol(input: EnrolInput): Promise<IdentityState>;
  signIn(username: string, password: string): Promise<IdentityState>;
  signOut(): Promise<IdentityState>;
  lock(): IdentityState;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** The id of the person signed in with the screen unlocked, or null. */
  signedInStaffId(): string | null;
  /**
   * The signed-in person and their role.
   * @throws AppError SESSION_REQUIRED when nobody is signed in or the screen is locked;
   *   FORBIDDEN when (development mode) the staff member is unknown here or removed.
   */
  currentStaff(): MutationStaff;
  /** Signs each new mutation with the session's key; undefined in development mode. */
  signer(): MutationSigner | undefined;
  /**
   * The client and credentials for routes that act for the signed-in person (admin, history).
   * @throws AppError SESSION_REQUIRED when the session is not an online one; NOT_ENROLLED.
   */
  onlineSession(): { client: IdentityClient; credentials: SessionCredentials };
  /** `Authorization` header value for sync requests; null while not enrolled. */
  deviceAuthorization(): string | null;
  /** The central server this workstation belongs to; null while not enrolled. */
  serverUrl(): string | null;
  /** True once the server said DEVICE_REVOKED. */
  isRevoked(): boolean;
  /** The server said DEVICE_REVOKED: remember it (the outbox is kept for export). */
  markRevoked(): void;
  /** Told after a successful enrolment (the workstation starts syncing). */
  onEnrolled(listener: () => void): void;
}
