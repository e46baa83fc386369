import { z } from 'zod';

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
  try {
    const response = await doFetch(new URL('/v1/sync/counts', serverUrl), {
      headers: { authorization },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const parsed = countsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.total : null;
  } catch {
    return null;
  }
}
