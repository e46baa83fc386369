import { API } from '../../core/api/contract.js';
import { type IpcBackendMessage, type IpcEvent, ipcRequestSchema } from '../../core/api/ipc-protocol.js';
import { AppError, ErrorCode, type WireError, isAppError, validationError } from '../../core/errors.js';
import type { Workstation } from '../backend/workstation.js';

/**
 * The part of a message port the backend uses. Electron's `MessagePortMain` has exactly this
 * shape; tests adapt a `node:worker_threads` port to it.
 */
export interface BackendPort {
  postMessage(message: IpcBackendMessage): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  /** The other end went away (the page reloaded or closed). */
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** Turns anything a handler threw into the wire shape, without leaking stack traces. */
function toWireError(error: unknown): WireError {
  if (isAppError(error)) return error.toWire();
  return new AppError(ErrorCode.Internal, error instanceof Error ? error.message : String(error)).toWire();
}

/**
 * The answer to a message that failed validation: NOT_FOUND for an operation outside the
 * contract, VALIDATION_FAILED otherwise; with the request's id when one can be read, so the
 * caller is not left waiting.
 */
function rejectMalformed(data: unknown): IpcBackendMessage {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const id = record['id'];
  const op = record['op'];
  const error =
    typeof op === 'string' && !Object.hasOwn(API, op)
      ? new AppError(ErrorCode.NotFound, `Unknown operation ${op}`)
      : validationError('Malformed request');
  return {
    id: typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null,
    ok: false,
    error: error.toWire(),
  };
}

/**
 * Serves the API contract of `workstation` on `port`: answers each `{id, op, input}` request
 * with `{id, ok, result | error}` (errors as AppError's wire shape; input is validated by the
 * backend against the contract) and pushes `sync.status` and `data.changed` events.
 * Requests run concurrently; answers may arrive out of order and are matched by id.
 * Malformed requests are answered VALIDATION_FAILED (NOT_FOUND for an unknown operation),
 * with `id: null` when they carry no readable id.
 * @returns a function that stops serving (unsubscribes from events and closes the port).
 */
export function servePort(port: BackendPort, workstation: Workstation): () => void {
  const send = (message: IpcBackendMessage) => {
    port.postMessage(message);
  };
  const push = (event: IpcEvent) => {
    send(event);
  };

  port.on('message', ({ data }) => {
    const parsed = ipcRequestSchema.safeParse(data);
    if (!parsed.success) {
      send(rejectMalformed(data));
      return;
    }
    const { id, op, input } = parsed.data;
    // `call` validates `input` against the operation's schema, so the cast only hands
    // unchecked data to the function that checks it.
    workstation.backend.call(op, input as never).then(
      (result) => {
        send({ id, ok: true, result });
      },
      (error: unknown) => {
        send({ id, ok: false, error: toWireError(error) });
      },
    );
  });

  const offStatus = workstation.sync.onStatus((status) => {
    push({ event: 'sync.status', payload: status });
  });
  const offChange = workstation.replica.onChange((tables) => {
    push({ event: 'data.changed', payload: { tables: [...tables] } });
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    offStatus();
    offChange();
    port.close();
  };
  // A reloaded page gets a new port; the old one's listeners must not pile up.
  port.on('close', stop);
  port.start();
  return stop;
}
