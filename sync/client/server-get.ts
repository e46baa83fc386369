import type { z } from 'zod';

/**
 * A device-authenticated GET of a small JSON fact from the central server, checked with
 * `schema`. Resolves null when the server cannot say right now (offline, an error status, a
 * timeout, a malformed body): callers treat the fact as unknown and ask again later.
 */
export async function getServerFact<T>(
  serverUrl: string,
  path: string,
  authorization: string,
  schema: z.ZodType<T>,
  doFetch: typeof fetch = fetch,
): Promise<T | null> {
  try {
    const response = await doFetch(new URL(path, serverUrl), {
      headers: { authorization },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
