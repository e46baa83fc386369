import type { KeyObject } from 'node:crypto';
import type { IdentityState, SessionView } from '../../../core/api/identity-views.js';
import { serverAddressProblem } from '../../../core/auth/server-address.js';
import type { SignInResponse, SignedInStaff } from '../../../core/auth/wire.js';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import type { MutationSigner } from '../../../db/local/outbox.js';
import type { LocalReplica, MutationStaff } from '../../../db/local/replica.js';
import { IdentityClient, type SessionCredentials } from '../../../sync/client/identity-client.js';
import { newSigningKeyPair, signMutation } from '../../../sync/identity/mutation-signer.js';
import { sealOfflineSecret } from '../../../sync/identity/offline-credential.js';
import type { SecretStore } from '../secret-store.js';
import {
  DEVICE_TOKEN_SECRET,
  enrolmentView,
  markRevoked,
  readEnrolment,
  saveEnrolment,
  type Enrolment,
} from './enrolment-record.js';
import type { IdentitySettings } from './identity-settings.js';
import { signInOffline } from './offline-sign-in.js';
import type { EnrolInput, WorkstationIdentity } from './workstation-identity.js';

/** A person signed in here: what the server (or the cached credential) said, and their key. */
interface ActiveSession {
  staff: SignedInStaff;
  mode: 'online' | 'offline';
  signedInAt: string;
  /** Online sessions only: the server session for admin routes and record history. */
  server: { token: string; expiresAt: string } | null;
  signingKey: KeyObject;
  signingKeyId: string;
  offlineUntil: string;
  /** The credential generation of the key; a later one seen in the replica ends the session. */
  credentialVersion: number;
}

export interface SessionManagerOptions {
  replica: LocalReplica;
  secrets: SecretStore;
  settings: IdentitySettings;
  /** Fetch for identity requests (tests); the global one by default. */
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The workstation's identity state machine (architecture §5):
 * not enrolled -> enrolled (signed out | signed in online or offline | locked) -> revoked.
 * The device token lives in the SecretStore, the enrolment facts and offline credentials in
 * the replica, the session and its signing key only in memory: locking or signing out drops
 * the key, so nothing on disk can sign a change without a person's password.
 */
export class SessionManager implements WorkstationIdentity {
  private enrolment: Enrolment | null;
  private session: ActiveSession | null = null;
  private locked: IdentityState['locked'] = null;
  private readonly enrolledListeners: (() => void)[] = [];
  private readonly now: () => Date;

  private constructor(
    private readonly options: SessionManagerOptions,
    private deviceToken: string | undefined,
  ) {
    this.now = options.now ?? (() => new Date());
    // A stored enrolment without its token (the secret was deleted) cannot talk to the server:
    // the workstation starts over as not enrolled.
    const stored = readEnrolment(options.replica);
    this.enrolment = stored && deviceToken !== undefined ? stored : null;
  }

  /** Opens the identity of the workstation whose replica and secrets are given. */
  static async open(options: SessionManagerOptions): Promise<SessionManager> {
    return new SessionManager(options, await options.secrets.read(DEVICE_TOKEN_SECRET));
  }

  state(): IdentityState {
    const { replica, settings } = this.options;
    const session = this.liveSession();
    return {
      enrolment: enrolmentView(this.enrolment, replica.unsent().length),
      session: session ? this.sessionView(session) : null,
      locked: this.locked,
      idleLockMinutes: settings.idleLockMinutes,
      knownUsers: replica.credentials.knownUsers(),
    };
  }

  /**
   * @throws AppError VALIDATION_FAILED (already enrolled; a plain-http address that is not this
   *   computer unless allowed), ENROLMENT_CODE_INVALID, SERVER_UNAVAILABLE.
   */
  async enrol(input: EnrolInput): Promise<IdentityState> {
    if (this.enrolment) {
      throw validationError('This workstation is already enrolled');
    }
    const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
    const problem = serverAddressProblem(serverUrl, this.options.settings.allowInsecureHttp);
    if (problem !== undefined) throw validationError([{ path: ['serverUrl'], message: problem }]);
    const answer = await this.client(serverUrl).enrol({
      code: input.code,
      ...(input.deviceName !== undefined ? { deviceName: input.deviceName } : {}),
    });
    this.enrolment = await saveEnrolment(this.options.replica, this.options.secrets, serverUrl, answer);
    this.deviceToken = answer.token;
    for (const listener of this.enrolledListeners) listener();
    return this.state();
  }

