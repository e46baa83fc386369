import {
  AppError,
  ErrorCode,
  issuesFromDetails,
  requestDisposition,
  validationError,
  wireErrorSchema,
  type WireError,
} from '../../core/errors.js';
import {
  PROTOCOL_HEADER,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  type MutationEnvelope,
  type MutationResult,
} from '../../core/sync/protocol.js';

/** How a push attempt ended, as the push loop needs to know it. */
export type PushOutcome =
  | { kind: 'results'; results: MutationResult[] }
  /** Nothing was decided (network failure, timeout, 5xx, 429, a malformed answer): retry later. */
  | { kind: 'retry'; reason: string; error: AppError }
  /** The server refused the batch as a whole request (4xx): the batch holds a bad mutation. */
  | { kind: 'refused'; status: number; error: AppError }
  /** This workstation may not sync at all (unauthenticated, revoked, protocol too old). */
  | { kind: 'blocked'; status: number; error: AppError };

export interface PushTransportOptions {
  serverUrl: string;
  /** Value of the Authorization header (device token). */
  authorization: () => string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The code a failed HTTP answer stands for. The status decides where it is unambiguous (the
 * server's own troubles, throttling, credentials, protocol); otherwise the body's wire error
 * names it.
 */
function codeFor(status: number, body: WireError | undefined): ErrorCode {
  if (status >= 500 || status === 408) return ErrorCode.ServerUnavailable;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 401) return body?.code === ErrorCode.DeviceRevoked ? body.code : ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 426) return ErrorCode.ProtocolMismatch;
  // A 4xx without a wire error (a proxy's page) refuses the batch, as any other 4xx does.
  return body?.code ?? ErrorCode.Internal;
}

/** The AppError a failed answer stands for, with the server's own words when it sent some. */
async function errorFrom(response: Response): Promise<AppError> {
  const parsed = wireErrorSchema.safeParse(await response.json().catch(() => null));
  const body = parsed.success ? parsed.data : undefined;
  const code = codeFor(response.status, body);
  const message = body?.message ?? `Server answered ${response.status} ${response.statusText}`;
  const details = body?.details ?? {};
  return code === ErrorCode.ValidationFailed
    ? validationError(issuesFromDetails(details), message, details)
    : new AppError(code, message, details);
}

/**
 * Sends one ordered batch to `POST /v1/mutations` and classifies the outcome. Never throws:
 * every failure becomes an AppError, and `requestDisposition` (core/errors.ts) decides from
 * its code whether the batch is retried (network failure, timeout, 5xx, 429, a malformed
 * answer), blocks syncing (401, 403, 426) or is refused (other 4xx).
 */
export async function pushBatch(
  options: PushTransportOptions,
  mutations: readonly MutationEnvelope[],
): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(new URL('/v1/mutations', options.serverUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: options.authorization(),
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
      },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'retry', reason, error: new AppError(ErrorCode.ServerUnavailable, reason, {}, { cause: error }) };
  }
  if (response.ok) {
    const parsed = pushResponseSchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) return { kind: 'results', results: parsed.data.results };
    const reason = 'malformed response from the server';
    return { kind: 'retry', reason, error: new AppError(ErrorCode.ServerUnavailable, reason) };
  }
  const error = await errorFrom(response);
  switch (requestDisposition(error.code)) {
    case 'retry':
      return { kind: 'retry', reason: `server answered ${response.status}`, error };
    case 'block':
      return { kind: 'blocked', status: response.status, error };
    case 'refuse':
      return { kind: 'refused', status: response.status, error };
  }
}
