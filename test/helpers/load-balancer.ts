import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUEST_ID_HEADER } from '../../core/sync/request-id.js';

/** One request the balancer passed on: where it went and the request id it carried. */
export interface RoutedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The live request of a shape (`live=true`)? */
  live: boolean;
  instance: string;
  requestId: string | undefined;
}

/** A round-robin HTTP load balancer in front of several central server instances. */
export interface LoadBalancer {
  /** `http://127.0.0.1:<port>`: what workstations use as their server URL. */
  url: string;
  routed: RoutedRequest[];
  /** Takes `instance` out of the rotation (as a health check would before a restart). */
  drain(instance: string): void;
  close(): Promise<void>;
}

/**
 * Starts a plain HTTP reverse proxy on 127.0.0.1 that sends each request to the next instance in
 * turn (a turn per path), so one workstation's consecutive requests (its pushes, the next long
 * poll of a shape) land on different instances. A request to an instance that refuses the connection answers 502, as
 * a real balancer does, and the workstation retries.
 */
export async function startLoadBalancer(instances: readonly string[]): Promise<LoadBalancer> {
  const rotation = [...instances];
  const routed: RoutedRequest[] = [];
  // One turn counter per path, so the few pushes rotate as evenly as the many shape requests.
  const turns = new Map<string, number>();
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const pathName = new URL(incoming.url ?? '/', 'http://balancer').pathname;
    const turn = turns.get(pathName) ?? 0;
    turns.set(pathName, turn + 1);
    const instance = rotation[turn % rotation.length]!;
    const target = new URL(incoming.url ?? '/', instance);
    const requestId = incoming.headers[REQUEST_ID_HEADER];
    routed.push({
      method: incoming.method ?? 'GET',
      path: target.pathname,
      live: target.searchParams.get('live') === 'true',
      instance,
      requestId: typeof requestId === 'string' ? requestId : undefined,
    });
    const upstream = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ code: 'SERVER_UNAVAILABLE', message: 'upstream failed' }));
    });
    // A workstation that gives up on a long poll must not leave it open upstream.
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) upstream.destroy();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    drain(instance) {
      const index = rotation.indexOf(instance);
      if (index >= 0 && rotation.length > 1) rotation.splice(index, 1);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
