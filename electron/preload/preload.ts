// The preload of the main window: the page's only way to the backend. Sandboxed, so it is
// bundled to CommonJS (`npm run build:electron`) and may require nothing but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import type { VetdeskClient } from '../../core/api/client.js';
import { IPC_CONNECT_CHANNEL, IPC_PORT_CHANNEL } from '../../core/api/ipc-protocol.js';
import { type ClientPort, createPortClient } from './port-client.js';

const { client, attach } = createPortClient();

ipcRenderer.once(IPC_PORT_CHANNEL, (event) => {
  // The runtime object is a DOM MessagePort, which has the ClientPort methods; the preload is
  // compiled without DOM types, so the port is taken as unknown and named by the subset used.
  const ports: readonly unknown[] = event.ports;
  const port = ports[0];
  if (port) attach(port as ClientPort);
});
ipcRenderer.send(IPC_CONNECT_CHANNEL);

// Exactly one global. Only functions and plain data cross the bridge: no ipcRenderer, port or
// Node object reaches the page.
contextBridge.exposeInMainWorld('vetdesk', client satisfies VetdeskClient);
