import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiName } from '../../../core/api/contract.js';
import type { ConnectionState } from '../../../core/api/client.js';
import { INTERNAL_ERROR_MESSAGE } from '../../../core/api/rpc/serve-contract.js';
import { AppError } from '../../../core/errors.js';
import { REPLICATED_TABLE_NAMES } from '../../../core/sync/tables.js';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { bridgePath, portPath, type Backend, type RpcPath } from '../../helpers/rpc-paths.js';
import { startCluster, type SyncCluster } from '../../helpers/sync-cluster.js';

// The same contract calls through both transports, the desktop app's MessagePort (relayed as
// the preload relays it) and the web bridge's WebSocket (handshake and secret included),
// against one real workstation: results and errors must be identical.

const TUNING = {
  callTimeoutMs: 800,
  slowCallTimeoutMs: 1_500,
  connectTimeoutMs: 1_000,
  heartbeat: { intervalMs: 100, timeoutMs: 400 },
  backoff: { baseMs: 20, maxMs: 100 },
};

/** What a call produced, in a form two paths can be compared by. */
type Outcome =
  { ok: true; value: unknown } | { ok: false; appError: boolean; code: unknown; message: unknown; details: unknown };

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    const record = error as Record<string, unknown>;
    return {
      ok: false,
      appError: error instanceof AppError,
      code: record['code'],
      message: record['message'],
      details: record['details'],
    };
  }
}

/** Runs `run` on both paths and asserts the outcomes are equal; returns it. */
async function same(run: (path: RpcPath) => Promise<unknown>): Promise<Outcome> {
  const [port, bridge] = await Promise.all([outcome(run(paths.port)), outcome(run(paths.bridge))]);
  expect(port).toEqual(bridge);
  return port;
}

function waitForState(path: RpcPath, state: ConnectionState['state'], timeoutMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    if (path.client.connection().state === state) {
      resolve(0);
      return;
    }
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${path.name} did not become ${state} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = path.client.onConnection((next) => {
      if (next.state !== state) return;
      clearTimeout(timer);
      off();
      resolve(Date.now() - started);
    });
  });
}

let cluster: SyncCluster;
let workstation: Workstation;
/** Operations the test makes misbehave, each in the way a handler could. */
const overrides = new Map<ApiName, () => Promise<unknown>>();
const paths = {} as { port: RpcPath; bridge: RpcPath };

beforeAll(async () => {
  cluster = await startCluster('pglite');
  workstation = await cluster.workstation({ startSync: true });
  const real = workstation.backend;
  const backend: Backend = {
    replica: real.replica,
    sync: real.sync,
    call: (name, input) => overrides.get(name)?.() ?? real.call(name, input),
  };
  paths.port = portPath(backend, TUNING);
  paths.bridge = await bridgePath(backend, TUNING);
});

afterAll(async () => {
  await paths.port.close();
  await paths.bridge.close();
  await cluster.close();
});

