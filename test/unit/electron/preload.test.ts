import { MessageChannel } from 'node:worker_threads';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CONNECT_CHANNEL, IPC_PORT_CHANNEL, type PortRelay } from '../../../core/api/ipc-protocol.js';
import { createPortRelay, type RelayPort } from '../../../electron/preload/port-relay.js';
import { exposed, ipcRenderer, resetElectronMock } from './electron-mock.js';

vi.mock('electron', () => import('./electron-mock.js'));

beforeEach(() => {
  resetElectronMock();
});

/** The next message on a worker_threads port. */
function nextMessage(port: MessageChannel['port1']): Promise<unknown> {
  return new Promise((resolve) => port.once('message', resolve));
}

describe('preload', () => {
  it('exposes only `vetdeskPort`, a frame relay of four functions, and asks main for a port on connect', async () => {
    vi.resetModules();
    await import('../../../electron/preload/preload.js');
    expect(exposed.map((entry) => entry.key)).toEqual(['vetdeskPort']);
    const relay = exposed[0]!.api as PortRelay;
    expect(Object.keys(relay).sort()).toEqual(['close', 'connect', 'onFrame', 'send']);
    for (const value of Object.values(relay)) expect(typeof value).toBe('function');
    // Nothing Electron-shaped is reachable from the exposed object; the port is asked for on demand.
    expect(ipcRenderer.sent).toEqual([]);
    expect(ipcRenderer.listenerCount(IPC_PORT_CHANNEL)).toBe(1);

    const connected = relay.connect();
    expect(ipcRenderer.sent).toEqual([[IPC_CONNECT_CHANNEL]]);
    const channel = new MessageChannel();
    ipcRenderer.emit(IPC_PORT_CHANNEL, { ports: [channel.port2] });
    await connected;
    const sent = nextMessage(channel.port1);
    relay.send({ id: 1, op: 'staff.list', input: {} });
    expect(await sent).toEqual({ id: 1, op: 'staff.list', input: {} });
    channel.port1.close();
  });
});

describe('preload port relay', () => {
  it('relays frames both ways, untouched, and drops frames from a port it replaced', async () => {
    const channels: MessageChannel[] = [];
    const { relay, receive } = createPortRelay(() => {
      const channel = new MessageChannel();
      channels.push(channel);
      receive(channel.port2 as unknown as RelayPort);
    });
    const frames: unknown[] = [];
    relay.onFrame((frame) => frames.push(frame));
    await relay.connect();
    const first = channels[0]!;
    const arrived = new Promise<void>((resolve) => {
      relay.onFrame(() => {
        resolve();
      });
    });
    first.port1.postMessage({ anything: 'at all' });
    await arrived;
    expect(frames).toEqual([{ anything: 'at all' }]);

    // A reconnection gets a new port; the old one is closed and its late frames are dropped.
    await relay.connect();
    expect(channels).toHaveLength(2);
    const second = channels[1]!;
    const echoed = nextMessage(second.port1);
    relay.send({ ping: 1 });
    expect(await echoed).toEqual({ ping: 1 });
    const late = new Promise<void>((resolve) => {
      relay.onFrame(() => {
        resolve();
      });
    });
    second.port1.postMessage({ pong: 1 });
    await late;
    expect(frames).toEqual([{ anything: 'at all' }, { pong: 1 }]);
    for (const channel of channels) channel.port1.close();
  });
});
