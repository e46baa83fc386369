import { newRequestId, REQUEST_ID_HEADER } from '../../core/sync/request-id.js';

/**
 * `init` with a fresh request id header added (replacing any), for one sync request: the
 * server logs the request under it (core/sync/request-id.ts). Accepts every header form
 * `fetch` takes, as the shape client's `fetchClient` may pass any of them.
 */
export function withRequestId(init: RequestInit | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set(REQUEST_ID_HEADER, newRequestId());
  return { ...init, headers };
}
