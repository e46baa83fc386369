import {
  BRIDGE_PROTOCOL_VERSION,
  BRIDGE_SUBPROTOCOL,
  BridgeCloseCode,
  bridgeAuthProtocol,
  bridgeServerMessageSchema,
  parseBridgeMessage,
  type BridgeClientMessage,
} from '../../../core/api/bridge-protocol.js';
import type { VetdeskClient, VetdeskEventName, VetdeskEvents } from '../../../core/api/client.js';
import { API, type ApiName } from '../../../core/api/contract.js';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import { REPLICATED_TABLE_NAMES } from '../../../core/sync/tables.js';

/** Tuning of the web-bridge client; the defaults suit people, tests may shorten them. */
export interface BridgeClientOptions {
  /** Milliseconds before an unanswered request fails with BACKEND_UNAVAILABLE (default 15 000). */
  requestTimeoutMs?: number;
  /** Reconnection backoff: first delay and cap in milliseconds (default 250 and 5 000). */
  backoff?: { baseMs: number; maxMs: number };
}

const SECRET_KEY = 'vetdesk.bridgeSecret';

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

/**
 * The UI's client: `window.vetdesk` in the desktop app (the Electron preload), otherwise the
 * web bridge on this page's own origin, authenticated with the secret from the page URL.
 * Errors from calls are AppErrors (`code`, `message`, `details`).
 */
export function createVetdeskClient(options: BridgeClientOptions = {}): VetdeskClient {
  if (window.vetdesk) return window.vetdesk;
  return createBridgeClient(`ws://${window.location.host}/`, takeSecret(), options);
}

type Listener = (payload: never) => void;
interface Pending {
  message: BridgeClientMessage & { id: number };
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A VetdeskClient over the web bridge at `url`. Connects at once and reconnects after drops
 * with exponential backoff (full jitter). Calls made while disconnected wait for the connection
 * within their timeout. A call in flight when the connection drops fails with
 * BACKEND_UNAVAILABLE (it may or may not have run). After a reconnection it emits `data.changed`
 * for every table and the current `sync.status`, since events may have been missed. A protocol
 * mismatch (the app was updated under the page) fails every call with PROTOCOL_MISMATCH and
 * stops reconnecting: the page must be reloaded.
 */
export function createBridgeClient(
  url: string,
  secret: string | null,
  options: BridgeClientOptions = {},
): VetdeskClient {
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 5_000 };
  const pending = new Map<number, Pending>();
  const listeners = new Map<VetdeskEventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let ready = false;
  let everReady = false;
  let attempt = 0;
  let nextId = 1;
  let fatal: AppError | null = secret
    ? null
    : new AppError(
        ErrorCode.Unauthenticated,
        'Open VetDesk from the link `npm start` printed (it carries the access key)',
      );

  const emit = <Event extends VetdeskEventName>(event: Event, payload: VetdeskEvents[Event]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (value: VetdeskEvents[Event]) => void)(payload);
  };
  const settle = (id: number, outcome: { value: unknown } | { error: AppError }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value);
  };
  const flush = () => {
    if (!ready || !socket) return;
    for (const entry of pending.values()) {
      if (entry.sent) continue;
      entry.sent = true;
      socket.send(JSON.stringify(entry.message));
    }
  };
  const failAll = (error: AppError, onlySent: boolean) => {
    for (const [id, entry] of pending) if (entry.sent || !onlySent) settle(id, { error });
  };

  const connect = () => {
    if (fatal || !secret) return;
    const ws = new WebSocket(url, [BRIDGE_SUBPROTOCOL, bridgeAuthProtocol(secret)]);
    socket = ws;
    ws.onopen = () => {
      ws.send(
        JSON.stringify({ hello: 'vetdesk', protocolVersion: BRIDGE_PROTOCOL_VERSION } satisfies BridgeClientMessage),
      );
    };
    ws.onmessage = (event: MessageEvent<unknown>) => {
      const message =
        typeof event.data === 'string' ? parseBridgeMessage(bridgeServerMessageSchema, event.data) : undefined;
      if (!message) return; // Nothing valid to act on; the request it belonged to times out.
      if ('welcome' in message) {
        ready = true;
        attempt = 0;
        const reconnected = everReady;
        everReady = true;
        flush();
        if (reconnected) {
          emit('data.changed', { tables: [...REPLICATED_TABLE_NAMES] });
          void call('sync.status', {}).then(
            (status) => {
              emit('sync.status', status);
            },
            () => undefined,
          );
        }
      } else if ('event' in message) {
        if (message.event === 'sync.status') emit('sync.status', message.payload);
        else emit('data.changed', message.payload);
      } else if (message.id !== null) {
        settle(message.id, message.ok ? { value: message.result } : { error: AppError.fromWire(message.error) });
      }
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      if (event.code === BridgeCloseCode.ProtocolMismatch) {
        fatal = new AppError(ErrorCode.ProtocolMismatch, 'VetDesk was updated: reload the page', {
          server: event.reason,
        });
        failAll(fatal, false);
        return;
      }
      failAll(new AppError(ErrorCode.BackendUnavailable, 'The connection to the workstation was lost'), true);
      const delay = Math.random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
      attempt += 1;
      setTimeout(connect, delay);
    };
  };

  const call = (op: ApiName, input: unknown): Promise<never> =>
    new Promise<never>((resolve, reject) => {
      if (fatal) {
        reject(fatal);
        return;
      }
      if (!Object.hasOwn(API, op)) {
        reject(validationError([{ path: ['op'], message: `Unknown operation ${op}` }]));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        settle(id, { error: new AppError(ErrorCode.BackendUnavailable, `${op} got no answer in ${timeoutMs} ms`) });
      }, timeoutMs);
      pending.set(id, {
        message: { id, op, input: input ?? {} },
        sent: false,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
      });
      flush();
    });

  connect();

  const operations = Object.fromEntries(
    (Object.keys(API) as ApiName[]).map((op) => [op, (input: unknown) => call(op, input)]),
  ) as unknown as Omit<VetdeskClient, 'on'>;
  return {
    ...operations,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
