// The preload of the main window: the page's only way to the backend. Sandboxed, so it is
// bundled to CommonJS (`npm run build:electron`) and may require nothing but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CONNECT_CHANNEL, IPC_PORT_CHANNEL, type PortRelay } from '../../core/api/ipc-protocol.js';
import { type RelayPort, createPortRelay } from './port-relay.js';

const { relay, receive } = createPortRelay(() => {
  ipcRenderer.send(IPC_CONNECT_CHANNEL);
});

ipcRenderer.on(IPC_PORT_CHANNEL, (event) => {
  // The runtime object is a DOM MessagePort, which has the RelayPort methods; the preload is
  // compiled without DOM types, so the port is taken as unknown and named by the subset used.
  const ports: readonly unknown[] = event.ports;
  const port = ports[0];
  if (port) receive(port as RelayPort);
});

// Exactly one global: a frame relay. Only functions and plain data cross the bridge: no
// ipcRenderer, port or Node object reaches the page, and every frame is validated on the page
// (contractClient) and in the backend (serveContract).
contextBridge.exposeInMainWorld('vetdeskPort', relay satisfies PortRelay);
