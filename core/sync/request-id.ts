import { z } from 'zod';
import { newId } from '../ids.js';

/**
 * Request ids tie a workstation's sync request to the server's log lines about it: the
 * workstation sends a fresh id on every push and shape request, the server logs every line of
 * that request under it and echoes it back, so one id found on either side finds the other.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What the server accepts as a caller's request id: a short token of letters, digits and
 * `-_.:`. Anything else (too long, spaces, control characters that could forge log lines) is
 * ignored and the server makes its own id instead of refusing the request.
 */
export const requestIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/);

/** A fresh request id (a UUIDv7, so ids sort by when the request was made). */
export function newRequestId(): string {
  return newId();
}
