import type { PortRelay } from '../../core/api/ipc-protocol.js';

/**
 * The part of the page-side MessagePort the relay uses (a DOM MessagePort in the preload; a
 * `node:worker_threads` port in tests). Declared here so the preload needs no DOM types.
 */
export interface RelayPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/**
 * The preload's whole job: relay frames between the page and the port main hands over. It
 * neither validates nor interprets them (the page's `contractClient` and the backend's
 * `serveContract` do), so the preload stays tiny and the desktop app runs the same client code
 * as a browser. `requestPort` asks main for a port; `receive` is called with each that arrives.
 */
export function createPortRelay(requestPort: () => void): { relay: PortRelay; receive: (port: RelayPort) => void } {
  let current: RelayPort | null = null;
  let waiting: (() => void)[] = [];
  const listeners = new Set<(frame: unknown) => void>();

  const relay: PortRelay = {
    connect() {
      current?.close();
      current = null;
      const arrived = new Promise<void>((resolve) => waiting.push(resolve));
      requestPort();
      return arrived;
    },
    send(frame) {
      current?.postMessage(frame);
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      current?.close();
      current = null;
    },
  };

  const receive = (port: RelayPort) => {
    current?.close();
    current = port;
    port.addEventListener('message', ({ data }) => {
      // Frames from a port the page has since replaced are stale answers: drop them.
      if (current !== port) return;
      for (const listener of [...listeners]) listener(data);
    });
    port.start();
    const resolves = waiting;
    waiting = [];
    for (const resolve of resolves) resolve();
  };

  return { relay, receive };
}
