import type { WebSocket } from 'ws';
import { API, type ApiName } from '../../core/api/contract.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  BridgeCloseCode,
  bridgeClientMessageSchema,
  parseBridgeMessage,
  type BridgeResponse,
  type BridgeWelcome,
} from '../../core/api/bridge-protocol.js';
import { type AppError, ErrorCode, isAppError, validationError } from '../../core/errors.js';

/** What a bridge connection needs of the backend: one call per API operation. */
export interface BridgeCallTarget {
  call(name: ApiName, input: never): Promise<unknown>;
}

/**
 * Serves one authenticated page over its socket: waits for `hello` (closing on a version
 * mismatch), then answers requests, each independently (a slow one does not hold up others).
 * `onReady` is called once the handshake succeeded, so that events go only to pages that
 * speak the protocol.
 */
export function serveBridgeConnection(
  socket: WebSocket,
  target: BridgeCallTarget,
  onReady: () => void,
  onInternalError: (error: unknown) => void,
): void {
  let ready = false;
  const send = (message: BridgeResponse | BridgeWelcome) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.on('message', (data, isBinary) => {
    const text = isBinary ? undefined : Buffer.isBuffer(data) ? data.toString('utf8') : undefined;
    const message = text === undefined ? undefined : parseBridgeMessage(bridgeClientMessageSchema, text);
    if (!ready) {
      if (!message || !('hello' in message)) {
        socket.close(BridgeCloseCode.BadHandshake, 'hello expected first');
        return;
      }
      if (message.protocolVersion !== BRIDGE_PROTOCOL_VERSION) {
        // The reason names our version so the page can say "reload" rather than "broken".
        socket.close(BridgeCloseCode.ProtocolMismatch, `protocol ${BRIDGE_PROTOCOL_VERSION}`);
        return;
      }
      ready = true;
      send({ welcome: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION });
      onReady();
      return;
    }
    if (!message || 'hello' in message) {
      send({ id: requestIdOf(text), ok: false, error: invalidMessage(text).toWire() });
      return;
    }
    const { id, op, input } = message;
    // Checked here as well as in the backend so that nothing malformed crosses into it.
    const parsed = API[op].input.safeParse(input);
    if (!parsed.success) {
      const error = validationError(parsed.error);
      send({ id, ok: false, error: error.toWire() });
      return;
    }
    target.call(op, input as never).then(
      (result) => {
        // `undefined` is not JSON; the contract's "nothing" is null.
        send({ id, ok: true, result: result ?? null });
      },
      (error: unknown) => {
        if (!isAppError(error)) onInternalError(error);
        const wire = isAppError(error)
          ? error.toWire()
          : { code: ErrorCode.Internal, message: 'The workstation backend failed; see its log' };
        send({ id, ok: false, error: wire });
      },
    );
  });
}

/** The id of a request that failed validation, when it has a usable one. */
function requestIdOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'id' in value) {
      const id = value.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
    }
  } catch {
    // Not JSON: no id to answer to.
  }
  return null;
}

function invalidMessage(text: string | undefined): AppError {
  if (text === undefined) return validationError('Messages must be JSON text');
  try {
    const value: unknown = JSON.parse(text);
    const op = typeof value === 'object' && value !== null && 'op' in value ? value.op : undefined;
    if (typeof op === 'string' && !Object.hasOwn(API, op)) {
      return validationError([{ path: ['op'], message: `Unknown operation ${op}` }], undefined, { op });
    }
  } catch {
    return validationError('Messages must be JSON text');
  }
  return validationError('Not a bridge request: expected { id, op, input }');
}
