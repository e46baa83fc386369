import { z } from 'zod';
import { getServerFact } from './server-get.js';

const countsSchema = z.object({
  tables: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});

/**
 * Asks the server how many rows a first sync will bring (`GET /v1/sync/counts`), for the
 * progress bar. Resolves null when the server cannot say right now: progress then shows rows
 * received without a total, and nothing else depends on it.
 */
export async function fetchExpectedRows(
  serverUrl: string,
  authorization: string,
  doFetch: typeof fetch = fetch,
): Promise<number | null> {
  const counts = await getServerFact(serverUrl, '/v1/sync/counts', authorization, countsSchema, doFetch);
  return counts?.total ?? null;
}
