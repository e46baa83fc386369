import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { BRIDGE_KEY_HEADER, BRIDGE_KEY_PATH, BridgeCloseCode } from '../../../core/api/bridge-protocol.js';
import type { ConnectionState } from '../../../core/api/client.js';
import { contractClient } from '../../../core/api/rpc/contract-client.js';
import { websocketConnector, type WebSocketLike } from '../../../core/api/rpc/websocket-connector.js';
import { startWebBridge, type WebBridge } from '../../../electron/backend/web-bridge.js';
import { nodeTimers } from '../../helpers/rpc-paths.js';
import { startCluster, type SyncCluster } from '../../helpers/sync-cluster.js';

// How the one client behaves when it cannot get a connection, over real sockets.

const FAST = { connectTimeoutMs: 500, backoff: { baseMs: 20, maxMs: 50 }, callTimeoutMs: 5_000 };

/** A connector counting the sockets it opens, with the Origin a page on `origin` would send. */
function countingConnector(
  url: string,
  secret: string | null,
  origin: string,
  keyRefused?: (secret: string) => Promise<boolean>,
) {
  const opened = { count: 0 };
  const connect = websocketConnector(
    url,
    secret,
    (target, protocols) => {
      opened.count += 1;
      // ws follows the WebSocket API; its handler parameter types are its own event classes.
      return new WebSocket(target, protocols, { origin }) as unknown as WebSocketLike;
    },
    keyRefused,
  );
  return { connect, opened };
}

function until(client: { connection(): ConnectionState }, state: ConnectionState['state']): Promise<ConnectionState> {
  return expect
    .poll(() => client.connection().state, { timeout: 3_000 })
    .toBe(state)
    .then(() => client.connection());
}

let cluster: SyncCluster;
let bridge: WebBridge;

beforeAll(async () => {
  cluster = await startCluster('pglite');
  const workstation = await cluster.workstation({ startSync: true });
  bridge = await startWebBridge({ backend: workstation.backend });
});
afterAll(async () => {
  await bridge.close();
  await cluster.close();
});

describe('contract client without a connection', () => {
  it('without a secret, fails every call with UNAUTHENTICATED and never opens a socket', async () => {
    const { connect, opened } = countingConnector(`ws://127.0.0.1:${bridge.port}/`, null, bridge.origin);
    const client = contractClient({ ...FAST, connect, timers: nodeTimers });
    await expect(client['staff.list']({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await until(client, 'failed')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(opened.count).toBe(0);
    client.close();
  });

  it('with a wrong secret, says unreachable, fails calls at once and keeps trying', async () => {
    const { connect, opened } = countingConnector(`ws://127.0.0.1:${bridge.port}/`, 'x'.repeat(43), bridge.origin);
    const client = contractClient({ ...FAST, connect, timers: nodeTimers });
    await expect(client['staff.list']({})).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await until(client, 'unreachable');
    const started = Date.now();
    await expect(client['staff.list']({})).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(50);
    await expect.poll(() => opened.count).toBeGreaterThan(2);
    client.close();
  });

  it('with the secret of an earlier launch, asks the bridge and stops for good, saying to open the new link', async () => {
    // What the page does (renderer/src/api/client.ts): ask the bridge's key path over HTTP.
    const keyRefused = async (secret: string) =>
      (await fetch(`${bridge.origin}${BRIDGE_KEY_PATH}`, { headers: { [BRIDGE_KEY_HEADER]: secret } })).status === 403;
    const stale = 'x'.repeat(43);
    const { connect, opened } = countingConnector(`ws://127.0.0.1:${bridge.port}/`, stale, bridge.origin, keyRefused);
    const client = contractClient({ ...FAST, connect, timers: nodeTimers });
    await expect(client['staff.list']({})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('open VetDesk again from the link'),
    });
    expect(client.connection().state).toBe('failed');
    const attempts = opened.count;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(opened.count).toBe(attempts);
    // The bridge's own secret is still accepted by the same check.
    expect(await keyRefused(bridge.secret)).toBe(false);
    client.close();
  });

  it('stops for good with PROTOCOL_MISMATCH when the bridge speaks another version', async () => {
    // A bridge of another version: it closes on our hello with the documented code.
    const other = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'vetdesk' });
    other.on('connection', (ws) => {
      ws.once('message', () => {
        ws.close(BridgeCloseCode.ProtocolMismatch, 'protocol 2');
      });
    });
    await new Promise((resolve) => other.once('listening', resolve));
    const { port } = other.address() as { port: number };
    const { connect, opened } = countingConnector(`ws://127.0.0.1:${port}/`, 'secret', 'http://127.0.0.1');
    const client = contractClient({ ...FAST, connect, timers: nodeTimers });
    await expect(client['staff.list']({})).rejects.toMatchObject({
      code: 'PROTOCOL_MISMATCH',
      details: { server: 'protocol 2' },
    });
    expect(await until(client, 'failed')).toMatchObject({ error: { code: 'PROTOCOL_MISMATCH' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(opened.count).toBe(1);
    client.close();
    await new Promise<void>((resolve) => {
      other.close(() => {
        resolve();
      });
    });
  });

  it('gives up on a connection attempt that hangs (a backend that accepts TCP but never answers)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const { connect } = countingConnector(`ws://127.0.0.1:${port}/`, 'secret', 'http://127.0.0.1');
    const client = contractClient({ ...FAST, connect, timers: nodeTimers });
    const started = Date.now();
    await expect(client['staff.list']({})).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: 'The workstation backend did not accept a connection within 500 ms',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(client.connection().state).toBe('unreachable');
    client.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});
