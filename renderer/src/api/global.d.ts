import type { PortRelay } from '../../../core/api/ipc-protocol.js';

declare global {
  interface Window {
    /**
     * The frame relay exposed by the Electron preload (contextBridge). Absent in a plain
     * browser, where the renderer talks to the web bridge instead (see `./client.ts`).
     */
    readonly vetdeskPort?: PortRelay;
  }
}

export {};
