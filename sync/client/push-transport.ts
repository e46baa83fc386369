import { AppError, ErrorCode, wireErrorSchema } from '../../core/errors.js';
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
  /** Network failure, timeout or 5xx: nothing was decided, retry the same batch later. */
  | { kind: 'retry'; reason: string }
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

/** Reads an error body in the wire shape, or describes the status when it is not one. */
async function errorFrom(response: Response): Promise<AppError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = wireErrorSchema.safeParse(body);
  return parsed.success
    ? new AppError(parsed.data.code, parsed.data.message, parsed.data.details ?? {})
    : new AppError(ErrorCode.Internal, `Server answered ${response.status} ${response.statusText}`);
}

/**
 * Sends one ordered batch to `POST /v1/mutations` and classifies the outcome. Never throws:
 * every failure becomes an outcome the loop can act on. 401, 403 and 426 block syncing
 * (retrying cannot help); other 4xx refuse the batch; everything else is retried.
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
    return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    return { kind: 'retry', reason: `server answered ${response.status}` };
  }
  if (response.status === 401 || response.status === 403 || response.status === 426) {
    return { kind: 'blocked', status: response.status, error: await errorFrom(response) };
  }
  if (response.status >= 400) return { kind: 'refused', status: response.status, error: await errorFrom(response) };
  const parsed = pushResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return { kind: 'retry', reason: 'malformed response from the server' };
  return { kind: 'results', results: parsed.data.results };
}
