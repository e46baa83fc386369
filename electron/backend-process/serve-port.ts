import type { ServerFrame } from '../../core/api/rpc/frames.js';
import { serveContract, type ContractTarget } from '../../core/api/rpc/serve-contract.js';
import { carryFrames } from '../../core/api/rpc/frame-transport.js';
import type { FrameTransport } from '../../core/api/rpc/transport.js';
import { type BackendEventSources, subscribeBackendEvents } from '../backend/backend-events.js';

/**
 * The part of a message port the backend uses. Electron's `MessagePortMain` has exactly this
 * shape; tests adapt a `node:worker_threads` port to it.
 */
export interface BackendPort {
  postMessage(message: ServerFrame): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  /** The other end went away (the page reloaded or closed). */
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** A port as a frame transport: structured clones in and out, nothing else. */
export function portTransport(port: BackendPort): FrameTransport<ServerFrame> {
  const carried = carryFrames<ServerFrame>({
    send: (frame) => {
      port.postMessage(frame);
    },
    close: () => {
      port.close();
    },
  });
  port.on('message', ({ data }) => {
    carried.deliver(data);
  });
  port.on('close', carried.end);
  port.start();
  return carried.transport;
}

/**
 * Serves the API contract of a workstation's backend on `port` with `serveContract`, the dispatcher the
 * web bridge uses too: same frames, same errors, same heartbeat.
 * @returns a function that stops serving (unsubscribes from events and closes the port).
 */
export function servePort(
  port: BackendPort,
  backend: ContractTarget & BackendEventSources,
  onInternalError?: (error: unknown) => void,
): () => void {
  return serveContract(portTransport(port), {
    target: backend,
    subscribe: (push) => subscribeBackendEvents(backend, push),
    ...(onInternalError ? { onInternalError } : {}),
  });
}
