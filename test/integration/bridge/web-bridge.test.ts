import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  BRIDGE_KEY_HEADER,
  BRIDGE_KEY_PATH,
  BRIDGE_PROTOCOL_VERSION,
  BRIDGE_SUBPROTOCOL,
  BridgeCloseCode,
  bridgeAuthProtocol,
  bridgeServerMessageSchema,
  type BridgeServerMessage,
} from '../../../core/api/bridge-protocol.js';
import { newId } from '../../../core/ids.js';
import { startWebBridge, type WebBridge } from '../../../electron/backend/web-bridge.js';
import { startCluster, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

/** A page's connection, as a test sees it: every message it received, and a way to wait for one. */
interface TestPage {
  ws: WebSocket;
  received: BridgeServerMessage[];
  next(match: (message: BridgeServerMessage) => boolean, timeoutMs?: number): Promise<BridgeServerMessage>;
  request(op: string, input: unknown): Promise<BridgeServerMessage>;
}

let requestIds = 1;

function openSocket(bridge: WebBridge, options: { secret?: string | null; origin?: string }): WebSocket {
  const protocols = [BRIDGE_SUBPROTOCOL];
  const secret = options.secret === undefined ? bridge.secret : options.secret;
  if (secret !== null) protocols.push(bridgeAuthProtocol(secret));
  return new WebSocket(`ws://127.0.0.1:${bridge.port}/`, protocols, { origin: options.origin ?? bridge.origin });
}

/** Resolves with the HTTP status of a refused upgrade, or rejects if the socket opened. */
function refusal(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
    });
    ws.once('open', () => {
      reject(new Error('the bridge accepted the connection'));
    });
    ws.once('error', () => undefined);
  });
}

async function connectPage(bridge: WebBridge): Promise<TestPage> {
  const ws = openSocket(bridge, {});
  const received: BridgeServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    received.push(bridgeServerMessageSchema.parse(JSON.parse(data.toString('utf8'))));
    for (const waiter of waiters) waiter();
  });
  const next: TestPage['next'] = (match, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error('no matching message arrived'));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ hello: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION }));
  await next((message) => 'welcome' in message);
  return {
    ws,
    received,
    next,
    request(op, input) {
      const id = requestIds++;
      ws.send(JSON.stringify({ id, op, input }));
      return next((message) => 'id' in message && message.id === id);
    },
  };
}

describe('web bridge', () => {
  let cluster: SyncCluster;
  let bridge: WebBridge;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    cluster = await startCluster('pglite');
    const workstation = await cluster.workstation({ startSync: true });
    bridge = await startWebBridge({ backend: workstation.backend });
  });
  afterAll(async () => {
    for (const page of pages) page.ws.close();
    await bridge.close();
    await cluster.close();
  });

  it('answers contract operations over a WebSocket presenting the secret and origin', async () => {
    const page = await connectPage(bridge);
    pages.push(page);
    const status = await page.request('sync.status', {});
    expect(status).toMatchObject({ ok: true, result: { connection: 'online' } });
    const staff = await page.request('staff.list', {});
    expect(staff).toMatchObject({
      ok: true,
      result: expect.arrayContaining([expect.objectContaining({ role: 'front_desk' })]),
    });
    const search = await page.request('search.ownersAndPatients', { query: 'nobody-by-this-name' });
    expect(search).toMatchObject({ ok: true, result: [] });
  });

  it('refuses an upgrade without the secret, with a wrong secret, or from another origin (403)', async () => {
    expect(await refusal(openSocket(bridge, { secret: null }))).toBe(403);
    expect(await refusal(openSocket(bridge, { secret: 'x'.repeat(43) }))).toBe(403);
    expect(await refusal(openSocket(bridge, { origin: 'http://evil.example' }))).toBe(403);
    expect(await refusal(openSocket(bridge, { origin: `http://localhost:${bridge.port}` }))).toBe(403);
  });

  it('closes a connection whose protocol version differs, before any request', async () => {
    const ws = openSocket(bridge, {});
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send(JSON.stringify({ hello: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION + 1 }));
    expect(await closed).toBe(BridgeCloseCode.ProtocolMismatch);
  });

  it('closes a connection that sends a request before hello', async () => {
    const ws = openSocket(bridge, {});
    await new Promise((resolve) => ws.once('open', resolve));
    const messages: string[] = [];
    ws.on('message', (data: Buffer) => messages.push(data.toString()));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send(JSON.stringify({ id: 1, op: 'staff.list', input: {} }));
    expect(await closed).toBe(BridgeCloseCode.BadHandshake);
    expect(messages).toEqual([]);
  });

  it('answers invalid requests with VALIDATION_FAILED', async () => {
    const page = await connectPage(bridge);
    pages.push(page);
    expect(await page.request('search.ownersAndPatients', { query: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await page.request('owner.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Unknown operation owner.drop' },
    });
    page.ws.send('not json');
    expect(await page.next((message) => 'id' in message && message.id === null)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('sends data.changed and sync.status events to every page after a mutation', async () => {
    const [first, second] = await Promise.all([connectPage(bridge), connectPage(bridge)]);
    pages.push(first, second);
    const ownerId = newId();
    const created = await first.request('mutate', {
      name: 'owner.create',
      args: ownerArgs({ id: ownerId, last_name: 'Bridgewater' }),
    });
    expect(created).toMatchObject({ ok: true });
    for (const page of [first, second]) {
      await page.next(
        (message) =>
          'event' in message && message.event === 'data.changed' && message.payload.tables.includes('owners'),
      );
      await page.next((message) => 'event' in message && message.event === 'sync.status');
    }
    expect(await second.request('search.ownersAndPatients', { query: 'Bridgewater' })).toMatchObject({
      ok: true,
      result: [expect.objectContaining({ id: ownerId })],
    });
  });

  it('serves HTTP only for its own Host, with the security headers', async () => {
    const response = await fetch(`${bridge.origin}/`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ws://127.0.0.1:${bridge.port}`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // fetch may not set Host; node:http may, as a DNS-rebinding page's browser would.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: bridge.port, path: '/', headers: { host: `attacker.example:${bridge.port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(rebound).toBe(403);
  });

  it("tells a page whether its secret is the bridge's (204) or not (403), only for its own Host", async () => {
    const check = (key?: string) =>
      fetch(`${bridge.origin}${BRIDGE_KEY_PATH}`, key === undefined ? {} : { headers: { [BRIDGE_KEY_HEADER]: key } });
    expect((await check(bridge.secret)).status).toBe(204);
    expect((await check('x'.repeat(43))).status).toBe(403);
    expect((await check()).status).toBe(403);
    expect((await check(bridge.secret)).headers.get('cache-control')).toBe('no-store');
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: bridge.port,
            path: BRIDGE_KEY_PATH,
            headers: { host: `attacker.example:${bridge.port}`, [BRIDGE_KEY_HEADER]: bridge.secret },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(rebound).toBe(403);
  });
});
