import { MessageChannel, type MessagePort } from 'node:worker_threads';
import WebSocket from 'ws';
import type { ClientFrame } from '../../core/api/rpc/frames.js';
import { contractClient, type ContractClient, type ContractClientOptions } from '../../core/api/rpc/contract-client.js';
import type { ContractTarget } from '../../core/api/rpc/serve-contract.js';
import type { FrameTransport, Timers } from '../../core/api/rpc/transport.js';
import { websocketConnector, type WebSocketLike } from '../../core/api/rpc/websocket-connector.js';
import type { BackendEventSources } from '../../electron/backend/backend-events.js';
import { startWebBridge } from '../../electron/backend/web-bridge.js';
import { type BackendPort, servePort } from '../../electron/backend-process/serve-port.js';
import { createPortRelay, type RelayPort } from '../../electron/preload/port-relay.js';
import { portConnector } from '../../renderer/src/api/port-connector.js';

export const nodeTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** Electron's MessagePortMain wraps each message in an event; a worker_threads port does not. */
export function asBackendPort(port: MessagePort): BackendPort {
  return {
    postMessage: (message) => {
      port.postMessage(message);
    },
    on: (event: 'message' | 'close', listener: (event: { data: unknown }) => void) =>
      event === 'message'
        ? port.on('message', (data: unknown) => {
            listener({ data });
          })
        : port.on('close', listener),
    start: () => {
      port.start();
    },
    close: () => {
      port.close();
    },
  };
}

export type Backend = ContractTarget & BackendEventSources;
export type Tuning = Omit<ContractClientOptions, 'connect' | 'timers'>;

/**
 * One way from a page to a backend, as the app wires it: `connect` is the page side's
 * connector (through the preload's relay, or the bridge's WebSocket with its handshake),
 * `silence` makes the connection drop every frame the backend sends (a half-open connection or
 * a hung backend, as the page sees it), `stopBackend` ends the serving side.
 */
export interface RpcPath {
  name: 'port' | 'bridge';
  client: ContractClient;
  /** A raw connection for frames the typed client never sends. */
  connect(): Promise<FrameTransport<ClientFrame>>;
  silence(silent: boolean): void;
  stopBackend(): Promise<void>;
  close(): Promise<void>;
}

/** Wraps a connector so that a switch drops every incoming frame while on. */
function silenceable(connect: () => Promise<FrameTransport<ClientFrame>>) {
  let silent = false;
  const unsilenced: (() => void)[] = [];
  return {
    silence: (value: boolean) => {
      silent = value;
      if (!silent) for (const resume of unsilenced.splice(0)) resume();
    },
    connect: async (): Promise<FrameTransport<ClientFrame>> => {
      // A silent backend does not answer a handshake either: the attempt hangs until it speaks again.
      if (silent) await new Promise<void>((resolve) => unsilenced.push(resolve));
      const transport = await connect();
      return {
        ...transport,
        onFrame: (listener) =>
          transport.onFrame((frame) => {
            if (!silent) listener(frame);
          }),
      };
    },
  };
}

/** The desktop app's path: a MessageChannel per connection, served by `servePort`, relayed as the preload does. */
export function portPath(backend: Backend, tuning: Tuning = {}): RpcPath {
  const stops: (() => void)[] = [];
  const ports: MessagePort[] = [];
  let serving = true;
  /** A page's preload: each relay is one page, whose every connection gets a fresh port from "main". */
  const newRelay = () => {
    const { relay, receive } = createPortRelay(() => {
      // Main hands a port only while the backend runs; a dead backend leaves the request unanswered.
      if (!serving) return;
      const channel = new MessageChannel();
      ports.push(channel.port2);
      stops.push(servePort(asBackendPort(channel.port1), backend));
      // worker_threads ports are EventTargets with the DOM MessagePort's methods.
      receive(channel.port2 as unknown as RelayPort);
    });
    return relay;
  };
  const wire = silenceable(portConnector(newRelay()));
  const client = contractClient({ ...tuning, connect: wire.connect, timers: nodeTimers });
  return {
    name: 'port',
    client,
    connect: () => portConnector(newRelay())(),
    silence: wire.silence,
    stopBackend: () => {
      serving = false;
      for (const stop of stops.splice(0)) stop();
      return Promise.resolve();
    },
    close: () => {
      client.close();
      for (const stop of stops.splice(0)) stop();
      for (const port of ports) port.close();
      return Promise.resolve();
    },
  };
}

/** The browser's path: the web bridge over a real WebSocket on 127.0.0.1, handshake and secret included. */
export async function bridgePath(backend: Backend, tuning: Tuning = {}): Promise<RpcPath> {
  const bridge = await startWebBridge({ backend });
  const connector = websocketConnector(
    `ws://127.0.0.1:${bridge.port}/`,
    bridge.secret,
    // ws follows the WebSocket API; its handler parameter types are its own event classes.
    (url, protocols) => new WebSocket(url, protocols, { origin: bridge.origin }) as unknown as WebSocketLike,
  );
  const wire = silenceable(connector);
  const client = contractClient({ ...tuning, connect: wire.connect, timers: nodeTimers });
  let stopped = false;
  return {
    name: 'bridge',
    client,
    connect: connector,
    silence: wire.silence,
    stopBackend: async () => {
      if (stopped) return;
      stopped = true;
      await bridge.close();
    },
    close: async () => {
      client.close();
      if (!stopped) await bridge.close();
      stopped = true;
    },
  };
}
