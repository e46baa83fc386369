import { z } from 'zod';
import { wireErrorSchema } from '../errors.js';
import { syncStatusSchema } from '../sync/status.js';
import { API, type ApiName } from './contract.js';

/**
 * The web bridge's wire protocol (the workstation backend served over a WebSocket on
 * 127.0.0.1, see `electron/backend/web-bridge.ts`). Both ends import these schemas; every
 * message is JSON text validated with them on arrival.
 *
 * Connecting: the page opens `ws://127.0.0.1:PORT/` offering two subprotocols,
 * {@link BRIDGE_SUBPROTOCOL} and `vetdesk.auth.<secret>` (see {@link bridgeAuthProtocol}); the
 * bridge refuses the upgrade (HTTP 403) unless the secret and the `Origin` match. The page then
 * sends `hello` with its protocol version; the bridge answers `welcome`, or closes with
 * {@link BridgeCloseCode.ProtocolMismatch}. Requests before `hello` close the socket.
 */
export const BRIDGE_PROTOCOL_VERSION = 1;

/** The subprotocol the bridge selects; the secret travels in a second, unselected one. */
export const BRIDGE_SUBPROTOCOL = 'vetdesk';

const AUTH_PREFIX = 'vetdesk.auth.';

/**
 * The subprotocol carrying the per-launch secret. A subprotocol is a request header, so the
 * secret never appears in a URL (logs, history) and a wrong one is refused before the
 * WebSocket opens. base64url characters are all valid header-token characters.
 */
export function bridgeAuthProtocol(secret: string): string {
  return `${AUTH_PREFIX}${secret}`;
}

/** The secret offered among `protocols`, if any. */
export function secretFromProtocols(protocols: Iterable<string>): string | undefined {
  for (const protocol of protocols) {
    if (protocol.startsWith(AUTH_PREFIX)) return protocol.slice(AUTH_PREFIX.length);
  }
  return undefined;
}

/** WebSocket close codes the bridge uses (4000-4999 are free for applications). */
export const BridgeCloseCode = {
  /** The page's protocol version is not the bridge's: reload the page (the app was updated). */
  ProtocolMismatch: 4426,
  /** A message came before `hello`, or was not a protocol message at all. */
  BadHandshake: 4400,
  /** The bridge is shutting down. */
  GoingAway: 1001,
} as const;

const requestId = z.number().int().nonnegative();

/** Sent first by the page. */
export const bridgeHelloSchema = z.strictObject({ hello: z.literal('vetdesk'), protocolVersion: z.number().int() });
export type BridgeHello = z.infer<typeof bridgeHelloSchema>;

/** The bridge's answer to a matching `hello`. */
export const bridgeWelcomeSchema = z.strictObject({ welcome: z.literal('vetdesk'), protocolVersion: z.number().int() });
export type BridgeWelcome = z.infer<typeof bridgeWelcomeSchema>;

/** One API call. `input` is validated against the operation's schema by the bridge and the backend. */
export const bridgeRequestSchema = z.strictObject({
  id: requestId,
  op: z.enum(Object.keys(API) as [ApiName, ...ApiName[]]),
  input: z.unknown(),
});
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;

/** Everything the page may send. */
export const bridgeClientMessageSchema = z.union([bridgeHelloSchema, bridgeRequestSchema]);
export type BridgeClientMessage = z.infer<typeof bridgeClientMessageSchema>;

/**
 * The answer to one request, by id. `id` is null only when a message was too malformed to
 * carry one.
 */
export const bridgeResponseSchema = z.union([
  z.strictObject({ id: requestId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: requestId.nullable(), ok: z.literal(false), error: wireErrorSchema }),
]);
export type BridgeResponse = z.infer<typeof bridgeResponseSchema>;

/** What the backend says unasked (`VetdeskEvents` in `core/api/client.ts`). */
export const bridgeEventSchema = z.union([
  z.strictObject({ event: z.literal('sync.status'), payload: syncStatusSchema }),
  z.strictObject({ event: z.literal('data.changed'), payload: z.strictObject({ tables: z.array(z.string()) }) }),
]);
export type BridgeEvent = z.infer<typeof bridgeEventSchema>;

/** Everything the bridge may send. */
export const bridgeServerMessageSchema = z.union([bridgeWelcomeSchema, bridgeResponseSchema, bridgeEventSchema]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/** Parses one text frame as JSON then against `schema`; `undefined` when it is neither. */
export function parseBridgeMessage<Schema extends z.ZodType>(
  schema: Schema,
  text: string,
): z.output<Schema> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
