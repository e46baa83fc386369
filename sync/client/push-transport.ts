import { AppError, ErrorCode, requestDisposition } from '../../core/errors.js';
import {
  PROTOCOL_HEADER,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  type MutationEnvelope,
  type MutationResult,
} from '../../core/sync/protocol.js';
import { EPOCH_HEADER, restoreEpochSchema, type RestoreEpoch } from '../../core/sync/restore-epoch.js';
import { errorFromResponse } from './http-error.js';
import { withRequestId } from './request-id.js';
import { epochOfResponse } from './server-epoch.js';

/** How a push attempt ended, as the push loop needs to know it. */
export type PushOutcome =
  /** `epoch`: the server's shape epoch, when its answer named one. */
  | { kind: 'results'; results: MutationResult[]; epoch?: string }
  /**
   * The server was restored since the epoch this push named (409 SERVER_RESTORED): nothing was
   * applied; replay (core/sync/restore-epoch.ts), then push again.
   */
  | { kind: 'restored'; restore: RestoreEpoch }
  /**
   * Nothing was decided (network failure, timeout, 5xx, 429, a malformed answer): retry later.
   * `status` is the HTTP status when the server did answer (absent for network failures).
   */
  | { kind: 'retry'; reason: string; error: AppError; status?: number }
  /** The server refused the batch as a whole request (4xx): the batch holds a bad mutation. */
  | { kind: 'refused'; status: number; error: AppError }
  /** This workstation may not sync at all (unauthenticated, revoked, protocol too old). */
  | { kind: 'blocked'; status: number; error: AppError };

export interface PushTransportOptions {
  serverUrl: string;
  /** Value of the Authorization header (device token). */
  authorization: () => string;
  /** The server epoch this workstation last synced with, sent so that a restored server says so. */
  epoch?: () => string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Sends one ordered batch to `POST /v1/mutations` and classifies the outcome. Never throws:
 * every failure becomes an AppError, and `requestDisposition` (core/errors.ts) decides from
 * its code whether the batch is retried (network failure, timeout, 5xx, 429, a malformed
 * answer), blocks syncing (401, 403, 426) or is refused (other 4xx). A SERVER_RESTORED refusal
 * is none of those: it is the server's restore notice (`restored`).
 */
export async function pushBatch(
  options: PushTransportOptions,
  mutations: readonly MutationEnvelope[],
): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch;
  const epoch = options.epoch?.();
  let response: Response;
  try {
    // A fresh request id per attempt: a retried batch is a new request in the server's log.
    const request = withRequestId({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: options.authorization(),
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(epoch === undefined ? {} : { [EPOCH_HEADER]: epoch }),
      },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    response = await doFetch(new URL('/v1/mutations', options.serverUrl), request);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'retry', reason, error: new AppError(ErrorCode.ServerUnavailable, reason, {}, { cause: error }) };
  }
  if (response.ok) {
    const parsed = pushResponseSchema.safeParse(await response.json().catch(() => null));
    const answered = epochOfResponse(response);
    if (parsed.success)
      return { kind: 'results', results: parsed.data.results, ...(answered ? { epoch: answered } : {}) };
    const reason = 'malformed response from the server';
    return { kind: 'retry', reason, error: new AppError(ErrorCode.ServerUnavailable, reason) };
  }
  const error = await errorFromResponse(response);
  if (error.code === ErrorCode.ServerRestored) {
    const restore = restoreEpochSchema.safeParse(error.details);
    if (restore.success) return { kind: 'restored', restore: restore.data };
    const reason = 'malformed restore notice from the server';
    return { kind: 'retry', reason, error: new AppError(ErrorCode.ServerUnavailable, reason), status: response.status };
  }
  switch (requestDisposition(error.code)) {
    case 'retry':
      return { kind: 'retry', reason: `server answered ${response.status}`, error, status: response.status };
    case 'block':
      return { kind: 'blocked', status: response.status, error };
    case 'refuse':
      return { kind: 'refused', status: response.status, error };
  }
}
