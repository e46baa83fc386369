/**
 * What the RPC needs of a connection, whichever end and whatever carries it (a WebSocket, a
 * MessagePort, contextBridge functions around one). Declared here, without Node or DOM types,
 * so that `serveContract` and `contractClient` are the same code on every path.
 */
export interface FrameTransport<Outgoing> {
  /** Sends one frame. Never throws: a frame sent on a closed transport is dropped. */
  send(frame: Outgoing): void;
  /** Delivers each incoming frame, undecoded beyond the carrier (unvalidated `unknown`). */
  onFrame(listener: (frame: unknown) => void): () => void;
  /** Called once when the connection ends, from either side. */
  onClose(listener: () => void): () => void;
  /** Ends the connection; idempotent. */
  close(): void;
}

/**
 * Timers, injected because core is compiled without Node or DOM globals. `globalTimers()` in
 * the callers is `{ set: setTimeout, clear: clearTimeout }`.
 */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
