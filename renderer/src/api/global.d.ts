import type { VetdeskClient } from '../../../core/api/client.js';

declare global {
  interface Window {
    /**
     * The API exposed by the Electron preload (contextBridge). Absent in a plain browser,
     * where the renderer talks to the web bridge instead (see `./client.ts`).
     */
    readonly vetdesk?: VetdeskClient;
  }
}

export {};
