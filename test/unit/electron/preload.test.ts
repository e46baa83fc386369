import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API } from '../../../core/api/contract.js';
import { IPC_CONNECT_CHANNEL, IPC_PORT_CHANNEL } from '../../../core/api/ipc-protocol.js';
import { createPortClient } from '../../../electron/preload/port-client.js';
import { exposed, ipcRenderer, resetElectronMock } from './electron-mock.js';

vi.mock('electron', () => import('./electron-mock.js'));

beforeEach(() => {
  resetElectronMock();
});

describe('preload', () => {
  it('exposes only `vetdesk`, whose keys are exactly the contract’s operations plus `on`', async () => {
    vi.resetModules();
    await import('../../../electron/preload/preload.js');
    expect(exposed.map((entry) => entry.key)).toEqual(['vetdesk']);
    const api = exposed[0]!.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API), 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // It asks main for its port; nothing Electron-shaped is reachable from the exposed object.
    expect(ipcRenderer.sent).toEqual([[IPC_CONNECT_CHANNEL]]);
    expect(ipcRenderer.listenerCount(IPC_PORT_CHANNEL)).toBe(1);
  });
});

describe('preload port client', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('queues calls until the port arrives, then matches answers by id', async () => {
    const { client, attach } = createPortClient();
    const staff = client['staff.list']({});
    const sent: unknown[] = [];
    let deliver: (data: unknown) => void = () => undefined;
    attach({
      postMessage: (message) => sent.push(message),
      addEventListener: (_type, listener) => {
        deliver = (data) => {
          listener({ data });
        };
      },
      start: () => undefined,
    });
    expect(sent).toEqual([{ id: 0, op: 'staff.list', input: {} }]);
    deliver({ id: 0, ok: true, result: [] });
    await expect(staff).resolves.toEqual([]);
  });

  it('rejects with the AppError wire shape when the backend does not answer in time', async () => {
    vi.useFakeTimers();
    const { client } = createPortClient(1_000);
    const call = client['session.current']({});
    vi.advanceTimersByTime(1_000);
    await expect(call).rejects.toMatchObject({ code: 'INTERNAL', details: { op: 'session.current' } });
  });
});
