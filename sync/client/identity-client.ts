import type { z } from 'zod';
import {
  enrolmentCodeResponseSchema,
  enrolResponseSchema,
  SESSION_HEADER,
  signInResponseSchema,
  staffAccountSchema,
  type ChangePasswordRequest,
  type CreateEnrolmentCodeRequest,
  type CreateStaffRequest,
  type EnrolmentCodeResponse,
  type EnrolRequest,
  type EnrolResponse,
  type ResetPasswordRequest,
  type SignInRequest,
  type SignInResponse,
  type StaffAccount,
  type UpdateStaffRequest,
} from '../../core/auth/wire.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import {
  updateChannelStateSchema,
  updatesOverviewSchema,
  type UpdateChannel,
  type UpdateChannelState,
  type UpdatesOverview,
} from '../../core/release/update-admin-wire.js';
import { restoreGapsResponseSchema, type RestoreGap } from '../../core/sync/restore-gaps.js';
import { errorFromResponse } from './http-error.js';
import { withRequestId } from './request-id.js';

/**
 * Default time the server gets to answer an identity request before it counts as unreachable.
 * A sign-in runs a memory-hard hash on the server, which takes seconds on a busy machine: a
 * shorter wait sent staff with the right password to the offline path ("not signed in here
 * while connected yet"). It stays under the page's 15 s call limit with room for the offline
 * check that follows a timeout; a server that is down refuses the connection at once anyway.
 */
export const IDENTITY_TIMEOUT_MS = 10_000;

/** A device token and the staff session acting with it (routes that act for a person). */
export interface SessionCredentials {
  deviceToken: string;
  sessionToken: string;
}

export interface IdentityClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Call<Schema extends z.ZodType | null> {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  deviceToken?: string;
  sessionToken?: string;
  /** The JSON body; none for a GET. */
  body?: unknown;
  /** The answer's schema; null for routes whose success carries nothing the caller needs. */
  schema: Schema;
}

/**
 * The central server's identity and admin routes (core/auth/wire.ts, the update feed's admin
 * routes in core/release/update-admin-wire.ts, restore gaps), typed, for the workstation. Never
 * retries: a person is waiting and decides. Every request body leaves as the wire schema's
 * input type; every answer is parsed with the wire schema.
 * @throws (every method) AppError SERVER_UNAVAILABLE when the server cannot be reached, does
 *   not answer within the timeout, fails on its side (5xx) or answers something malformed;
 *   otherwise the server's own error (SIGN_IN_FAILED, SIGN_IN_LOCKED, SESSION_REQUIRED,
 *   DEVICE_REVOKED, ENROLMENT_CODE_INVALID, FORBIDDEN, VALIDATION_FAILED, ...).
 */
export class IdentityClient {
  constructor(
    readonly serverUrl: string,
    private readonly options: IdentityClientOptions = {},
  ) {}

