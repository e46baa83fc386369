import type { VetdeskClient, VetdeskEventName, VetdeskEvents } from '../../core/api/client.js';
import { API, type ApiName } from '../../core/api/contract.js';
import { type IpcRequest, ipcBackendMessageSchema } from '../../core/api/ipc-protocol.js';
import { AppError, ErrorCode, type WireError } from '../../core/errors.js';

/** How long a call may wait for its answer, including time queued before the port arrives. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * The part of the page-side MessagePort the client uses (a DOM MessagePort in the preload; a
 * `node:worker_threads` port in tests). Declared here so the preload needs no DOM types.
 */
export interface ClientPort {
  postMessage(message: IpcRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: WireError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** A VetdeskClient over a port that may arrive later, and the way to hand it the port. */
export interface PortClient {
  client: VetdeskClient;
  /** Connects the client to the backend; calls queued so far are sent at once. */
  attach: (port: ClientPort) => void;
}

/**
 * Builds the `window.vetdesk` object: one function per operation of the contract (taken from
 * `Object.keys(API)`, so nothing outside the contract can be exposed) plus `on`. Calls made
 * before the port arrives are queued. Each call has a request id and a timeout.
 *
 * Rejections are plain `{ code, message, details? }` objects (AppError's wire shape), not Error
 * instances: contextBridge drops custom properties of Errors, so the code would not survive.
 * The page rebuilds an AppError with `AppError.fromWire`.
 */
export function createPortClient(timeoutMs = DEFAULT_CALL_TIMEOUT_MS): PortClient {
  let port: ClientPort | null = null;
  let nextId = 0;
  const queue: IpcRequest[] = [];
  const pending = new Map<number, Pending>();
  const listeners: { [Event in VetdeskEventName]: Set<(payload: VetdeskEvents[Event]) => void> } = {
    'sync.status': new Set(),
    'data.changed': new Set(),
  };

  const onMessage = ({ data }: { data: unknown }) => {
    const parsed = ipcBackendMessageSchema.safeParse(data);
    if (!parsed.success) return; // not from our backend's protocol: ignore rather than crash the page
    const message = parsed.data;
    if ('event' in message) {
      if (message.event === 'sync.status') for (const listener of listeners['sync.status']) listener(message.payload);
      else for (const listener of listeners['data.changed']) listener(message.payload);
      return;
    }
    if (message.id === null) return; // a request this client never sends (malformed)
    const call = pending.get(message.id);
    if (!call) return; // answered after its timeout
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) call.resolve(message.result);
    else call.reject(message.error);
  };

  const request = (op: ApiName, input: unknown): Promise<unknown> =>
    new Promise((resolve, reject: (reason: WireError) => void) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        const index = queue.findIndex((queued) => queued.id === id);
        if (index >= 0) queue.splice(index, 1);
        // A plain wire object, not an Error: see the TSDoc above (contextBridge drops `code`).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(
          new AppError(ErrorCode.Internal, `The VetDesk backend did not answer ${op} within ${timeoutMs} ms`, {
            op,
            timeoutMs,
          }).toWire(),
        );
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      const message: IpcRequest = { id, op, input };
      if (port) port.postMessage(message);
      else queue.push(message);
    });

  const operations: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const op of Object.keys(API) as ApiName[]) {
    operations[op] = (input: unknown) => request(op, input);
  }
  const client = {
    ...operations,
    on<Event extends VetdeskEventName>(event: Event, listener: (payload: VetdeskEvents[Event]) => void) {
      // Only the contract's events: an unknown name from the page gets no subscription.
      const set = listeners[event] as Set<(payload: VetdeskEvents[Event]) => void> | undefined;
      if (!set) return () => undefined;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    // The operations were built from Object.keys(API) above, so every contract name has its
    // function; TypeScript cannot follow a loop over keys, hence the cast.
  } as VetdeskClient;

  return {
    client,
    attach: (newPort) => {
      port = newPort;
      newPort.addEventListener('message', onMessage);
      newPort.start();
      for (const message of queue.splice(0)) newPort.postMessage(message);
    },
  };
}
