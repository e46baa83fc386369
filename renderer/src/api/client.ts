import { BRIDGE_KEY_HEADER, BRIDGE_KEY_PATH } from '../../../core/api/bridge-protocol.js';
import type { VetdeskClient } from '../../../core/api/client.js';
import { contractClient, type ContractClientOptions } from '../../../core/api/rpc/contract-client.js';
import type { Timers } from '../../../core/api/rpc/transport.js';
import { websocketConnector, type WebSocketLike } from '../../../core/api/rpc/websocket-connector.js';
import { portConnector } from './port-connector.js';

/** Tuning of the client; the defaults suit people, tests may shorten them. */
export type ClientTuning = Omit<ContractClientOptions, 'connect' | 'timers'>;

const SECRET_KEY = 'vetdesk.bridgeSecret';

const browserTimers: Timers = {
  set: (callback, ms) => window.setTimeout(callback, ms),
  clear: (handle) => {
    window.clearTimeout(handle as number);
  },
};

/**
 * The bridge secret: taken from `#secret=...` (then removed from the address bar, so it is
 * neither bookmarked nor shown) and kept in sessionStorage, which survives a reload of this tab
 * but not the browser, and which only this origin's scripts (ours, by the CSP) can read.
 */
function takeSecret(): string | null {
  const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    window.sessionStorage.setItem(SECRET_KEY, match[1]);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return window.sessionStorage.getItem(SECRET_KEY);
}

/** Whether the bridge says this page's secret is not its own (a link from an earlier launch). */
async function keyRefused(secret: string): Promise<boolean> {
  const response = await fetch(BRIDGE_KEY_PATH, { headers: { [BRIDGE_KEY_HEADER]: secret }, cache: 'no-store' });
  return response.status === 403;
}

/**
 * The UI's client: the same `contractClient` in the desktop app (over the preload's port relay,
 * `window.vetdeskPort`) and in a browser (over the web bridge on this page's own origin,
 * authenticated with the secret from the page URL). Calls reject with AppErrors on both.
 */
export function createVetdeskClient(tuning: ClientTuning = {}): VetdeskClient {
  const connect = window.vetdeskPort
    ? portConnector(window.vetdeskPort)
    : websocketConnector(
        `ws://${window.location.host}/`,
        takeSecret(),
        // The DOM WebSocket has every WebSocketLike member; its handler types are narrower.
        (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
        keyRefused,
      );
  return contractClient({ ...tuning, connect, timers: browserTimers });
}
