import { z } from 'zod';
import { clientFrameSchema, serverFrameSchema } from './rpc/frames.js';

/**
 * The web bridge's wire protocol (the workstation backend served over a WebSocket on
 * 127.0.0.1, see `electron/backend/web-bridge.ts`). Both ends import these schemas; every
 * message is JSON text validated with them on arrival.
 *
 * Connecting: the page opens `ws://127.0.0.1:PORT/` offering two subprotocols,
 * {@link BRIDGE_SUBPROTOCOL} and `vetdesk.auth.<secret>` (see {@link bridgeAuthProtocol}); the
 * bridge refuses the upgrade (HTTP 403) unless the secret and the `Origin` match. The page then
 * sends `hello` with its protocol version; the bridge answers `welcome`, or closes with
 * {@link BridgeCloseCode.ProtocolMismatch}. Requests before `hello` close the socket. After
 * the welcome, both ends exchange the RPC's frames (`rpc/frames.ts`) as JSON text, served by
 * `serveContract` and called by `contractClient`, exactly as over the desktop app's MessagePort.
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

/**
 * Where a page asks whether its secret is still the bridge's (204) or not (403), sending it in
 * {@link BRIDGE_KEY_HEADER}. A browser hides why a WebSocket upgrade failed, so without this a
 * page holding the secret of an earlier launch could only say "unreachable" for ever.
 */
export const BRIDGE_KEY_PATH = '/bridge/key';

/** The request header carrying the secret to {@link BRIDGE_KEY_PATH}. */
export const BRIDGE_KEY_HEADER = 'x-vetdesk-bridge-key';

/** WebSocket close codes the bridge uses (4000-4999 are free for applications). */
export const BridgeCloseCode = {
  /** The page's protocol version is not the bridge's: reload the page (the app was updated). */
  ProtocolMismatch: 4426,
  /** A message came before `hello`, or was not a protocol message at all. */
  BadHandshake: 4400,
  /** The bridge is shutting down. */
  GoingAway: 1001,
} as const;

/** Sent first by the page. */
export const bridgeHelloSchema = z.strictObject({ hello: z.literal('vetdesk'), protocolVersion: z.number().int() });
export type BridgeHello = z.infer<typeof bridgeHelloSchema>;

/** The bridge's answer to a matching `hello`. */
export const bridgeWelcomeSchema = z.strictObject({ welcome: z.literal('vetdesk'), protocolVersion: z.number().int() });
export type BridgeWelcome = z.infer<typeof bridgeWelcomeSchema>;

/** Everything the page may send: `hello`, then the RPC's frames (`rpc/frames.ts`). */
export const bridgeClientMessageSchema = z.union([bridgeHelloSchema, clientFrameSchema]);
export type BridgeClientMessage = z.infer<typeof bridgeClientMessageSchema>;

/** Everything the bridge may send: `welcome`, then the RPC's frames. */
export const bridgeServerMessageSchema = z.union([bridgeWelcomeSchema, serverFrameSchema]);
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
