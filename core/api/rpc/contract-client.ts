import { AppError, ErrorCode, isAppError, isRetryable } from '../../errors.js';
import { REPLICATED_TABLE_NAMES } from '../../sync/tables.js';
import type { ConnectionState, VetdeskClient, VetdeskEventName, VetdeskEvents } from '../client.js';
import { API, SLOW_OPERATIONS, type ApiName } from '../contract.js';
import { serverFrameSchema, type ClientFrame, type RequestFrame } from './frames.js';
import { startHeartbeat } from './heartbeat.js';
import type { FrameTransport, Timers } from './transport.js';

/** Tuning of the client; the defaults suit people, tests shorten them. */
export interface ContractClientOptions {
  /**
   * Opens one connection, handshake done. Rejects with an AppError: a retryable one
   * (BACKEND_UNAVAILABLE) means "try again later", any other stops the client (`failed`).
   */
  connect: () => Promise<FrameTransport<ClientFrame>>;
  timers: Timers;
  /** An unanswered call fails with BACKEND_UNAVAILABLE after this long (default 15 000 ms). */
  callTimeoutMs?: number;
  /** The same for `SLOW_OPERATIONS` (server round trips and password hashes; default 60 000 ms). */
  slowCallTimeoutMs?: number;
  /** A connection attempt that has not succeeded after this long counts as failed (default 5 000 ms). */
  connectTimeoutMs?: number;
  /** A ping every `intervalMs`; no frame within `timeoutMs` of one ends the connection (default 1 000 / 4 000 ms). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** Reconnection backoff with full jitter: first delay and cap (default 250 / 3 000 ms). */
  backoff?: { baseMs: number; maxMs: number };
}

/** A VetdeskClient that can also be shut down (tests; a page never needs to). */
export interface ContractClient extends VetdeskClient {
  /** Stops reconnecting, closes the connection and fails pending calls. */
  close(): void;
}

interface Pending {
  frame: RequestFrame;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: unknown;
}

type Listener = (payload: never) => void;

const unreachable = (message: string) => new AppError(ErrorCode.BackendUnavailable, message);

/**
 * The one client of the API contract, run by the page over the web bridge's WebSocket and over
 * the desktop app's MessagePort alike.
 *
 * Guarantees: calls reject only with AppErrors, rebuilt from the wire. A call waits for the
 * first connection; once one was lost, calls fail at once with BACKEND_UNAVAILABLE until the
 * client has reconnected (with backoff). A call in flight when the connection drops fails with
 * BACKEND_UNAVAILABLE (it may or may not have run), as does one unanswered after
 * `callTimeoutMs` (`slowCallTimeoutMs` for `SLOW_OPERATIONS`). A heartbeat detects a backend that stopped answering (hung, or a half-open
 * connection) within `heartbeat.timeoutMs`. After a reconnection it emits `data.changed` for
 * every table and the current `sync.status`, since events may have been missed.
 */
