import {
  auditHistorySchema,
  CENTRAL_UNREACHABLE,
  type AuditHistory,
  type AuditHistoryParams,
} from '../../core/api/audit.js';
import { SESSION_HEADER } from '../../core/auth/wire.js';
import { AppError, ErrorCode, isRetryable } from '../../core/errors.js';
import { errorFromResponse } from './http-error.js';

/** Where the central server is (SyncEngine.serverEndpoint). */
export interface CentralEndpoint {
  serverUrl: string;
}

/** Who asks: this device's `Authorization` value and the signed-in person's session token. */
export interface StaffCredentials {
  authorization: string;
  session: string;
}

const TIMEOUT_MS = 15_000;

const OFFLINE_MESSAGE =
  'Record history comes from the central server, which this workstation cannot reach right now. ' +
  'Everything else keeps working offline; try again when the connection is back.';

function unreachable(reason: string, cause?: unknown): AppError {
  return new AppError(
    ErrorCode.BackendUnavailable,
    OFFLINE_MESSAGE,
    { reason: CENTRAL_UNREACHABLE, detail: reason },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Asks the central server for one record's history (`GET /v1/audit/:table/:id`) with this
 * device's credential and the signed-in person's session (the server takes who asks from it). Does not retry: the person who asked sees the outcome and may
 * ask again.
 * @throws AppError BACKEND_UNAVAILABLE (with a message staff understand) when the server cannot
 *   be reached, times out, fails on its side (5xx) or answers something that is not a history;
 *   otherwise the server's own error (FORBIDDEN for a non-admin, SESSION_REQUIRED, DEVICE_REVOKED,
 *   NOT_FOUND for another clinic's record, VALIDATION_FAILED).
 */
export async function fetchAuditHistory(
  endpoint: CentralEndpoint,
  credentials: StaffCredentials,
  params: AuditHistoryParams,
  doFetch: typeof fetch = fetch,
): Promise<AuditHistory> {
  const url = new URL(
    `/v1/audit/${encodeURIComponent(params.table)}/${encodeURIComponent(params.id)}`,
    endpoint.serverUrl,
  );
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: {
        authorization: credentials.authorization,
        [SESSION_HEADER]: credentials.session,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw unreachable(error instanceof Error ? error.message : String(error), error);
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    // The server's troubles (and an answer that is no wire error) are "not reachable now" to staff.
    if (isRetryable(error.code) || error.code === ErrorCode.Internal) throw unreachable(error.message, error);
    throw error;
  }
  const parsed = auditHistorySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unreachable('the server answered something that is not a record history');
  return parsed.data;
}
