import { z } from 'zod';
import { wireErrorSchema } from '../../errors.js';
import { syncStatusSchema } from '../../sync/status.js';
import { updateStateSchema } from '../../update/update-state.js';

/**
 * The frames of the one RPC protocol between a page and the workstation backend, whatever
 * carries them (the web bridge's WebSocket as JSON text, the desktop app's MessagePort as
 * structured clones). Both ends parse every frame they receive with these schemas; a transport
 * only moves them. The WebSocket's hello/welcome handshake precedes these frames and is the
 * transport's business (`bridge-protocol.ts`).
 */

const requestId = z.number().int().nonnegative();

/**
 * One call: `op` names an operation of the contract. `op` is any string here so that an
 * unknown one gets a proper answer (VALIDATION_FAILED) instead of "malformed frame"; `input`
 * is validated by the backend against the operation's schema.
 */
export const requestFrameSchema = z.strictObject({
  id: requestId,
  op: z.string().min(1).max(100),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

/** A heartbeat; `serveContract` answers each at once with the same number as `pong`. */
export const pingFrameSchema = z.strictObject({ ping: z.number().int().nonnegative() });
export type PingFrame = z.infer<typeof pingFrameSchema>;

/** Everything a page may send once the transport is up. */
export const clientFrameSchema = z.union([requestFrameSchema, pingFrameSchema]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/**
 * The answer to one request, by id. `id` is null only when a frame was too malformed to carry
 * one. A result is never `undefined` (not JSON): the contract's "nothing" is null.
 */
export const responseFrameSchema = z.union([
  z.strictObject({ id: requestId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: requestId.nullable(), ok: z.literal(false), error: wireErrorSchema }),
]);
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

/** What the backend says unasked (`VetdeskEvents` in `core/api/client.ts`). */
export const eventFrameSchema = z.union([
  z.strictObject({ event: z.literal('sync.status'), payload: syncStatusSchema }),
  z.strictObject({ event: z.literal('data.changed'), payload: z.strictObject({ tables: z.array(z.string()) }) }),
  z.strictObject({ event: z.literal('update.status'), payload: updateStateSchema }),
]);
export type EventFrame = z.infer<typeof eventFrameSchema>;

export const pongFrameSchema = z.strictObject({ pong: z.number().int().nonnegative() });
export type PongFrame = z.infer<typeof pongFrameSchema>;

/** Everything the backend may send once the transport is up. */
export const serverFrameSchema = z.union([responseFrameSchema, eventFrameSchema, pongFrameSchema]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Decodes one WebSocket text frame: its JSON value, or the text itself when it is not JSON (which no schema accepts). */
export function decodeJsonFrame(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
