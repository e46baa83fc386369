import type { PortRelay } from '../../../core/api/ipc-protocol.js';
import type { ClientFrame } from '../../../core/api/rpc/frames.js';
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
    const frameListeners = new Set<(frame: unknown) => void>();
    const closeListeners = new Set<() => void>();
    let closed = false;
    const offRelay = relay.onFrame((frame) => {
      if (!closed) for (const listener of [...frameListeners]) listener(frame);
    });
    return {
      send: (frame) => {
        if (!closed) relay.send(frame);
      },
      onFrame: (listener) => {
        frameListeners.add(listener);
        return () => frameListeners.delete(listener);
      },
      onClose: (listener) => {
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
      close: () => {
        if (closed) return;
        closed = true;
        offRelay();
        relay.close();
        for (const listener of [...closeListeners]) listener();
      },
    };
  };
}
