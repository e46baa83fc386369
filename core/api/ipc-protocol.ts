/**
 * The desktop app's path between page and backend: main hands the preload one end of a
 * MessagePort whose other end the backend utility process serves with `serveContract`. The
 * preload relays the RPC's frames (`rpc/frames.ts`, as structured clones) and nothing else;
 * the page runs the same `contractClient` over them as over the web bridge's WebSocket.
 *
 * No hello/welcome handshake: the preload and the backend ship in the same application bundle
 * and cannot differ in version (the web bridge, whose ends can, needs one).
 */

/** The channel on which main hands the renderer's end of the MessagePort to the preload. */
export const IPC_PORT_CHANNEL = 'vetdesk:port';

/** The channel on which the preload asks main for a port (at load, and again after losing one). */
export const IPC_CONNECT_CHANNEL = 'vetdesk:connect';

/**
 * What the preload exposes to the page as `window.vetdeskPort`: a frame relay over the port,
 * and nothing else. Only functions and plain data cross contextBridge; frames are validated by
 * `serveContract` and `contractClient`, not here.
 */
export interface PortRelay {
  /**
   * Asks main for a port (a new one when the previous was lost) and resolves once it arrived;
   * frames sent before are dropped. Each call supersedes the previous connection.
   */
  connect(): Promise<void>;
  /** Posts one frame on the current port; dropped when there is none. */
  send(frame: unknown): void;
  /** Receives every frame from the backend on the current port; returns the unsubscribe function. */
  onFrame(listener: (frame: unknown) => void): () => void;
  /** Closes the current port (the page gave up on it). */
  close(): void;
}
