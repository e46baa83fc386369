import { getServerFact } from './server-get.js';
import { EPOCH_HEADER, epochSchema, restoreEpochSchema, type RestoreEpoch } from '../../core/sync/restore-epoch.js';

/** The shape epoch a server answer names in EPOCH_HEADER, or undefined when absent or malformed. */
export function epochOfResponse(response: Response): string | undefined {
  const parsed = epochSchema.safeParse(response.headers.get(EPOCH_HEADER));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Asks the server for its epoch and how far back its ledger reaches (`GET /v1/sync/epoch`), when
 * a shape answer named a new epoch. Resolves null when the server cannot say right now (offline,
 * an error, a malformed answer): the next shape answer or push asks again.
 */
export function fetchRestoreEpoch(
  serverUrl: string,
  authorization: string,
  doFetch: typeof fetch = fetch,
): Promise<RestoreEpoch | null> {
  return getServerFact(serverUrl, '/v1/sync/epoch', authorization, restoreEpochSchema, doFetch);
}
