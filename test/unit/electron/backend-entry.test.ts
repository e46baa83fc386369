import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContractClient } from '../../../core/api/rpc/contract-client.js';
import { contractClient } from '../../../core/api/rpc/contract-client.js';
import type { ControlFromBackend } from '../../../electron/backend-process/control.js';
import { createPortRelay, type RelayPort } from '../../../electron/preload/port-relay.js';
import { portConnector } from '../../../renderer/src/api/port-connector.js';
import { asBackendPort, nodeTimers } from '../../helpers/rpc-paths.js';

// The utility entry run in this process: its parent port is faked, its MessagePort is a real
// node:worker_threads channel, and the workstation is real (a SQLite file in a temp folder),
// pointed at a server that refuses connections: it works offline.

const parentPort = Object.assign(new EventEmitter(), { postMessage: vi.fn() });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-entry-'));
let client: ContractClient;
let pagePort: MessagePort;

beforeAll(async () => {
  Object.defineProperty(process, 'parentPort', { value: parentPort, configurable: true });
  await import('../../../electron/backend-process/entry.js');
  const opened = new Promise<ControlFromBackend>((resolve) => {
    parentPort.postMessage.mockImplementation(resolve);
  });
  parentPort.emit('message', {
    data: { type: 'open', dataDir, sealSecrets: false },
    ports: [],
  });
  const channel = new MessageChannel();
  // Connect before the workstation is open: the entry must keep the port until it is.
  parentPort.emit('message', { data: { type: 'connect' }, ports: [asBackendPort(channel.port1)] });
  // A first start: not enrolled yet, so no device id.
  expect(await opened).toEqual({ type: 'opened', deviceId: null });
  pagePort = channel.port2;
  // The page's side as in the app: the preload's relay, then the same client as in a browser.
  const { relay, receive } = createPortRelay(() => {
    receive(channel.port2 as unknown as RelayPort);
  });
  client = contractClient({ connect: portConnector(relay), timers: nodeTimers, callTimeoutMs: 10_000 });
});

afterAll(async () => {
  client.close();
  const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
  const exited = new Promise<void>((resolve) =>
    exit.mockImplementation(() => {
      resolve();
      return undefined as never;
    }),
  );
  parentPort.emit('message', { data: { type: 'stop' }, ports: [] });
  await exited;
  exit.mockRestore();
  pagePort.close();
  Reflect.deleteProperty(process, 'parentPort');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('backend utility entry', () => {
  it('answers a request over the port from the real workstation', async () => {
    await expect(client['identity.state']({})).resolves.toMatchObject({
      enrolment: { state: 'not_enrolled' },
      session: null,
      idleLockMinutes: 10,
    });
    await expect(client['sync.status']({})).resolves.toMatchObject({ connection: 'offline', pending: 0, rejected: 0 });
  });

  it('answers SESSION_REQUIRED to clinic operations while nobody is signed in', async () => {
    await expect(client['staff.list']({})).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
    await expect(client['session.current']({})).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
  });

  it('answers VALIDATION_FAILED in the AppError wire shape for input that breaks the contract', async () => {
    await expect(client['owner.detail']({ id: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: { issues: [expect.objectContaining({ path: ['id'] })] },
    });
  });

  it('answers VALIDATION_FAILED for an operation outside the contract and for a malformed request', async () => {
    const answers: unknown[] = [];
    const received = new Promise<void>((resolve) => {
      const listener = (data: unknown) => {
        if (typeof data === 'object' && data !== null && 'id' in data && (data.id === 1000 || data.id === 1001)) {
          answers.push(data);
          if (answers.length === 2) {
            pagePort.off('message', listener);
            resolve();
          }
        }
      };
      pagePort.on('message', listener);
    });
    pagePort.postMessage({ id: 1000, op: 'db.exec', input: { sql: 'drop table staff' } });
    pagePort.postMessage({ id: 1001, op: 42 });
    await received;
    expect(answers).toEqual(
      expect.arrayContaining([
        { id: 1000, ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
        { id: 1001, ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) },
      ]),
    );
  });

  it("relays main's update state to the page, as an event and through update.status", async () => {
    await expect(client['update.status']({})).resolves.toEqual({ state: 'unavailable' });
    const ready = { state: 'ready', version: '2.0.0', notes: 'Faster search.' } as const;
    const seen = new Promise<unknown>((resolve) => {
      const off = client.on('update.status', (state) => {
        off();
        resolve(state);
      });
    });
    parentPort.emit('message', { data: { type: 'update-state', state: ready }, ports: [] });
    expect(await seen).toEqual(ready);
    await expect(client['update.status']({})).resolves.toEqual(ready);
  });

  it('lets nobody but a signed-in person restart into an update', async () => {
    await expect(client['update.install']({})).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
    await expect(client['update.check']({})).rejects.toMatchObject({ code: 'SESSION_REQUIRED' });
    expect(parentPort.postMessage).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'update-command' }));
  });
});
