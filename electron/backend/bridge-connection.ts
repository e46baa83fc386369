import type { WebSocket } from 'ws';
import {
  BRIDGE_PROTOCOL_VERSION,
  BridgeCloseCode,
  bridgeHelloSchema,
  type BridgeWelcome,
} from '../../core/api/bridge-protocol.js';
import { decodeJsonFrame, type ServerFrame } from '../../core/api/rpc/frames.js';
import { serveContract, type ServeContractOptions } from '../../core/api/rpc/serve-contract.js';
import { carryFrames } from '../../core/api/rpc/frame-transport.js';
import type { FrameTransport } from '../../core/api/rpc/transport.js';

/** The text of a WebSocket message, or undefined for a binary one (which no frame is). */
function textOf(data: unknown, isBinary: boolean): string | undefined {
  return !isBinary && Buffer.isBuffer(data) ? data.toString('utf8') : undefined;
}

/** A socket past its handshake as a frame transport: JSON text frames in and out. */
function socketTransport(socket: WebSocket): FrameTransport<ServerFrame> {
  const carried = carryFrames<ServerFrame>({
    send: (frame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    },
    close: () => {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
        socket.close(BridgeCloseCode.GoingAway, 'bridge stopping');
      }
    },
  });
  socket.on('message', (data, isBinary) => {
    const text = textOf(data, isBinary);
    // A binary message becomes a value no frame schema accepts, so it is answered as malformed.
    carried.deliver(text === undefined ? { binary: true } : decodeJsonFrame(text));
  });
  socket.on('close', carried.end);
  socket.on('error', carried.end);
  return carried.transport;
}

/**
 * Serves one authenticated page over its socket: waits for `hello` (closing on a version
 * mismatch or anything else first), answers `welcome`, then hands the socket to
 * `serveContract`, the dispatcher the desktop app's MessagePort uses too. `onReady` is called
 * once the handshake succeeded.
 */
export function serveBridgeConnection(socket: WebSocket, options: ServeContractOptions, onReady: () => void): void {
  const onHandshake = (data: unknown, isBinary: boolean) => {
    socket.off('message', onHandshake);
    const text = textOf(data, isBinary);
    const hello = bridgeHelloSchema.safeParse(text === undefined ? undefined : decodeJsonFrame(text));
    if (!hello.success) {
      socket.close(BridgeCloseCode.BadHandshake, 'hello expected first');
      return;
    }
    if (hello.data.protocolVersion !== BRIDGE_PROTOCOL_VERSION) {
      // The reason names our version so the page can say "reload" rather than "broken".
      socket.close(BridgeCloseCode.ProtocolMismatch, `protocol ${BRIDGE_PROTOCOL_VERSION}`);
      return;
    }
    socket.send(
      JSON.stringify({ welcome: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION } satisfies BridgeWelcome),
    );
    serveContract(socketTransport(socket), options);
    onReady();
  };
  socket.on('message', onHandshake);
}