  /** `POST /v1/enrol`: trades a one-time code for a device token (no credentials). */
  enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return this.call({ method: 'POST', path: '/v1/enrol', body: request, schema: enrolResponseSchema });
  }

  /** `POST /v1/auth/sign-in`: checks a password, opens a session, registers a signing key. */
  signIn(deviceToken: string, request: SignInRequest): Promise<SignInResponse> {
    return this.call({
      method: 'POST',
      path: '/v1/auth/sign-in',
      deviceToken,
      body: request,
      schema: signInResponseSchema,
    });
  }

  /** `POST /v1/auth/sign-out`: ends the session on the server. */
  async signOut(credentials: SessionCredentials): Promise<void> {
    await this.call({ method: 'POST', path: '/v1/auth/sign-out', ...credentials, body: {}, schema: null });
  }

  /** `POST /v1/auth/password`: the signed-in person's new password; answers a fresh session. */
  changePassword(credentials: SessionCredentials, request: ChangePasswordRequest): Promise<SignInResponse> {
    return this.call({
      method: 'POST',
      path: '/v1/auth/password',
      ...credentials,
      body: request,
      schema: signInResponseSchema,
    });
  }

  /** `POST /v1/admin/staff` (admin session). */
  createStaff(credentials: SessionCredentials, request: CreateStaffRequest): Promise<StaffAccount> {
    return this.call({
      method: 'POST',
      path: '/v1/admin/staff',
      ...credentials,
      body: request,
      schema: staffAccountSchema,
    });
  }

  /** `PATCH /v1/admin/staff/:id` (admin session). */
  updateStaff(credentials: SessionCredentials, id: string, changes: UpdateStaffRequest): Promise<StaffAccount> {
    return this.call({
      method: 'PATCH',
      path: `/v1/admin/staff/${encodeURIComponent(id)}`,
      ...credentials,
      body: changes,
      schema: staffAccountSchema,
    });
  }

  /** `POST /v1/admin/staff/:id/password` (admin session): a reset. */
  async resetPassword(credentials: SessionCredentials, id: string, request: ResetPasswordRequest): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/v1/admin/staff/${encodeURIComponent(id)}/password`,
      ...credentials,
      body: request,
      schema: null,
    });
  }

  /** `POST /v1/admin/enrolment-codes` (admin session): the code is in the answer, once. */
  createEnrolmentCode(
    credentials: SessionCredentials,
    request: CreateEnrolmentCodeRequest,
  ): Promise<EnrolmentCodeResponse> {
    return this.call({
      method: 'POST',
      path: '/v1/admin/enrolment-codes',
      ...credentials,
      body: request,
      schema: enrolmentCodeResponseSchema,
    });
  }

  /** `POST /v1/admin/devices/:id/revoke` (admin session). */
  async revokeDevice(credentials: SessionCredentials, id: string): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/v1/admin/devices/${encodeURIComponent(id)}/revoke`,
      ...credentials,
      body: {},
      schema: null,
    });
  }

  /** `GET /v1/admin/updates` (admin session): channels and releases. */
  updatesOverview(credentials: SessionCredentials): Promise<UpdatesOverview> {
    return this.call({ method: 'GET', path: '/v1/admin/updates', ...credentials, schema: updatesOverviewSchema });
  }

  /**
   * `POST /v1/admin/updates/:channel/<change>` (admin session): hold or resume, roll back, or
   * set the rollout percent; answers the channel's new state.
   */
  changeUpdateChannel(
    credentials: SessionCredentials,
    channel: UpdateChannel,
    change: { held: boolean } | { version: string } | { percent: number },
  ): Promise<UpdateChannelState> {
    const action = 'held' in change ? 'hold' : 'version' in change ? 'rollback' : 'rollout';
    return this.call({
      method: 'POST',
      path: `/v1/admin/updates/${encodeURIComponent(channel)}/${action}`,
      ...credentials,
      body: change,
      schema: updateChannelStateSchema,
    });
  }

  /** `GET /v1/admin/sync/restore-gaps` (admin session): what the last restore could not bring back. */
  async restoreGaps(credentials: SessionCredentials): Promise<RestoreGap[]> {
    const answer = await this.call({
      method: 'GET',
      path: '/v1/admin/sync/restore-gaps',
      ...credentials,
      schema: restoreGapsResponseSchema,
    });
    return answer.gaps;
  }

  private async call<Schema extends z.ZodType | null>(
    call: Call<Schema>,
  ): Promise<Schema extends z.ZodType ? z.output<Schema> : null> {
    type Answer = Schema extends z.ZodType ? z.output<Schema> : null;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.deviceToken !== undefined) headers['authorization'] = `Bearer ${call.deviceToken}`;
    if (call.sessionToken !== undefined) headers[SESSION_HEADER] = call.sessionToken;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(
        new URL(call.path, this.serverUrl),
        withRequestId({
          method: call.method,
          headers,
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? IDENTITY_TIMEOUT_MS),
        }),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError(
        ErrorCode.ServerUnavailable,
        `The central server cannot be reached: ${reason}`,
        {},
        { cause: error },
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    const json: unknown = await response.json().catch(() => null);
    if (call.schema === null) return null as Answer;
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError(
        ErrorCode.ServerUnavailable,
        `The central server answered ${call.path} with something unexpected`,
      );
    }
    return parsed.data as Answer;
  }
}
