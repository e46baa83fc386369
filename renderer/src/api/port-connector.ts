import type { PortRelay } from '../../../core/api/ipc-protocol.js';
import type { ClientFrame } from '../../../core/api/rpc/frames.js';
import { carryFrames } from '../../../core/api/rpc/frame-transport.js';
import type { FrameTransport } from '../../../core/api/rpc/transport.js';

/**
 * A `connect` for `contractClient` over the desktop app's port relay (`window.vetdeskPort`):
 * each connection asks main for a fresh port, so a client that lost its backend can get a new
 * one if the backend is back. A DOM MessagePort says nothing when its other end dies, so such a
 * transport never closes by itself: the client's heartbeat notices instead.
 */
export function portConnector(relay: PortRelay): () => Promise<FrameTransport<ClientFrame>> {
  return async () => {
    await relay.connect();
    let offRelay: () => void = () => undefined;
    const carried = carryFrames<ClientFrame>({
      send: (frame) => {
        relay.send(frame);
      },
      close: () => {
        offRelay();
        relay.close();
      },
    });
    offRelay = relay.onFrame(carried.deliver);
    return carried.transport;
  };
}