export function contractClient(options: ContractClientOptions): ContractClient {
  const { timers } = options;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const slowCallTimeoutMs = options.slowCallTimeoutMs ?? 60_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const heartbeat = options.heartbeat ?? { intervalMs: 1_000, timeoutMs: 4_000 };
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 3_000 };
  const pending = new Map<number, Pending>();
  const listeners = new Map<VetdeskEventName, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = { state: 'connecting' };
  let transport: FrameTransport<ClientFrame> | null = null;
  let stopHeartbeat: () => void = () => undefined;
  let everConnected = false;
  let attempt = 0;
  let nextId = 1;
  let closed = false;
  let retryTimer: unknown = null;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };
  const emit = <Event extends VetdeskEventName>(event: Event, payload: VetdeskEvents[Event]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (value: VetdeskEvents[Event]) => void)(payload);
  };
  const settle = (id: number, outcome: { value: unknown } | { error: AppError }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    timers.clear(entry.timer);
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value);
  };
  const failAll = (error: AppError) => {
    for (const id of [...pending.keys()]) settle(id, { error });
  };
  const flush = () => {
    if (!transport) return;
    for (const entry of pending.values()) {
      if (entry.sent) continue;
      entry.sent = true;
      transport.send(entry.frame);
    }
  };

  const onFrame = (data: unknown) => {
    const parsed = serverFrameSchema.safeParse(data);
    if (!parsed.success) return; // nothing valid to act on; the call it belonged to times out
    const frame = parsed.data;
    if ('pong' in frame) return;
    if ('event' in frame) {
      if (frame.event === 'sync.status') emit('sync.status', frame.payload);
      else if (frame.event === 'update.status') emit('update.status', frame.payload);
      else emit('data.changed', frame.payload);
      return;
    }
    if (frame.id === null) return; // an answer to a malformed frame, which this client never sends
    settle(frame.id, frame.ok ? { value: frame.result } : { error: AppError.fromWire(frame.error) });
  };

  /** The connection `lost` ended: fail what was sent on it and try again later. */
  const lose = (lost: FrameTransport<ClientFrame>, error: AppError) => {
    if (transport !== lost) return;
    transport = null;
    stopHeartbeat();
    lost.close();
    setState({ state: 'unreachable', error: error.toWire() });
    failAll(error);
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (closed || state.state === 'failed') return;
    const delay = Math.random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
    attempt += 1;
    retryTimer = timers.set(connect, delay);
  };

  const connected = (opened: FrameTransport<ClientFrame>) => {
    transport = opened;
    attempt = 0;
    const reconnected = everConnected;
    everConnected = true;
    opened.onFrame(onFrame);
    opened.onClose(() => {
      lose(opened, unreachable('The connection to the workstation backend was lost'));
    });
    stopHeartbeat = startHeartbeat(opened, timers, heartbeat, () => {
      lose(opened, unreachable('The connection to the workstation backend was lost'));
    });
    setState({ state: 'connected' });
    flush();
    if (reconnected) {
      emit('data.changed', { tables: [...REPLICATED_TABLE_NAMES] });
      call('sync.status', {}).then(
        (status) => {
          emit('sync.status', status as VetdeskEvents['sync.status']);
        },
        () => undefined,
      );
    }
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    let settled = false;
    const deadline = timers.set(() => {
      settled = true;
      failed(unreachable(`The workstation backend did not accept a connection within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    options.connect().then(
      (opened) => {
        if (settled || closed) {
          opened.close();
          return;
        }
        settled = true;
        timers.clear(deadline);
        connected(opened);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        timers.clear(deadline);
        failed(isAppError(error) ? error : unreachable('The workstation backend could not be reached'));
      },
    );
  };

  /** A connection attempt failed: retry when the cause is transient, otherwise stop for good. */
  const failed = (error: AppError) => {
    if (closed) return;
    if (isRetryable(error.code)) {
      setState({ state: 'unreachable', error: error.toWire() });
      failAll(error);
      scheduleReconnect();
    } else {
      setState({ state: 'failed', error: error.toWire() });
      failAll(error);
    }
  };

  const call = (op: ApiName, input: unknown): Promise<unknown> =>
    new Promise<unknown>((resolve, reject: (error: AppError) => void) => {
      if (state.state === 'unreachable' || state.state === 'failed') {
        reject(AppError.fromWire(state.error));
        return;
      }
      const id = nextId++;
      const timeoutMs = SLOW_OPERATIONS.has(op) ? slowCallTimeoutMs : callTimeoutMs;
      const timer = timers.set(() => {
        settle(id, {
          error: new AppError(ErrorCode.BackendUnavailable, `${op} got no answer in ${timeoutMs} ms`, {
            op,
            timeoutMs,
          }),
        });
      }, timeoutMs);
      pending.set(id, { frame: { id, op, input: input ?? {} }, sent: false, resolve, reject, timer });
      flush();
    });

  connect();

  const operations = Object.fromEntries(
    (Object.keys(API) as ApiName[]).map((op) => [op, (input: unknown) => call(op, input)]),
  ) as unknown as Omit<VetdeskClient, 'on' | 'connection' | 'onConnection'>;
  return {
    ...operations,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    connection: () => state,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer !== null) timers.clear(retryTimer);
      const current = transport;
      if (current) lose(current, unreachable('The client was closed'));
      setState({ state: 'failed', error: unreachable('The client was closed').toWire() });
      failAll(unreachable('The client was closed'));
    },
  };
}