  /**
   * Online first: the server checks the password, opens a session and registers a fresh signing
   * key, and the workstation caches the offline credential. The server's SIGN_IN_FAILED and
   * SIGN_IN_LOCKED are final. Only when the server cannot be reached (network, timeout, 5xx)
   * does the cached credential decide (offline-sign-in.ts). A revoked workstation signs in
   * offline only, so someone can export its unsent changes.
   * @throws AppError NOT_ENROLLED, SIGN_IN_FAILED, SIGN_IN_LOCKED, DEVICE_REVOKED, RATE_LIMITED.
   */
  async signIn(username: string, password: string): Promise<IdentityState> {
    const enrolment = this.requireEnrolment();
    if (enrolment.state === 'revoked') return this.offline(username, password);
    const pair = newSigningKeyPair();
    let answer: SignInResponse;
    try {
      answer = await this.client(enrolment.serverUrl).signIn(this.token(), {
        username,
        password,
        signingPublicKey: pair.publicKeyBase64,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.ServerUnavailable)
        return this.offline(username, password);
      if (error instanceof AppError && error.code === ErrorCode.DeviceRevoked) this.markRevoked();
      throw error;
    }
    await this.startOnline(answer, password, pair.privateKey);
    return this.state();
  }

  /** Ends the session here and (best effort, never waiting long) on the server. */
  async signOut(): Promise<IdentityState> {
    const ending = this.session;
    this.session = null;
    this.locked = null;
    if (ending?.server && this.enrolment) {
      const credentials = { deviceToken: this.token(), sessionToken: ending.server.token };
      await this.client(this.enrolment.serverUrl)
        .signOut(credentials)
        .catch(() => undefined); // the session expires by itself; signing out here must not wait for it
    }
    return this.state();
  }

  /** Locks the screen: the key leaves memory; whose session it was is remembered for the lock screen. */
  lock(): IdentityState {
    const session = this.liveSession();
    if (session) {
      const { staff } = session;
      this.locked = { staffId: staff.id, username: staff.username, displayName: staff.displayName };
      this.session = null;
    }
    return this.state();
  }

  /**
   * The signed-in person's new password, checked by the server (online only). The answer is a
   * fresh session and signing key; the offline credential is sealed again with the new password.
   * @throws AppError SESSION_REQUIRED (not signed in online), SIGN_IN_FAILED (wrong current
   *   password), VALIDATION_FAILED (policy), SERVER_UNAVAILABLE.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const { client, credentials } = this.onlineSession();
    const pair = newSigningKeyPair();
    const answer = await client.changePassword(credentials, {
      currentPassword,
      newPassword,
      signingPublicKey: pair.publicKeyBase64,
    });
    await this.startOnline(answer, newPassword, pair.privateKey);
  }

  signedInStaffId(): string | null {
    return this.liveSession()?.staff.id ?? null;
  }

  currentStaff(): MutationStaff {
    const session = this.liveSession();
    if (!session) throw sessionRequired();
    return { id: session.staff.id, role: session.staff.role };
  }

  signer(): MutationSigner | undefined {
    const session = this.liveSession();
    const deviceId = this.enrolment?.deviceId;
    if (!session || deviceId === undefined) return undefined;
    const { signingKey, signingKeyId } = session;
    return (mutation) => ({ keyId: signingKeyId, value: signMutation(signingKey, { ...mutation, deviceId }) });
  }

  onlineSession(): { client: IdentityClient; credentials: SessionCredentials } {
    const enrolment = this.requireEnrolment();
    const session = this.liveSession();
    if (!session) throw sessionRequired();
    if (!session.server || Date.parse(session.server.expiresAt) <= this.now().getTime()) {
      throw new AppError(
        ErrorCode.SessionRequired,
        'This needs a sign-in checked by the central server: sign out and in again while connected',
      );
    }
    return {
      client: this.client(enrolment.serverUrl),
      credentials: { deviceToken: this.token(), sessionToken: session.server.token },
    };
  }

  deviceAuthorization(): string | null {
    return this.enrolment && this.deviceToken !== undefined ? `Bearer ${this.deviceToken}` : null;
  }

  serverUrl(): string | null {
    return this.enrolment?.serverUrl ?? null;
  }

  isRevoked(): boolean {
    return this.enrolment?.state === 'revoked';
  }

  markRevoked(): void {
    if (!this.enrolment || this.enrolment.state === 'revoked') return;
    markRevoked(this.options.replica);
    this.enrolment = { ...this.enrolment, state: 'revoked' };
  }

  onEnrolled(listener: () => void): void {
    this.enrolledListeners.push(listener);
  }

  private async offline(username: string, password: string): Promise<IdentityState> {
    const opened = await signInOffline(this.options.replica.credentials, username, password, this.now());
    this.begin({
      staff: opened.staff,
      mode: 'offline',
      signedInAt: this.now().toISOString(),
      server: null,
      signingKey: opened.signingKey,
      signingKeyId: opened.signingKeyId,
      offlineUntil: opened.offlineUntil,
      credentialVersion: opened.credentialVersion,
    });
    return this.state();
  }

  private async startOnline(answer: SignInResponse, password: string, signingKey: KeyObject): Promise<void> {
    const secret = await sealOfflineSecret(password, signingKey, this.options.settings.scryptCost);
    const signedInAt = this.now().toISOString();
    this.options.replica.credentials.save({
      staffId: answer.staff.id,
      username: answer.staff.username,
      displayName: answer.staff.displayName,
      role: answer.staff.role,
      clinicId: answer.staff.clinicId,
      verifier: secret.verifier,
      wrappedKey: secret.wrappedKey,
      signingKeyId: answer.signingKey.id,
      expiresAt: answer.signingKey.expiresAt,
      signedInAt,
      credentialVersion: answer.credentialVersion,
    });
    this.begin({
      staff: answer.staff,
      mode: 'online',
      signedInAt,
      server: { token: answer.session.token, expiresAt: answer.session.expiresAt },
      signingKey,
      signingKeyId: answer.signingKey.id,
      offlineUntil: answer.signingKey.expiresAt,
      credentialVersion: answer.credentialVersion,
    });
  }

  /**
   * The session, unless the replica has heard since it began that the person's credentials
   * ended (password changed or reset elsewhere, role changed, deactivated): the server refuses
   * everything its key signs from then on, so it ends here at once, as a sign-out without the
   * server call (the server already ended it). The person signs in again, online.
   */
  private liveSession(): ActiveSession | null {
    const session = this.session;
    if (!session) return null;
    if (!this.options.replica.credentials.superseded(session.staff.id, session.credentialVersion)) return session;
    this.session = null;
    this.locked = null;
    return null;
  }

  private begin(session: ActiveSession): void {
    this.session = session;
    this.locked = null;
  }

  private sessionView(session: ActiveSession): SessionView {
    return {
      staff: session.staff,
      mode: session.mode,
      signedInAt: session.signedInAt,
      onlineSessionExpiresAt: session.server?.expiresAt ?? null,
      offlineUntil: session.offlineUntil,
    };
  }

  private requireEnrolment(): Enrolment {
    if (!this.enrolment) {
      throw new AppError(ErrorCode.NotEnrolled, 'This workstation is not enrolled yet: ask an admin for a code');
    }
    return this.enrolment;
  }

  private token(): string {
    if (this.deviceToken === undefined)
      throw new AppError(ErrorCode.NotEnrolled, 'This workstation has no device token');
    return this.deviceToken;
  }

  private client(serverUrl: string): IdentityClient {
    const { settings, fetch: doFetch } = this.options;
    return new IdentityClient(serverUrl, {
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
      ...(doFetch ? { fetch: doFetch } : {}),
    });
  }
}

/** Nobody is signed in, or the screen is locked. */
export function sessionRequired(): AppError {
  return new AppError(ErrorCode.SessionRequired, 'Sign in first');
}