describe('the seam: one contract through the MessagePort and the web bridge', () => {
  it('answers contract calls identically', async () => {
    expect(await same((path) => path.client['staff.list']({}))).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ role: 'front_desk' })]),
    });
    expect(await same((path) => path.client['search.ownersAndPatients']({ query: 'nobody' }))).toEqual({
      ok: true,
      value: [],
    });
    expect(await same((path) => path.client['owner.detail']({ id: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      ok: true,
      value: null,
    });
  });

  it('rejects input that breaks the contract with the same AppError', async () => {
    const result = await same((path) => path.client['owner.detail']({ id: 'not-a-uuid' }));
    expect(result).toMatchObject({
      ok: false,
      appError: true,
      code: 'VALIDATION_FAILED',
      details: { issues: [expect.objectContaining({ path: ['id'] })] },
    });
  });

  it('answers unknown operations and malformed frames the same way', async () => {
    const raw = async (path: RpcPath, frames: unknown[]) => {
      const transport = await path.connect();
      const answers: unknown[] = [];
      const done = new Promise<void>((resolve) => {
        transport.onFrame((frame) => {
          if (typeof frame === 'object' && frame !== null && 'ok' in frame) answers.push(frame);
          if (answers.length === frames.length) resolve();
        });
      });
      // Frames the typed client never sends: the cast is the point of the test.
      for (const frame of frames) transport.send(frame as never);
      await done;
      transport.close();
      return answers;
    };
    const frames = [{ id: 900, op: 'db.exec', input: { sql: 'drop table staff' } }, { id: 901, op: 42 }, 'not json'];
    const result = await same((path) => raw(path, frames));
    expect(result).toEqual({
      ok: true,
      value: expect.arrayContaining([
        {
          id: 900,
          ok: false,
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Unknown operation db.exec',
            details: { op: 'db.exec', issues: [{ path: ['op'], message: 'Unknown operation db.exec' }] },
          },
        },
        { id: 901, ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { id: null, ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
      ]),
    });
  });

  it('pushes the current sync status as the first frame of a new connection', async () => {
    const first = async (path: RpcPath) => {
      const transport = await path.connect();
      const frame = await new Promise<unknown>((resolve) => {
        transport.onFrame(resolve);
      });
      transport.close();
      // The sync engine runs live: the time of its last exchange may move between two connections.
      const { event, payload } = frame as { event: string; payload: Record<string, unknown> };
      return { event, payload: { ...payload, lastSyncAt: typeof payload['lastSyncAt'] } };
    };
    expect(await same(first)).toMatchObject({
      ok: true,
      value: { event: 'sync.status', payload: { connection: 'online', initialSync: { done: true } } },
    });
  });

  it('sends null for a handler returning undefined', async () => {
    overrides.set('clinic.current', () => Promise.resolve(undefined));
    try {
      expect(await same((path) => path.client['clinic.current']({}))).toEqual({ ok: true, value: null });
    } finally {
      overrides.delete('clinic.current');
    }
  });

  it('turns a throw that is not an AppError into INTERNAL without its message', async () => {
    overrides.set('staff.list', () => Promise.reject(new Error('SQLITE_CORRUPT at /home/vet/secret/path')));
    try {
      const result = await same((path) => path.client['staff.list']({}));
      expect(result).toEqual({
        ok: false,
        appError: true,
        code: 'INTERNAL',
        message: INTERNAL_ERROR_MESSAGE,
        details: {},
      });
    } finally {
      overrides.delete('staff.list');
    }
  });

  it('fails a call whose handler never answers with BACKEND_UNAVAILABLE after the call timeout', async () => {
    overrides.set('priceList.list', () => new Promise(() => undefined));
    try {
      const started = Date.now();
      const result = await same((path) => path.client['priceList.list']({}));
      expect(result).toEqual({
        ok: false,
        appError: true,
        code: 'BACKEND_UNAVAILABLE',
        message: 'priceList.list got no answer in 800 ms',
        details: { op: 'priceList.list', timeoutMs: 800 },
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      // A hung handler is not a hung backend: the heartbeat keeps the connection.
      expect(paths.port.client.connection()).toEqual({ state: 'connected' });
      expect(paths.bridge.client.connection()).toEqual({ state: 'connected' });
    } finally {
      overrides.delete('priceList.list');
    }
  });

  it('gives the operations that wait on the server and hash passwords the longer limit', async () => {
    // Resolves after the ordinary limit but within the slow one: the page must still get it.
    overrides.set(
      'admin.devices',
      () =>
        new Promise((resolve) => {
          setTimeout(() => {
            resolve([]);
          }, 1_000);
        }),
    );
    overrides.set('admin.staff', () => new Promise(() => undefined));
    try {
      expect(await same((path) => path.client['admin.devices']({}))).toEqual({ ok: true, value: [] });
      expect(await same((path) => path.client['admin.staff']({}))).toMatchObject({
        ok: false,
        code: 'BACKEND_UNAVAILABLE',
        message: 'admin.staff got no answer in 1500 ms',
      });
    } finally {
      overrides.delete('admin.devices');
      overrides.delete('admin.staff');
    }
  });

  it('notices a backend that stops answering, fails fast meanwhile, and replays events after reconnecting', async () => {
    const replayed = { port: [] as string[][], bridge: [] as string[][] };
    const offs = (['port', 'bridge'] as const).map((name) =>
      paths[name].client.on('data.changed', ({ tables }) => replayed[name].push(tables)),
    );
    for (const path of [paths.port, paths.bridge]) path.silence(true);
    const inFlight = same((path) => path.client['staff.list']({}));
    const [portMs, bridgeMs] = await Promise.all([
      waitForState(paths.port, 'unreachable', 2_000),
      waitForState(paths.bridge, 'unreachable', 2_000),
    ]);
    expect(Math.max(portMs, bridgeMs)).toBeLessThan(1_000);
    expect(await inFlight).toMatchObject({ ok: false, appError: true, code: 'BACKEND_UNAVAILABLE' });
    const started = Date.now();
    expect(await same((path) => path.client['staff.list']({}))).toMatchObject({
      ok: false,
      code: 'BACKEND_UNAVAILABLE',
    });
    expect(Date.now() - started).toBeLessThan(100);

    for (const path of [paths.port, paths.bridge]) path.silence(false);
    await Promise.all([waitForState(paths.port, 'connected', 3_000), waitForState(paths.bridge, 'connected', 3_000)]);
    for (const off of offs) off();
    expect(replayed.port).toContainEqual([...REPLICATED_TABLE_NAMES]);
    expect(replayed.bridge).toContainEqual([...REPLICATED_TABLE_NAMES]);
    expect(await same((path) => path.client['staff.list']({}))).toMatchObject({ ok: true });
  });

  it('says the backend is unreachable within the heartbeat timeout once it stops', async () => {
    overrides.set('search.ownersAndPatients', () => new Promise(() => undefined));
    const inFlight = same((path) => path.client['search.ownersAndPatients']({ query: 'Rex' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await Promise.all([paths.port.stopBackend(), paths.bridge.stopBackend()]);
    expect(await inFlight).toMatchObject({ ok: false, appError: true, code: 'BACKEND_UNAVAILABLE' });
    await Promise.all([
      waitForState(paths.port, 'unreachable', 2_000),
      waitForState(paths.bridge, 'unreachable', 2_000),
    ]);
    expect(Date.now() - started).toBeLessThan(800);
    overrides.delete('search.ownersAndPatients');
  });
});
