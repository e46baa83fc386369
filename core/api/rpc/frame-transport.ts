import type { FrameTransport } from './transport.js';

/** What a carrier (a WebSocket, a MessagePort, the preload's relay) does itself. */
export interface FrameCarrier<Outgoing> {
  /** Sends one frame; called only while the transport is open. */
  send(frame: Outgoing): void;
  /** Ends the carrier's connection; called once, by `close()`. */
  close(): void;
}

/** A transport over a carrier, and the two things the carrier's own events report. */
export interface CarriedTransport<Outgoing> {
  transport: FrameTransport<Outgoing>;
  /** Hands an arrived frame to the listeners; dropped once the connection ended. */
  readonly deliver: (frame: unknown) => void;
  /** The connection ended, from either side: close listeners hear it once, later frames are dropped. */
  readonly end: () => void;
}

/**
 * The listener bookkeeping every transport shares, so that a carrier says only how frames leave
 * and how its connection ends. `send` after the end drops the frame; `close` is idempotent.
 */
export function carryFrames<Outgoing>(carrier: FrameCarrier<Outgoing>): CarriedTransport<Outgoing> {
  const frameListeners = new Set<(frame: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const listener of [...closeListeners]) listener();
  };
  return {
    deliver: (frame) => {
      if (!ended) for (const listener of [...frameListeners]) listener(frame);
    },
    end,
    transport: {
      send: (frame) => {
        if (!ended) carrier.send(frame);
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
        if (ended) return;
        carrier.close();
        end();
      },
    },
  };
}
