import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_KEY_HEADER,
  BRIDGE_KEY_PATH,
  BRIDGE_SUBPROTOCOL,
  BridgeCloseCode,
  secretFromProtocols,
} from '../../core/api/bridge-protocol.js';
import type { ContractTarget } from '../../core/api/rpc/serve-contract.js';
import { type BackendEventSources, subscribeBackendEvents } from './backend-events.js';
import { serveBridgeConnection } from './bridge-connection.js';
import { serveStatic } from './static-files.js';

/** The bridge only ever listens here: it serves one person's workstation, never the network. */
export const BRIDGE_HOST = '127.0.0.1';

export interface WebBridgeOptions {
  /** The workstation backend; `replica` and `sync` are where events come from. */
  backend: ContractTarget & BackendEventSources;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Folder of the built renderer (`.build/renderer`); pages 404 when it holds no index.html. */
  rendererDir?: string;
  /** Called with failures that are not AppErrors (bugs), which pages only see as INTERNAL. */
  onInternalError?: (error: unknown) => void;
}

/** A running web bridge. */
export interface WebBridge {
  port: number;
  /** `http://127.0.0.1:PORT`: the only Origin accepted on the WebSocket. */
  origin: string;
  /** The per-launch secret (32 random bytes, base64url). */
  secret: string;
  /** The page to open: the origin with the secret in the fragment, which browsers never send. */
  url: string;
  /** Pages connected and past the handshake. */
  connections(): number;
  /** Closes every socket (code 1001) and the HTTP server. */
  close(): Promise<void>;
}

function sameSecret(expected: Buffer, offered: string | undefined): boolean {
  if (offered === undefined) return false;
  const given = Buffer.from(offered, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuseUpgrade(socket: Duplex, status: 403 | 404): void {
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
  socket.destroy();
}

/**
 * Serves the workstation backend to browser pages: the built renderer over HTTP and the API
 * contract over a WebSocket on the same port, on 127.0.0.1 only.
 *
 * Security: a page must present the per-launch secret (as the `vetdesk.auth.<secret>`
 * subprotocol) and the Origin `http://127.0.0.1:PORT`, and the Host header must be
 * `127.0.0.1:PORT` (which defeats DNS rebinding); otherwise the upgrade is refused with 403 and
 * no API operation is reachable. Other local users' processes can reach the port but not the
 * secret, which exists only in this process, in the URL it prints and in the page it opened.
 * Every response carries a strict CSP, so the page can run only its own scripts.
 *
 * @throws when the port cannot be bound.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret, 'utf8');
  const sockets = new Set<WebSocket>();
  let port = 0;
  const host = () => `${BRIDGE_HOST}:${port}`;
  const origin = () => `http://${host()}`;
  const headers = () => ({
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ws://${host()}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.host !== host()) {
      response.writeHead(403, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Forbidden\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers(), Allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const urlPath = new URL(request.url ?? '/', origin()).pathname;
    if (urlPath === BRIDGE_KEY_PATH) {
      // Answers only "this secret, yes or no": the page's way to tell a stale link from a
      // backend that is down. It gives nothing a guess could not, and each guess is 256 bits.
      const offered = request.headers[BRIDGE_KEY_HEADER];
      const ok = sameSecret(secretBytes, typeof offered === 'string' ? offered : undefined);
      response.writeHead(ok ? 204 : 403, { ...headers(), 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    if (!options.rendererDir) {
      response.writeHead(404, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('No renderer is served here\n');
      return;
    }
    serveStatic(options.rendererDir, urlPath, headers(), response, request.method === 'HEAD').catch(() => {
      if (!response.headersSent) response.writeHead(500, headers());
      response.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    // Requests are small JSON; a megabyte bounds what a buggy page can make us buffer.
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_SUBPROTOCOL) ? BRIDGE_SUBPROTOCOL : false),
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
    const allowed =
      request.headers.host === host() &&
      request.headers.origin === origin() &&
      offered.includes(BRIDGE_SUBPROTOCOL) &&
      sameSecret(secretBytes, secretFromProtocols(offered));
    if (!allowed) {
      refuseUpgrade(socket, 403);
      return;
    }
    if (new URL(request.url ?? '/', origin()).pathname !== '/') {
      refuseUpgrade(socket, 404);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveBridgeConnection(
        ws,
        {
          target: options.backend,
          subscribe: (push) => subscribeBackendEvents(options.backend, push),
          ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
        },
        () => sockets.add(ws),
      );
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BRIDGE_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: origin(),
    secret,
    url: `${origin()}/#secret=${secret}`,
    connections: () => sockets.size,
    async close() {
      for (const ws of wss.clients) ws.close(BridgeCloseCode.GoingAway, 'bridge stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
